import GRDB

/// One document of the file at a submission: its path in the bundle, its SHA-256, whether
/// this submission sent it and, when sent, its label ("new statement", "full file sent").
package struct SubmissionDocument: Equatable, Sendable {
  package var path: String
  package var sha256: String
  package var sent: Bool
  package var label: String?

  package init(path: String, sha256: String, sent: Bool, label: String?) {
    self.path = path
    self.sha256 = sha256
    self.sent = sent
    self.label = label
  }
}

/// One submission of a case file to the prosecutor.
package struct SubmissionRecord: Equatable, Sendable {
  /// Whether the whole file was sent or only what changed since the previous submission.
  package enum Kind: String, Sendable, CaseIterable {
    case full
    case update
  }

  /// The idempotent submission id.
  package var id: String
  package var urn: String
  /// 1 for the first submission of the case, then 2, 3, …
  package var sequence: Int
  package var previousId: String?
  package var kind: Kind
  package var recipient: String
  /// The rules stage the bundle was checked at.
  package var stage: String
  /// The approved case hash the submission was built from.
  package var approvedHash: String
  /// The bundle's Bagging-Date (a repeat rebuilds with it, byte for byte).
  package var baggingDate: String
  package var bundlePath: String
  package var bundleSHA256: String
  package var submittedBy: String
  /// UTC time, ISO 8601 with seconds; stamped by the store when empty.
  package var submittedAt: String
  /// Every document of the file at this submission, sorted by path.
  package var documents: [SubmissionDocument]

  package init(
    id: String, urn: String, sequence: Int, previousId: String?, kind: Kind, recipient: String,
    stage: String, approvedHash: String, baggingDate: String, bundlePath: String,
    bundleSHA256: String, submittedBy: String, submittedAt: String = "",
    documents: [SubmissionDocument]
  ) {
    self.id = id
    self.urn = urn
    self.sequence = sequence
    self.previousId = previousId
    self.kind = kind
    self.recipient = recipient
    self.stage = stage
    self.approvedHash = approvedHash
    self.baggingDate = baggingDate
    self.bundlePath = bundlePath
    self.bundleSHA256 = bundleSHA256
    self.submittedBy = submittedBy
    self.submittedAt = submittedAt
    self.documents = documents
  }
}

/// One imported receipt.
package struct ReceiptRecord: Equatable, Sendable {
  package var id: Int64
  package var submissionId: String
  /// `acknowledgement` or `rejection`.
  package var kind: String
  package var messageId: String
  package var issuedAt: String
  package var receivedAt: String
  package var receivedBy: String
  /// The SHA-256 of the receipt's bytes.
  package var sha256: String

  package init(
    id: Int64 = 0, submissionId: String, kind: String, messageId: String, issuedAt: String,
    receivedAt: String = "", receivedBy: String, sha256: String
  ) {
    self.id = id
    self.submissionId = submissionId
    self.kind = kind
    self.messageId = messageId
    self.issuedAt = issuedAt
    self.receivedAt = receivedAt
    self.receivedBy = receivedBy
    self.sha256 = sha256
  }
}

/// An action item on a case: one reason a submission was rejected, open until resolved.
package struct ActionItem: Equatable, Sendable {
  package enum Status: String, Sendable, CaseIterable {
    case open
    case resolved
  }

  package var id: Int64
  package var urn: String
  /// The message id of the receipt that raised it.
  package var messageId: String
  package var submissionId: String
  /// The rule id (`NFS-…`) the reason maps to, when it gave one.
  package var rule: String?
  package var text: String
  package var status: Status
  package var resolvedBy: String?
  package var resolvedAt: String?
  package var resolution: String?
}

extension SQLiteCaseStore {
  /// Records a submission, the hashes of its documents and its audit entry in one
  /// transaction. Refuses an id that is already recorded.
  package func recordSubmission(_ submission: SubmissionRecord, reason: String?) throws {
    do {
      let at = submission.submittedAt.isEmpty ? storeTimestamp() : submission.submittedAt
      try database.inTransaction(.immediate) { db in
        if try Bool.fetchOne(
          db, sql: "SELECT 1 FROM submissions WHERE id = ?", arguments: [submission.id]) != nil
        {
          throw StoreError(.invalidCase, "submission \(submission.id) is already recorded")
        }
        try db.execute(
          sql: """
            INSERT INTO submissions (id, urn, sequence, previous_id, kind, recipient, stage,
              approved_hash, bagging_date, bundle_path, bundle_sha256, submitted_by, submitted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            submission.id, submission.urn, submission.sequence, submission.previousId,
            submission.kind.rawValue, submission.recipient, submission.stage,
            submission.approvedHash, submission.baggingDate, submission.bundlePath,
            submission.bundleSHA256, submission.submittedBy, at,
          ])
        let insert = try db.cachedStatement(
          sql: """
            INSERT INTO submission_documents (submission_id, path, sha256, sent, label)
            VALUES (?, ?, ?, ?, ?)
            """)
        for document in submission.documents {
          try insert.execute(arguments: [
            submission.id, document.path, document.sha256, document.sent, document.label,
          ])
        }
        try AuditChain.append(
          db, at: at, user: submission.submittedBy, action: "submit", urn: submission.urn,
          detail: "submission=\(submission.id) sequence=\(submission.sequence) "
            + "kind=\(submission.kind.rawValue) previous=\(submission.previousId ?? "none") "
            + "recipient=\(submission.recipient) sha256=\(submission.bundleSHA256) "
            + "sent=\(submission.documents.filter(\.sent).count)",
          reason: reason)
        return .commit
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// Removes a submission that has no receipt (undoing a submission whose workflow
  /// transition was refused), with an audit entry.
  package func withdrawSubmission(id: String, user: String) throws {
    do {
      try database.inTransaction(.immediate) { db in
        guard
          let urn = try String.fetchOne(
            db, sql: "SELECT urn FROM submissions WHERE id = ?", arguments: [id])
        else { return .rollback }
        if try Bool.fetchOne(
          db, sql: "SELECT 1 FROM receipts WHERE submission_id = ?", arguments: [id]) != nil
        {
          throw StoreError(.invalidCase, "submission \(id) has receipts and cannot be withdrawn")
        }
        try db.execute(sql: "DELETE FROM submissions WHERE id = ?", arguments: [id])
        try AuditChain.append(
          db, at: storeTimestamp(), user: user, action: "submit-withdrawn", urn: urn,
          detail: "submission=\(id)", reason: nil)
        return .commit
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// The submissions of a case, in sequence order, each with its documents.
  package func submissions(urn: String) throws -> [SubmissionRecord] {
    try fetchSubmissions(where: "urn = ?", urn)
  }

  /// The submission with this id, if recorded.
  package func submission(id: String) throws -> SubmissionRecord? {
    try fetchSubmissions(where: "id = ?", id).first
  }

  private func fetchSubmissions(where condition: String, _ argument: String) throws
    -> [SubmissionRecord]
  {
    do {
      return try database.read { db in
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT id, urn, sequence, previous_id, kind, recipient, stage, approved_hash,
              bagging_date, bundle_path, bundle_sha256, submitted_by, submitted_at
            FROM submissions WHERE \(condition) ORDER BY urn, sequence
            """, arguments: [argument])
        return try rows.map { row in
          let id: String = row["id"] ?? ""
          let documents = try Row.fetchAll(
            db,
            sql: """
              SELECT path, sha256, sent, label FROM submission_documents
              WHERE submission_id = ? ORDER BY path
              """, arguments: [id]
          ).map {
            SubmissionDocument(
              path: $0["path"] ?? "", sha256: $0["sha256"] ?? "", sent: $0["sent"] ?? false,
              label: $0["label"])
          }
          return SubmissionRecord(
            id: id, urn: row["urn"] ?? "", sequence: row["sequence"] ?? 0,
            previousId: row["previous_id"],
            kind: SubmissionRecord.Kind(rawValue: row["kind"] ?? "") ?? .full,
            recipient: row["recipient"] ?? "", stage: row["stage"] ?? "",
            approvedHash: row["approved_hash"] ?? "", baggingDate: row["bagging_date"] ?? "",
            bundlePath: row["bundle_path"] ?? "", bundleSHA256: row["bundle_sha256"] ?? "",
            submittedBy: row["submitted_by"] ?? "", submittedAt: row["submitted_at"] ?? "",
            documents: documents)
        }
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// The receipt already imported with this message id or these bytes, if any.
  package func receipt(messageId: String, orSHA256 sha256: String) throws -> ReceiptRecord? {
    do {
      return try database.read { db in
        try Row.fetchOne(
          db,
          sql: """
            SELECT id, submission_id, kind, message_id, issued_at, received_at, received_by,
              receipt_sha256
            FROM receipts WHERE message_id = ? OR receipt_sha256 = ? ORDER BY id LIMIT 1
            """, arguments: [messageId, sha256]
        ).map(Self.receipt(from:))
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// The receipts of a submission, oldest first.
  package func receipts(submissionId: String) throws -> [ReceiptRecord] {
    do {
      return try database.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT id, submission_id, kind, message_id, issued_at, received_at, received_by,
              receipt_sha256
            FROM receipts WHERE submission_id = ? ORDER BY id
            """, arguments: [submissionId]
        ).map(Self.receipt(from:))
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  private static func receipt(from row: Row) -> ReceiptRecord {
    ReceiptRecord(
      id: row["id"] ?? 0, submissionId: row["submission_id"] ?? "", kind: row["kind"] ?? "",
      messageId: row["message_id"] ?? "", issuedAt: row["issued_at"] ?? "",
      receivedAt: row["received_at"] ?? "", receivedBy: row["received_by"] ?? "",
      sha256: row["receipt_sha256"] ?? "")
  }

  /// Records an imported receipt, one open action item per reason and the audit entry, in
  /// one transaction; returns the action items' ids. Refuses a message id or bytes already
  /// imported.
  @discardableResult
  package func recordReceipt(
    _ receipt: ReceiptRecord, urn: String, reasons: [(rule: String?, text: String)]
  ) throws -> [Int64] {
    do {
      let at = receipt.receivedAt.isEmpty ? storeTimestamp() : receipt.receivedAt
      var ids: [Int64] = []
      try database.inTransaction(.immediate) { db in
        if try Bool.fetchOne(
          db, sql: "SELECT 1 FROM receipts WHERE message_id = ? OR receipt_sha256 = ?",
          arguments: [receipt.messageId, receipt.sha256]) != nil
        {
          throw StoreError(.invalidCase, "receipt \(receipt.messageId) was already imported")
        }
        try db.execute(
          sql: """
            INSERT INTO receipts (submission_id, kind, message_id, issued_at, received_at,
              received_by, receipt_sha256)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            receipt.submissionId, receipt.kind, receipt.messageId, receipt.issuedAt, at,
            receipt.receivedBy, receipt.sha256,
          ])
        let receiptId = db.lastInsertedRowID
        for reason in reasons {
          try db.execute(
            sql: """
              INSERT INTO actions (urn, receipt_id, rule_id, text, status)
              VALUES (?, ?, ?, ?, 'open')
              """, arguments: [urn, receiptId, reason.rule, reason.text])
          ids.append(db.lastInsertedRowID)
        }
        try AuditChain.append(
          db, at: at, user: receipt.receivedBy, action: "receipt", urn: urn,
          detail: "receipt=\(receiptId) kind=\(receipt.kind) message=\(receipt.messageId) "
            + "submission=\(receipt.submissionId) sha256=\(receipt.sha256) "
            + "actions=\(reasons.count)",
          reason: nil)
        return .commit
      }
      return ids
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// The action items of a case, oldest first: all of them, or the open ones only.
  package func actions(urn: String, openOnly: Bool = false) throws -> [ActionItem] {
    do {
      return try database.read { db in
        try Row.fetchAll(
          db,
          sql: """
            SELECT a.id, a.urn, r.message_id, r.submission_id, a.rule_id, a.text, a.status,
              a.resolved_by, a.resolved_at, a.resolution
            FROM actions a JOIN receipts r ON r.id = a.receipt_id
            WHERE a.urn = ? \(openOnly ? "AND a.status = 'open'" : "") ORDER BY a.id
            """, arguments: [urn]
        ).map { row in
          ActionItem(
            id: row["id"] ?? 0, urn: row["urn"] ?? "", messageId: row["message_id"] ?? "",
            submissionId: row["submission_id"] ?? "", rule: row["rule_id"], text: row["text"] ?? "",
            status: ActionItem.Status(rawValue: row["status"] ?? "") ?? .open,
            resolvedBy: row["resolved_by"], resolvedAt: row["resolved_at"],
            resolution: row["resolution"])
        }
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// Resolves one open action item of a case, with its audit entry, in one transaction.
  /// Refuses an id that is not an action of the case or is already resolved.
  package func resolveAction(urn: String, id: Int64, user: String, note: String?) throws {
    do {
      try database.inTransaction(.immediate) { db in
        guard
          let status = try String.fetchOne(
            db, sql: "SELECT status FROM actions WHERE id = ? AND urn = ?", arguments: [id, urn])
        else {
          throw StoreError(
            .invalidCase, "case \(urn) has no action \(id): `casefile actions \(urn)` lists them")
        }
        guard status == "open" else {
          throw StoreError(.invalidCase, "action \(id) of case \(urn) is already resolved")
        }
        let at = storeTimestamp()
        try db.execute(
          sql: """
            UPDATE actions SET status = 'resolved', resolved_by = ?, resolved_at = ?,
              resolution = ? WHERE id = ?
            """, arguments: [user, at, note, id])
        try AuditChain.append(
          db, at: at, user: user, action: "action-resolved", urn: urn, detail: "action=\(id)",
          reason: note)
        return .commit
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }
}
