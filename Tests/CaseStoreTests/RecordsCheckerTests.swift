import Testing

@testable import CaseStore

/// A small valid case that each checker test breaks in one way.
func checkerBaseCase() -> CaseRecord {
  CaseRecord(
    urn: "01AB1234526", title: "R v Example", summary: "Theft from a shop.",
    people: [
      Person(
        id: "P1", roles: [.defendant], name: PersonName(given: ["Sam"], family: "Example"),
        dateOfBirth: "1990-05-01"),
      Person(id: "P2", roles: [.victim], name: PersonName(given: ["Ann"], family: "Other")),
      Person(
        id: "P3", roles: [.officerInCase], name: PersonName(given: ["Lee"], family: "Officer")),
    ],
    offences: [
      Offence(
        id: "O1", defendant: "P1", cjsCode: "TH68010", title: "Theft from a shop",
        wording: "Stole goods worth £20",
        from: "2026-03-01", modeOfTrial: .eitherWay, anticipatedPlea: .guilty,
        chargeDate: "2026-03-02",
        victims: ["P2"],
        pointsToProve: [PointToProve(point: "Appropriation", evidence: ["S1", "E1"])])
    ],
    custody: [
      CustodyRecord(id: "C1", defendant: "P1", status: .conditionalBail, since: "2026-03-02")
    ],
    witnesses: [
      Witness(id: "W1", person: "P2", kind: .victim, key: true, datesToAvoid: ["2026-12-01"])
    ],
    statements: [
      Statement(id: "S1", witness: "W1", date: "2026-03-01", text: "I saw it.", exhibits: ["E1"])
    ],
    exhibits: [
      Exhibit(
        id: "E1", reference: "LO/1", description: "CCTV", producedBy: "P3",
        seizedAt: "2026-03-01T12:00",
        continuity: [ContinuityEvent(at: "2026-03-01T13:00", action: "booked in", from: "P3")])
    ],
    interviews: [Interview(id: "I1", interviewee: "P1", type: .audio, date: "2026-03-02T10:00")],
    unused: [UnusedItem(id: "U1", description: "Incident log", sensitivity: .nonSensitive)])
}

@Suite("Records checks beyond the schema")
struct RecordsCheckerTests {
  @Test func acceptsTheBaseCase() {
    #expect(RecordsChecker.check(checkerBaseCase()).isEmpty)
  }

  /// One broken case per check: the change, the rule expected and the path it names.
  static let breakages: [(String, @Sendable (inout CaseRecord) -> Void, String, String)] = [
    ("bad URN", { $0.urn = "1AB1234526" }, "urn", "$.urn"),
    (
      "duplicate id across kinds", { $0.witnesses[0].id = "P1" }, "duplicate-id",
      "$.witnesses[0].id"
    ),
    (
      "dangling defendant", { $0.offences[0].defendant = "P9" }, "dangling-reference",
      "$.offences[0].defendant"
    ),
    (
      "offence against a non-defendant", { $0.offences[0].defendant = "P2" }, "not-a-defendant",
      "$.offences[0].defendant"
    ),
    (
      "wrong reference kind", { $0.statements[0].witness = "P2" }, "wrong-reference-kind",
      "$.statements[0].witness"
    ),
    (
      "dangling exhibit", { $0.statements[0].exhibits = ["E9"] }, "dangling-reference",
      "$.statements[0].exhibits[0]"
    ),
    (
      "impossible date of birth", { $0.people[0].dateOfBirth = "1990-02-30" }, "impossible-date",
      "$.people[0].dateOfBirth"
    ),
    (
      "impossible offence date", { $0.offences[0].from = "2026-04-31" }, "impossible-date",
      "$.offences[0].from"
    ),
    (
      "charge before offence", { $0.offences[0].chargeDate = "2026-02-01" }, "date-order",
      "$.offences[0].chargeDate"
    ),
    (
      "offence ends before it starts", { $0.offences[0].to = "2026-02-01" }, "date-order",
      "$.offences[0].to"
    ),
    (
      "offence before birth", { $0.people[0].dateOfBirth = "2026-05-01" }, "date-order",
      "$.offences[0].from"
    ),
    (
      "bad continuity time", { $0.exhibits[0].continuity[0].at = "2026-03-01T25:00" },
      "impossible-date", "$.exhibits[0].continuity[0].at"
    ),
    (
      "statement without content", { $0.statements[0].text = nil }, "statement-content",
      "$.statements[0]"
    ),
    (
      "remand without custody", { $0.custody[0].remandSought = true }, "remand-status",
      "$.custody[0].remandSought"
    ),
    (
      "evidence of the wrong kind", { $0.offences[0].pointsToProve[0].evidence = ["P1"] },
      "wrong-reference-kind", "$.offences[0].pointsToProve[0].evidence[0]"
    ),
    (
      "duplicate exhibit reference",
      {
        $0.exhibits.append(Exhibit(id: "E2", reference: "LO/1", description: "x", producedBy: "P3"))
      }, "duplicate-exhibit-reference", "$.exhibits[1].reference"
    ),
    (
      "media path escaping",
      { $0.media = [MediaObject(id: "M1", file: "../secret.pdf", mediaType: "application/pdf")] },
      "media-path", "$.media[0].file"
    ),
    (
      "bad date to avoid", { $0.witnesses[0].datesToAvoid = ["2026-11-31"] }, "impossible-date",
      "$.witnesses[0].datesToAvoid[0]"
    ),
  ]

  @Test(arguments: 0..<breakages.count)
  func reportsEachBreakageWithItsRuleAndPath(_ index: Int) {
    let (_, breakCase, rule, path) = Self.breakages[index]
    var record = checkerBaseCase()
    breakCase(&record)
    let problems = RecordsChecker.check(record)
    #expect(problems.contains { $0.rule == rule && $0.path == path }, "got \(problems)")
  }

  @Test func reportsADuplicateURNInOneFile() {
    let document = RecordsDocument(cases: [checkerBaseCase(), checkerBaseCase()])
    #expect(RecordsChecker.check(document).map(\.rule) == ["duplicate-urn"])
  }

  @Test func messagesCarryNoPersonalData() {
    var record = checkerBaseCase()
    record.people[0].dateOfBirth = "1990-02-30"
    record.offences[0].defendant = "P2"
    for problem in RecordsChecker.check(record) {
      #expect(!problem.message.contains("Example") && !problem.message.contains("1990"))
    }
  }
}
