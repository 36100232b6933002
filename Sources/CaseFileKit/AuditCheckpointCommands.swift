import CasePackaging
import CaseStore
import Foundation

/// `casefile audit checkpoint` and `audit verify --checkpoint`: signed heads of the log.
extension AuditCommands {
  /// Checks the chain and, when it is intact, signs a checkpoint of its length and head;
  /// records that a checkpoint was made (by key id) as the next audit entry.
  ///
  /// - Throws: ``KitError/badInput(_:)`` when the chain is broken (nothing is signed).
  package static func checkpoint(_ context: CaseFileContext, signingKeyPath: String) throws
    -> AuditCheckpoint
  {
    let key = try KeysCommands.signingKey(at: signingKeyPath)
    let store = try context.openStore()
    let outcome = try store.verifyAudit()
    if let broken = outcome.broken {
      throw KitError.badInput(
        "the audit log is broken at entry \(broken.sequence) (\(broken.reason.rawValue)): "
          + "\(broken.message); no checkpoint was signed")
    }
    let checkpoint = try AuditCheckpoint.make(
      entries: outcome.entries, head: outcome.head, signedAt: AuditClock.now(),
      signedBy: context.user, key: key)
    try store.appendAudit(
      AuditEntry(
        at: checkpoint.signedAt, user: context.user, action: "audit-checkpoint", urn: nil,
        detail: "entries=\(checkpoint.entries) key=\(checkpoint.keyID)"))
    return checkpoint
  }

  /// Writes a checkpoint to a new file (mode 0644, fsynced); never replaces a file.
  package static func write(_ checkpoint: AuditCheckpoint, to path: String) throws {
    try KeysCommands.writeNew(path, checkpoint.fileText, mode: 0o644)
  }

  /// What `audit verify --checkpoint` found: the checkpoint's signature, then the chain
  /// checked against the checkpoint's count and head.
  package struct CheckpointVerification: Sendable {
    package var checkpoint: AuditCheckpoint
    /// False when the checkpoint was not signed by the trusted key (the chain is then not
    /// checked against it).
    package var signatureValid: Bool
    package var chain: AuditVerification?

    /// True when the checkpoint is genuine and the log still holds it.
    package var holds: Bool { signatureValid && chain?.isIntact == true }
  }

  /// Checks a checkpoint's signature with the trusted public key, then the chain against it.
  package static func verify(
    _ context: CaseFileContext, checkpointPath: String, trustedKeyPath: String
  ) throws -> CheckpointVerification {
    let trusted = try KeysCommands.publicKey(at: trustedKeyPath)
    guard let data = FileManager.default.contents(atPath: checkpointPath), data.count < 4096
    else {
      throw KitError.notFound("cannot read the checkpoint \(checkpointPath) (or it is too large)")
    }
    let checkpoint = try AuditCheckpoint(
      fileText: String(decoding: data, as: UTF8.self), file: checkpointPath)
    guard checkpoint.isSigned(by: trusted) else {
      return CheckpointVerification(checkpoint: checkpoint, signatureValid: false, chain: nil)
    }
    let chain = try verify(
      context, expectedCount: checkpoint.entries, expectedHead: checkpoint.head)
    return CheckpointVerification(checkpoint: checkpoint, signatureValid: true, chain: chain)
  }
}
