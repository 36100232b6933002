import CaseJSON
import Foundation
import Testing

/// The national DCF 1.2.2 schema, read from the shared reference directory.
enum DCFReference {
  static let schemaURL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(
      "shared/reference/dcf-1.2.2/dcf-schema.json")

  static var isPresent: Bool { FileManager.default.fileExists(atPath: schemaURL.path) }

  static func schemaText() throws -> String {
    String(decoding: try Data(contentsOf: schemaURL), as: UTF8.self)
  }

  /// A small, fictional, valid first-hearing DCF.
  static let validFirstHearing = #"""
    {
      "schema_version": "1.2.2",
      "case": {
        "pti_urn": "42AB1234524",
        "type": "FirstHearingDCF",
        "version": 1,
        "brief_description_of_case": "Fictional: a bicycle was taken outside a café in Aberystwyth (£250).",
        "defendants": [
          {
            "name": {"type": "PersonName", "surname": "Prys", "given_name": ["Gwenllian", "\u0174yn"]},
            "date_of_birth": "1990-03-01",
            "offences": [
              {"generic_offences": [
                {"type": "GenericOffence", "cjs_offence_code": "TH68001",
                 "offence": {"type": "Offence", "from_date": "2024-05-01", "to_date": "2024-05-01",
                   "charge_date": "2024-05-02", "offence_title": "Theft", "charge_wording": "Fictional wording",
                   "points_to_prove_met_by": "CCTV", "anticipated_plea": "guilty", "committed_on_bail": false}}
              ]}
            ],
            "cc_not_suitable_reasons": ["offence_not_admitted"],
            "occupation": "Fictional",
            "has_eec_passports": false,
            "foreign_national_offender": false,
            "breach_of_order": false,
            "pnc_check_performed": true,
            "court_order_applications": [{"court_order_title": "compensation_order"}],
            "interpreter_required": false,
            "dealt_with_in_welsh": true,
            "person_remand_status": "unconditional_bail",
            "given_charges": true,
            "initiation_type": "charge",
            "interview": {"reason": "Fictional reason"},
            "first_hearing_datetime": "2024-06-01T10:00:00Z",
            "first_hearing_location": {"ou_top_level_name": "A", "ou_second_level_name": "B",
              "ou_third_level_name": "C", "ou_bottom_level_name": "D"}
          }
        ],
        "witnesses": [
          {"type": "StatementWitness",
           "witness": {"nature_of_involvement": "Saw it", "evidence_they_can_give": "Description"},
           "name": {"type": "PersonName", "surname": "Jones", "given_name": ["Siân"]},
           "witness_type": ["eye"],
           "visually_recorded_interview": false}
        ],
        "likely_case_progression": "summary_only",
        "expert_evidence": false,
        "test_code": "full_code_test",
        "pca_cps": false,
        "officer_in_the_case": {"type": "OfficerName", "surname": "Evans", "given_name": ["Rhys"],
          "rank": "PC", "collar_number": "1234"},
        "signatory_name": {"type": "OfficerName", "surname": "Evans", "given_name": ["Rhys"],
          "rank": "PC", "collar_number": "1234"},
        "date": "2024-05-02"
      }
    }
    """#

  /// A broken variant: a textual replacement in the valid document and the instance path
  /// that must be reported (inside the `causes` of the top-level `oneOf` on `case`).
  struct Broken: CustomTestStringConvertible, Sendable {
    var name: String
    var replace: String
    var with: String
    var path: String
    var testDescription: String { name }

    var document: String { validFirstHearing.replacingOccurrences(of: replace, with: with) }
  }

  static let broken: [Broken] = [
    Broken(name: "bad URN", replace: #""42AB1234524""#, with: #""4AB""#, path: "$.case.pti_urn"),
    Broken(
      name: "unknown field", replace: #""pca_cps": false,"#,
      with: #""pca_cps": false, "colour": 1,"#,
      path: "$.case.colour"),
    Broken(
      name: "missing surname", replace: #""surname": "Prys", "#, with: "",
      path: "$.case.defendants[0].name"),
    Broken(
      name: "bad plea", replace: #""anticipated_plea": "guilty""#,
      with: #""anticipated_plea": "maybe""#,
      path: "$.case.defendants[0].offences[0]"),
    Broken(
      name: "boolean as string", replace: #""expert_evidence": false"#,
      with: #""expert_evidence": "no""#,
      path: "$.case.expert_evidence"),
  ]
}

@Suite(
  "National DCF schema",
  .enabled(if: DCFReference.isPresent, "the DCF reference schema is not in ../shared"))
struct DCFSchemaTests {
  func compile() throws -> JSONSchema {
    let text = try DCFReference.schemaText()
    #expect(text.unicodeScalars.first == "\u{FEFF}")
    return try JSONSchema(JSONParser.parse(Data(text.utf8), limits: .permissive))
  }

  /// Every instance path mentioned by the violations or their causes, recursively.
  func allPaths(_ violations: [SchemaViolation]) -> [String] {
    violations.flatMap { [$0.instancePath.description] + allPaths($0.causes) }
  }

  @Test func compilesAndAcceptsAValidFirstHearingFile() throws {
    let schema = try compile()
    let instance = try JSONParser.parse(DCFReference.validFirstHearing)
    let violations = schema.validate(instance)
    #expect(violations.isEmpty, "\(violations)")
  }

  @Test(arguments: DCFReference.broken)
  func refusesBrokenFiles(_ broken: DCFReference.Broken) throws {
    let schema = try compile()
    let document = broken.document
    #expect(document != DCFReference.validFirstHearing)
    let violations = schema.validate(try JSONParser.parse(document))
    #expect(!violations.isEmpty)
    #expect(violations.first?.instancePath.description == "$.case")
    #expect(violations.first?.message.contains("FirstHearingDCF") == true)
    #expect(allPaths(violations).contains(broken.path), "\(allPaths(violations))")
  }

  @Test(
    .enabled(
      if: PythonJSONSchema.isAvailable, "python3 with the jsonschema package is not installed"))
  func verdictsAgreeWithPython() throws {
    let schemaText = try DCFReference.schemaText()
    let schema = try compile()
    let documents = [DCFReference.validFirstHearing] + DCFReference.broken.map(\.document)
    let theirs = try PythonJSONSchema.verdicts(documents.map { (schemaText, $0) })
    try #require(theirs.count == documents.count)
    for (offset, document) in documents.enumerated() {
      #expect(
        schema.isValid(try JSONParser.parse(document)) == theirs[offset], "document \(offset)")
    }
  }
}
