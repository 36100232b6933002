/// One case and every record it holds: the unit of import, export and storage.
///
/// This is the shared record model. Every form casefile produces is a view of it, and the
/// records JSON format (`Schemas/records-v1.schema.json`) is its serialised form. Ids are
/// local to the case (`P1`, `W1`, …) and every cross-reference uses them.
package struct CaseRecord: Codable, Equatable, Sendable {
  /// The police unique reference number, for example `01AB1234526` or `01AB1234526-01`.
  package var urn: String
  /// A short title such as "R v Smith"; may name the defendant, so it is personal data.
  package var title: String
  /// The brief description of the case (the DCF's `brief_description_of_case`).
  package var summary: String
  /// Case markers from the DCF vocabulary (`DomesticViolence`, `ChildAbuse`, …).
  package var markers: [String]
  package var people: [Person]
  package var offences: [Offence]
  package var custody: [CustodyRecord]
  package var witnesses: [Witness]
  package var statements: [Statement]
  package var exhibits: [Exhibit]
  package var interviews: [Interview]
  package var unused: [UnusedItem]
  package var media: [MediaObject]

  package init(
    urn: String, title: String, summary: String, markers: [String] = [],
    people: [Person] = [], offences: [Offence] = [], custody: [CustodyRecord] = [],
    witnesses: [Witness] = [], statements: [Statement] = [], exhibits: [Exhibit] = [],
    interviews: [Interview] = [], unused: [UnusedItem] = [], media: [MediaObject] = []
  ) {
    self.urn = urn
    self.title = title
    self.summary = summary
    self.markers = markers
    self.people = people
    self.offences = offences
    self.custody = custody
    self.witnesses = witnesses
    self.statements = statements
    self.exhibits = exhibits
    self.interviews = interviews
    self.unused = unused
    self.media = media
  }

  /// The number of records in the case, counting the case itself and every child record.
  package var recordCount: Int {
    1 + people.count + offences.count + custody.count + witnesses.count + statements.count
      + exhibits.count + interviews.count + unused.count + media.count
      + exhibits.reduce(0) { $0 + $1.continuity.count }
  }
}

/// The records JSON document: a versioned envelope around one or more cases.
package struct RecordsDocument: Codable, Equatable, Sendable {
  /// Always `casefile-records`.
  package var format: String
  /// The format version; this build reads and writes version 1.
  package var version: Int
  package var cases: [CaseRecord]

  package static let formatName = "casefile-records"
  package static let currentVersion = 1

  package init(cases: [CaseRecord]) {
    self.format = Self.formatName
    self.version = Self.currentVersion
    self.cases = cases
  }
}

extension CaseRecord {
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      urn: try c.decode(String.self, forKey: .urn),
      title: try c.decode(String.self, forKey: .title),
      summary: try c.decode(String.self, forKey: .summary),
      markers: try c.decodeList(.markers), people: try c.decodeList(.people),
      offences: try c.decodeList(.offences), custody: try c.decodeList(.custody),
      witnesses: try c.decodeList(.witnesses), statements: try c.decodeList(.statements),
      exhibits: try c.decodeList(.exhibits), interviews: try c.decodeList(.interviews),
      unused: try c.decodeList(.unused), media: try c.decodeList(.media))
  }
}
