import GRDB
import GRDBSQLite

/// The audit log as an RFC 9162 Merkle tree (see ``MerkleTree``): leaf i is the hash of
/// entry i + 1, so the tree of the first N entries commits to the same entries as the
/// hash of entry N, and a consistency proof shows that a later tree extends an earlier
/// one without handing over the entries.
extension SQLiteCaseStore {
  /// Calls `body` with the Merkle leaf hash of each of entries 1...count, in order, from
  /// their stored hashes, streaming (a log of any length in constant memory).
  ///
  /// Check the chain first (``verifyAudit(expectedCount:expectedHead:workers:)``): these
  /// are the hashes as stored. Throws when an entry is missing or its hash is not hex.
  package func forEachAuditLeafHash(count: Int64, _ body: ([UInt8]) throws -> Void) throws {
    do {
      try database.read { db in
        let statement = try db.makeStatement(
          sql: "SELECT seq, hash FROM audit_log WHERE seq BETWEEN 1 AND ? ORDER BY seq")
        let handle = statement.sqliteStatement
        sqlite3_bind_int64(handle, 1, count)
        defer { sqlite3_reset(handle) }
        var expected: Int64 = 1
        while try AuditChain.step(handle) {
          guard sqlite3_column_int64(handle, 0) == expected,
            let text = try AuditChain.column(handle, 1),
            let hash = AuditChain.unhex(bytes: text)
          else {
            throw missingEntry(expected)
          }
          try body(MerkleTree.leafHash(hash))
          expected += 1
        }
        guard expected == count + 1 else { throw missingEntry(expected) }
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  private func missingEntry(_ sequence: Int64) -> StoreError {
    StoreError(
      .invalidCase,
      "audit entry \(sequence) is missing or has no hash: run `casefile audit verify`")
  }
}
