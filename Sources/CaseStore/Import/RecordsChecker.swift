/// The checks on a records document that its JSON Schema cannot express.
///
/// Ids are unique within a case and every reference points at a record of the right kind;
/// dates are real calendar dates in a possible order; URNs are valid and not repeated.
/// Every problem is a value with the JSON path of the offending field.
package enum RecordsChecker {
  /// Checks a whole document; an empty result means the document may be imported.
  package static func check(_ document: RecordsDocument) -> [InputProblem] {
    var problems: [InputProblem] = []
    var seenURNs: Set<String> = []
    for (index, record) in document.cases.enumerated() {
      let path = "$.cases[\(index)]"
      if !seenURNs.insert(record.urn).inserted {
        problems.append(
          InputProblem(
            path: path + ".urn", rule: "duplicate-urn",
            message: "URN \(record.urn) appears twice in this file; each case once"))
      }
      problems += check(record, at: path)
    }
    return problems
  }

  /// Checks one case; `path` is the JSON path of the case object.
  package static func check(_ record: CaseRecord, at path: String = "$") -> [InputProblem] {
    var checker = CaseChecker(record: record, path: path)
    checker.run()
    return checker.problems
  }
}

/// The kinds of record an id can name, for reference checks.
enum RecordKind: String {
  case person, offence, custody, witness, statement, exhibit, interview, unused, media
}

/// Walks one case, collecting problems.
struct CaseChecker {
  let record: CaseRecord
  let path: String
  var problems: [InputProblem] = []
  var kinds: [String: RecordKind] = [:]
  var defendants: Set<String> = []

  init(record: CaseRecord, path: String) {
    self.record = record
    self.path = path
  }

  mutating func run() {
    if URN(record.urn) == nil {
      problem(
        ".urn", "urn",
        "not a valid URN: expected force (2 digits), unit (2 letters), serial (5 digits), "
          + "year (2 digits), optionally -NN, as in 01AB1234526")
    }
    registerIds()
    checkPeople()
    checkOffences()
    checkCustody()
    checkEvidence()
  }

  mutating func problem(_ suffix: String, _ rule: String, _ message: String) {
    problems.append(InputProblem(path: path + suffix, rule: rule, message: message))
  }

  mutating func registerIds() {
    let groups: [(String, RecordKind, [String])] = [
      ("people", .person, record.people.map(\.id)),
      ("offences", .offence, record.offences.map(\.id)),
      ("custody", .custody, record.custody.map(\.id)),
      ("witnesses", .witness, record.witnesses.map(\.id)),
      ("statements", .statement, record.statements.map(\.id)),
      ("exhibits", .exhibit, record.exhibits.map(\.id)),
      ("interviews", .interview, record.interviews.map(\.id)),
      ("unused", .unused, record.unused.map(\.id)),
      ("media", .media, record.media.map(\.id)),
    ]
    for (list, kind, ids) in groups {
      for (index, id) in ids.enumerated() {
        if kinds[id] != nil {
          problem(
            ".\(list)[\(index)].id", "duplicate-id",
            "id \(id) is already used in this case; ids must be unique across all records")
        } else {
          kinds[id] = kind
        }
      }
    }
    defendants = Set(record.people.filter { $0.roles.contains(.defendant) }.map(\.id))
    var references: Set<String> = []
    for (index, exhibit) in record.exhibits.enumerated()
    where !references.insert(exhibit.reference).inserted {
      problem(
        ".exhibits[\(index)].reference", "duplicate-exhibit-reference",
        "exhibit reference \(exhibit.reference) is used twice; each exhibit needs its own")
    }
  }

  /// Reports a reference that is missing or names a record of another kind.
  mutating func reference(_ id: String, _ kinds: [RecordKind], at suffix: String) {
    guard let found = self.kinds[id] else {
      problem(suffix, "dangling-reference", "refers to \(id), which is not a record in this case")
      return
    }
    if !kinds.contains(found) {
      let expected = kinds.map(\.rawValue).joined(separator: " or ")
      problem(
        suffix, "wrong-reference-kind",
        "refers to \(id), a \(found.rawValue); expected a \(expected)")
    }
  }

  mutating func defendant(_ id: String, at suffix: String) {
    reference(id, [.person], at: suffix)
    if kinds[id] == .person, !defendants.contains(id) {
      problem(suffix, "not-a-defendant", "refers to \(id), who does not have the defendant role")
    }
  }

  @discardableResult
  mutating func date(_ text: String?, at suffix: String) -> ISODate? {
    guard let text else { return nil }
    guard let date = ISODate(text) else {
      problem(suffix, "impossible-date", "not a real calendar date (YYYY-MM-DD)")
      return nil
    }
    return date
  }

  @discardableResult
  mutating func dateTime(_ text: String?, at suffix: String) -> ISODateTime? {
    guard let text else { return nil }
    guard let value = ISODateTime(text) else {
      problem(suffix, "impossible-date", "not a real ISO 8601 date and time (YYYY-MM-DDThh:mm)")
      return nil
    }
    return value
  }

  mutating func checkPeople() {
    for (index, person) in record.people.enumerated() {
      let base = ".people[\(index)]"
      date(person.dateOfBirth, at: base + ".dateOfBirth")
      if person.roles.isEmpty {
        problem(base + ".roles", "missing-role", "a person needs at least one role")
      }
      if person.isOrganisation, person.roles.contains(where: { $0 != .victim && $0 != .defendant })
      {
        problem(
          base + ".roles", "organisation-role",
          "an organisation can only be a victim or a defendant")
      }
    }
  }

  mutating func checkOffences() {
    let births = Dictionary(
      record.people.compactMap { person in
        person.dateOfBirth.flatMap(ISODate.init).map { (person.id, $0) }
      },
      uniquingKeysWith: { first, _ in first })
    for (index, offence) in record.offences.enumerated() {
      let base = ".offences[\(index)]"
      defendant(offence.defendant, at: base + ".defendant")
      let from = date(offence.from, at: base + ".from")
      let to = date(offence.to, at: base + ".to")
      let charged = date(offence.chargeDate, at: base + ".chargeDate")
      if let from, let to, to < from {
        problem(base + ".to", "date-order", "the offence ends before it begins")
      }
      if let from, let charged, charged < from {
        problem(base + ".chargeDate", "date-order", "the charge date is before the offence")
      }
      if let from, let born = births[offence.defendant], from < born {
        problem(base + ".from", "date-order", "the offence is before the defendant's date of birth")
      }
      for (victimIndex, victim) in offence.victims.enumerated() {
        reference(victim, [.person], at: base + ".victims[\(victimIndex)]")
      }
      for (pointIndex, point) in offence.pointsToProve.enumerated() {
        for (evidenceIndex, evidence) in point.evidence.enumerated() {
          reference(
            evidence, [.statement, .exhibit, .interview],
            at: base + ".pointsToProve[\(pointIndex)].evidence[\(evidenceIndex)]")
        }
      }
    }
  }

  mutating func checkCustody() {
    for (index, custody) in record.custody.enumerated() {
      let base = ".custody[\(index)]"
      defendant(custody.defendant, at: base + ".defendant")
      date(custody.since, at: base + ".since")
      dateTime(custody.firstHearing, at: base + ".firstHearing")
      if custody.remandSought, custody.status != .custody {
        problem(
          base + ".remandSought", "remand-status",
          "a remand in custody is sought only for a defendant in custody")
      }
    }
  }

  mutating func checkEvidence() {
    for (index, witness) in record.witnesses.enumerated() {
      let base = ".witnesses[\(index)]"
      reference(witness.person, [.person], at: base + ".person")
      for (dateIndex, day) in witness.datesToAvoid.enumerated() {
        date(day, at: base + ".datesToAvoid[\(dateIndex)]")
      }
    }
    for (index, statement) in record.statements.enumerated() {
      let base = ".statements[\(index)]"
      reference(statement.witness, [.witness], at: base + ".witness")
      date(statement.date, at: base + ".date")
      if let media = statement.media { reference(media, [.media], at: base + ".media") }
      if statement.text == nil, statement.media == nil {
        problem(base, "statement-content", "a statement needs its text or a media recording")
      }
      for (exhibitIndex, exhibit) in statement.exhibits.enumerated() {
        reference(exhibit, [.exhibit], at: base + ".exhibits[\(exhibitIndex)]")
      }
    }
    for (index, exhibit) in record.exhibits.enumerated() {
      let base = ".exhibits[\(index)]"
      reference(exhibit.producedBy, [.person], at: base + ".producedBy")
      dateTime(exhibit.seizedAt, at: base + ".seizedAt")
      for (eventIndex, event) in exhibit.continuity.enumerated() {
        let eventPath = base + ".continuity[\(eventIndex)]"
        dateTime(event.at, at: eventPath + ".at")
        if let from = event.from { reference(from, [.person], at: eventPath + ".from") }
        if let to = event.to { reference(to, [.person], at: eventPath + ".to") }
      }
      for (mediaIndex, media) in exhibit.media.enumerated() {
        reference(media, [.media], at: base + ".media[\(mediaIndex)]")
      }
    }
    for (index, interview) in record.interviews.enumerated() {
      let base = ".interviews[\(index)]"
      reference(interview.interviewee, [.person], at: base + ".interviewee")
      dateTime(interview.date, at: base + ".date")
      for (mediaIndex, media) in interview.media.enumerated() {
        reference(media, [.media], at: base + ".media[\(mediaIndex)]")
      }
    }
    for (index, media) in record.media.enumerated() {
      let parts = media.file.split(separator: "/", omittingEmptySubsequences: false)
      if media.file.hasPrefix("/") || parts.contains("..") || parts.contains("") {
        problem(
          ".media[\(index)].file", "media-path",
          "media paths are relative to the records file, without '..' or empty parts")
      }
    }
  }
}
