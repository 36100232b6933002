import CasePackaging
import CaseStore
import Foundation

/// A signed statement of how long the audit log was, its head hash and its Merkle root.
///
/// The hash of entry N covers every entry before it, so a checkpoint of (N, head) held
/// outside the store (by the prosecution liaison, say) lets a later `audit verify` prove
/// that the first N entries are still there and unchanged: a log cut short or rewritten
/// from some entry onwards, which holds together on its own, fails against it. The tree
/// root (RFC 9162, leaves the entries' hashes) lets a later checkpoint carry a
/// consistency proof that its log extends this one, which the holder of both checks
/// without the store. The file is UTF-8 lines in this order, the signature being Ed25519
/// over every byte before the `Signature:` line; the three `Since-` lines are present
/// only when the checkpoint was made `--since` an earlier one:
///
/// ```
/// Casefile-Audit-Checkpoint: 1
/// Entries: <count>
/// Head: <64 lowercase hex digits, the hash of entry <count>>
/// Tree-Root: <64 hex digits, the Merkle root of entries 1...count>
/// Signed-At: <UTC timestamp>
/// Signed-By: <the user who made it>
/// Key-Id: <16 hex digits, as in the public key file>
/// Since-Entries: <the earlier checkpoint's count>
/// Since-Tree-Root: <the earlier checkpoint's tree root>
/// Consistency-Proof: <the proof's hashes in hex, space-separated (none: empty)>
/// Signature: <base64 of the 64-byte signature>
/// ```
package struct AuditCheckpoint: Equatable, Sendable {
  /// The first line, naming the format and its version.
  package static let header = "Casefile-Audit-Checkpoint: 1"
  private static let labels = [
    "Entries", "Head", "Tree-Root", "Signed-At", "Signed-By", "Key-Id",
  ]
  private static let sinceLabels = ["Since-Entries", "Since-Tree-Root", "Consistency-Proof"]

  /// An earlier checkpoint this one extends, and the proof that it does.
  package struct Since: Equatable, Sendable {
    package var entries: Int64
    package var treeRoot: String
    /// RFC 9162 consistency proof from `entries` to the checkpoint's entries, in hex.
    package var proof: [String]

    package init(entries: Int64, treeRoot: String, proof: [String]) {
      self.entries = entries
      self.treeRoot = treeRoot
      self.proof = proof
    }
  }

  package var entries: Int64
  package var head: String
  package var treeRoot: String
  package var signedAt: String
  package var signedBy: String
  package var keyID: String
  package var since: Since?
  package var signature: [UInt8]

  /// Signs a checkpoint of `entries` entries ending in `head`, with Merkle root
  /// `treeRoot`, extending an earlier checkpoint when `since` is given.
  package static func make(
    entries: Int64, head: String, treeRoot: String, since: Since? = nil, signedAt: String,
    signedBy: String, key: BagSigningKey
  ) throws -> AuditCheckpoint {
    guard !signedBy.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else {
      throw KitError.usage("the user name holds a control character; choose another with --user")
    }
    var checkpoint = AuditCheckpoint(
      entries: entries, head: head, treeRoot: treeRoot, signedAt: signedAt, signedBy: signedBy,
      keyID: key.publicKey.keyID, since: since, signature: [])
    checkpoint.signature = try key.sign(Array(checkpoint.signedText.utf8))
    return checkpoint
  }

  /// The lines the signature covers.
  var signedText: String {
    var pairs = zip(Self.labels, [String(entries), head, treeRoot, signedAt, signedBy, keyID])
      .map { ($0, $1) }
    if let since {
      pairs += zip(
        Self.sinceLabels,
        [String(since.entries), since.treeRoot, since.proof.joined(separator: " ")]
      ).map { ($0, $1) }
    }
    return pairs.reduce(Self.header + "\n") { $0 + "\($1.0): \($1.1)\n" }
  }

  /// The file's text.
  package var fileText: String {
    signedText + "Signature: \(Data(signature).base64EncodedString())\n"
  }

  /// Whether the checkpoint was signed by `key` and not changed since.
  package func isSigned(by key: BagPublicKey) -> Bool {
    keyID == key.keyID
      && key.isValidSignature(signature, for: Array(signedText.utf8))
  }
}

extension AuditCheckpoint {
  /// Reads a checkpoint file's text; every line must be there, in order, and well formed.
  package init(fileText: String, file: String) throws {
    func refuse(_ why: String) -> KitError {
      KitError.badInput("\(file) is not an audit checkpoint: \(why)")
    }
    var lines = fileText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.last == "" else { throw refuse("it does not end with a newline") }
    lines.removeLast()
    let hasSince = lines.count == Self.labels.count + Self.sinceLabels.count + 2
    guard lines.count == Self.labels.count + 2 || hasSince, lines.first == Self.header else {
      throw refuse("expected \(Self.header) and \(Self.labels.count + 1) more lines")
    }
    let labels = Self.labels + (hasSince ? Self.sinceLabels : []) + ["Signature"]
    var values: [String] = []
    for (label, line) in zip(labels, lines.dropFirst()) {
      guard line.hasPrefix(label + ": ") else {
        throw refuse("expected a \(label): line")
      }
      values.append(String(line.dropFirst(label.count + 1)).trimmingPrefixSpace())
    }
    guard let entries = Int64(values[0]), entries >= 0 else {
      throw refuse("Entries is not a count")
    }
    for (index, label) in [(1, "Head"), (2, "Tree-Root")]
    where AuditChain.unhex(values[index]) == nil {
      throw refuse("\(label) is not 64 lowercase hex digits")
    }
    guard let signature = Data(base64Encoded: values[values.count - 1]), signature.count == 64
    else {
      throw refuse("Signature is not a base64 Ed25519 signature")
    }
    var since: Since?
    if hasSince {
      let proof = values[8].split(separator: " ").map(String.init)
      guard let sinceEntries = Int64(values[6]), sinceEntries >= 0,
        AuditChain.unhex(values[7]) != nil, proof.allSatisfy({ AuditChain.unhex($0) != nil })
      else {
        throw refuse("the Since- lines are not a count, a tree root and hex hashes")
      }
      since = Since(entries: sinceEntries, treeRoot: values[7], proof: proof)
    }
    self.init(
      entries: entries, head: values[1], treeRoot: values[2], signedAt: values[3],
      signedBy: values[4], keyID: values[5], since: since, signature: Array(signature))
  }
}

extension String {
  /// The text without the one space that follows a label's colon.
  fileprivate func trimmingPrefixSpace() -> String {
    hasPrefix(" ") ? String(dropFirst()) : self
  }
}
