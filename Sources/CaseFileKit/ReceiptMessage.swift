import CasePackaging
import CaseXML
import Crypto
import Foundation

/// A receipt from the prosecutor (`Schemas/receipt-v1.xsd`, namespace
/// `urn:casefile:receipt:1`): an acknowledgement or a rejection of one submission.
package struct ReceiptMessage: Equatable, Sendable {
  /// Whether the submission was accepted.
  package enum Kind: String, Sendable, CaseIterable {
    case acknowledgement
    case rejection
  }

  /// One reason for a rejection: free text, with the rule id it maps to when there is one.
  package struct Reason: Equatable, Sendable {
    package var rule: String?
    package var text: String

    package init(rule: String?, text: String) {
      self.rule = rule
      self.text = text
    }
  }

  package var kind: Kind
  package var messageId: String
  package var submissionId: String
  package var urn: String
  /// The SHA-256 of the bundle the prosecutor received.
  package var bundleSHA256: String
  package var issuedAt: String
  package var from: String?
  /// Empty for an acknowledgement; one or more for a rejection.
  package var reasons: [Reason]
  /// The SHA-256 of the receipt file's bytes (replay detection).
  package var sha256: String

  package init(
    kind: Kind, messageId: String, submissionId: String, urn: String, bundleSHA256: String,
    issuedAt: String, from: String?, reasons: [Reason], sha256: String
  ) {
    self.kind = kind
    self.messageId = messageId
    self.submissionId = submissionId
    self.urn = urn
    self.bundleSHA256 = bundleSHA256
    self.issuedAt = issuedAt
    self.from = from
    self.reasons = reasons
    self.sha256 = sha256
  }
}

/// Reads and validates receipt messages.
package enum ReceiptReader {
  /// The namespace of version 1 receipts.
  package static let namespace = "urn:casefile:receipt:1"
  /// Receipts larger than this are refused unread.
  package static let maxBytes = 1 << 20

  /// Reads the receipt at `path`: well-formed (no DOCTYPE), valid against
  /// `receipt-v1.xsd` from the schemas directory, then its values.
  ///
  /// - Throws: ``KitError/badInput(_:)`` naming the file and line when the receipt is
  ///   malformed or invalid; ``KitError/io(_:)`` when it cannot be read.
  package static func read(file path: String, schemasDirectory: URL) throws -> ReceiptMessage {
    let bytes = try readBytes(path)
    return try parse(bytes: bytes, name: path, schemasDirectory: schemasDirectory)
  }

  /// Parses and validates receipt bytes; `name` labels messages.
  package static func parse(bytes: [UInt8], name: String, schemasDirectory: URL) throws
    -> ReceiptMessage
  {
    let tree: XMLTree
    do {
      tree = try XMLTree.parse(bytes: bytes, name: name)
    } catch {
      let line = error.issues.first.map { " (line \($0.line))" } ?? ""
      throw KitError.badInput("\(name): malformed receipt\(line): \(error.message)")
    }
    guard let root = tree.root, root.localName == "receipt", root.namespaceURI == namespace
    else {
      throw KitError.badInput("\(name): not a receipt: the root must be receipt in \(namespace)")
    }
    let schemaPath = schemasDirectory.appendingPathComponent("receipt-v1.xsd").path
    let issues = try XMLSchemaSet(contentsOf: schemaPath).validate(bytes: bytes, name: name)
      .filter { $0.severity != .warning }
    if let first = issues.first {
      throw KitError.badInput(
        "\(name): line \(first.line): not a valid receipt (receipt-v1.xsd): \(first.message)")
    }
    guard let body = root.elements.first, let kind = ReceiptMessage.Kind(rawValue: body.localName)
    else {
      throw KitError.badInput("\(name): not a valid receipt: no acknowledgement or rejection")
    }
    func value(_ element: String) -> String? {
      body.elements.first { $0.localName == element }?.stringValue
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let reasons = body.elements.filter { $0.localName == "reason" }.map {
      ReceiptMessage.Reason(
        rule: $0.attribute("rule")?.trimmingCharacters(in: .whitespaces),
        text: $0.stringValue.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return ReceiptMessage(
      kind: kind, messageId: value("messageId") ?? "", submissionId: value("submissionId") ?? "",
      urn: value("urn") ?? "", bundleSHA256: value("bundleSha256") ?? "",
      issuedAt: value("issuedAt") ?? "", from: value("from"), reasons: reasons,
      sha256: hex(SHA256.hash(data: bytes)))
  }

  /// Writes a receipt message (for tests and for a prosecutor-side tool): the canonical
  /// version 1 form, UTF-8, with a trailing newline.
  package static func write(_ receipt: ReceiptMessage) -> [UInt8] {
    func escaped(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
    var lines = [
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<receipt xmlns=\"\(namespace)\" version=\"1\">",
      "  <\(receipt.kind.rawValue)>",
      "    <messageId>\(escaped(receipt.messageId))</messageId>",
      "    <submissionId>\(escaped(receipt.submissionId))</submissionId>",
      "    <urn>\(escaped(receipt.urn))</urn>",
      "    <bundleSha256>\(escaped(receipt.bundleSHA256))</bundleSha256>",
      "    <issuedAt>\(escaped(receipt.issuedAt))</issuedAt>",
    ]
    if let from = receipt.from { lines.append("    <from>\(escaped(from))</from>") }
    for reason in receipt.reasons {
      let rule = reason.rule.map { " rule=\"\(escaped($0))\"" } ?? ""
      lines.append("    <reason\(rule)>\(escaped(reason.text))</reason>")
    }
    lines += ["  </\(receipt.kind.rawValue)>", "</receipt>", ""]
    return Array(lines.joined(separator: "\n").utf8)
  }

  private static func readBytes(_ path: String) throws -> [UInt8] {
    var status = stat()
    guard stat(path, &status) == 0 else { throw KitError.io("\(path): cannot read the receipt") }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw KitError.badInput("\(path): a receipt must be a regular file")
    }
    guard status.st_size <= maxBytes else {
      throw KitError.badInput("\(path): a receipt is at most \(maxBytes) bytes")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw KitError.io("\(path): cannot read the receipt")
    }
    return [UInt8](data)
  }
}
