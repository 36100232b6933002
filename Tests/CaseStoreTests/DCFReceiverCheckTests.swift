import CaseJSON
import Testing

@testable import CaseStore

private let defendant = "case.defendants.0"
private let assault = "case.defendants.0.offences.0.assault_offences.0.offence"
private let assaultPath = "$.case.defendants[0].offences[0].assault_offences[0].offence"

/// Receiver-check fixtures: each passing one beside a failing one.
let dcfReceiverFixtures: [DCFRuleFixture] = [
  DCFRuleFixture(
    "property_ids naming existing property",
    [("\(defendant).offences.1.generic_offences.0.property_ids", "[2]")], []),
  DCFRuleFixture(
    "property_ids naming missing property",
    [("\(defendant).offences.1.generic_offences.0.property_ids", "[1, 3]")],
    ["dangling-reference $.case.defendants[0].offences[1].generic_offences[0].property_ids[1]"]),
  DCFRuleFixture(
    "multimedia response naming missing evidence",
    [("\(defendant).multimedia_evidence_response.0.id", "\"M9\"")],
    ["dangling-reference $.case.defendants[0].multimedia_evidence_response[0].id"]),
  DCFRuleFixture(
    "witness ids repeated", [("case.witnesses.2.witness.witness_id", "\"V1\"")],
    ["duplicate-id $.case.witnesses[2].witness.witness_id"]),
  DCFRuleFixture(
    "property ids repeated", [("case.property.1.property_id", "1")],
    [
      "dangling-reference $.case.defendants[0].offences[1].generic_offences[0].property_ids[1]",
      "duplicate-id $.case.property[1].property_id",
    ]),
  DCFRuleFixture(
    "impossible charge date", [("\(assault).charge_date", "\"2026-02-30\"")],
    ["invalid-date \(assaultPath).charge_date"]),
  DCFRuleFixture(
    "leap day in a leap year", [("\(assault).charge_date", "\"2028-02-29\"")], []),
  DCFRuleFixture(
    "date-time with a bad hour",
    [("case.defendants.0.first_hearing_datetime", "\"2026-02-02T25:00Z\"")],
    ["invalid-date $.case.defendants[0].first_hearing_datetime"]),
  DCFRuleFixture(
    "date-time with seconds and an offset",
    [("case.defendants.0.first_hearing_datetime", "\"2026-02-02T10:00:00+01:00\"")], []),
  DCFRuleFixture(
    "offence ending before it starts", [("\(assault).to_date", "\"2026-01-01\"")],
    ["date-order \(assaultPath).to_date"]),
  DCFRuleFixture(
    "youth without parent_guardian_copy", [("\(defendant).date_of_birth", "\"2010-01-10\"")],
    ["youth-parent-guardian $.case.defendants[0].parent_guardian_copy"]),
  DCFRuleFixture(
    "youth with parent_guardian_copy",
    [
      ("\(defendant).date_of_birth", "\"2010-01-10\""),
      ("\(defendant).parent_guardian_copy", "true"),
    ],
    []),
  DCFRuleFixture(
    "eighteen on the day of the earliest offence is not a youth",
    [("\(defendant).date_of_birth", "\"2008-01-09\"")], []),
  DCFRuleFixture(
    "youth on a requisition copied to a parent without the date sent",
    [
      ("\(defendant).date_of_birth", "\"2010-01-10\""),
      ("\(defendant).parent_guardian_copy", "true"),
      ("\(defendant).initiation_type", "\"requisition\""), ("\(defendant).arrest", nil),
      ("\(defendant).signed_charge_sheet", nil), ("\(defendant).date_sent", "\"2026-01-11\""),
    ],
    ["youth-parent-guardian $.case.defendants[0].parent_guardian_date_sent"]),
]

@Suite("DCF receiver checks")
struct DCFReceiverCheckTests {
  @Test(arguments: dcfReceiverFixtures)
  func fixtureGivesExactlyTheExpectedProblems(_ fixture: DCFRuleFixture) throws {
    let document = try DCFTestSupport.applying(try DCFFixtures.firstHearing(), fixture.mutations)
    let report = try DCFTestSupport.validator().validate(document)
    #expect(DCFTestSupport.pairs(report) == fixture.expected)
  }

  @Test func repeatedDefendantIdIsAProblem() throws {
    let base = try DCFFixtures.firstHearing()
    let first = try #require(DCFTestSupport.value(base, "case.defendants.0"))
    guard case .object(var copy) = first else { throw DCFTestError.notAnObject }
    copy["occupation"] = .string("Another fictional occupation")
    let document = try DCFTestSupport.applyingValue(base, "case.defendants.1", .object(copy))
    let report = try DCFTestSupport.validator().validate(document)
    #expect(DCFTestSupport.pairs(report) == ["duplicate-id $.case.defendants[1].defendant_id"])
  }

  @Test(arguments: ["indictable_only", "either_way_and_likely_to_be_heard_in_the_crown_court"])
  func crownCourtCaseGetsANoteNotAProblem(_ progression: String) throws {
    let document = try DCFTestSupport.setting(
      try DCFFixtures.firstHearing(), "case.likely_case_progression", "\"\(progression)\"")
    let report = try DCFTestSupport.validator().validate(document)
    #expect(report.problems.isEmpty)
    #expect(report.notes.count == 1)
    #expect(report.notes.first?.hasPrefix("crown-court-file") == true)
  }

  @Test func magistratesCaseHasNoNotes() throws {
    let report = try DCFTestSupport.validator().validate(try DCFFixtures.firstHearing())
    #expect(report.problems.isEmpty)
    #expect(report.notes.isEmpty)
    #expect(report.kind == .firstHearing)
  }
}

/// Fixture construction failures.
enum DCFTestError: Error {
  case notAnObject
}
