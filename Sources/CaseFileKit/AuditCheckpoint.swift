import CasePackaging
import CaseStore
import Foundation

/// A signed statement of how long the audit log was and what its head hash was.
///
/// The hash of entry N covers every entry before it, so a checkpoint of (N, head) held
/// outside the store (by the prosecution liaison, say) lets a later `audit verify` prove
/// that the first N entries are still there and unchanged: a log cut short or rewritten
/// from some entry onwards, which holds together on its own, fails against it. The file
/// is UTF-8 lines in this order, the signature being Ed25519 over every byte before the
/// `Signature:` line:
///
/// ```
/// Casefile-Audit-Checkpoint: 1
/// Entries: <count>
/// Head: <64 lowercase hex digits, the hash of entry <count>>
/// Signed-At: <UTC timestamp>
/// Signed-By: <the user who made it>
/// Key-Id: <16 hex digits, as in the public key file>
/// Signature: <base64 of the 64-byte signature>
/// ```
package struct AuditCheckpoint: Equatable, Sendable {
  /// The first line, naming the format and its version.
  package static let header = "Casefile-Audit-Checkpoint: 1"
  private static let labels = ["Entries", "Head", "Signed-At", "Signed-By", "Key-Id"]

  package var entries: Int64
  package var head: String
  package var signedAt: String
  package var signedBy: String
  package var keyID: String
  package var signature: [UInt8]

  /// Signs a checkpoint of `entries` entries ending in `head`.
  package static func make(
    entries: Int64, head: String, signedAt: String, signedBy: String, key: BagSigningKey
  ) throws -> AuditCheckpoint {
    guard !signedBy.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else {
      throw KitError.usage("the user name holds a control character; choose another with --user")
    }
    var checkpoint = AuditCheckpoint(
      entries: entries, head: head, signedAt: signedAt, signedBy: signedBy,
      keyID: key.publicKey.keyID, signature: [])
    checkpoint.signature = try key.sign(Array(checkpoint.signedText.utf8))
    return checkpoint
  }

  /// The lines the signature covers.
  var signedText: String {
    let values = [String(entries), head, signedAt, signedBy, keyID]
    return zip(Self.labels, values).reduce(Self.header + "\n") { $0 + "\($1.0): \($1.1)\n" }
  }

  /// The file's text.
  package var fileText: String {
    signedText + "Signature: \(Data(signature).base64EncodedString())\n"
  }

  /// Reads a checkpoint file's text; every line must be there, in order, and well formed.
  package init(fileText: String, file: String) throws {
    func refuse(_ why: String) -> KitError {
      KitError.badInput("\(file) is not an audit checkpoint: \(why)")
    }
    var lines = fileText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.last == "" else { throw refuse("it does not end with a newline") }
    lines.removeLast()
    guard lines.count == Self.labels.count + 2, lines[0] == Self.header else {
      throw refuse("expected \(Self.header) and \(Self.labels.count + 1) more lines")
    }
    var values: [String] = []
    for (label, line) in zip(Self.labels + ["Signature"], lines.dropFirst()) {
      guard line.hasPrefix(label + ": ") else { throw refuse("expected a \(label): line") }
      values.append(String(line.dropFirst(label.count + 2)))
    }
    guard let entries = Int64(values[0]), entries >= 0 else {
      throw refuse("Entries is not a count")
    }
    guard AuditChain.unhex(values[1]) != nil else {
      throw refuse("Head is not 64 lowercase hex digits")
    }
    guard let signature = Data(base64Encoded: values[5]), signature.count == 64 else {
      throw refuse("Signature is not a base64 Ed25519 signature")
    }
    self.init(
      entries: entries, head: values[1], signedAt: values[2], signedBy: values[3],
      keyID: values[4], signature: Array(signature))
  }

  private init(
    entries: Int64, head: String, signedAt: String, signedBy: String, keyID: String,
    signature: [UInt8]
  ) {
    self.entries = entries
    self.head = head
    self.signedAt = signedAt
    self.signedBy = signedBy
    self.keyID = keyID
    self.signature = signature
  }

  /// Whether the checkpoint was signed by `key` and not changed since.
  package func isSigned(by key: BagPublicKey) -> Bool {
    keyID == key.keyID
      && key.isValidSignature(signature, for: Array(signedText.utf8))
  }
}
