import GRDB

/// The audit log as an RFC 9162 Merkle tree (see ``MerkleTree``): leaf i is the hash of
/// entry i + 1, so the tree of the first N entries commits to the same entries as the
/// hash of entry N, and a consistency proof shows that a later tree extends an earlier
/// one without handing over the entries.
extension SQLiteCaseStore {
  /// The Merkle leaf hashes of entries 1...count, in order, from their stored hashes.
  ///
  /// Check the chain first (``verifyAudit(expectedCount:expectedHead:workers:)``): these
  /// are the hashes as stored. Throws when an entry is missing or its hash is not hex.
  package func auditLeafHashes(count: Int64) throws -> [[UInt8]] {
    do {
      return try database.read { db in
        let rows = try Row.fetchCursor(
          db, sql: "SELECT seq, hash FROM audit_log WHERE seq BETWEEN 1 AND ? ORDER BY seq",
          arguments: [count])
        var leaves: [[UInt8]] = []
        leaves.reserveCapacity(Int(clamping: count))
        while let row = try rows.next() {
          let sequence: Int64 = row[0]
          guard sequence == Int64(leaves.count) + 1, let hex: String = row[1],
            let hash = AuditChain.unhex(hex)
          else {
            throw StoreError(
              .invalidCase,
              "audit entry \(Int64(leaves.count) + 1) is missing or has no hash: run "
                + "`casefile audit verify`")
          }
          leaves.append(MerkleTree.leafHash(hash))
        }
        guard leaves.count == count else {
          throw StoreError(
            .invalidCase,
            "the audit log has \(leaves.count) entries, not \(count): run `casefile audit verify`")
        }
        return leaves
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.wrapping(error)
    }
  }
}
