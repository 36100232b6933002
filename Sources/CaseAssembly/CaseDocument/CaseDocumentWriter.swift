import CaseStore
import CaseXML

/// Writes the canonical case document: one case as XML in the namespace
/// `urn:casefile:case-document:1`, valid against `Schemas/case-document-v1.xsd`.
///
/// The document holds every record of the case in the order the case holds them (the
/// store's saved order), then, inline, the facts computed for the as-of date that XPath 1.0
/// cannot derive: each defendant's age and youth flag (`defendantFacts` inside the person),
/// each offence's age at the offence, six-month limit and custody time limit
/// (`offenceFacts` inside the offence), and the schedule each unused item goes on.
///
/// The bytes depend only on the record and the facts: nothing reads the clock, the
/// environment or the store, and ``CanonicalXMLWriter`` fixes the layout, so the same case
/// with the same as-of date always gives the same bytes.
package struct CaseDocumentWriter: Sendable {
  /// The document's namespace.
  package static let namespace = "urn:casefile:case-document:1"
  /// The schema version written in the root element's `schemaVersion` attribute.
  package static let schemaVersion = "1"
  /// The schema's file name in the Schemas directory.
  package static let schemaFileName = "case-document-v1.xsd"

  package init() {}

  /// The case document for `record` with `facts` (which must have been computed for it).
  ///
  /// - Parameters:
  ///   - record: The case, as the store loads it.
  ///   - facts: The calendar facts of the case; their as-of date becomes the root element's
  ///     `asOf` attribute.
  /// - Returns: The document's bytes: UTF-8, canonical layout, a final newline.
  /// - Throws: ``XMLWriterError`` when a record holds a character XML 1.0 cannot carry
  ///   (import refuses those, so this means the store was written some other way).
  package func write(_ record: CaseRecord, facts: CaseFacts) throws -> [UInt8] {
    var builder = CaseDocumentBuilder(record: record, facts: facts)
    try builder.writeDocument()
    return try builder.xml.finish()
  }

  /// Computes the facts of `record` for `asOf` and writes its case document.
  ///
  /// - Throws: ``CalendarError`` when the facts cannot be computed (a year the bank holiday
  ///   file does not cover); ``XMLWriterError`` as ``write(_:facts:)``.
  package func write(
    _ record: CaseRecord, asOf: ISODate, holidays: BankHolidayCalendar
  ) throws -> [UInt8] {
    try write(record, facts: CaseFacts.compute(for: record, asOf: asOf, holidays: holidays))
  }
}

/// Walks one case and writes its document; one method per part of the document.
struct CaseDocumentBuilder {
  var xml = CanonicalXMLWriter(namespaces: ["": CaseDocumentWriter.namespace])
  let record: CaseRecord
  let facts: CaseFacts
  let defendantFacts: [String: DefendantFacts]
  let offenceFacts: [String: OffenceFacts]
  /// Statement ids by the id of the witness who made them, in the case's statement order.
  let statementsByWitness: [String: [String]]

  init(record: CaseRecord, facts: CaseFacts) {
    self.record = record
    self.facts = facts
    defendantFacts = Dictionary(
      facts.defendants.map { ($0.person, $0) }, uniquingKeysWith: { first, _ in first })
    offenceFacts = Dictionary(
      facts.offences.map { ($0.offence, $0) }, uniquingKeysWith: { first, _ in first })
    var statements: [String: [String]] = [:]
    for statement in record.statements {
      statements[statement.witness, default: []].append(statement.id)
    }
    statementsByWitness = statements
  }

  mutating func writeDocument() throws {
    try xml.start(
      "caseDocument",
      [
        "urn": record.urn, "schemaVersion": CaseDocumentWriter.schemaVersion,
        "asOf": facts.asOf.description,
      ])
    try xml.element("title", text: record.title)
    try xml.element("summary", text: record.summary)
    try xml.start("markers")
    for marker in record.markers { try xml.element("marker", text: marker) }
    try xml.end()
    try writePeople()
    try writeOffences()
    try writeCustody()
    try writeWitnesses()
    try writeStatements()
    try writeExhibits()
    try writeInterviews()
    try writeUnused()
    try writeMedia()
    try xml.end()
  }

  // MARK: - People

  mutating func writePeople() throws {
    try xml.start("people")
    for person in record.people {
      try xml.start(
        "person", ["id": person.id, "organisation": flag(person.isOrganisation)])
      for role in person.roles { try xml.element("role", text: role.rawValue) }
      try writeName("name", person.name)
      for alias in person.aliases { try writeName("alias", alias) }
      try xml.element("dateOfBirth", text: person.dateOfBirth)
      try xml.element("gender", text: person.gender)
      try xml.element("address", text: person.address)
      try xml.element("phone", text: person.phone)
      try xml.element("email", text: person.email)
      try xml.element("occupation", text: person.occupation)
      try xml.element("rank", text: person.rank)
      try xml.element("collarNumber", text: person.collarNumber)
      if person.roles.contains(.defendant), let facts = defendantFacts[person.id] {
        try xml.empty(
          "defendantFacts",
          ["ageAsOf": facts.ageAsOf.map(String.init), "youth": facts.youth.map(flag)])
      }
      try xml.end()
    }
    try xml.end()
  }

  mutating func writeName(_ element: String, _ name: PersonName) throws {
    try xml.start(element)
    try xml.element("title", text: name.title)
    for given in name.given { try xml.element("given", text: given) }
    try xml.element("family", text: name.family)
    try xml.end()
  }

  // MARK: - Offences

  mutating func writeOffences() throws {
    try xml.start("offences")
    for offence in record.offences {
      try xml.start(
        "offence",
        [
          "id": offence.id, "defendant": offence.defendant, "cjsCode": offence.cjsCode,
          "from": offence.from, "to": offence.to, "modeOfTrial": offence.modeOfTrial.rawValue,
          "anticipatedPlea": offence.anticipatedPlea.rawValue, "chargeDate": offence.chargeDate,
          "policeMayCharge": flag(offence.policeMayCharge),
          "committedOnBail": flag(offence.committedOnBail),
        ])
      try xml.element("title", text: offence.title)
      try xml.element("wording", text: offence.wording)
      for victim in offence.victims { try xml.empty("victimRef", ["ref": victim]) }
      for point in offence.pointsToProve {
        try xml.start("pointToProve")
        try xml.element("point", text: point.point)
        for evidence in point.evidence { try xml.empty("evidenceRef", ["ref": evidence]) }
        try xml.end()
      }
      if let facts = offenceFacts[offence.id] {
        try xml.start("offenceFacts", ["ageAtOffence": facts.ageAtOffence.map(String.init)])
        try writeTimeLimit("sixMonthLimit", facts.sixMonthLimit)
        try writeTimeLimit("custodyTimeLimit", facts.custodyTimeLimit)
        try xml.end()
      }
      try xml.end()
    }
    try xml.end()
  }

  mutating func writeTimeLimit(_ element: String, _ limit: TimeLimitFact?) throws {
    guard let limit else { return }
    try xml.empty(
      element,
      [
        "start": limit.start.description, "days": limit.days.map(String.init),
        "expiry": limit.expiry.description, "daysRemaining": String(limit.daysRemaining),
        "expired": flag(limit.expired),
      ])
  }

  // MARK: - Custody

  mutating func writeCustody() throws {
    try xml.start("custodyRecords")
    for custody in record.custody {
      try xml.start(
        "custodyRecord",
        [
          "id": custody.id, "defendant": custody.defendant, "status": custody.status.rawValue,
          "since": custody.since, "remandSought": flag(custody.remandSought),
          "firstHearing": custody.firstHearing,
        ])
      for condition in custody.bailConditions {
        try xml.element("bailCondition", text: condition)
      }
      try xml.element("court", text: custody.court)
      try xml.element("breachOfBail", text: custody.breachOfBail)
      try xml.end()
    }
    try xml.end()
  }

  /// A flag as XML Schema writes a boolean.
  func flag(_ value: Bool) -> String {
    value ? "true" : "false"
  }
}
