import GRDB

extension SQLiteCaseStore {
  /// Appends one audit entry in its own transaction; the store assigns its sequence number.
  ///
  /// An entry with an empty `at` is stamped with the current UTC time.
  package func appendAudit(_ entry: AuditEntry) throws {
    do {
      let at = entry.at.isEmpty ? storeTimestamp() : entry.at
      try database.inTransaction(.immediate) { db in
        try AuditChain.append(
          db, at: at, user: entry.user, action: entry.action, urn: entry.urn,
          detail: entry.detail, reason: entry.reason)
        return .commit
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// Audit entries in sequence order, all of them or those for one case.
  package func auditEntries(urn: String?) throws -> [AuditEntry] {
    do {
      return try database.read { db in
        let select = "SELECT seq, at, user, action, urn, detail, reason FROM audit_log"
        let rows: [Row]
        if let urn {
          rows = try Row.fetchAll(
            db, sql: select + " WHERE urn = ? ORDER BY seq", arguments: [urn])
        } else {
          rows = try Row.fetchAll(db, sql: select + " ORDER BY seq")
        }
        return rows.map { row in
          AuditEntry(
            sequence: row["seq"] ?? 0, at: row["at"] ?? "", user: row["user"] ?? "",
            action: row["action"] ?? "", urn: row["urn"], detail: row["detail"] ?? "",
            reason: row["reason"])
        }
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }
}

/// The text in a column, or nil for NULL or a value that is not text (a tampered row).
private func text(_ row: Row, _ index: Int) -> String? {
  let value: DatabaseValue = row[index]
  guard case .string(let string) = value.storage else { return nil }
  return string
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
