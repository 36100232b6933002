import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// One contiguous range of the audit log, checked on its own so ranges can be checked in
/// parallel and joined afterwards (see ``SQLiteCaseStore/verifyAudit(expectedCount:expectedHead:workers:)``).
struct AuditSegment: Sendable {
  /// The first sequence number the range should hold; the first range also takes any row
  /// numbered below it (a forged row numbered 0 or less is then reported, not skipped).
  var first: Int64
  /// The last sequence number of the range.
  var last: Int64
  /// Whether rows numbered below `first` belong to this range (true for the first range).
  var takesLowerRows: Bool
  /// The `prev_hash` the first row must carry, as hex, when known before the scan (the
  /// genesis hash for the first range); nil when it is checked when ranges are joined.
  var expectedPrev: [UInt8]?
  /// A sequence number whose hash the caller wants (the head at an expected count).
  var watched: Int64?
}

/// What checking one ``AuditSegment`` found.
struct AuditSegmentOutcome: Sendable {
  /// Rows read, up to and including the first broken one.
  var rows: Int64 = 0
  /// The sequence number of the first row read, if any.
  var firstSequence: Int64?
  /// The sequence number of the last row that held together, if any.
  var lastSequence: Int64?
  /// The first row's `prev_hash` as stored (hex bytes), to join with the range before.
  var firstPrev: [UInt8] = []
  /// The recomputed hash of the last row read (hex bytes).
  var lastHash: [UInt8] = []
  /// The recomputed hash of the watched row, when the range holds it.
  var watchedHash: [UInt8]?
  /// The first row in the range that does not hold together.
  var broken: AuditVerification.Break?
}

extension AuditChain {
  /// The columns a check reads, in the order ``scan(_:_:)`` expects.
  private static let segmentSQL = """
    SELECT seq, at, user, action, urn, detail, reason, prev_hash, hash
    FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq
    """

  /// Checks the rows of one range: each follows the one before by one, points at its
  /// recomputed hash, and carries the hash of its previous hash and its fields.
  ///
  /// The rows are stepped through SQLite's C interface and hashed from the bytes SQLite
  /// holds (text written by casefile is the UTF-8 that ``encode(_:into:)`` hashes; a value
  /// stored as another type is hashed as its text form, so only changed content breaks the
  /// chain). Nothing is copied into Swift strings, which keeps a million rows well under
  /// a second.
  static func scan(_ db: Database, _ segment: AuditSegment) throws -> AuditSegmentOutcome {
    let statement = try db.makeStatement(sql: segmentSQL)
    let handle = statement.sqliteStatement
    sqlite3_bind_int64(handle, 1, segment.takesLowerRows ? Int64.min : segment.first)
    sqlite3_bind_int64(handle, 2, segment.last)
    defer { sqlite3_reset(handle) }
    var outcome = AuditSegmentOutcome()
    var expectedSequence = segment.first
    var prevHex = segment.expectedPrev ?? []
    var digestHex = [UInt8](repeating: 0, count: 64)
    var entry = EntryBytes()
    defer { entry.deallocate() }
    while try step(handle) {
      let sequence = sqlite3_column_int64(handle, 0)
      outcome.rows += 1
      if sequence != expectedSequence {
        outcome.broken = .init(
          sequence: expectedSequence, reason: .gap,
          message: "entry \(expectedSequence) is missing: the next entry is \(sequence)")
        return outcome
      }
      let storedPrev = try column(handle, 7)
      if outcome.firstSequence == nil {
        outcome.firstSequence = sequence
        outcome.firstPrev = storedPrev.map { Array($0) } ?? []
        // Without an expected hash, the first row is hashed from what it claims; the
        // claim is checked when the ranges are joined.
        if segment.expectedPrev == nil { prevHex = outcome.firstPrev }
        entry.startChain(
          at: unhex(String(decoding: prevHex, as: UTF8.self))
            ?? [UInt8](repeating: 0xFF, count: 32))
      }
      guard let storedPrev, sameBytes(storedPrev, prevHex) else {
        outcome.broken = .init(
          sequence: sequence, reason: .prevMismatch,
          message: "entry \(sequence) does not point at the hash of entry \(sequence - 1)")
        return outcome
      }
      entry.begin(sequence: sequence)
      for index: Int32 in 1...6 { try entry.append(field: column(handle, index)) }
      let digest = entry.hash()
      writeHex(digest, into: &digestHex)
      guard let storedHash = try column(handle, 8), sameBytes(storedHash, digestHex) else {
        outcome.broken = .init(
          sequence: sequence, reason: .hashMismatch,
          message: "entry \(sequence) does not match its hash: it was changed after it was written")
        return outcome
      }
      entry.chain(to: digest)
      swap(&prevHex, &digestHex)
      if sequence == segment.watched { outcome.watchedHash = prevHex }
      outcome.lastSequence = sequence
      expectedSequence += 1
    }
    outcome.lastHash = prevHex
    return outcome
  }

  /// Steps a statement through SQLite's C interface: true for a row, false when done.
  static func step(_ handle: OpaquePointer) throws -> Bool {
    let result = sqlite3_step(handle)
    if result == SQLITE_ROW { return true }
    if result == SQLITE_DONE { return false }
    throw DatabaseError(
      resultCode: ResultCode(rawValue: result),
      message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
  }

  /// The bytes of a column as SQLite holds them (text form), or nil for NULL.
  ///
  /// Read as a blob, which gives text's bytes without SQLite adding a terminator, and a
  /// number's text form. A NULL pointer means NULL, an empty value, or (rarely) that
  /// SQLite ran out of memory: the column's type tells them apart, and running out of
  /// memory is an error, never read as NULL. Valid until the statement steps again.
  static func column(_ handle: OpaquePointer, _ index: Int32) throws
    -> UnsafeBufferPointer<UInt8>?
  {
    guard let bytes = sqlite3_column_blob(handle, index) else {
      if sqlite3_errcode(sqlite3_db_handle(handle)) == SQLITE_NOMEM {
        throw DatabaseError(
          resultCode: .SQLITE_NOMEM, message: "out of memory reading the audit log")
      }
      if sqlite3_column_type(handle, index) == SQLITE_NULL { return nil }
      return UnsafeBufferPointer(start: nil, count: 0)
    }
    let count = Int(sqlite3_column_bytes(handle, index))
    return UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self), count: count)
  }
}

/// Whether SQLite's bytes equal `expected` (same length, same bytes).
private func sameBytes(_ stored: UnsafeBufferPointer<UInt8>, _ expected: [UInt8]) -> Bool {
  guard stored.count == expected.count else { return false }
  return expected.withUnsafeBufferPointer { expected in
    guard let base = stored.baseAddress, let other = expected.baseAddress else {
      return stored.isEmpty
    }
    return memcmp(base, other, stored.count) == 0
  }
}

/// Writes the lowercase hex of a digest into a 64-byte buffer.
private func writeHex(_ digest: SHA256.Digest, into out: inout [UInt8]) {
  let digits: StaticString = "0123456789abcdef"
  digits.withUTF8Buffer { digits in
    out.withUnsafeMutableBufferPointer { out in
      digest.withUnsafeBytes { bytes in
        for (index, byte) in bytes.enumerated() {
          out[2 * index] = digits[Int(byte >> 4)]
          out[2 * index + 1] = digits[Int(byte & 0x0F)]
        }
      }
    }
  }
}

/// The bytes one entry is hashed from (previous hash, then ``AuditChain/encode(_:into:)``),
/// built in one buffer that is reused for every row.
private struct EntryBytes {
  private var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
  private var count = 0

  /// Sets the previous hash the next entry is hashed after.
  mutating func startChain(at prev: [UInt8]) {
    prev.withUnsafeBytes {
      UnsafeMutableRawBufferPointer(rebasing: buffer[0..<32]).copyMemory(from: $0)
    }
  }

  /// Starts an entry: keeps the previous hash, then writes the sequence number.
  mutating func begin(sequence: Int64) {
    count = 32
    write(UInt64(bitPattern: sequence).bigEndian)
  }

  /// Appends one field: a NULL marker, or a text marker, the length and the bytes.
  mutating func append(field: UnsafeBufferPointer<UInt8>?) {
    guard let field else {
      reserve(1)
      buffer[count] = 0
      count += 1
      return
    }
    reserve(5 + field.count)
    buffer[count] = 1
    count += 1
    write(UInt32(truncatingIfNeeded: field.count).bigEndian)
    UnsafeMutableRawBufferPointer(rebasing: buffer[count..<(count + field.count)])
      .copyMemory(from: UnsafeRawBufferPointer(field))
    count += field.count
  }

  /// The SHA-256 of the previous hash and the entry.
  func hash() -> SHA256.Digest {
    SHA256.hash(data: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
  }

  /// Makes `digest` the previous hash for the next entry.
  mutating func chain(to digest: SHA256.Digest) {
    digest.withUnsafeBytes {
      UnsafeMutableRawBufferPointer(rebasing: buffer[0..<32]).copyMemory(from: $0)
    }
  }

  func deallocate() { buffer.deallocate() }

  private mutating func write<T: FixedWidthInteger>(_ value: T) {
    reserve(MemoryLayout<T>.size)
    buffer.storeBytes(of: value, toByteOffset: count, as: T.self)
    count += MemoryLayout<T>.size
  }

  private mutating func reserve(_ extra: Int) {
    guard count + extra > buffer.count else { return }
    let larger = UnsafeMutableRawBufferPointer.allocate(
      byteCount: max(buffer.count * 2, count + extra), alignment: 8)
    UnsafeMutableRawBufferPointer(rebasing: larger[0..<count])
      .copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    buffer.deallocate()
    buffer = larger
  }
}
