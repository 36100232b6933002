import GRDB

/// One bundle that left casefile: for whom, at which stage, its hash, and what was withheld.
package struct DisclosureRecord: Equatable, Sendable {
  /// One value withheld from the recipient: the record id and the field, never the value.
  package struct Withheld: Hashable, Sendable {
    package var record: String
    package var field: String

    package init(record: String, field: String) {
      self.record = record
      self.field = field
    }
  }

  package var urn: String
  package var recipient: String
  package var stage: String
  package var draft: Bool
  /// The SHA-256 of the archive (of each part, comma-separated, when split).
  package var bundleSHA256: String
  /// UTC time, ISO 8601 with seconds; stamped by the store when empty.
  package var builtAt: String
  package var user: String
  package var withheld: [Withheld]

  package init(
    urn: String, recipient: String, stage: String, draft: Bool, bundleSHA256: String,
    builtAt: String = "", user: String, withheld: [Withheld]
  ) {
    self.urn = urn
    self.recipient = recipient
    self.stage = stage
    self.draft = draft
    self.bundleSHA256 = bundleSHA256
    self.builtAt = builtAt
    self.user = user
    self.withheld = withheld
  }
}

extension SQLiteCaseStore {
  /// Records a bundle that was built, what it withheld, and its audit entry, in one
  /// transaction.
  package func recordDisclosure(_ disclosure: DisclosureRecord, reason: String?) throws {
    do {
      let at = disclosure.builtAt.isEmpty ? storeTimestamp() : disclosure.builtAt
      try database.inTransaction(.immediate) { db in
        try db.execute(
          sql: """
            INSERT INTO disclosures (urn, recipient, stage, draft, bundle_sha256, built_at, user)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            disclosure.urn, disclosure.recipient, disclosure.stage, disclosure.draft,
            disclosure.bundleSHA256, at, disclosure.user,
          ])
        let id = db.lastInsertedRowID
        let insert = try db.cachedStatement(
          sql: "INSERT OR IGNORE INTO withheld (disclosure_id, record, field) VALUES (?, ?, ?)")
        for item in disclosure.withheld {
          try insert.execute(arguments: [id, item.record, item.field])
        }
        try AuditChain.append(
          db, at: at, user: disclosure.user, action: "build", urn: disclosure.urn,
          detail: "disclosure=\(id) recipient=\(disclosure.recipient) stage=\(disclosure.stage) "
            + "draft=\(disclosure.draft) sha256=\(disclosure.bundleSHA256) "
            + "withheld=\(Set(disclosure.withheld).count)",
          reason: reason)
        return .commit
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// The bundles built for a case, oldest first, each with what it withheld (sorted).
  package func disclosures(urn: String) throws -> [DisclosureRecord] {
    do {
      return try database.read { db in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT id, urn, recipient, stage, draft, bundle_sha256, built_at, user
            FROM disclosures WHERE urn = ? ORDER BY id
            """, arguments: [urn])
        return try rows.map { row in
          let withheld = try Row.fetchAll(
            db,
            sql:
              "SELECT record, field FROM withheld WHERE disclosure_id = ? ORDER BY record, field",
            arguments: [row["id"] as Int64? ?? 0]
          ).map { DisclosureRecord.Withheld(record: $0["record"] ?? "", field: $0["field"] ?? "") }
          return DisclosureRecord(
            urn: row["urn"] ?? "", recipient: row["recipient"] ?? "", stage: row["stage"] ?? "",
            draft: row["draft"] ?? false, bundleSHA256: row["bundle_sha256"] ?? "",
            builtAt: row["built_at"] ?? "", user: row["user"] ?? "", withheld: withheld)
        }
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }
}
