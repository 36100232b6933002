import Foundation
import GRDB

/// A registered user and the roles they hold.
package struct StoreUser: Equatable, Sendable {
  package var name: String
  package var roles: [String]
  /// UTC time, ISO 8601 with seconds; stamped by the store when empty.
  package var addedAt: String
  package var addedBy: String

  package init(name: String, roles: [String], addedAt: String = "", addedBy: String) {
    self.name = name
    self.roles = roles
    self.addedAt = addedAt
    self.addedBy = addedBy
  }
}

/// One recorded workflow transition of one case.
package struct WorkflowEventRecord: Equatable, Sendable {
  /// The store's sequence number; 0 before it is recorded.
  package var id: Int64
  package var urn: String
  package var from: String
  package var to: String
  package var action: String
  package var user: String
  /// UTC time, ISO 8601 with seconds; stamped by the store when empty.
  package var at: String
  /// The SHA-256 of the case's records when the transition was taken.
  package var caseSHA256: String
  package var note: String?

  package init(
    id: Int64 = 0, urn: String, from: String, to: String, action: String, user: String,
    at: String = "", caseSHA256: String, note: String? = nil
  ) {
    self.id = id
    self.urn = urn
    self.from = from
    self.to = to
    self.action = action
    self.user = user
    self.at = at
    self.caseSHA256 = caseSHA256
    self.note = note
  }
}

/// A supervisor's sign-off: the event that recorded it and the hashes it locked.
package struct SignOffRecord: Equatable, Sendable {
  package var event: WorkflowEventRecord
  /// The SHA-256 of each record at sign-off, keyed `kind/id`.
  package var recordHashes: [String: String]
  /// The event that invalidated the sign-off, if any.
  package var invalidatedBy: Int64?
}

extension SQLiteCaseStore {
  /// Every registered user, ordered by name.
  package func users() throws -> [StoreUser] {
    do {
      return try database.read { db in
        try Row.fetchAll(
          db, sql: "SELECT name, roles, added_at, added_by FROM users ORDER BY name"
        ).map { row in
          StoreUser(
            name: row["name"] ?? "", roles: Self.decodeRoles(row["roles"] ?? "[]"),
            addedAt: row["added_at"] ?? "", addedBy: row["added_by"] ?? "")
        }
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// Adds a user or replaces their roles, with an audit entry, in one transaction.
  ///
  /// `authorise` runs inside the transaction with the users registered before the change,
  /// so the permission check and the write cannot race another writer; it throws to refuse.
  package func saveUser(
    _ user: StoreUser, authorise: ([StoreUser]) throws -> Void
  ) throws {
    let at = user.addedAt.isEmpty ? storeTimestamp() : user.addedAt
    do {
      try database.inTransaction(.immediate) { db in
        let existing = try Row.fetchAll(db, sql: "SELECT name, roles FROM users").map { row in
          StoreUser(
            name: row["name"] ?? "", roles: Self.decodeRoles(row["roles"] ?? "[]"), addedBy: "")
        }
        try authorise(existing)
        try db.execute(
          sql: """
            INSERT INTO users (name, roles, added_at, added_by) VALUES (?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET roles = excluded.roles
            """,
          arguments: [user.name, Self.encodeRoles(user.roles), at, user.addedBy])
        try AuditChain.append(
          db, at: at, user: user.addedBy, action: "user", urn: nil,
          detail: "user=\(user.name) roles=\(user.roles.joined(separator: ","))", reason: nil)
        return .commit
      }
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw StoreError.wrapping(error)
    }
  }

  /// The case's workflow events in the order they were recorded.
  package func workflowEvents(urn: String) throws -> [WorkflowEventRecord] {
    do {
      return try database.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT id, urn, from_stage, to_stage, action, user, at, case_sha256, note
            FROM workflow_events WHERE urn = ? ORDER BY id
            """, arguments: [urn]
        ).map(Self.event)
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// The latest sign-off of the case that no later event invalidated, or nil.
  package func currentSignOff(urn: String) throws -> SignOffRecord? {
    do {
      return try database.read { db in
        guard
          let row = try Row.fetchOne(
            db,
            sql: """
              SELECT e.id, e.urn, e.from_stage, e.to_stage, e.action, e.user, e.at,
                e.case_sha256, e.note, s.record_hashes, s.invalidated_by
              FROM sign_offs s JOIN workflow_events e ON e.id = s.event_id
              WHERE s.urn = ? ORDER BY s.event_id DESC LIMIT 1
              """, arguments: [urn])
        else { return nil }
        let invalidatedBy: Int64? = row["invalidated_by"]
        guard invalidatedBy == nil else { return nil }
        let hashes =
          (try? JSONDecoder().decode(
            [String: String].self, from: Data((row["record_hashes"] as String? ?? "{}").utf8)))
          ?? [:]
        return SignOffRecord(event: Self.event(row), recordHashes: hashes, invalidatedBy: nil)
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// Records one transition, its audit entry and, for a sign-off, the hashes it locks, in
  /// one transaction; returns the event's id.
  ///
  /// `after` is the id of the case's last event the caller saw (nil: none); when another
  /// writer recorded a transition meanwhile the store refuses with `.busy` and changes
  /// nothing. An event with `invalidates` marks the case's current sign-off invalidated.
  @discardableResult
  package func recordWorkflowEvent(
    _ event: WorkflowEventRecord, after: Int64?, signOff recordHashes: [String: String]? = nil,
    invalidatesSignOff: Bool = false
  ) throws -> Int64 {
    let at = event.at.isEmpty ? storeTimestamp() : event.at
    do {
      var id: Int64 = 0
      try database.inTransaction(.immediate) { db in
        let last = try Int64.fetchOne(
          db, sql: "SELECT max(id) FROM workflow_events WHERE urn = ?", arguments: [event.urn])
        guard last == after else {
          throw StoreError(
            .busy, "case \(event.urn): another user moved the case meanwhile; look again and retry")
        }
        try db.execute(
          sql: """
            INSERT INTO workflow_events
              (urn, from_stage, to_stage, action, user, at, case_sha256, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            event.urn, event.from, event.to, event.action, event.user, at, event.caseSHA256,
            event.note,
          ])
        id = db.lastInsertedRowID
        if let recordHashes {
          let encoder = JSONEncoder()
          encoder.outputFormatting = [.sortedKeys]
          let text = String(decoding: try encoder.encode(recordHashes), as: UTF8.self)
          try db.execute(
            sql: """
              INSERT INTO sign_offs (event_id, urn, case_sha256, record_hashes)
              VALUES (?, ?, ?, ?)
              """, arguments: [id, event.urn, event.caseSHA256, text])
        }
        if invalidatesSignOff {
          try db.execute(
            sql: "UPDATE sign_offs SET invalidated_by = ? WHERE urn = ? AND invalidated_by IS NULL",
            arguments: [id, event.urn])
        }
        try AuditChain.append(
          db, at: at, user: event.user, action: "workflow", urn: event.urn,
          detail: "event=\(id) action=\(event.action) from=\(event.from) to=\(event.to) "
            + "sha256=\(event.caseSHA256)",
          reason: event.note)
        return .commit
      }
      return id
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  private static func event(_ row: Row) -> WorkflowEventRecord {
    WorkflowEventRecord(
      id: row["id"] ?? 0, urn: row["urn"] ?? "", from: row["from_stage"] ?? "",
      to: row["to_stage"] ?? "", action: row["action"] ?? "", user: row["user"] ?? "",
      at: row["at"] ?? "", caseSHA256: row["case_sha256"] ?? "", note: row["note"])
  }

  private static func decodeRoles(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }

  private static func encodeRoles(_ roles: [String]) -> String {
    let quoted = roles.map { role in
      "\""
        + role.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    return "[" + quoted.joined(separator: ",") + "]"
  }
}
