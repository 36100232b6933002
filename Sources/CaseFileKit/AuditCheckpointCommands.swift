import CasePackaging
import CaseStore
import Foundation

/// `casefile audit checkpoint`, `audit verify --checkpoint` and `audit consistency`:
/// signed heads of the log and the proofs that link them.
extension AuditCommands {
  /// Checks the chain and, when it is intact, signs a checkpoint of its length, head and
  /// Merkle root; with `sincePath`, also proves that the log extends that earlier
  /// checkpoint. Records that a checkpoint was made (by key id) as the next audit entry.
  ///
  /// - Throws: ``KitError/badInput(_:)`` when the chain is broken (nothing is signed);
  ///   ``KitError/failedCheck(_:)`` when the log no longer holds the earlier checkpoint.
  package static func checkpoint(
    _ context: CaseFileContext, signingKeyPath: String, sincePath: String? = nil
  ) throws -> AuditCheckpoint {
    let key = try KeysCommands.signingKey(at: signingKeyPath)
    let earlier = try sincePath.map { try readCheckpoint($0) }
    let store = try context.openStore()
    let outcome = try store.verifyAudit()
    if let broken = outcome.broken {
      throw KitError.badInput(
        "the audit log is broken at entry \(broken.sequence) (\(broken.reason.rawValue)): "
          + "\(broken.message); no checkpoint was signed")
    }
    if let earlier, earlier.entries > outcome.entries {
      throw KitError.failedCheck(
        "the log has \(outcome.entries) entries, fewer than the \(earlier.entries) of the "
          + "earlier checkpoint: entries were removed; no checkpoint was signed")
    }
    // One pass over the entries' hashes gives the new root, the root of the earlier
    // checkpoint's entries and the proof between them, in constant memory.
    var tree = StreamingConsistencyProof(
      oldSize: earlier?.entries ?? 0, newSize: outcome.entries)
    try store.forEachAuditLeafHash(count: outcome.entries) { tree.append(leafHash: $0) }
    let since = try earlier.map { earlier in
      guard hex(tree.oldRoot) == earlier.treeRoot else {
        throw KitError.failedCheck(
          "the log no longer holds the earlier checkpoint of \(earlier.entries) entries: "
            + "entries up to \(earlier.entries) were changed; no checkpoint was signed")
      }
      return AuditCheckpoint.Since(
        entries: earlier.entries, treeRoot: earlier.treeRoot, proof: tree.proof.map(hex))
    }
    let checkpoint = try AuditCheckpoint.make(
      entries: outcome.entries, head: outcome.head, treeRoot: hex(tree.newRoot),
      since: since, signedAt: AuditClock.now(), signedBy: context.user, key: key)
    try store.appendAudit(
      AuditEntry(
        at: checkpoint.signedAt, user: context.user, action: "audit-checkpoint", urn: nil,
        detail: "entries=\(checkpoint.entries) key=\(checkpoint.keyID)"
          + (since.map { " since=\($0.entries)" } ?? "")))
    return checkpoint
  }

  /// Writes a checkpoint to a new file (mode 0644, fsynced); never replaces a file.
  package static func write(_ checkpoint: AuditCheckpoint, to path: String) throws {
    try KeysCommands.writeNew(path, checkpoint.fileText, mode: 0o644)
  }

  /// What `audit verify --checkpoint` found: the checkpoint's signature, then the chain
  /// checked against the checkpoint's count and head, and the tree of that many entries.
  package struct CheckpointVerification: Sendable {
    package var checkpoint: AuditCheckpoint
    /// False when the checkpoint was not signed by the trusted key (the chain is then not
    /// checked against it).
    package var signatureValid: Bool
    package var chain: AuditVerification?
    /// Whether the Merkle root of the first `entries` entries is the checkpoint's.
    package var treeRootMatches: Bool?

    /// True when the checkpoint is genuine and the log still holds it.
    package var holds: Bool {
      signatureValid && chain?.isIntact == true && treeRootMatches == true
    }
  }

  /// Checks a checkpoint's signature with the trusted public key, then the chain against it.
  package static func verify(
    _ context: CaseFileContext, checkpointPath: String, trustedKeyPath: String
  ) throws -> CheckpointVerification {
    let trusted = try KeysCommands.publicKey(at: trustedKeyPath)
    let checkpoint = try readCheckpoint(checkpointPath)
    guard checkpoint.isSigned(by: trusted) else {
      return CheckpointVerification(checkpoint: checkpoint, signatureValid: false, chain: nil)
    }
    let chain = try verify(
      context, expectedCount: checkpoint.entries, expectedHead: checkpoint.head)
    var result = CheckpointVerification(checkpoint: checkpoint, signatureValid: true, chain: chain)
    if chain.isIntact {
      var tree = MerkleTree.Accumulator()
      try context.openStore().forEachAuditLeafHash(count: checkpoint.entries) {
        tree.append(leafHash: $0)
      }
      result.treeRootMatches = hex(tree.root) == checkpoint.treeRoot
    }
    return result
  }

  /// What `audit consistency OLD NEW` found, without the store: both checkpoints signed by
  /// the trusted key, NEW made since OLD, and its proof linking OLD's tree to NEW's.
  package struct ConsistencyCheck: Sendable {
    package var old: AuditCheckpoint
    package var new: AuditCheckpoint
    /// Why the check fails, in order; empty when NEW's log extends OLD's.
    package var problems: [String]

    package var holds: Bool { problems.isEmpty }
  }

  /// Checks that the log NEW describes extends the log OLD describes.
  package static func consistency(
    oldPath: String, newPath: String, trustedKeyPath: String
  ) throws -> ConsistencyCheck {
    let trusted = try KeysCommands.publicKey(at: trustedKeyPath)
    let old = try readCheckpoint(oldPath)
    let new = try readCheckpoint(newPath)
    var problems: [String] = []
    for (name, checkpoint) in [("old", old), ("new", new)] where !checkpoint.isSigned(by: trusted) {
      problems.append("the \(name) checkpoint is not signed by the trusted key, or was changed")
    }
    guard let since = new.since else {
      problems.append(
        "the new checkpoint was not made --since an earlier one, so it carries no proof")
      return ConsistencyCheck(old: old, new: new, problems: problems)
    }
    if since.entries != old.entries || since.treeRoot != old.treeRoot {
      problems.append(
        "the new checkpoint extends a checkpoint of \(since.entries) entries, not this old one")
    } else if !MerkleTree.verifyConsistency(
      oldSize: old.entries, newSize: new.entries,
      oldRoot: AuditChain.unhex(old.treeRoot) ?? [], newRoot: AuditChain.unhex(new.treeRoot) ?? [],
      proof: since.proof.compactMap(AuditChain.unhex))
    {
      problems.append(
        "the consistency proof does not link the old tree of \(old.entries) entries to the "
          + "new tree of \(new.entries): the log was changed, not only appended to")
    }
    return ConsistencyCheck(old: old, new: new, problems: problems)
  }

  /// Reads and parses a checkpoint file (at most 64 KiB).
  private static func readCheckpoint(_ path: String) throws -> AuditCheckpoint {
    guard let data = FileManager.default.contents(atPath: path), data.count < 1 << 16 else {
      throw KitError.notFound("cannot read the checkpoint \(path) (or it is too large)")
    }
    return try AuditCheckpoint(fileText: String(decoding: data, as: UTF8.self), file: path)
  }
}
