import CaseStore
import Foundation

/// The manifest `submission.json` inside every submission bundle: which submission this
/// is, the one before it, and for each document of the file whether it was sent (new or
/// changed, with its label), unchanged or removed since the previous submission.
struct Manifest: Sendable {
  /// The value of the manifest's `format` member.
  static let format = "casefile-submission-v1"

  var submissionId: String
  var previousSubmission: String?
  var kind: SubmissionRecord.Kind
  var sequence: Int
  var urn: String
  var recipient: String
  var approvedCaseSHA256: String
  /// Every document of the file, sorted by path.
  var documents: [SubmissionDocument] = []

  /// The manifest as UTF-8 JSON, keys sorted, two-space indented, ending in a line feed:
  /// the same submission gives the same bytes.
  func bytes(previous: SubmissionRecord?) throws -> [UInt8] {
    let before = Dictionary(
      (previous?.documents ?? []).map { ($0.path, $0.sha256) },
      uniquingKeysWith: { first, _ in first })
    let paths = Set(documents.map(\.path))
    let sent: [[String: Any]] = documents.filter(\.sent).map {
      [
        "path": "data/" + $0.path, "sha256": $0.sha256, "label": $0.label ?? "",
        "change": before[$0.path] == nil ? "new" : "changed",
      ]
    }
    let unchanged: [[String: Any]] = documents.filter { !$0.sent }.map {
      ["path": "data/" + $0.path, "sha256": $0.sha256]
    }
    let removed = (previous?.documents ?? []).map(\.path).filter { !paths.contains($0) }.sorted()
      .map { "data/" + $0 }
    let object: [String: Any] = [
      "format": Self.format,
      "submissionId": submissionId,
      "previousSubmission": previousSubmission.map { $0 as Any } ?? NSNull(),
      "kind": kind.rawValue,
      "sequence": sequence,
      "urn": urn,
      "recipient": recipient,
      "approvedCaseSHA256": approvedCaseSHA256,
      "sent": sent,
      "unchanged": unchanged,
      "removed": removed,
    ]
    do {
      let data = try JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
      return [UInt8](data) + [0x0A]
    } catch {
      throw KitError.io("cannot write the submission manifest")
    }
  }
}
