import CaseJSON
import Foundation
import Testing

@testable import CaseStore

/// Whether `python3` with the `jsonschema` package is available for cross-checking.
enum DCFPython {
  static let available: Bool = (try? run(["-c", "import jsonschema"]))?.status == 0

  /// Runs `python3` with `arguments`; returns the exit status and standard output.
  static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}

@Suite("DCF samples")
struct DCFSampleTests {
  static let validFiles = [
    "breach-of-bail.json", "first-hearing-gap.json", "first-hearing-ngap-welsh.json",
  ]

  /// Invalid samples that parse: file, expected rule, expected path.
  static let invalidFiles: [(String, String, String)] = [
    ("schema-missing-required.json", "required", "$.case"),
    ("schema-wrong-type.json", "type", "$.case.version"),
    ("schema-unknown-field.json", "additionalProperties", "$.case.police_force"),
    ("schema-bad-urn.json", "pattern", "$.case.pti_urn"),
    ("schema-bad-enum.json", "enum", "$.case.likely_case_progression"),
    ("schema-bob-two-defendants.json", "maxItems", "$.case.defendants"),
    ("rule-dependant-missing.json", "pnc_convictions", "$.case.defendants[0].pnc_convictions"),
    ("rule-dependant-not-allowed.json", "bail_conditions", "$.case.defendants[0].bail_conditions"),
    (
      "rule-ngap-only-in-gap.json", "NGAPOnly", "$.case.witnesses[1].witness.wish_to_use_video_link"
    ),
    (
      "ref-property-id-dangling.json", "dangling-reference",
      "$.case.defendants[0].offences[0].retail_theft_offences[0].property_ids[1]"
    ),
    (
      "ref-multimedia-id-dangling.json", "dangling-reference",
      "$.case.defendants[0].multimedia_evidence_response[1].id"
    ),
  ]

  static func sample(_ folder: String, _ name: String) -> URL {
    DCFTestSupport.samplesDirectory.appendingPathComponent(folder).appendingPathComponent(name)
  }

  static func exists(_ folder: String, _ name: String) -> Bool {
    FileManager.default.fileExists(atPath: sample(folder, name).path)
  }

  @Test(arguments: validFiles)
  func validSampleHasNoProblemsAndMapsTheSameTwice(_ name: String) throws {
    try #require(Self.exists("valid", name), "sample not written yet")
    let validator = try DCFTestSupport.validator()
    let report = try validator.validate(fileAt: Self.sample("valid", name))
    #expect(report.problems.isEmpty, "\(report.problems)")
    let document = try DCFValidator.read(Self.sample("valid", name))
    let first = try DCFMapper.mapWithNotes(document)
    let second = try DCFMapper.mapWithNotes(document)
    #expect(first == second)
    #expect(first.record.people.contains { $0.roles.contains(.defendant) })
    #expect(first.record.people.contains { $0.roles.contains(.officerInCase) })
    #expect(URN(first.record.urn) != nil)
  }

  @Test(arguments: invalidFiles)
  func invalidSampleHasTheExpectedProblem(_ name: String, _ rule: String, _ path: String) throws {
    try #require(Self.exists("invalid", name), "sample not written yet")
    let report = try DCFTestSupport.validator().validate(fileAt: Self.sample("invalid", name))
    #expect(DCFTestSupport.pairs(report) == ["\(rule) \(path)"])
  }

  @Test(arguments: ["malformed-trailing-comma.json", "encoding-invalid-utf8.json"])
  func brokenSampleIsMalformed(_ name: String) throws {
    try #require(Self.exists("invalid", name), "sample not written yet")
    let error = try #require(
      DCFValidatorTests.failure(try DCFTestSupport.validator(), Self.sample("invalid", name)))
    #expect(error.code == .malformed)
    #expect(error.problems.first?.line != nil)
  }

  /// The schema verdict on every parseable sample and fixture agrees with Python's
  /// `jsonschema.Draft4Validator`.
  @Test(.enabled(if: DCFPython.available))
  func schemaVerdictsAgreeWithPythonDraft4() throws {
    var files =
      Self.validFiles.map { Self.sample("valid", $0) }
      + Self.invalidFiles.map { Self.sample("invalid", $0.0) }
    files = files.filter { FileManager.default.fileExists(atPath: $0.path) }
    let fixtures = [DCFFixtures.firstHearingText, DCFFixtures.breachOfBailText].map {
      Array($0.utf8)
    }
    var temporary: [URL] = []
    for bytes in fixtures { temporary.append(try DCFValidatorTests.temporaryFile(bytes)) }
    defer { for url in temporary { try? FileManager.default.removeItem(at: url) } }
    files += temporary
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1], encoding='utf-8-sig'))
      validator = jsonschema.Draft4Validator(schema)
      for path in sys.argv[2:]:
          document = json.load(open(path, encoding='utf-8'))
          print('valid' if validator.is_valid(document) else 'invalid')
      """
    let schemaPath = DCFTestSupport.referenceDirectory.appendingPathComponent("dcf-schema.json")
      .path
    let result = try DCFPython.run(["-c", script, schemaPath] + files.map(\.path))
    try #require(result.status == 0)
    let verdicts = result.output.split(separator: "\n").map(String.init)
    try #require(verdicts.count == files.count)
    let pack = try DCFTestSupport.pack()
    for (file, verdict) in zip(files, verdicts) {
      let ours = pack.schema.isValid(try DCFValidator.read(file)) ? "valid" : "invalid"
      #expect(ours == verdict, "\(file.lastPathComponent)")
    }
  }
}
