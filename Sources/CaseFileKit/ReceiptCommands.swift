import CaseStore
import Foundation

/// `casefile receipt import`: the prosecutor's acknowledgement or rejection of a
/// submission, checked against what was submitted, recorded, and applied to the case.
package enum ReceiptCommands {
  /// What importing a receipt did.
  package struct Imported: Sendable {
    package var receipt: ReceiptMessage
    package var submission: SubmissionRecord
    /// The action items a rejection opened (empty for an acknowledgement).
    package var actions: [ActionItem]
  }

  /// Imports the receipt at `path`.
  ///
  /// The receipt must be well-formed and valid against `receipt-v1.xsd`, answer a recorded
  /// submission (the latest of its case, not yet answered, or acknowledged and now
  /// rejected), name that submission's case
  /// and bundle SHA-256, and be new (neither its message id nor its bytes imported before).
  /// An acknowledgement moves the case to acknowledged (transition `acknowledge`); a
  /// rejection to returned-with-actions (transition `return`) and records each reason as an
  /// open action item. The receipt, its actions and the audit entry are one transaction.
  ///
  /// - Throws: ``KitError/badInput(_:)`` (exit 65, nothing changed) for a malformed or
  ///   invalid, unknown, tampered, stale or replayed receipt.
  package static func importReceipt(
    _ context: CaseFileContext, file path: String, options: WorkflowOptions = WorkflowOptions()
  ) throws -> Imported {
    let schemas = try ResourceLocator.schemasDirectory(explicit: context.schemasDirectory)
    let receipt = try ReceiptReader.read(file: path, schemasDirectory: schemas)
    let store = try context.openStore()
    let refused = "\(path): receipt \(receipt.messageId) refused"
    guard let submission = try store.submission(id: receipt.submissionId) else {
      throw KitError.badInput(
        "\(refused): unknown submission \(receipt.submissionId); nothing was changed")
    }
    guard submission.urn == receipt.urn else {
      throw KitError.badInput(
        "\(refused): tampered: it names case \(receipt.urn) but submission \(submission.id) "
          + "is of case \(submission.urn); nothing was changed")
    }
    guard submission.bundleSHA256 == receipt.bundleSHA256 else {
      throw KitError.badInput(
        "\(refused): tampered: its bundle SHA-256 \(receipt.bundleSHA256) is not that of "
          + "submission \(submission.id) (\(submission.bundleSHA256)); nothing was changed")
    }
    if let earlier = try store.receipt(messageId: receipt.messageId, orSHA256: receipt.sha256) {
      let same = earlier.sha256 == receipt.sha256 ? "the same bytes" : "the same message id"
      throw KitError.badInput(
        "\(refused): replayed: \(same) was imported already (receipt of \(earlier.receivedAt)); "
          + "nothing was changed")
    }
    let latest = try store.submissions(urn: submission.urn).last {
      $0.recipient == submission.recipient
    }
    if let latest, latest.id != submission.id {
      throw KitError.badInput(
        "\(refused): submission \(submission.id) was superseded by \(latest.id); "
          + "nothing was changed")
    }
    // An acknowledgement may be followed by a rejection (the prosecutor reviewed the file
    // after receiving it); nothing follows a rejection, and nothing is answered twice alike.
    if let answer = try store.receipts(submissionId: submission.id).last,
      answer.kind == ReceiptMessage.Kind.rejection.rawValue || answer.kind == receipt.kind.rawValue
    {
      throw KitError.badInput(
        "\(refused): submission \(submission.id) was already answered by \(answer.kind) "
          + "\(answer.messageId); nothing was changed")
    }
    try SubmissionWorkflow.apply(
      context, urn: submission.urn,
      action: receipt.kind == .acknowledgement
        ? SubmissionWorkflow.acknowledgeAction : SubmissionWorkflow.rejectAction,
      note: "receipt \(receipt.messageId) for submission \(submission.id)", options: options)
    try store.recordReceipt(
      ReceiptRecord(
        submissionId: submission.id, kind: receipt.kind.rawValue, messageId: receipt.messageId,
        issuedAt: receipt.issuedAt, receivedBy: context.user, sha256: receipt.sha256),
      urn: submission.urn, reasons: receipt.reasons.map { ($0.rule, $0.text) })
    let actions = try store.actions(urn: submission.urn, openOnly: true).filter {
      $0.messageId == receipt.messageId
    }
    return Imported(receipt: receipt, submission: submission, actions: actions)
  }
}
