import GRDB

/// What an erasure removed: counts only.
package struct ErasureSummary: Equatable, Sendable {
  package var records: Int
  package var mediaRemoved: Int
  package var actionTexts: Int
}

extension SQLiteCaseStore {
  /// Erases a case for good: its records and the personal data in them are deleted (not
  /// hidden), the free text of its action items is overwritten, media no other case uses is
  /// deleted from the media store, the search index is merged so no deleted term survives
  /// in it, and a tombstone (counts only) is appended to the audit log, in one transaction.
  /// The database is then vacuumed and its write-ahead log truncated, so the erased bytes
  /// are gone from the files too. Identifiers-only history (workflow events, disclosures,
  /// submissions, the audit log) stays.
  ///
  /// - Throws: ``StoreError`` with code `caseNotFound` when there is no such case (for
  ///   example, already erased).
  package func eraseCase(urn: String, user: String, reason: String) throws -> ErasureSummary {
    guard let record = try loadCase(urn: urn) else {
      throw StoreError(.caseNotFound, "no case \(urn) in this store; it may have been erased")
    }
    var summary = ErasureSummary(records: record.recordCount, mediaRemoved: 0, actionTexts: 0)
    var orphans: [String] = []
    do {
      try database.inTransaction(.immediate) { db in
        guard
          let caseID = try Int64.fetchOne(
            db, sql: "SELECT id FROM cases WHERE urn = ?", arguments: [urn])
        else {
          throw StoreError(.caseNotFound, "no case \(urn) in this store; it may have been erased")
        }
        let hashes = Set(
          try String.fetchAll(
            db, sql: "SELECT sha256 FROM case_media WHERE case_id = ? AND sha256 IS NOT NULL",
            arguments: [caseID]
          ).map { $0.lowercased() })
        try db.execute(sql: "DELETE FROM cases WHERE urn = ?", arguments: [urn])
        let referenced = try db.makeStatement(
          sql: "SELECT EXISTS (SELECT 1 FROM case_media WHERE sha256 = ?)")
        for hash in hashes.sorted() where try Bool.fetchOne(referenced, arguments: [hash]) == false
        {
          try db.execute(sql: "DELETE FROM media_objects WHERE sha256 = ?", arguments: [hash])
          orphans.append(hash)
        }
        if try db.tableExists("actions") {
          try db.execute(
            sql: "UPDATE actions SET text = '[erased]' WHERE urn = ? AND text <> '[erased]'",
            arguments: [urn])
          summary.actionTexts = db.changesCount
        }
        if try db.tableExists("search_index") {
          try db.execute(sql: "INSERT INTO search_index(search_index) VALUES ('optimize')")
        }
        summary.mediaRemoved = orphans.count
        _ = try AuditChain.append(
          db, at: storeTimestamp(), user: user, action: "erase", urn: urn,
          detail: "records=\(summary.records) media-removed=\(orphans.count) "
            + "action-texts=\(summary.actionTexts)",
          reason: reason)
        return .commit
      }
      for hash in orphans where media.contains(hash) { try media.remove(hash) }
      try vacuum()
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.wrapping(error)
    }
    return summary
  }
}

extension SQLiteCaseStore {
  /// After records were overwritten in place (a person erased from a case): merges the
  /// search index so no old term survives in it, then vacuums the database and truncates
  /// its write-ahead log, so the old bytes are gone from the files.
  package func purgeOverwrittenData() throws {
    do {
      try database.inTransaction(.immediate) { db in
        try db.execute(sql: "INSERT INTO search_index(search_index) VALUES ('optimize')")
        return .commit
      }
      try vacuum()
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// Rebuilds the database file without free pages and empties the write-ahead log.
  private func vacuum() throws {
    try database.writeWithoutTransaction { db in
      try db.execute(sql: "VACUUM")
      try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }
  }
}
