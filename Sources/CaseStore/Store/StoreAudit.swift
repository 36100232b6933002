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
