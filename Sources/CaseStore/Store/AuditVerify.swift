import Crypto
import Foundation
import GRDB

/// The outcome of checking the audit log's hash chain: intact, or the first broken entry.
///
/// A broken chain is an answer, not an error: ``AuditVerification/broken`` names the first
/// entry that does not hold together and why.
package struct AuditVerification: Equatable, Sendable {
  /// Why an entry breaks the chain.
  package enum Reason: String, Equatable, Sendable {
    /// The entry's `hash` is not the hash of its previous hash and its fields.
    case hashMismatch = "hash-mismatch"
    /// The entry's `prev_hash` is not the hash of the entry before it.
    case prevMismatch = "prev-mismatch"
    /// The entry with this sequence number is missing: the next one has a later number.
    case gap
    /// The log ends before the entry count (or head) the caller expected.
    case missingTail = "missing-tail"
    /// The log's last hash is not the head the caller expected.
    case headMismatch = "head-mismatch"
  }

  /// The first entry that breaks the chain.
  package struct Break: Equatable, Sendable {
    /// The sequence number of the broken (or missing) entry.
    package var sequence: Int64
    package var reason: Reason
    /// What was found, in identifiers and counts only.
    package var message: String
  }

  /// Entries read and checked.
  package var entries: Int64
  /// The hash of the last entry (the chain's head), or the genesis hash for an empty log.
  package var head: String
  /// The first break, or nil when the chain is intact.
  package var broken: Break?

  /// True when no entry breaks the chain.
  package var isIntact: Bool { broken == nil }
}

extension AuditChain {
  /// Checks the chain of `audit_log`, streaming the rows in `seq` order.
  ///
  /// Each row's `seq` must follow the previous one by one (from 1), its `prev_hash` must be
  /// the previous row's recomputed hash and its `hash` the hash of that and its fields.
  /// Rows deleted from the end cannot be seen in the log itself, so the caller may supply
  /// the entry count and the head hash it holds from an earlier check or export.
  package static func verify(
    _ db: Database, expectedCount: Int64? = nil, expectedHead: String? = nil
  ) throws -> AuditVerification {
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT seq, at, user, action, urn, detail, reason, prev_hash, hash
        FROM audit_log ORDER BY seq
        """)
    var expectedSeq: Int64 = 1
    var prevBytes = [UInt8](repeating: 0, count: 32)
    var prevHex = Array(genesis.utf8)
    var digestHex = [UInt8](repeating: 0, count: 64)
    var bytes = [UInt8]()
    bytes.reserveCapacity(1024)
    var count: Int64 = 0
    var result = AuditVerification(entries: 0, head: genesis, broken: nil)
    var headAtExpected = genesis
    // The fields are read as the bytes SQLite holds (no String per field), which for text
    // written by casefile are the UTF-8 bytes ``encode(_:into:)`` hashes; a value stored
    // as another type is hashed as its text form, so only changed content breaks the chain.
    while let row = try rows.next() {
      let seq: Int64 = row[0]
      count += 1
      result.entries = count
      if seq != expectedSeq {
        result.broken = .init(
          sequence: expectedSeq, reason: .gap,
          message: "entry \(expectedSeq) is missing: the next entry is \(seq)")
        return result
      }
      let prevMatches = try row.withUnsafeData(atIndex: 7) { data in
        data?.withUnsafeBytes { $0.elementsEqual(prevHex) } ?? false
      }
      guard prevMatches else {
        result.broken = .init(
          sequence: seq, reason: .prevMismatch,
          message: "entry \(seq) does not point at the hash of entry \(seq - 1)")
        return result
      }
      bytes.removeAll(keepingCapacity: true)
      bytes.append(contentsOf: prevBytes)
      withUnsafeBytes(of: UInt64(bitPattern: seq).bigEndian) { bytes.append(contentsOf: $0) }
      for index in 1...6 {
        if row.hasNull(atIndex: index) {
          bytes.append(0)
          continue
        }
        try row.withUnsafeData(atIndex: index) { data in
          let length = data?.count ?? 0
          bytes.append(1)
          withUnsafeBytes(of: UInt32(truncatingIfNeeded: length).bigEndian) {
            bytes.append(contentsOf: $0)
          }
          data?.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
      }
      let digest = SHA256.hash(data: bytes)
      writeHex(digest, into: &digestHex)
      let hashMatches = try row.withUnsafeData(atIndex: 8) { data in
        data?.withUnsafeBytes { $0.elementsEqual(digestHex) } ?? false
      }
      guard hashMatches else {
        result.broken = .init(
          sequence: seq, reason: .hashMismatch,
          message: "entry \(seq) does not match its hash: it was changed after it was written")
        return result
      }
      prevBytes.withUnsafeMutableBytes { target in
        digest.withUnsafeBytes { source in target.copyMemory(from: source) }
      }
      swap(&prevHex, &digestHex)
      if seq == expectedCount { headAtExpected = String(decoding: prevHex, as: UTF8.self) }
      expectedSeq += 1
    }
    result.head = String(decoding: prevHex, as: UTF8.self)
    if let expectedCount, count < expectedCount {
      result.broken = .init(
        sequence: count + 1, reason: .missingTail,
        message: "the log ends at entry \(count); \(expectedCount) entries were expected")
      return result
    }
    // With a count, the head is the hash of that entry: later entries may follow it.
    let headSequence = expectedCount ?? count
    let head = expectedCount == nil ? result.head : headAtExpected
    if let expectedHead, expectedHead.lowercased() != head {
      result.broken = .init(
        sequence: headSequence, reason: .headMismatch,
        message: "the hash of entry \(headSequence) is not the head expected")
    }
    return result
  }
}

/// Writes the lowercase hex of a digest into a 64-byte buffer.
private func writeHex(_ digest: SHA256.Digest, into out: inout [UInt8]) {
  let digits: StaticString = "0123456789abcdef"
  digits.withUTF8Buffer { digits in
    var index = 0
    for byte in digest {
      out[index] = digits[Int(byte >> 4)]
      out[index + 1] = digits[Int(byte & 0x0F)]
      index += 2
    }
  }
}

/// The text in a column, or nil for NULL or a value that is not text (a tampered row).
private func text(_ row: Row, _ index: Int) -> String? {
  let value: DatabaseValue = row[index]
  guard case .string(let string) = value.storage else { return nil }
  return string
}

extension SQLiteCaseStore {
  /// Checks the audit log's hash chain (see ``AuditChain/verify(_:expectedCount:expectedHead:)``)
  /// in one read snapshot.
  package func verifyAudit(
    expectedCount: Int64? = nil, expectedHead: String? = nil
  ) throws -> AuditVerification {
    do {
      return try database.read { db in
        try AuditChain.verify(db, expectedCount: expectedCount, expectedHead: expectedHead)
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }
}

/// One audit entry as stored, with its place in the chain.
package struct AuditRecord: Equatable, Sendable {
  package var entry: AuditEntry
  /// The previous entry's hash (lowercase hex); 64 zeros for the first entry.
  package var prevHash: String?
  /// This entry's hash (lowercase hex).
  package var hash: String?
}

extension SQLiteCaseStore {
  /// Calls `body` with every audit entry in `seq` order, streaming them in one snapshot.
  ///
  /// `urn`, `user` and `since` (an ISO 8601 prefix compared with `at`) filter the entries.
  package func forEachAuditRecord(
    urn: String? = nil, user: String? = nil, since: String? = nil,
    _ body: (AuditRecord) throws -> Void
  ) throws {
    do {
      try database.read { db in
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let urn {
          conditions.append("urn = ?")
          arguments.append(urn)
        }
        if let user {
          conditions.append("user = ?")
          arguments.append(user)
        }
        if let since {
          conditions.append("at >= ?")
          arguments.append(since)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchCursor(
          db,
          sql: "SELECT seq, at, user, action, urn, detail, reason, prev_hash, hash FROM audit_log"
            + filter + " ORDER BY seq",
          arguments: StatementArguments(arguments))
        while let row = try rows.next() {
          let entry = AuditEntry(
            sequence: row[0], at: text(row, 1) ?? "", user: text(row, 2) ?? "",
            action: text(row, 3) ?? "", urn: text(row, 4), detail: text(row, 5) ?? "",
            reason: text(row, 6))
          try body(AuditRecord(entry: entry, prevHash: text(row, 7), hash: text(row, 8)))
        }
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }
}
