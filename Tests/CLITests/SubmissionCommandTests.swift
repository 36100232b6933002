import CaseFileKit
import Foundation
import Testing

/// A store with the GAP sample, a signing key, and helpers to drive the workflow, submit
/// and import receipts through the built binary.
struct SubmissionFixture {
  static let urn = "20BH0231926"
  static let asOf = "2026-11-26"
  let directory: TemporaryDirectory
  var store: [String] { ["--store", directory.store] }
  var key: String { directory.url.appendingPathComponent("keys/casefile-signing.key").path }
  var outbox: String { directory.url.appendingPathComponent("outbox").path }

  init() throws {
    directory = try TemporaryDirectory()
    #expect(try runCasefile(["init"] + store).status == 0)
    let sample = packageRoot.appendingPathComponent("Samples/records/gap-summary.json").path
    #expect(try runCasefile(["import"] + store + [sample]).status == 0)
    let keys = directory.url.appendingPathComponent("keys")
    try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
    #expect(try runCasefile(["keys", "generate", "--out", keys.path]).status == 0)
  }

  func run(_ arguments: [String], as user: String = "sam") throws -> BinaryRun {
    try runCasefile(arguments + store + ["--user", user])
  }

  func workflow(_ action: String, as user: String = "sam") throws {
    let run = try run(["workflow", action, Self.urn, "--as-of", Self.asOf], as: user)
    #expect(run.status == 0, "workflow \(action): \(run.stderr)")
  }

  func approve() throws {
    try workflow("submit-for-review")
    try workflow("approve")
  }

  func submit(as user: String = "sam") throws -> BinaryRun {
    try run(
      [
        "submit", Self.urn, "--for", "cps", "--sign", key, "--outbox", outbox, "--as-of", Self.asOf,
        "--format", "json",
      ], as: user)
  }

  /// The submission `submit --format json` printed.
  func submitted(as user: String = "sam") throws -> [String: Any] {
    let run = try submit(as: user)
    #expect(run.status == 0, "submit: \(run.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
  }

  func stage() throws -> String {
    let run = try run(["status", Self.urn, "--as-of", Self.asOf, "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    return object?["stage"] as? String ?? "?"
  }

  /// Writes a receipt for a submission and returns its path.
  func receipt(
    _ kind: ReceiptMessage.Kind, for submission: [String: Any], message: String,
    reasons: [ReceiptMessage.Reason] = [], sha256: String? = nil, name: String? = nil
  ) throws -> String {
    let receipt = ReceiptMessage(
      kind: kind, messageId: message, submissionId: submission["submissionId"] as? String ?? "",
      urn: Self.urn, bundleSHA256: sha256 ?? (submission["sha256"] as? String ?? ""),
      issuedAt: "2026-11-27T09:30:00Z", from: "CPS West Midlands", reasons: reasons, sha256: "")
    let path = directory.url.appendingPathComponent(name ?? "\(message).xml").path
    try Data(ReceiptReader.write(receipt)).write(to: URL(fileURLWithPath: path))
    return path
  }

  func importReceipt(_ path: String, as user: String = "sam") throws -> BinaryRun {
    try run(["receipt", "import", path, "--format", "json"], as: user)
  }

  /// The store's files, byte for byte (after a checkpoint-free read: WAL included).
  func storeBytes() throws -> [String: Data] {
    var files: [String: Data] = [:]
    for suffix in ["", "-wal"] {
      let path = directory.store + suffix
      if let data = FileManager.default.contents(atPath: path) { files[suffix] = data }
    }
    return files
  }
}

/// Lists the entries of a tar bundle.
func bundleEntries(_ path: String) throws -> [String] {
  try tar(["-tf", path]).split(separator: "\n").map(String.init)
}

/// `bag-info.txt` of a tar bundle.
func submissionBagInfo(_ path: String) throws -> String {
  let entry = try bundleEntries(path).first { $0.hasSuffix("/bag-info.txt") } ?? ""
  return try tar(["-xOf", path, entry])
}

/// One file of a tar bundle, by its path under `data/`.
func bundleFile(_ path: String, _ relative: String) throws -> String {
  let entry = try #require(try bundleEntries(path).first { $0.hasSuffix("/data/" + relative) })
  return try tar(["-xOf", path, entry])
}

@Suite("casefile submit: idempotent submissions and updates")
struct SubmissionCommandTests {
  @Test func refusesACaseThatIsNotApproved() throws {
    let fixture = try SubmissionFixture()
    let run = try fixture.submit()
    #expect(run.status == 1)
    #expect(run.stderr.contains("no valid approval"), "\(run.stderr)")
    #expect((try? FileManager.default.contentsOfDirectory(atPath: fixture.outbox))?.isEmpty ?? true)
  }

  @Test func theSameApprovedStateGivesTheSameIdAndBytesAndOneRecord() throws {
    let fixture = try SubmissionFixture()
    try fixture.approve()
    let first = try fixture.submitted()
    let id = try #require(first["submissionId"] as? String)
    let path = try #require(first["bundle"] as? String)
    #expect(first["kind"] as? String == "full" && first["new"] as? Bool == true)
    #expect(path.hasSuffix("/outbox/20BH0231926-cps-\(id).tar"))
    #expect(try fixture.stage() == "submitted")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try FileManager.default.removeItem(atPath: path)
    let again = try fixture.submitted()
    #expect(again["submissionId"] as? String == id)
    #expect(again["new"] as? Bool == false && again["identical"] as? Bool == true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    // Again with the bundle still there: replaced by the same bytes, no scratch left over.
    #expect(try fixture.submitted()["submissionId"] as? String == id)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: fixture.outbox) == [
        URL(fileURLWithPath: path).lastPathComponent
      ])
    #expect(try fixture.stage() == "submitted")
    // One record: the store holds a single submission.
    let count = try sqlite(fixture.directory.store, "SELECT count(*) FROM submissions")
    #expect(count == "1")
    // The bag-info names the submission; the manifest says the whole file was sent.
    let info = try submissionBagInfo(path)
    #expect(info.contains("Casefile-Submission-Id: \(id)"))
    #expect(info.contains("Casefile-Submission-Kind: full"))
    #expect(!info.contains("Casefile-Previous-Submission"))
    let manifest = try manifestObject(path)
    #expect(manifest["previousSubmission"] is NSNull)
    let sent = manifest["sent"] as? [[String: Any]] ?? []
    #expect(!sent.isEmpty && sent.allSatisfy { $0["label"] as? String == "full file sent" })
    let verified = try runCasefile([
      "verify", path, "--trust",
      fixture.directory.url.appendingPathComponent("keys/casefile-signing.pub").path,
    ])
    #expect(verified.status == 0, "\(verified.stdout)")
  }

  @Test func anUpdateSendsOnlyTheChangedDocumentsAndPointsAtThePreviousSubmission() throws {
    let fixture = try SubmissionFixture()
    try fixture.approve()
    let first = try fixture.submitted()
    let firstId = try #require(first["submissionId"] as? String)
    let rejection = try fixture.receipt(
      .rejection, for: first, message: "CPS-1",
      reasons: [.init(rule: nil, text: "Please add the custody officer's statement.")])
    #expect(try fixture.importReceipt(rejection).status == 0)
    for action in try openActionIds(fixture) {
      #expect(try fixture.run(["actions", "resolve", SubmissionFixture.urn, action]).status == 0)
    }
    try addStatement(fixture)
    try fixture.approve()
    let update = try fixture.submitted()
    let path = try #require(update["bundle"] as? String)
    #expect(update["kind"] as? String == "update")
    #expect(update["previousSubmission"] as? String == firstId)
    #expect(update["submissionId"] as? String != firstId)
    let sent = (update["sent"] as? [[String: String]] ?? [])
    #expect(sent.contains { $0["path"] == "data/MG11-S3.xml" && $0["label"] == "new statement" })
    #expect(!sent.contains { $0["path"] == "data/MG11-S1.xml" || $0["path"] == "data/MG11-S2.xml" })
    let names = try bundleEntries(path).compactMap { entry in
      entry.range(of: "/data/").map { String(entry[$0.upperBound...]) }
    }.filter { !$0.isEmpty && !$0.hasSuffix("/") }
    #expect(
      Set(names)
        == Set(sent.compactMap { $0["path"].map { String($0.dropFirst(5)) } } + ["submission.json"])
    )
    let manifest = try manifestObject(path)
    #expect(manifest["previousSubmission"] as? String == firstId)
    #expect(manifest["kind"] as? String == "update")
    let unchanged = (manifest["unchanged"] as? [[String: Any]] ?? []).compactMap {
      $0["path"] as? String
    }
    #expect(unchanged.contains("data/MG11-S1.xml"))
    #expect(try submissionBagInfo(path).contains("Casefile-Previous-Submission: \(firstId)"))
  }

  @Test func openActionsBlockTheNextSubmission() throws {
    let fixture = try SubmissionFixture()
    try fixture.approve()
    let first = try fixture.submitted()
    let rejection = try fixture.receipt(
      .rejection, for: first, message: "CPS-2",
      reasons: [.init(rule: "NFS-MG5-001", text: "Summary incomplete.")])
    #expect(try fixture.importReceipt(rejection).status == 0)
    try addStatement(fixture)
    try fixture.approve()
    let refused = try fixture.submit()
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("open action"), "\(refused.stderr)")
  }

  @Test func usageErrors() throws {
    let fixture = try SubmissionFixture()
    let defence = try fixture.run(
      ["submit", SubmissionFixture.urn, "--for", "defence", "--sign", fixture.key])
    #expect(defence.status == 64)
    let unsigned = try runCasefile(
      ["submit", SubmissionFixture.urn] + fixture.store,
      environment: ["CASEFILE_SIGNING_KEY": ""])
    #expect(unsigned.status == 64)
  }
}

/// Adds statement S3 (by the officer in the case) to the GAP sample.
func addStatement(_ fixture: SubmissionFixture) throws {
  let text = fixture.directory.url.appendingPathComponent("s3.txt")
  try Data("I booked the defendant into custody at 00:05 on 1 November 2026.".utf8).write(to: text)
  let added = try fixture.run([
    "statement", "add", SubmissionFixture.urn, "--witness", "W2", "--date", "2026-11-03",
    "--text-file", text.path,
  ])
  #expect(added.status == 0, "\(added.stderr)")
}

/// The open action ids `casefile actions --open --format json` lists.
func openActionIds(_ fixture: SubmissionFixture) throws -> [String] {
  let run = try fixture.run(["actions", SubmissionFixture.urn, "--open", "--format", "json"])
  let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
  return (object?["actions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
}

/// `data/submission.json` of a bundle, parsed.
func manifestObject(_ path: String) throws -> [String: Any] {
  try #require(
    try JSONSerialization.jsonObject(with: Data(bundleFile(path, "submission.json").utf8))
      as? [String: Any])
}
