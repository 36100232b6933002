import GRDB

extension StoreSchema {
  /// Version 5: the audit log becomes append-only and hash-chained.
  ///
  /// Adds `prev_hash` and `hash` (lowercase hex SHA-256, see ``AuditChain``) to
  /// `audit_log`, chains the entries already there in `seq` order, then installs triggers
  /// that refuse every UPDATE and DELETE on the log. Erasure appends tombstones; it never
  /// removes a row.
  static func migrateVersion5(_ db: Database) throws {
    try db.execute(sql: version5Columns)
    var prev = AuditChain.genesis
    let rows = try Row.fetchCursor(
      db, sql: "SELECT seq, at, user, action, urn, detail, reason FROM audit_log ORDER BY seq")
    var chained: [(Int64, String, String)] = []
    while let row = try rows.next() {
      let entry = AuditEntry(
        sequence: row["seq"], at: row["at"], user: row["user"], action: row["action"],
        urn: row["urn"], detail: row["detail"], reason: row["reason"])
      let hash = AuditChain.hex(AuditChain.digest(prev: prev, entry: entry))
      chained.append((entry.sequence, prev, hash))
      prev = hash
    }
    let update = try db.makeStatement(
      sql: "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?")
    for (seq, prev, hash) in chained {
      try update.execute(arguments: [prev, hash, seq])
    }
    try db.execute(sql: version5Triggers)
  }

  /// The chain columns; NULL only between adding them and chaining the existing rows.
  static let version5Columns = """
    ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
    ALTER TABLE audit_log ADD COLUMN hash TEXT;
    """

  /// The triggers that make the log append-only and require every new row to be chained.
  static let version5Triggers = """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN
      SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed');
    END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN
      SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted');
    END;
    CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
    WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
    BEGIN
      SELECT RAISE(ABORT, 'audit_log entries must be appended through the hash chain');
    END;
    """
}
