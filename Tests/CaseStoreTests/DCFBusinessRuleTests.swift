import CaseJSON
import Testing

@testable import CaseStore

/// One business-rule fixture: mutations of the valid first-hearing fixture and the problems
/// (`rule path`) they must produce, in order; an empty list is a passing fixture.
struct DCFRuleFixture: CustomTestStringConvertible, Sendable {
  let name: String
  let mutations: [(String, String?)]
  let expected: [String]

  var testDescription: String { name }

  init(_ name: String, _ mutations: [(String, String?)], _ expected: [String]) {
    self.name = name
    self.mutations = mutations
    self.expected = expected
  }
}

private let defendant = "case.defendants.0"
private let defendantPath = "$.case.defendants[0]"
private let response = "case.defendants.0.multimedia_evidence_response.0"
private let responsePath = "$.case.defendants[0].multimedia_evidence_response[0]"
private let victim = "case.witnesses.0.victim"
private let assault = "case.defendants.0.offences.0.assault_offences.0.offence"
private let theft = "case.defendants.0.offences.1.generic_offences.0.offence"

/// Rule-by-rule fixtures, at least one passing and one failing per rule shape.
let dcfRuleFixtures: [DCFRuleFixture] = [
  // Boolean True source, same object.
  DCFRuleFixture("pnc_convictions present when the check was performed", [], []),
  DCFRuleFixture(
    "pnc_convictions missing when the check was performed",
    [("\(defendant).pnc_convictions", nil)],
    ["pnc_convictions \(defendantPath).pnc_convictions"]),
  DCFRuleFixture(
    "pnc_convictions absent when no check was performed",
    [("\(defendant).pnc_check_performed", "false"), ("\(defendant).pnc_convictions", nil)], []),
  DCFRuleFixture(
    "pnc_convictions present when no check was performed",
    [("\(defendant).pnc_check_performed", "false")],
    ["pnc_convictions \(defendantPath).pnc_convictions"]),
  // Boolean False source.
  DCFRuleFixture(
    "reasons_if_not_shown missing when the defendant was not shown",
    [("\(response).reasons_if_not_shown", nil)],
    ["reasons_if_not_shown \(responsePath).reasons_if_not_shown"]),
  DCFRuleFixture(
    "reason_images_not_taken missing when no images were taken",
    [
      ("case.witnesses.0.injuries.0.images_taken", "false"),
      ("case.witnesses.0.injuries.0.image_description", nil),
    ],
    ["reason_images_not_taken $.case.witnesses[0].injuries[0].reason_images_not_taken"]),
  DCFRuleFixture(
    "image_description present when no images were taken",
    [
      ("case.witnesses.0.injuries.0.images_taken", "false"),
      ("case.witnesses.0.injuries.0.reason_images_not_taken", "\"Refused.\""),
    ],
    ["image_description $.case.witnesses[0].injuries[0].image_description"]),
  // Enumeration value source.
  DCFRuleFixture(
    "arrest missing on a charge", [("\(defendant).arrest", nil)],
    ["arrest \(defendantPath).arrest"]),
  DCFRuleFixture(
    "requisition: date_sent required, charge-only attributes not allowed",
    [("\(defendant).initiation_type", "\"requisition\"")],
    [
      "arrest \(defendantPath).arrest", "signed_charge_sheet \(defendantPath).signed_charge_sheet",
      "date_sent \(defendantPath).date_sent",
    ]),
  DCFRuleFixture(
    "requisition with date_sent and no charge-only attributes",
    [
      ("\(defendant).initiation_type", "\"requisition\""), ("\(defendant).arrest", nil),
      ("\(defendant).signed_charge_sheet", nil), ("\(defendant).date_sent", "\"2026-01-11\""),
    ], []),
  DCFRuleFixture(
    "breach of order with title other needs every breach detail",
    [("\(defendant).breach_of_order", "true"), ("\(defendant).breach_order_title", "\"other\"")],
    [
      "breach_order_date_issued \(defendantPath).breach_order_date_issued",
      "breach_order_court_issued \(defendantPath).breach_order_court_issued",
      "breach_order_title_other \(defendantPath).breach_order_title_other",
      "breach_order_lapse_date \(defendantPath).breach_order_lapse_date",
    ]),
  // Alternatives (rules sharing a dependant without AndRuleName).
  DCFRuleFixture(
    "unconditional bail: signed_for_bail still required, conditions not allowed",
    [
      ("\(defendant).person_remand_status", "\"unconditional_bail\""),
      ("\(defendant).signed_for_bail", nil),
    ],
    [
      "bail_conditions_provided \(defendantPath).bail_conditions_provided",
      "signed_for_bail_2 \(defendantPath).signed_for_bail",
      "bail_conditions \(defendantPath).bail_conditions",
    ]),
  DCFRuleFixture(
    "custody: no bail attributes, remand application conditions allowed",
    [
      ("\(defendant).person_remand_status", "\"custody\""),
      ("\(defendant).bail_conditions_provided", nil), ("\(defendant).signed_for_bail", nil),
      ("\(defendant).bail_conditions", nil),
      (
        "\(defendant).remand_application",
        #"{"substantial_grounds": [{"opposition_ground": "breach_of_bail", "justification": "J."}], "bail_conditions": [{"condition": "Curfew."}]}"#
      ),
    ], []),
  DCFRuleFixture(
    "custody with signed_for_bail",
    [
      ("\(defendant).person_remand_status", "\"custody\""),
      ("\(defendant).bail_conditions_provided", nil), ("\(defendant).bail_conditions", nil),
    ],
    ["signed_for_bail_1 \(defendantPath).signed_for_bail"]),
  DCFRuleFixture(
    "damaged property needs damage details, not recovered_from",
    [("case.property.0.property_action", "\"damaged\"")],
    [
      "damage_description_2 $.case.property[0].damage_description",
      "damage_cost_2 $.case.property[0].damage_cost",
      "recovered_from_1 $.case.property[0].recovered_from",
    ]),
  // Array-valued source, condition taken from the enclosing case.
  DCFRuleFixture(
    "domestic violence details missing", [("\(defendant).domestic_violence", nil)],
    ["domestic_violence \(defendantPath).domestic_violence"]),
  DCFRuleFixture(
    "domestic violence details without the marker", [("case.case_markers", "[\"MediaInterest\"]")],
    [
      "domestic_violence \(defendantPath).domestic_violence",
      "demeanour_at_incident $.case.defendants[0].offences[0].assault_offences[0].offence.demeanour_at_incident",
      "children_present $.case.defendants[0].offences[0].assault_offences[0].offence.children_present",
      "ages_of_children $.case.defendants[0].offences[0].assault_offences[0].offence.ages_of_children",
      "demeanour_at_incident $.case.defendants[0].offences[1].generic_offences[0].offence.demeanour_at_incident",
      "children_present $.case.defendants[0].offences[1].generic_offences[0].offence.children_present",
      "ages_of_children $.case.defendants[0].offences[1].generic_offences[0].offence.ages_of_children",
      "is_retraction_statement $.case.witnesses[0].victim.is_retraction_statement",
    ]),
  DCFRuleFixture(
    "retraction flag missing on a victim in a domestic-violence case",
    [("\(victim).is_retraction_statement", nil)],
    ["is_retraction_statement $.case.witnesses[0].victim.is_retraction_statement"]),
  DCFRuleFixture(
    "offence demeanour missing in a domestic-violence case",
    [("\(assault).demeanour_at_incident", nil)],
    [
      "demeanour_at_incident $.case.defendants[0].offences[0].assault_offences[0].offence.demeanour_at_incident"
    ]),
  DCFRuleFixture(
    "details_of_expenses missing when other_expenses is claimed",
    [("\(victim).compensation_applications.0.details_of_expenses", nil)],
    [
      "details_of_expenses $.case.witnesses[0].victim.compensation_applications[0].details_of_expenses"
    ]),
  DCFRuleFixture(
    "details_of_expenses present when other_expenses is not claimed",
    [("\(victim).compensation_applications.0.reasons_for_application", "[\"personal_injury\"]")],
    [
      "details_of_expenses $.case.witnesses[0].victim.compensation_applications[0].details_of_expenses"
    ]),
  // Absent source.
  DCFRuleFixture(
    "reason_dob_not_provided missing when there is no date of birth",
    [("case.witnesses.1.reason_dob_not_provided", nil)],
    ["reason_dob_not_provided $.case.witnesses[1].reason_dob_not_provided"]),
  DCFRuleFixture(
    "reason_dob_not_provided beside a date of birth",
    [("case.witnesses.1.date_of_birth", "\"1970-01-01\"")],
    ["reason_dob_not_provided $.case.witnesses[1].reason_dob_not_provided"]),
  // AndRuleName: both conditions must hold.
  DCFRuleFixture(
    "shown and believed in the footage: admission answer required",
    [
      ("\(response).defendant_shown", "true"), ("\(response).reasons_if_not_shown", nil),
      ("\(response).defendant_comments_if_shown", "\"None.\""),
      ("\(response).how_is_identification_established", nil),
    ],
    ["defendant_admits_being_in_mme_1 \(responsePath).defendant_admits_being_in_mme"]),
  DCFRuleFixture(
    "shown and believed in the footage, admitted",
    [
      ("\(response).defendant_shown", "true"), ("\(response).reasons_if_not_shown", nil),
      ("\(response).defendant_comments_if_shown", "\"None.\""),
      ("\(response).how_is_identification_established", nil),
      ("\(response).defendant_admits_being_in_mme", "true"),
    ], []),
  DCFRuleFixture(
    "not believed in the footage: no admission answer",
    [
      ("\(response).defendant_shown", "true"), ("\(response).reasons_if_not_shown", nil),
      ("\(response).defendant_comments_if_shown", "\"None.\""),
      ("\(response).is_defendant_believed_to_be_in_the_mme", "false"),
      ("\(response).how_is_identification_established", nil),
      ("\(response).defendant_admits_being_in_mme", "true"),
    ],
    ["defendant_admits_being_in_mme_1 \(responsePath).defendant_admits_being_in_mme"]),
  DCFRuleFixture(
    "shown, admits nothing: identification must be explained",
    [
      ("\(response).defendant_shown", "true"), ("\(response).reasons_if_not_shown", nil),
      ("\(response).defendant_comments_if_shown", "\"None.\""),
      ("\(response).defendant_admits_being_in_mme", "false"),
      ("\(response).how_is_identification_established", nil),
    ],
    [
      "how_is_identification_established_2 \(responsePath).how_is_identification_established"
    ]),
  // Enumeration source tested with True (class_a_drug_test_provided).
  DCFRuleFixture(
    "no drug test requested: no test details",
    [("\(defendant).class_a_drug_test_provided", "\"not_requested\"")],
    [
      "class_a_drug_test_details \(defendantPath).class_a_drug_test_details",
      "accepts_drugs_result \(defendantPath).accepts_drugs_result",
    ]),
  DCFRuleFixture(
    "drug test provided without details",
    [("\(defendant).class_a_drug_test_details", nil)],
    ["class_a_drug_test_details \(defendantPath).class_a_drug_test_details"]),
  // NGAPOnly.
  DCFRuleFixture(
    "guilty pleas with NGAP-only attributes",
    [("\(assault).anticipated_plea", "\"guilty\""), ("\(theft).anticipated_plea", "\"guilty\"")],
    [
      "NGAPOnly \(defendantPath).notice_to_provide_bad_character_evidence",
      "NGAPOnly $.case.witnesses[0].victim.witness.special_measures",
      "NGAPOnly $.case.witnesses[1].witness.wish_to_use_video_link",
    ]),
  DCFRuleFixture(
    "guilty pleas without NGAP-only attributes (likely_case_progression kept)",
    [
      ("\(assault).anticipated_plea", "\"guilty\""), ("\(theft).anticipated_plea", "\"guilty\""),
      ("\(defendant).notice_to_provide_bad_character_evidence", nil),
      ("\(defendant).bad_character_details", nil),
      ("case.witnesses.0.victim.witness.special_measures", nil),
      ("case.witnesses.1.witness.wish_to_use_video_link", nil),
    ], []),
  DCFRuleFixture(
    "one not-guilty plea allows NGAP-only attributes",
    [("\(assault).anticipated_plea", "\"guilty\"")], []),
]

@Suite("DCF business rules")
struct DCFBusinessRuleTests {
  @Test(arguments: dcfRuleFixtures)
  func fixtureGivesExactlyTheExpectedProblems(_ fixture: DCFRuleFixture) throws {
    let document = try DCFTestSupport.applying(try DCFFixtures.firstHearing(), fixture.mutations)
    let report = try DCFTestSupport.validator().validate(document)
    #expect(DCFTestSupport.pairs(report) == fixture.expected)
  }

  @Test func trailingSpaceInSourceNameIsTrimmed() throws {
    let pack = try DCFTestSupport.pack()
    let rule = try #require(pack.dependantRules.first { $0.name == "bail_conditions_provided" })
    #expect(rule.source == "person_remand_status")
    #expect(
      pack.warnings.contains { $0.contains("bail_conditions_provided") && $0.contains("trimmed") })
  }

  @Test func misspeltDependantIsAWarningNotADocumentProblem() throws {
    let pack = try DCFTestSupport.pack()
    #expect(pack.warnings.contains { $0.contains("parent_gardian_date_sent") })
    #expect(pack.warnings.contains { $0.contains("likely_case_progression") })
    #expect(pack.warnings.contains { $0.contains("AndRuleName True") })
    let document = try DCFTestSupport.applying(
      try DCFFixtures.firstHearing(),
      [
        ("\(defendant).parent_guardian_copy", "true"),
        ("\(defendant).initiation_type", "\"requisition\""), ("\(defendant).arrest", nil),
        ("\(defendant).signed_charge_sheet", nil), ("\(defendant).date_sent", "\"2026-01-11\""),
      ])
    #expect(try DCFTestSupport.validator().validate(document).problems.isEmpty)
  }

  @Test func problemMessagesNameFieldsNotValues() throws {
    let document = try DCFTestSupport.applying(
      try DCFFixtures.firstHearing(), [("case.case_markers", "[\"MediaInterest\"]")])
    let report = try DCFTestSupport.validator().validate(document)
    #expect(!report.problems.isEmpty)
    for problem in report.problems {
      #expect(!problem.message.contains("Sample"))
      #expect(!problem.message.contains("Former partner"))
    }
  }
}
