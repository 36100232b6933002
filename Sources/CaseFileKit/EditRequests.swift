import CaseStore
import Foundation

/// The edits the CLI offers, each a small value the CLI fills from its options.
package enum EditRequests {
  /// Adds a witness, creating the person too when `person` is nil.
  package struct AddWitness: Sendable {
    package var person: String?
    package var given: [String] = []
    package var family: String?
    package var kind: WitnessKind
    package var key = false
    package var dateOfBirth: String?
    package var address: String?
    package var phone: String?
    package var email: String?
    package var specialMeasures: [String] = []
    package var datesToAvoid: [String] = []
    package var interpreter: String?

    package init(kind: WitnessKind) { self.kind = kind }

    /// Applies the request, returning the new witness id (and person id when made).
    package func apply(to record: inout CaseRecord) throws -> String {
      var personId = person
      if personId == nil {
        guard let family else {
          throw KitError.usage("give --person ID, or --family (and --given) for a new person")
        }
        let id = record.nextId("P")
        record.people.append(
          Person(
            id: id, roles: [Self.role(for: kind)], name: PersonName(given: given, family: family),
            dateOfBirth: dateOfBirth, address: address, phone: phone, email: email))
        personId = id
      } else if let id = personId {
        let index = try record.index(of: id, in: record.people, id: \.id, kind: "person")
        let role = Self.role(for: kind)
        if !record.people[index].roles.contains(role) { record.people[index].roles.append(role) }
      }
      let witnessId = record.nextId("W")
      record.witnesses.append(
        Witness(
          id: witnessId, person: personId ?? "", kind: kind, key: key,
          specialMeasures: specialMeasures,
          datesToAvoid: datesToAvoid, interpreter: interpreter))
      return witnessId
    }

    static func role(for kind: WitnessKind) -> PersonRole {
      switch kind {
      case .victim: return .victim
      case .civilian: return .civilianWitness
      case .expert: return .expertWitness
      case .police: return .policeWitness
      case .officerInCase: return .officerInCase
      }
    }
  }

  /// Changes a witness's key flag, kind, special measures or dates to avoid.
  package struct UpdateWitness: Sendable {
    package var witness: String
    package var key: Bool?
    package var kind: WitnessKind?
    package var specialMeasures: [String]?
    package var datesToAvoid: [String]?
    package var interpreter: String?

    package init(witness: String) { self.witness = witness }

    package func apply(to record: inout CaseRecord) throws {
      let index = try record.index(of: witness, in: record.witnesses, id: \.id, kind: "witness")
      if let key { record.witnesses[index].key = key }
      if let kind { record.witnesses[index].kind = kind }
      if let specialMeasures { record.witnesses[index].specialMeasures = specialMeasures }
      if let datesToAvoid { record.witnesses[index].datesToAvoid = datesToAvoid }
      if let interpreter {
        record.witnesses[index].interpreter = interpreter.isEmpty ? nil : interpreter
      }
    }
  }

  /// Adds an MG11 statement from text or a stored media recording.
  package struct AddStatement: Sendable {
    package var witness: String
    package var date: String
    package var text: String?
    package var media: String?
    package var exhibits: [String] = []

    package init(witness: String, date: String) {
      self.witness = witness
      self.date = date
    }

    package func apply(to record: inout CaseRecord) throws -> String {
      let id = record.nextId("S")
      record.statements.append(
        Statement(
          id: id, witness: witness, date: date, text: text, media: media, exhibits: exhibits))
      return id
    }
  }

  /// Adds an exhibit.
  package struct AddExhibit: Sendable {
    package var reference: String
    package var description: String
    package var producedBy: String
    package var seizedAt: String?
    package var seizedFrom: String?
    package var media: [String] = []

    package init(reference: String, description: String, producedBy: String) {
      self.reference = reference
      self.description = description
      self.producedBy = producedBy
    }

    package func apply(to record: inout CaseRecord) throws -> String {
      guard record.exhibits.allSatisfy({ $0.reference != reference }) else {
        throw KitError.badInput(
          "exhibit reference \(reference) is already used in case \(record.urn)")
      }
      let id = record.nextId("E")
      record.exhibits.append(
        Exhibit(
          id: id, reference: reference, description: description, producedBy: producedBy,
          seizedAt: seizedAt, seizedFrom: seizedFrom, media: media))
      return id
    }
  }

  /// Records a continuity event (a hand-over or movement) on an exhibit.
  package struct AddContinuity: Sendable {
    package var exhibit: String
    package var event: ContinuityEvent

    package init(exhibit: String, event: ContinuityEvent) {
      self.exhibit = exhibit
      self.event = event
    }

    package func apply(to record: inout CaseRecord) throws {
      let index = try record.index(of: exhibit, in: record.exhibits, id: \.id, kind: "exhibit")
      record.exhibits[index].continuity.append(event)
    }
  }

  /// Links an exhibit to the statement that produces it.
  package struct LinkExhibit: Sendable {
    package var exhibit: String
    package var statement: String

    package init(exhibit: String, statement: String) {
      self.exhibit = exhibit
      self.statement = statement
    }

    package func apply(to record: inout CaseRecord) throws {
      _ = try record.index(of: exhibit, in: record.exhibits, id: \.id, kind: "exhibit")
      let index = try record.index(
        of: statement, in: record.statements, id: \.id, kind: "statement")
      if !record.statements[index].exhibits.contains(exhibit) {
        record.statements[index].exhibits.append(exhibit)
      }
    }
  }

  /// Adds an item of unused material.
  package struct AddUnused: Sendable {
    package var description: String
    package var sensitivity: Sensitivity
    package var reason: String?

    package init(description: String, sensitivity: Sensitivity, reason: String?) {
      self.description = description
      self.sensitivity = sensitivity
      self.reason = reason
    }

    package func apply(to record: inout CaseRecord) throws -> String {
      let id = record.nextId("U")
      record.unused.append(
        UnusedItem(id: id, description: description, sensitivity: sensitivity, reason: reason))
      return id
    }
  }

  /// Changes the sensitivity or reason of an unused item.
  package struct UpdateUnused: Sendable {
    package var item: String
    package var sensitivity: Sensitivity?
    package var reason: String?

    package init(item: String) { self.item = item }

    package func apply(to record: inout CaseRecord) throws {
      let index = try record.index(of: item, in: record.unused, id: \.id, kind: "unused item")
      if let sensitivity { record.unused[index].sensitivity = sensitivity }
      if let reason { record.unused[index].reason = reason.isEmpty ? nil : reason }
    }
  }

  /// Attaches an already ingested media object to the case, and optionally to a record.
  package struct AttachMedia: Sendable {
    package var file: String
    package var ingest: MediaIngest
    package var mediaType: String
    package var description: String?
    /// An exhibit, interview or statement to attach the media to.
    package var target: String?

    package init(file: String, ingest: MediaIngest, mediaType: String) {
      self.file = file
      self.ingest = ingest
      self.mediaType = mediaType
    }

    package func apply(to record: inout CaseRecord) throws -> String {
      let id = record.nextId("M")
      record.media.append(
        MediaObject(
          id: id, file: (file as NSString).lastPathComponent, sha256: ingest.sha256,
          mediaType: mediaType,
          size: ingest.size, description: description))
      guard let target else { return id }
      if let index = record.exhibits.firstIndex(where: { $0.id == target }) {
        record.exhibits[index].media.append(id)
      } else if let index = record.interviews.firstIndex(where: { $0.id == target }) {
        record.interviews[index].media.append(id)
      } else if let index = record.statements.firstIndex(where: { $0.id == target }) {
        guard record.statements[index].media == nil else {
          throw KitError.badInput("statement \(target) already has a recording")
        }
        record.statements[index].media = id
      } else {
        throw KitError.notFound(
          "no exhibit, interview or statement \(target) in case \(record.urn)")
      }
      return id
    }
  }
}
