import CaseAssembly
import CaseStore
import CaseXML
import Foundation
import Testing

@Suite("The case document carries every record and the computed facts")
struct CaseDocumentContentTests {
  static let asOf = "2026-12-05"

  static func text(_ sample: String, asOf: String = asOf) throws -> String {
    let record = try CaseDocumentFixtures.sampleRecord(sample)
    return String(
      decoding: try CaseDocumentWriter().write(
        record, asOf: CaseDocumentFixtures.date(asOf), holidays: CaseDocumentFixtures.holidays()),
      as: UTF8.self)
  }

  static func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  @Test func theRootCarriesTheNamespaceURNVersionAndAsOfDate() throws {
    let text = try Self.text("gap-summary.json")
    #expect(text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"))
    #expect(
      text.contains(
        #"<caseDocument xmlns="urn:casefile:case-document:1" asOf="2026-12-05" schemaVersion="1" urn="20BH0231926">"#
      ))
    #expect(text.hasSuffix("</caseDocument>\n"))
  }

  @Test(arguments: try CaseDocumentFixtures.sampleFiles().map(\.lastPathComponent))
  func everyRecordOfTheCaseIsInTheDocument(_ sample: String) throws {
    let record = try CaseDocumentFixtures.sampleRecord(sample)
    let text = try Self.text(sample)
    let counts: [(String, Int)] = [
      ("<person ", record.people.count), ("<offence ", record.offences.count),
      ("<custodyRecord ", record.custody.count), ("<witness ", record.witnesses.count),
      ("<statement ", record.statements.count), ("<exhibit ", record.exhibits.count),
      ("<interview ", record.interviews.count), ("<unusedItem ", record.unused.count),
      ("<mediaObject ", record.media.count),
      ("<continuityEvent ", record.exhibits.reduce(0) { $0 + $1.continuity.count }),
      ("<pointToProve>", record.offences.reduce(0) { $0 + $1.pointsToProve.count }),
      ("<exhibitRef ", record.statements.reduce(0) { $0 + $1.exhibits.count }),
      ("<statementRef ", record.statements.count),
      ("<victimRef ", record.offences.reduce(0) { $0 + $1.victims.count }),
      (
        "<defendantFacts", record.people.filter { $0.roles.contains(.defendant) }.count
      ),
      ("<offenceFacts", record.offences.count),
    ]
    for (tag, expected) in counts {
      #expect(Self.occurrences(of: tag, in: text) == expected, "\(sample): \(tag)")
    }
    for id in record.people.map(\.id) + record.offences.map(\.id) + record.unused.map(\.id) {
      #expect(text.contains(#" id="\#(id)""#), "\(sample): \(id) is missing")
    }
  }

  @Test func recordsKeepTheOrderTheCaseHoldsThem() throws {
    let record = try CaseDocumentFixtures.sampleRecord("indictable-only.json")
    let text = try Self.text("indictable-only.json")
    let ids =
      record.people.map(\.id) + record.offences.map(\.id) + record.custody.map(\.id)
      + record.witnesses.map(\.id) + record.statements.map(\.id) + record.exhibits.map(\.id)
      + record.interviews.map(\.id) + record.unused.map(\.id) + record.media.map(\.id)
    let positions = try ids.map { id in
      try #require(text.range(of: #" id="\#(id)""#)?.lowerBound, "\(id) is missing")
    }
    #expect(positions == positions.sorted())
  }

  @Test func defendantsCarryTheirAgeAndYouthFlag() throws {
    let youth = try Self.text("youth-defendant.json")
    #expect(youth.contains(#"<defendantFacts ageAsOf="17" youth="true"/>"#))
    #expect(youth.contains(#"<offenceFacts ageAtOffence="16">"#))
    let adults = try Self.text("multi-defendant-mixed-pleas.json")
    #expect(adults.contains(#"<defendantFacts ageAsOf="27" youth="false"/>"#))
    #expect(adults.contains(#"<defendantFacts ageAsOf="29" youth="false"/>"#))
    #expect(adults.contains(#"<defendantFacts ageAsOf="23" youth="false"/>"#))
  }

  @Test func summaryOnlyOffencesCarryTheSixMonthLimit() throws {
    let text = try Self.text("ngap-summary.json")
    #expect(
      text.contains(
        #"<sixMonthLimit daysRemaining="97" expired="false" expiry="2027-03-12" start="2026-09-12"/>"#
      ))
    let crown = try Self.text("either-way-crown.json")
    #expect(!crown.contains("<sixMonthLimit"))
  }

  @Test func chargesAgainstADefendantInCustodyCarryTheCustodyTimeLimit() throws {
    let text = try Self.text("remand-custody.json")
    #expect(text.contains(#"<custodyTimeLimit days="56" "#))
    #expect(text.contains(#"<custodyTimeLimit days="70" "#))
    let expired = try Self.text("indictable-only.json")
    #expect(
      expired.contains(
        #"<custodyTimeLimit days="70" daysRemaining="-67" expired="true" expiry="2026-09-29" start="2026-07-21"/>"#
      ))
    let bailed = try Self.text("gap-summary.json")
    #expect(!bailed.contains("<custodyTimeLimit"))
  }

  @Test(arguments: [
    (Sensitivity.nonSensitive, false, UnusedSchedule.mg6c),
    (.edited, false, .mg6c),
    (.sensitive, false, .mg6d),
    (.nonSensitive, true, .sdc),
    (.edited, true, .sdc),
    (.sensitive, true, .mg6d),
  ])
  func unusedItemsGoOnTheirSchedule(
    _ sensitivity: Sensitivity, _ streamlined: Bool, _ schedule: UnusedSchedule
  ) {
    #expect(UnusedSchedule(for: sensitivity, streamlined: streamlined) == schedule)
  }

  @Test(arguments: [
    ("ngap-summary.json", true), ("gap-summary.json", true), ("breach-of-bail.json", true),
    ("either-way-crown.json", false), ("indictable-only.json", false),
    ("multi-defendant-mixed-pleas.json", false), ("youth-defendant.json", false),
  ])
  func onlyAllSummaryCasesAreStreamlined(_ sample: String, _ streamlined: Bool) throws {
    let record = try CaseDocumentFixtures.sampleRecord(sample)
    #expect(UnusedSchedule.isStreamlined(record) == streamlined)
    let text = try Self.text(sample)
    #expect(text.contains(#"<unusedMaterial streamlined="\#(streamlined)">"#))
    #expect(text.contains(#"schedule="SDC""#) == streamlined)
    #expect(!text.contains(#"schedule="MG6C""#) || !streamlined)
  }

  @Test func aCaseWithoutOffencesIsNotStreamlined() {
    #expect(!UnusedSchedule.isStreamlined(CaseRecord(urn: "01AB1234526", title: "t", summary: "s")))
  }

  @Test func sensitiveAndEditedItemsAreScheduledApart() throws {
    let text = try Self.text("either-way-crown.json")
    #expect(Self.occurrences(of: #"schedule="MG6D""#, in: text) == 2)
    #expect(Self.occurrences(of: #"schedule="MG6C""#, in: text) == 3)
    #expect(text.contains(#"schedule="MG6C" sensitivity="edited""#))
  }

  @Test func anEmptyCaseHasEveryContainer() throws {
    let record = CaseRecord(urn: "01AB1234526", title: "R v Nobody", summary: "Nothing yet.")
    let bytes = try CaseDocumentWriter().write(
      record,
      facts: CaseFacts(
        asOf: CaseDocumentFixtures.date("2026-01-01"), defendants: [],
        offences: []))
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <caseDocument xmlns="urn:casefile:case-document:1" asOf="2026-01-01" schemaVersion="1" urn="01AB1234526">
        <title>R v Nobody</title>
        <summary>Nothing yet.</summary>
        <markers/>
        <people/>
        <offences/>
        <custodyRecords/>
        <witnesses/>
        <statements/>
        <exhibits/>
        <interviews/>
        <unusedMaterial streamlined="false"/>
        <media/>
      </caseDocument>

      """
    #expect(String(decoding: bytes, as: UTF8.self) == expected)
  }

  @Test func textIsEscapedAndWelshSurvives() throws {
    var record = CaseRecord(
      urn: "01AB1234526", title: "R v Jones & Siôn", summary: "Goods worth £20 <ŵyr> \"a\"")
    record.people = [
      Person(id: "P1", roles: [.defendant], name: PersonName(given: ["Siôn"], family: "Jones"))
    ]
    let text = String(
      decoding: try CaseDocumentWriter().write(
        record, asOf: CaseDocumentFixtures.date("2026-01-01"),
        holidays: CaseDocumentFixtures.holidays()), as: UTF8.self)
    #expect(text.contains("<title>R v Jones &amp; Siôn</title>"))
    #expect(text.contains("<summary>Goods worth £20 &lt;ŵyr&gt; \"a\"</summary>"))
    #expect(text.contains("<defendantFacts/>"))
  }

  @Test func aCharacterXMLCannotCarryIsRefused() throws {
    let record = CaseRecord(urn: "01AB1234526", title: "R v X", summary: "bell \u{7}")
    #expect(throws: XMLWriterError.self) {
      _ = try CaseDocumentWriter().write(
        record,
        facts: CaseFacts(
          asOf: CaseDocumentFixtures.date("2026-01-01"), defendants: [], offences: []))
    }
  }

  @Test func aTimeLimitOutsideTheBankHolidayFileIsAnError() throws {
    let record = try CaseDocumentFixtures.sampleRecord("remand-custody.json")
    var moved = record
    for index in moved.custody.indices { moved.custody[index].since = "2040-01-02" }
    #expect(throws: CalendarError.self) {
      _ = try CaseDocumentWriter().write(
        moved, asOf: CaseDocumentFixtures.date("2040-01-03"),
        holidays: CaseDocumentFixtures.holidays())
    }
  }
}
