import Crypto
import Foundation
import GRDB

/// The hash chain over `audit_log`: every entry carries the hash of the entry before it.
///
/// `hash = SHA-256(prev || encode(entry))`, where `prev` is the previous entry's hash as
/// 32 raw bytes (32 zero bytes for the first entry) and `encode(entry)` is, in order:
///
/// 1. `seq` as an 8-byte big-endian two's-complement integer;
/// 2. `at`, `user`, `action`, `urn`, `detail`, `reason`, each as one marker byte
///    (`0x00` for NULL, then nothing; `0x01` for text) followed, for text, by the
///    UTF-8 byte count as a 4-byte big-endian unsigned integer and the UTF-8 bytes.
///
/// Every field is length-prefixed and NULL differs from the empty string, so no two
/// different entries encode to the same bytes. Hashes are stored as lowercase hex in the
/// `prev_hash` and `hash` columns.
package enum AuditChain {
  /// The `prev_hash` of the first entry: 32 zero bytes, in hex.
  package static let genesis = String(repeating: "0", count: 64)

  /// Appends one entry inside the caller's transaction, after the current head.
  ///
  /// The caller's transaction must be an immediate one (every store write is), so two
  /// writers cannot read the same head and fork the chain. Returns the entry's `seq`.
  @discardableResult
  package static func append(
    _ db: Database, at: String, user: String, action: String, urn: String?,
    detail: String, reason: String?
  ) throws -> Int64 {
    let head = try Row.fetchOne(
      db.cachedStatement(sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"))
    let seq: Int64 = (head?["seq"] ?? 0) + 1
    let prev: String = head?["hash"] ?? genesis
    let entry = AuditEntry(
      sequence: seq, at: at, user: user, action: action, urn: urn, detail: detail,
      reason: reason)
    let hash = hex(digest(prev: prev, entry: entry))
    try db.cachedStatement(
      sql: """
        INSERT INTO audit_log (seq, at, user, action, urn, detail, reason, prev_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(arguments: [seq, at, user, action, urn, detail, reason, prev, hash])
    return seq
  }

  /// The canonical bytes of one entry (without `prev`), as described on ``AuditChain``.
  package static func encode(_ entry: AuditEntry, into bytes: inout [UInt8]) {
    withUnsafeBytes(of: UInt64(bitPattern: entry.sequence).bigEndian) {
      bytes.append(contentsOf: $0)
    }
    for field in [entry.at, entry.user, entry.action, entry.urn, entry.detail, entry.reason] {
      guard let field else {
        bytes.append(0)
        continue
      }
      bytes.append(1)
      let utf8 = Array(field.utf8)
      withUnsafeBytes(of: UInt32(truncatingIfNeeded: utf8.count).bigEndian) {
        bytes.append(contentsOf: $0)
      }
      bytes.append(contentsOf: utf8)
    }
  }

  /// SHA-256 of `prev` (hex, decoded to 32 bytes) followed by the entry's encoding.
  package static func digest(prev: String, entry: AuditEntry) -> SHA256.Digest {
    var bytes = unhex(prev) ?? [UInt8](repeating: 0xFF, count: 32)
    encode(entry, into: &bytes)
    return SHA256.hash(data: bytes)
  }

  /// Lowercase hex of a digest.
  package static func hex(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(64)
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The 32 bytes of a 64-digit hex hash, or nil when it is not one.
  package static func unhex(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { unhex(bytes: $0) }
  }

  /// The 32 bytes of a 64-digit lowercase hex hash given as UTF-8, or nil.
  static func unhex(bytes utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard utf8.count == 64 else { return nil }
    var out = [UInt8]()
    out.reserveCapacity(32)
    var index = 0
    while index < 64 {
      guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
      out.append(high << 4 | low)
      index += 2
    }
    return out
  }

  private static func nibble(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
    default: return nil
    }
  }
}
