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
    let leaves = try store.auditLeafHashes(count: outcome.entries)
    let since = try earlier.map { try proof(extending: $0, leaves: leaves) }
    let checkpoint = try AuditCheckpoint.make(
      entries: outcome.entries, head: outcome.head, treeRoot: hex(treeRoot(leaves[...])),
      since: since, signedAt: AuditClock.now(), signedBy: context.user, key: key)
    try store.appendAudit(
      AuditEntry(
        at: checkpoint.signedAt, user: context.user, action: "audit-checkpoint", urn: nil,
        detail: "entries=\(checkpoint.entries) key=\(checkpoint.keyID)"
          + (since.map { " since=\($0.entries)" } ?? "")))
    return checkpoint
  }

  /// The consistency proof from `earlier` to the whole log, after checking that the log
  /// still holds `earlier`: the root of its first N entries (their checked hashes) is
  /// still the earlier root.
  private static func proof(
    extending earlier: AuditCheckpoint, leaves: [[UInt8]]
  ) throws -> AuditCheckpoint.Since {
    let count = Int(earlier.entries)
    guard count <= leaves.count else {
      throw KitError.failedCheck(
        "the log has \(leaves.count) entries, fewer than the \(count) of the earlier "
          + "checkpoint: entries were removed; no checkpoint was signed")
    }
    guard hex(treeRoot(leaves[..<count])) == earlier.treeRoot else {
      throw KitError.failedCheck(
        "the log no longer holds the earlier checkpoint of \(count) entries: entries up to "
          + "\(count) were changed; no checkpoint was signed")
    }
    let proof = MerkleTree.consistencyProof(oldSize: count, leafHashes: leaves)
    return AuditCheckpoint.Since(
      entries: earlier.entries, treeRoot: earlier.treeRoot, proof: proof.map(hex))
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
      let leaves = try context.openStore().auditLeafHashes(count: checkpoint.entries)
      result.treeRootMatches = hex(treeRoot(leaves[...])) == checkpoint.treeRoot
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

  /// The Merkle root of these leaves, streamed.
  private static func treeRoot(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
    var accumulator = MerkleTree.Accumulator()
    for leaf in leaves { accumulator.append(leafHash: leaf) }
    return accumulator.root
  }

  /// Lowercase hex of a hash.
  private static func hex(_ bytes: [UInt8]) -> String {
    SubmissionCommands.hex(bytes)
  }
}
