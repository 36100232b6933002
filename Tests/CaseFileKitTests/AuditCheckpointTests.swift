import CasePackaging
import Foundation
import Testing

@testable import CaseFileKit

@Suite("Audit checkpoint file")
struct AuditCheckpointTests {
  private let key = BagSigningKey.generate()
  private let head = String(repeating: "ab", count: 32)

  private let root = String(repeating: "ef", count: 32)

  private func checkpoint(since: AuditCheckpoint.Since? = nil) throws -> AuditCheckpoint {
    try AuditCheckpoint.make(
      entries: 42, head: head, treeRoot: root, since: since, signedAt: "2026-11-26T04:00:00Z",
      signedBy: "liaison", key: key)
  }

  @Test func readsBackWhatItWritesAndVerifiesWithItsKey() throws {
    let made = try checkpoint()
    let read = try AuditCheckpoint(fileText: made.fileText, file: "c.txt")
    #expect(read == made)
    #expect(read.isSigned(by: key.publicKey))
    #expect(!read.isSigned(by: BagSigningKey.generate().publicKey))
    #expect(
      made.fileText.hasPrefix(
        "Casefile-Audit-Checkpoint: 1\nEntries: 42\nHead: \(head)\nTree-Root: \(root)\n"))
    // With the lines of an earlier checkpoint and a proof (empty or not).
    for proof in [[], [head], [head, root]] {
      let since = AuditCheckpoint.Since(entries: 7, treeRoot: root, proof: proof)
      let extended = try checkpoint(since: since)
      let back = try AuditCheckpoint(fileText: extended.fileText, file: "c.txt")
      #expect(back == extended)
      #expect(back.since == since)
      #expect(back.isSigned(by: key.publicKey))
    }
  }

  @Test func everyChangedFieldBreaksTheSignature() throws {
    let made = try checkpoint()
    var changes: [AuditCheckpoint] = []
    for index in 0..<7 {
      var changed = made
      switch index {
      case 0: changed.entries = 41
      case 1: changed.head = String(repeating: "cd", count: 32)
      case 2: changed.signedAt = "2026-11-27T04:00:00Z"
      case 3: changed.signedBy = "someone"
      case 4: changed.treeRoot = head
      case 5: changed.since = .init(entries: 1, treeRoot: root, proof: [])
      default: changed.keyID = "0000000000000000"
      }
      changes.append(changed)
    }
    for changed in changes {
      #expect(!changed.isSigned(by: key.publicKey))
    }
  }

  @Test func everyFlippedByteIsRefusedOrFailsTheSignature() throws {
    let text = Array(try checkpoint().fileText.utf8)
    for index in text.indices {
      var bytes = text
      bytes[index] ^= 0x01
      let flipped = String(decoding: bytes, as: UTF8.self)
      guard let read = try? AuditCheckpoint(fileText: flipped, file: "c.txt") else { continue }
      // A flip inside the base64 padding can decode to the same signature; nothing else may.
      if read == (try checkpoint()) { continue }
      #expect(!read.isSigned(by: key.publicKey), "byte \(index)")
    }
  }

  @Test(arguments: [
    ("", "expected Casefile-Audit-Checkpoint"),
    ("Casefile-Audit-Checkpoint: 2\n", "expected Casefile-Audit-Checkpoint"),
    ("no newline", "does not end with a newline"),
  ])
  func malformedFilesAreRefusedByName(_ text: String, _ why: String) throws {
    #expect {
      try AuditCheckpoint(fileText: text, file: "c.txt")
    } throws: { error in
      "\(error)".contains("c.txt is not an audit checkpoint") && "\(error)".contains(why)
    }
  }

  @Test func badFieldsAreRefused() throws {
    let good = try checkpoint().fileText
    let broken = [
      good.replacingOccurrences(of: "Entries: 42", with: "Entries: -1"),
      good.replacingOccurrences(of: "Entries: 42", with: "Entries: many"),
      good.replacingOccurrences(of: "Head: ab", with: "Head: AB"),
      good.replacingOccurrences(of: "Signature: ", with: "Signature: !!"),
      good.replacingOccurrences(of: "Head:", with: "Hash:"),
      good.replacingOccurrences(of: "Tree-Root: ef", with: "Tree-Root: zz"),
      good + "Extra: line\n",
      try checkpoint(since: .init(entries: 1, treeRoot: root, proof: [head])).fileText
        .replacingOccurrences(of: "Consistency-Proof: ab", with: "Consistency-Proof: xy"),
      try checkpoint(since: .init(entries: 1, treeRoot: root, proof: [])).fileText
        .replacingOccurrences(of: "Since-Entries: 1", with: "Since-Entries: one"),
    ]
    for text in broken {
      #expect(throws: KitError.self) { try AuditCheckpoint(fileText: text, file: "c.txt") }
    }
  }

  @Test func aUserNameWithAControlCharacterIsRefused() {
    #expect(throws: KitError.self) {
      try AuditCheckpoint.make(
        entries: 1, head: head, treeRoot: root, signedAt: "t", signedBy: "eve\nEntries: 9",
        key: key)
    }
  }
}

@Suite("Audit checkpoint consistency")
struct AuditConsistencyTests {
  /// A workspace whose store holds `imports` imported samples, with a key pair.
  private func workspace(_ imports: [String]) throws -> (Workspace, key: String, pub: String) {
    let workspace = try Workspace()
    let keys = try KeysCommands.generate(directory: workspace.directory.path)
    try importSamples(imports, into: workspace)
    return (workspace, keys.privateKeyPath, keys.publicKeyPath)
  }

  private func importSamples(_ names: [String], into workspace: Workspace) throws {
    let files = names.map { packageRoot.appendingPathComponent("Samples/records/\($0)").path }
    let outcome = try ImportCommands.importFiles(
      workspace.context, files: files, format: nil, replace: false)
    #expect(outcome.failed.isEmpty)
  }

  private func save(_ checkpoint: AuditCheckpoint, _ name: String, in workspace: Workspace) throws
    -> String
  {
    try workspace.write(name, Data(checkpoint.fileText.utf8))
  }

  @Test func eachCheckpointProvesItExtendsTheOneBefore() throws {
    let (workspace, key, pub) = try workspace(["gap-summary.json"])
    var earlier: [String] = []
    let samples = ["ngap-summary.json", "breach-of-bail.json", "youth-defendant.json"]
    for (index, sample) in samples.enumerated() {
      let made = try AuditCommands.checkpoint(
        workspace.context, signingKeyPath: key, sincePath: earlier.last)
      earlier.append(try save(made, "c\(index).txt", in: workspace))
      try importSamples([sample], into: workspace)
    }
    // Each checkpoint proves it extends the one before it, and nothing else.
    for (old, new) in zip(earlier, earlier.dropFirst()) {
      let check = try AuditCommands.consistency(oldPath: old, newPath: new, trustedKeyPath: pub)
      #expect(check.holds, "\(check.problems)")
      let backwards = try AuditCommands.consistency(
        oldPath: new, newPath: old, trustedKeyPath: pub)
      #expect(!backwards.holds)
    }
  }

  @Test func aForgedProofOrAnotherKeyIsNotProven() throws {
    let (workspace, key, pub) = try workspace(["gap-summary.json"])
    let first = try AuditCommands.checkpoint(workspace.context, signingKeyPath: key)
    let old = try save(first, "old.txt", in: workspace)
    try importSamples(["ngap-summary.json", "breach-of-bail.json"], into: workspace)
    let honest = try AuditCommands.checkpoint(
      workspace.context, signingKeyPath: key, sincePath: old)
    let since = try #require(honest.since)
    #expect(!since.proof.isEmpty)
    // Signed with the right key, but the proof changed, dropped or the old root swapped.
    let signer = try KeysCommands.signingKey(at: key)
    var forgeries: [AuditCheckpoint.Since] = []
    var flipped = since
    flipped.proof[0] = String(repeating: "0", count: 64)
    forgeries.append(flipped)
    var dropped = since
    dropped.proof.removeLast()
    forgeries.append(dropped)
    var otherRoot = since
    otherRoot.treeRoot = honest.treeRoot
    forgeries.append(otherRoot)
    for (index, forged) in forgeries.enumerated() {
      let made = try AuditCheckpoint.make(
        entries: honest.entries, head: honest.head, treeRoot: honest.treeRoot, since: forged,
        signedAt: honest.signedAt, signedBy: "forger", key: signer)
      let path = try save(made, "forged\(index).txt", in: workspace)
      let check = try AuditCommands.consistency(oldPath: old, newPath: path, trustedKeyPath: pub)
      #expect(!check.holds, "forgery \(index)")
    }
    let other = try KeysCommands.generate(
      directory: workspace.directory.path, name: "other")
    let new = try save(honest, "new.txt", in: workspace)
    let wrongKey = try AuditCommands.consistency(
      oldPath: old, newPath: new, trustedKeyPath: other.publicKeyPath)
    #expect(wrongKey.problems.count == 2)
  }

  @Test func aLogRewrittenAfterACheckpointCannotExtendIt() throws {
    let (workspace, key, _) = try workspace(["gap-summary.json", "ngap-summary.json"])
    let first = try AuditCommands.checkpoint(workspace.context, signingKeyPath: key)
    let old = try save(first, "old.txt", in: workspace)
    // Remove the last entries (as someone with the file could) and write new ones.
    try sqlite(
      workspace.context.storePath.path,
      "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= 2;")
    try importSamples(["breach-of-bail.json", "youth-defendant.json"], into: workspace)
    #expect(throws: KitError.self) {
      try AuditCommands.checkpoint(workspace.context, signingKeyPath: key, sincePath: old)
    }
  }
}

/// Runs SQL on a database file with the sqlite3 shell, as someone with the file could.
private func sqlite(_ path: String, _ sql: String) throws {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
  process.arguments = [path, sql]
  try process.run()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0)
}
