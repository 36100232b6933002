import CaseFileKit
import Foundation
import Testing

/// Replays every committed fuzz regression input (`Tests/Fuzz/regressions/<target>/`) through
/// the same harness the libFuzzer targets run, in process.
///
/// A crash in the import path stops the test process, as it stopped the fuzzer; a broken
/// invariant (round-trip, invented records, a mapped DCF the records checks refuse) fails
/// the test with the invariant's name.
struct FuzzRegressionTests {
  /// The regression directory for `target`.
  static func directory(_ target: FuzzTarget) -> URL {
    packageRoot.appendingPathComponent("Tests/Fuzz/regressions")
      .appendingPathComponent(target.rawValue)
  }

  /// The regression inputs for `target`, by file name, sorted.
  static func inputs(_ target: FuzzTarget) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory(target).path))
    return (names ?? []).filter { !$0.hasPrefix(".") }.sorted()
  }

  /// One harness per target, compiled once for the whole suite.
  static let harnesses: [FuzzTarget: Result<ImportHarness, ImportHarness.SetupError>] = {
    let schemas = packageRoot.appendingPathComponent("Schemas")
    let dcf = packageRoot.appendingPathComponent("../shared/reference/dcf-1.2.2")
      .standardizedFileURL
    var result: [FuzzTarget: Result<ImportHarness, ImportHarness.SetupError>] = [:]
    for target in FuzzTarget.allCases {
      result[target] = Result { () throws(ImportHarness.SetupError) -> ImportHarness in
        try ImportHarness(target: target, schemasDirectory: schemas, dcfDirectory: dcf)
      }
    }
    return result
  }()

  /// Inputs that still break an invariant, by `target/file`, with the reported bug.
  ///
  /// Each is run under `withKnownIssue`, so the suite stays green while the fix lands and
  /// fails once the input passes: then remove its entry here.
  static let knownIssues: [String: String] = [:]

  /// Runs one input file and returns the outcome, failing the test on a broken invariant.
  func replay(_ name: String, _ target: FuzzTarget) throws -> FuzzOutcome? {
    let harness = try #require(Self.harnesses[target]).get()
    let data = try Data(contentsOf: Self.directory(target).appendingPathComponent(name))
    let key = "\(target.rawValue)/\(name)"
    guard let reason = Self.knownIssues[key] else {
      do {
        return try harness.check(data)
      } catch {
        Issue.record("\(key): \(error)")
        return nil
      }
    }
    var outcome: FuzzOutcome?
    withKnownIssue(Comment(rawValue: reason)) {
      outcome = try harness.check(data)
    }
    return outcome
  }

  @Test func everyTargetHasRegressionInputs() {
    for target in FuzzTarget.allCases {
      #expect(!Self.inputs(target).isEmpty, "no inputs in \(Self.directory(target).path)")
    }
  }

  @Test(arguments: inputs(.records))
  func recordsInputKeepsTheInvariants(_ name: String) throws {
    _ = try replay(name, .records)
  }

  @Test(arguments: inputs(.dcf))
  func dcfInputKeepsTheInvariants(_ name: String) throws {
    _ = try replay(name, .dcf)
  }

  @Test(arguments: inputs(.xml))
  func xmlInputKeepsTheInvariants(_ name: String) throws {
    _ = try replay(name, .xml)
  }

  @Test func xmlHarnessAcceptsACaseDocumentAndRefusesADoctype() throws {
    #expect(try replay("case-document.xml", .xml) == .accepted)
    #expect(try replay("doctype.xml", .xml) == .malformed)
    #expect(try replay("mixed.xml", .xml) == .rejected)
  }

  @Test(arguments: inputs(.bag))
  func bagInputKeepsTheInvariants(_ name: String) throws {
    _ = try replay(name, .bag)
  }

  @Test func bagHarnessAcceptsABagAndRefusesALink() throws {
    #expect(try replay("small.tar", .bag) == .accepted)
    #expect(try replay("small.zip", .bag) == .accepted)
    #expect(try replay("symlink.tar", .bag) == .malformed)
  }

  /// The hand-written inputs that must be refused before any checks run stay refused.
  @Test(arguments: [
    "deep-nesting-10000-arrays.json", "deep-nesting-129-in-summary.json",
    "duplicate-key-top.json", "invalid-utf8-in-string.json", "lone-high-surrogate-escape.json",
    "raw-surrogate-cesu8.json", "number-too-long.json", "empty.json",
  ])
  func malformedRecordsInputIsMalformed(_ name: String) throws {
    #expect(try replay(name, .records) == .malformed)
  }

  /// The minimal document and a valid sample are accepted, so the invariants are exercised.
  @Test func validInputsAreAccepted() throws {
    #expect(try replay("minimal-valid.json", .records) == .accepted)
    let harness = try #require(Self.harnesses[.dcf]).get()
    let sample = packageRoot.appendingPathComponent("Samples/dcf/valid/first-hearing-gap.json")
    #expect(try harness.check(Data(contentsOf: sample)) == .accepted)
  }
}
