import CaseStore
import Foundation

/// Text and JSON for `casefile submit`, `casefile receipt import` and `casefile actions`.
package enum SubmissionRendering {
  /// A submission: its id, kind, sequence, previous id, bundle and what it sent.
  package static func submitted(_ submitted: SubmissionCommands.Submitted, json: Bool) throws
    -> String
  {
    let record = submitted.record
    if json {
      return try encode([
        "submissionId": record.id,
        "urn": record.urn,
        "kind": record.kind.rawValue,
        "sequence": record.sequence,
        "previousSubmission": record.previousId.map { $0 as Any } ?? NSNull(),
        "bundle": record.bundlePath,
        "sha256": record.bundleSHA256,
        "new": submitted.new,
        "identical": submitted.identical,
        "sent": submitted.sent.map { ["path": "data/" + $0.path, "label": $0.label ?? ""] },
      ])
    }
    var lines = [
      "submission \(record.id): \(record.kind.rawValue) #\(record.sequence) of \(record.urn)"
        + (record.previousId.map { ", previous \($0)" } ?? "")
        + (submitted.new ? "" : " (already submitted; bundle written again)"),
      "bundle \(record.bundlePath)",
      "sha256 \(record.bundleSHA256)",
    ]
    for document in submitted.sent {
      lines.append("  \(document.label ?? ""): data/\(document.path)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// An imported receipt and the action items it opened.
  package static func imported(_ imported: ReceiptCommands.Imported, json: Bool) throws -> String {
    if json {
      return try encode([
        "messageId": imported.receipt.messageId,
        "kind": imported.receipt.kind.rawValue,
        "submissionId": imported.submission.id,
        "urn": imported.submission.urn,
        "actions": imported.actions.map(actionObject),
      ])
    }
    var lines = [
      "\(imported.receipt.kind.rawValue) \(imported.receipt.messageId) for submission "
        + "\(imported.submission.id) of \(imported.submission.urn)"
    ]
    lines += imported.actions.map(actionLine)
    return lines.joined(separator: "\n") + "\n"
  }

  /// A case's action items.
  package static func actions(_ actions: [ActionItem], urn: String, json: Bool) throws -> String {
    if json {
      return try encode(["urn": urn, "actions": actions.map(actionObject)])
    }
    if actions.isEmpty { return "case \(urn) has no action items\n" }
    return actions.map(actionLine).joined(separator: "\n") + "\n"
  }

  private static func actionLine(_ action: ActionItem) -> String {
    var line = "A\(action.id) [\(action.status.rawValue)] \(action.rule ?? "-"): \(action.text)"
    if let by = action.resolvedBy { line += " (resolved by \(by) at \(action.resolvedAt ?? ""))" }
    return line
  }

  private static func actionObject(_ action: ActionItem) -> [String: Any] {
    [
      "id": "A\(action.id)",
      "status": action.status.rawValue,
      "rule": action.rule.map { $0 as Any } ?? NSNull(),
      "text": action.text,
      "messageId": action.messageId,
      "submissionId": action.submissionId,
      "resolvedBy": action.resolvedBy.map { $0 as Any } ?? NSNull(),
      "resolvedAt": action.resolvedAt.map { $0 as Any } ?? NSNull(),
      "resolution": action.resolution.map { $0 as Any } ?? NSNull(),
    ]
  }

  private static func encode(_ object: [String: Any]) throws -> String {
    do {
      let data = try JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
      return String(decoding: data, as: UTF8.self) + "\n"
    } catch {
      throw KitError.io("cannot write JSON")
    }
  }
}
