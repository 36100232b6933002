import CaseStore
import CaseXML

/// Builds the ``DocumentView`` of a case from its record and facts.
///
/// Pure: it reads only its arguments. The view holds every record of the case (the same data
/// the canonical case document carries), ordered as the forms need it: witnesses in MG9
/// order, statements following their makers, unused items numbered across the schedules.
package enum DocumentViewBuilder {
  /// The MG9 order of witness kinds: victim, other civilians, experts, police, officer in
  /// the case.
  static let witnessOrder: [WitnessKind] = [.victim, .civilian, .expert, .police, .officerInCase]

  /// The view of `record` with its `facts`, for the CPS (nothing redacted).
  ///
  /// - Throws: ``DocumentError/Code/invalidCharacter`` naming the record and field when a
  ///   value holds a character XML cannot carry (the importer refuses those; this is the
  ///   last gate before rendering).
  package static func build(
    _ record: CaseRecord, facts: CaseFacts, fileType: String, stage: String
  ) throws(DocumentError) -> DocumentView {
    let defendantFacts = Dictionary(
      facts.defendants.map { ($0.person, $0) }, uniquingKeysWith: { first, _ in first })
    let people = record.people.map { person(of: $0, facts: defendantFacts[$0.id]) }
    let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let offenceFacts = Dictionary(
      facts.offences.map { ($0.offence, $0) }, uniquingKeysWith: { first, _ in first })
    let exhibitReferences = Dictionary(
      record.exhibits.map { ($0.id, $0.reference) }, uniquingKeysWith: { first, _ in first })
    let streamlined = UnusedSchedule.isStreamlined(record)

    let witnesses = orderedWitnesses(record.witnesses)
    let rank = Dictionary(
      witnesses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    let statements = record.statements.enumerated().sorted { lhs, rhs in
      let left = rank[lhs.element.witness] ?? Int.max
      let right = rank[rhs.element.witness] ?? Int.max
      return left == right ? lhs.offset < rhs.offset : left < right
    }.map(\.element)

    var view = DocumentView(
      urn: record.urn, title: record.title, summary: record.summary,
      asOf: facts.asOf.description, markers: record.markers, recipient: Recipient.cps.rawValue,
      fileType: fileType, stage: stage, streamlined: streamlined, people: people,
      defendants: people.filter(\.isDefendant),
      offences: record.offences.map { offence in
        offenceView(
          offence, facts: offenceFacts[offence.id], people: byID, exhibits: exhibitReferences)
      },
      custody: record.custody.map { custody in
        CustodyView(
          id: custody.id, defendant: byID[custody.defendant], status: custody.status.rawValue,
          since: custody.since, remandSought: custody.remandSought,
          bailConditions: custody.bailConditions, firstHearing: custody.firstHearing,
          court: custody.court, breachOfBail: custody.breachOfBail,
          breached: custody.breachOfBail != nil)
      },
      witnesses: witnesses.enumerated().map { index, witness in
        WitnessView(
          id: witness.id, number: String(index + 1), person: byID[witness.person],
          kind: witness.kind.rawValue, key: witness.key,
          specialMeasures: witness.specialMeasures, datesToAvoid: witness.datesToAvoid,
          interpreter: witness.interpreter,
          statements: statements.filter { $0.witness == witness.id }.map(\.id))
      },
      statements: statements.map { statement in
        StatementView(
          id: statement.id, witness: statement.witness,
          maker: record.witnesses.first { $0.id == statement.witness }.flatMap {
            byID[$0.person]
          },
          date: statement.date, text: statement.text, media: statement.media,
          exhibits: statement.exhibits.map { exhibitReferences[$0] ?? $0 })
      },
      exhibits: record.exhibits.map { exhibit in
        ExhibitView(
          id: exhibit.id, reference: exhibit.reference, description: exhibit.description,
          producedBy: exhibit.producedBy,
          producerName: byID[exhibit.producedBy]?.fullName ?? exhibit.producedBy,
          seizedAt: exhibit.seizedAt, seizedFrom: exhibit.seizedFrom,
          continuity: exhibit.continuity.map { event in
            ContinuityView(
              at: event.at, action: event.action, from: event.from.map { byID[$0]?.fullName ?? $0 },
              to: event.to.map { byID[$0]?.fullName ?? $0 }, location: event.location)
          },
          media: exhibit.media)
      },
      interviews: record.interviews.map { interview in
        InterviewView(
          id: interview.id, interviewee: byID[interview.interviewee],
          type: interview.type.rawValue, date: interview.date, summary: interview.summary,
          media: interview.media)
      },
      unused: record.unused.enumerated().map { index, item in
        let schedule = UnusedSchedule(for: item.sensitivity, streamlined: streamlined)
        return UnusedView(
          id: item.id, number: String(index + 1), description: item.description,
          sensitivity: item.sensitivity.rawValue, edited: item.sensitivity == .edited,
          schedule: schedule.rawValue, onMG6C: schedule == .mg6c, onMG6D: schedule == .mg6d,
          onSDC: schedule == .sdc, reason: item.reason)
      },
      media: record.media.map { media in
        MediaView(
          id: media.id, file: media.file, mediaType: media.mediaType, sha256: media.sha256,
          size: media.size.map(String.init), description: media.description)
      },
      officerInCase: people.first { $0.roles.contains(PersonRole.officerInCase.rawValue) },
      disclosureOfficer: people.first {
        $0.roles.contains(PersonRole.disclosureOfficer.rawValue)
      },
      form: nil, statement: nil, documents: [])
    view = view.resolved()
    try TextGate.check(view)
    return view
  }

  /// The witnesses in MG9 order, case order within a kind.
  static func orderedWitnesses(_ witnesses: [Witness]) -> [Witness] {
    witnessOrder.flatMap { kind in witnesses.filter { $0.kind == kind } }
  }

  static func person(of person: Person, facts: DefendantFacts?) -> PersonView {
    let given = person.name.given.joined(separator: " ")
    let parts = [person.name.title, given.isEmpty ? nil : given, person.name.family]
    return PersonView(
      id: person.id, roles: person.roles.map(\.rawValue),
      fullName: parts.compactMap { $0 }.joined(separator: " "), nameTitle: person.name.title,
      givenNames: given, familyName: person.name.family,
      aliases: person.aliases.map { alias in
        (alias.given + [alias.family]).joined(separator: " ")
      },
      isOrganisation: person.isOrganisation, isDefendant: person.roles.contains(.defendant),
      dateOfBirth: person.dateOfBirth, ageAsOf: facts?.ageAsOf.map(String.init),
      youth: facts?.youth ?? false, gender: person.gender, address: person.address,
      phone: person.phone, email: person.email, occupation: person.occupation,
      rank: person.rank, collarNumber: person.collarNumber)
  }

  static func offenceView(
    _ offence: Offence, facts: OffenceFacts?, people: [String: PersonView],
    exhibits: [String: String]
  ) -> OffenceView {
    func limit(_ fact: TimeLimitFact?) -> TimeLimitView? {
      fact.map {
        TimeLimitView(
          start: $0.start.description, days: $0.days.map(String.init),
          expiry: $0.expiry.description, daysRemaining: String($0.daysRemaining),
          expired: $0.expired)
      }
    }
    return OffenceView(
      id: offence.id, defendant: people[offence.defendant], cjsCode: offence.cjsCode,
      title: offence.title, wording: offence.wording, from: offence.from, to: offence.to,
      modeOfTrial: offence.modeOfTrial.rawValue,
      anticipatedPlea: offence.anticipatedPlea.rawValue, chargeDate: offence.chargeDate,
      policeMayCharge: offence.policeMayCharge, committedOnBail: offence.committedOnBail,
      victims: offence.victims.compactMap { people[$0] },
      pointsToProve: offence.pointsToProve.map { point in
        PointView(point: point.point, evidence: point.evidence.map { exhibits[$0] ?? $0 })
      },
      ageAtOffence: facts?.ageAtOffence.map(String.init),
      sixMonthLimit: limit(facts?.sixMonthLimit), custodyTimeLimit: limit(facts?.custodyTimeLimit)
    )
  }
}

/// Refuses a view holding a character XML 1.0 cannot carry, naming the record and field.
enum TextGate {
  static func check(_ view: DocumentView) throws(DocumentError) {
    if let (record, field) = firstInvalid(in: view, record: view.urn, field: "case") {
      throw DocumentError(
        .invalidCharacter,
        "record \(record), field \(field): a character XML cannot carry; correct the record")
    }
  }

  private static func firstInvalid(in value: Any, record: String, field: String) -> (
    String, String
  )? {
    if let text = value as? String {
      return XMLCharacters.firstDisallowed(in: text) == nil ? nil : (record, field)
    }
    let mirror = Mirror(reflecting: value)
    var owner = record
    if let id = mirror.children.first(where: { $0.label == "id" })?.value as? String {
      owner = id
    }
    for child in mirror.children {
      if let found = firstInvalid(in: child.value, record: owner, field: child.label ?? field) {
        return found
      }
    }
    return nil
  }
}
