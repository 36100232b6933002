import CaseFileKit
import CaseStore
import Foundation
import Testing

/// A minimal valid records file; each bad-input test breaks it in one way.
let validRecordsText = """
  {"format": "casefile-records", "version": 1, "cases": [{
    "urn": "01AB1234526", "title": "R v Example", "summary": "Theft of goods worth £20; Siôn ŵyr.",
    "people": [
      {"id": "P1", "roles": ["defendant"], "name": {"given": ["Sam"], "family": "Example"}, "dateOfBirth": "1990-05-01"},
      {"id": "P2", "roles": ["victim"], "name": {"given": ["Ann"], "family": "Other"}, "address": "1 Example Street"}
    ],
    "offences": [{"id": "O1", "defendant": "P1", "cjsCode": "TH68010", "title": "Theft from a shop",
      "wording": "Stole goods", "from": "2026-03-01", "modeOfTrial": "either-way", "anticipatedPlea": "guilty"}],
    "witnesses": [{"id": "W1", "person": "P2", "kind": "victim", "key": true}],
    "statements": [{"id": "S1", "witness": "W1", "date": "2026-03-01", "text": "I saw it."}]
  }]}
  """

@Suite("Import refuses bad input and changes nothing")
struct ImportBadInputTests {
  /// Each case: a name, the file's bytes, and the JSON path (or nil) and text the error must show.
  static let cases: [(String, Data, String?, String)] = [
    (
      "malformed JSON", Data(#"{"format": "casefile-records", "version": 1, "cases": [}"#.utf8),
      nil, ":1:"
    ),
    (
      "trailing comma",
      Data(
        validRecordsText.replacingOccurrences(of: #""key": true}"#, with: #""key": true,}"#).utf8),
      nil, ":"
    ),
    (
      "wrong type",
      Data(validRecordsText.replacingOccurrences(of: #""key": true"#, with: #""key": "yes""#).utf8),
      "$.cases[0].witnesses[0].key", "type"
    ),
    (
      "unknown field",
      Data(
        validRecordsText.replacingOccurrences(
          of: #""key": true"#, with: #""key": true, "nickname": "x""#
        ).utf8), "$.cases[0].witnesses[0]", "nickname"
    ),
    (
      "duplicate id",
      Data(validRecordsText.replacingOccurrences(of: #"{"id": "W1""#, with: #"{"id": "P1""#).utf8),
      "$.cases[0].witnesses[0].id", "already used"
    ),
    (
      "dangling reference",
      Data(
        validRecordsText.replacingOccurrences(of: #""witness": "W1""#, with: #""witness": "W7""#)
          .utf8), "$.cases[0].statements[0].witness", "W7"
    ),
    (
      "impossible date",
      Data(validRecordsText.replacingOccurrences(of: "1990-05-01", with: "1990-02-30").utf8),
      "$.cases[0].people[0].dateOfBirth", "calendar"
    ),
    (
      "bad URN",
      Data(validRecordsText.replacingOccurrences(of: "01AB1234526", with: "01AB12345").utf8),
      "$.cases[0].urn", "pattern"
    ),
    (
      "duplicate key",
      Data(
        validRecordsText.replacingOccurrences(
          of: #""key": true"#, with: #""key": true, "key": false"#
        ).utf8), "$.cases[0].witnesses[0]", "key"
    ),
    (
      "invalid UTF-8",
      Data(validRecordsText.utf8).replacingFirst(
        Data("Siôn".utf8), with: Data([0x53, 0x69, 0xC3, 0x28, 0x6E])), nil, "UTF-8"
    ),
    (
      "control character",
      Data(validRecordsText.replacingOccurrences(of: "I saw it.", with: "I saw\\u0001it.").utf8),
      "$.cases[0].statements[0].text", "XML"
    ),
    (
      "raw control character",
      Data(validRecordsText.replacingOccurrences(of: "I saw it.", with: "I saw\u{0B}it.").utf8),
      "$.cases[0].statements[0].text", ""
    ),
    (
      "missing media file",
      Data(
        validRecordsText.replacingOccurrences(
          of: #""statements""#,
          with:
            #""media": [{"id": "M1", "file": "media/missing.mp4", "mediaType": "video/mp4"}], "statements""#
        ).utf8), "$.cases[0].media[0].file", "does not exist"
    ),
    (
      "50 MB string",
      Data(
        validRecordsText.replacingOccurrences(
          of: "I saw it.", with: String(repeating: "a", count: 50 << 20)
        ).utf8), "$.cases[0].statements[0].text", ""
    ),
    ("not records or DCF", Data(#"{"hello": 1}"#.utf8), "$", "--as"),
    ("empty file", Data(), nil, ""),
  ]

  @Test func acceptsTheValidFile() throws {
    let workspace = try Workspace()
    let file = try workspace.write("good.json", validRecordsText)
    let outcome = try ImportCommands.importFiles(
      workspace.context, files: [file], format: nil, replace: false)
    #expect(outcome.failed.isEmpty)
    #expect(outcome.imported.first?.urns == ["01AB1234526"])
  }

  @Test(arguments: 0..<cases.count)
  func refusesBadInputClearlyAndChangesNothing(_ index: Int) throws {
    let (name, bytes, path, text) = Self.cases[index]
    let workspace = try Workspace()
    let good = try workspace.write(
      "seed.json", validRecordsText.replacingOccurrences(of: "01AB1234526", with: "02CD7654326"))
    _ = try ImportCommands.importFiles(
      workspace.context, files: [good], format: nil, replace: false)
    let before = try workspace.storeFingerprint()
    let file = try workspace.write("bad.json", bytes)
    let started = Date()
    let outcome = try ImportCommands.importFiles(
      workspace.context, files: [file], format: nil, replace: false)
    #expect(Date().timeIntervalSince(started) < 10, "\(name) took too long")
    let error = try #require(outcome.failed.first, "\(name) was accepted")
    #expect(outcome.imported.isEmpty)
    #expect(ExitStatus.of(error) == .badInput, "\(name)")
    let message = ExitStatus.message(for: error)
    #expect(message.contains(file), "\(name): \(message)")
    if let path { #expect(message.contains(path), "\(name): \(message)") }
    if !text.isEmpty { #expect(message.contains(text), "\(name): \(message)") }
    #expect(
      !message.contains("Ann") && !message.contains("Example Street"),
      "\(name) leaks data: \(message)")
    #expect(try workspace.storeFingerprint() == before, "\(name) changed the store")
  }

  @Test func refusesAnExistingCaseUnlessReplacing() throws {
    let workspace = try Workspace()
    let file = try workspace.write("good.json", validRecordsText)
    _ = try ImportCommands.importFiles(
      workspace.context, files: [file], format: nil, replace: false)
    let before = try workspace.storeFingerprint()
    let again = try ImportCommands.importFiles(
      workspace.context, files: [file], format: nil, replace: false)
    #expect(again.failed.count == 1)
    #expect(ExitStatus.message(for: try #require(again.failed.first)).contains("--replace"))
    #expect(try workspace.storeFingerprint() == before)
    let replaced = try ImportCommands.importFiles(
      workspace.context, files: [file], format: nil, replace: true)
    #expect(replaced.imported.first?.replaced == ["01AB1234526"])
  }

  @Test func importsGoodFilesBesideABadOne() throws {
    let workspace = try Workspace()
    let good = try workspace.write("good.json", validRecordsText)
    let bad = try workspace.write("bad.json", "{")
    let outcome = try ImportCommands.importFiles(
      workspace.context, files: [bad, good], format: nil, replace: false)
    #expect(outcome.failed.count == 1)
    #expect(outcome.imported.count == 1)
    #expect(try StoreCommands.listCases(workspace.context).map(\.urn) == ["01AB1234526"])
  }
}

extension Data {
  /// A copy with the first occurrence of `target` replaced.
  func replacingFirst(_ target: Data, with replacement: Data) -> Data {
    guard let range = range(of: target) else { return self }
    var copy = self
    copy.replaceSubrange(range, with: replacement)
    return copy
  }
}
