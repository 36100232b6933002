import CaseJSON
import Foundation
import Testing

@testable import CaseStore

@Suite("DCF schema, files and samples")
struct DCFValidatorTests {
  /// Schema fixtures: mutation, expected `keyword path` problems.
  static let schemaFixtures: [DCFRuleFixture] = [
    DCFRuleFixture(
      "missing required member", [("case.test_code", nil)], ["required $.case"]),
    DCFRuleFixture(
      "wrong type", [("case.version", "\"1\"")], ["type $.case.version"]),
    DCFRuleFixture(
      "unknown marker", [("case.case_markers.0", "\"NotAMarker\"")],
      [
        "enum $.case.case_markers[0]",
        // Without the DomesticViolence marker, the DV-only attributes are not allowed.
        "domestic_violence $.case.defendants[0].domestic_violence",
        "demeanour_at_incident $.case.defendants[0].offences[0].assault_offences[0].offence.demeanour_at_incident",
        "children_present $.case.defendants[0].offences[0].assault_offences[0].offence.children_present",
        "ages_of_children $.case.defendants[0].offences[0].assault_offences[0].offence.ages_of_children",
        "demeanour_at_incident $.case.defendants[0].offences[1].generic_offences[0].offence.demeanour_at_incident",
        "children_present $.case.defendants[0].offences[1].generic_offences[0].offence.children_present",
        "ages_of_children $.case.defendants[0].offences[1].generic_offences[0].offence.ages_of_children",
        "is_retraction_statement $.case.witnesses[0].victim.is_retraction_statement",
      ]),
    DCFRuleFixture(
      "unknown member", [("case.defendants.0.nickname", "\"x\"")],
      ["additionalProperties $.case.defendants[0].nickname"]),
  ]

  @Test(arguments: schemaFixtures)
  func schemaProblemsCarryKeywordAndPath(_ fixture: DCFRuleFixture) throws {
    let document = try DCFTestSupport.applying(try DCFFixtures.firstHearing(), fixture.mutations)
    let report = try DCFTestSupport.validator().validate(document)
    #expect(DCFTestSupport.pairs(report) == fixture.expected)
  }

  @Test func breachOfBailFixtureIsValid() throws {
    let report = try DCFTestSupport.validator().validate(try DCFFixtures.breachOfBail())
    #expect(report.kind == .breachOfBail)
    #expect(report.problems.isEmpty)
  }

  @Test func twoBreachOfBailDefendantsAreReportedAgainstTheBobDefinition() throws {
    let base = try DCFFixtures.breachOfBail()
    let first = try #require(DCFTestSupport.value(base, "case.defendants.0"))
    guard case .object(var copy) = first else { throw DCFTestError.notAnObject }
    copy["defendant_id"] = .string("D2")
    let document = try DCFTestSupport.applyingValue(base, "case.defendants.1", .object(copy))
    let report = try DCFTestSupport.validator().validate(document)
    #expect(DCFTestSupport.pairs(report) == ["maxItems $.case.defendants"])
  }

  @Test func unknownKindIsReported() throws {
    let document = try DCFTestSupport.setting(
      try DCFFixtures.firstHearing(), "case.type", "\"OtherDCF\"")
    let report = try DCFTestSupport.validator().validate(document)
    #expect(report.kind == .unknown)
    #expect(!report.problems.isEmpty)
  }

  @Test func welshTextSurvivesRawAndEscaped() throws {
    let raw = "Digwyddodd ger tŷ ŵyn â’r drws"
    let escaped = #"Digwyddodd ger t\u0177 \u0175yn \u00e2\u2019r drws"#
    for written in [raw, escaped] {
      let text = DCFFixtures.firstHearingText.replacingOccurrences(
        of: "Fictional case: an assault at a house in Llanfair-ym-Muallt (tŷ, ŵyn, â).",
        with: written)
      let document = try DCFTestSupport.parse(text)
      let report = try DCFTestSupport.validator().validate(document)
      #expect(report.problems.isEmpty)
      let record = try DCFMapper.map(document)
      #expect(record.summary == raw)
      #expect(Array(record.summary.unicodeScalars) == Array(raw.unicodeScalars))
    }
  }

  @Test func unreadableFileThrowsUnreadable() throws {
    let missing = FileManager.default.temporaryDirectory
      .appendingPathComponent("dcf-missing-\(UUID().uuidString).json")
    let error = try #require(Self.failure(try DCFTestSupport.validator(), missing))
    #expect(error.code == .unreadable)
    #expect(error.file == missing.path)
  }

  @Test(arguments: [
    ("{\"case\": {,}}", 1), ("{\n  \"case\": \"\u{1}\"\n}", 2),
  ])
  func malformedFileThrowsMalformedWithLine(_ text: String, _ line: Int) throws {
    let url = try Self.temporaryFile(Array(text.utf8))
    defer { try? FileManager.default.removeItem(at: url) }
    let error = try #require(Self.failure(try DCFTestSupport.validator(), url))
    #expect(error.code == .malformed)
    #expect(error.problems.first?.line == line)
  }

  @Test func invalidUTF8IsMalformed() throws {
    let bytes =
      Array("{\"schema_version\": \"1.2.2\", \"case\": \"".utf8) + [0xA3] + Array("\"}".utf8)
    let url = try Self.temporaryFile(bytes)
    defer { try? FileManager.default.removeItem(at: url) }
    let error = try #require(Self.failure(try DCFTestSupport.validator(), url))
    #expect(error.code == .malformed)
  }

  /// The error validating the file at `url` throws, or `nil` when it does not throw.
  static func failure(_ validator: DCFValidator, _ url: URL) -> InputError? {
    do {
      _ = try validator.validate(fileAt: url)
      return nil
    } catch {
      return error
    }
  }

  static func temporaryFile(_ bytes: [UInt8]) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("dcf-test-\(UUID().uuidString).json")
    try Data(bytes).write(to: url)
    return url
  }
}
