extension StoreSchema {
  /// Version 4: submissions to the prosecutor and their answers.
  ///
  /// `submissions` holds one row per submission (the idempotent id, the case, its place in
  /// the case's sequence, the previous submission, full or update, the approved case hash
  /// it was built from, the bundle written and its SHA-256, who and when);
  /// `submission_documents` the SHA-256 of every document of the file at that submission,
  /// and whether it was sent (what the next update compares against); `receipts` each
  /// acknowledgement or rejection imported, with its message id and the SHA-256 of its
  /// bytes (both unique: a replay is refused); `actions` each rejection reason as an
  /// action item, open until resolved. Keyed by URN, not by case row, so the history
  /// survives `import --replace`.
  static let version4 = """
    CREATE TABLE submissions (
      id TEXT PRIMARY KEY NOT NULL,
      urn TEXT NOT NULL,
      sequence INTEGER NOT NULL CHECK (sequence >= 1),
      previous_id TEXT REFERENCES submissions(id),
      kind TEXT NOT NULL CHECK (kind IN ('full', 'update')),
      recipient TEXT NOT NULL,
      stage TEXT NOT NULL,
      approved_hash TEXT NOT NULL,
      bagging_date TEXT NOT NULL,
      bundle_path TEXT NOT NULL,
      bundle_sha256 TEXT NOT NULL,
      submitted_by TEXT NOT NULL,
      submitted_at TEXT NOT NULL,
      UNIQUE (urn, sequence)
    );
    CREATE INDEX submissions_previous ON submissions (previous_id);
    CREATE TABLE submission_documents (
      submission_id TEXT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      sent INTEGER NOT NULL CHECK (sent IN (0, 1)),
      label TEXT,
      PRIMARY KEY (submission_id, path)
    ) WITHOUT ROWID;
    CREATE TABLE receipts (
      id INTEGER PRIMARY KEY,
      submission_id TEXT NOT NULL REFERENCES submissions(id),
      kind TEXT NOT NULL CHECK (kind IN ('acknowledgement', 'rejection')),
      message_id TEXT NOT NULL UNIQUE,
      issued_at TEXT NOT NULL,
      received_at TEXT NOT NULL,
      received_by TEXT NOT NULL,
      receipt_sha256 TEXT NOT NULL UNIQUE
    );
    CREATE INDEX receipts_submission ON receipts (submission_id);
    CREATE TABLE actions (
      id INTEGER PRIMARY KEY,
      urn TEXT NOT NULL,
      receipt_id INTEGER NOT NULL REFERENCES receipts(id),
      rule_id TEXT,
      text TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
      resolved_by TEXT,
      resolved_at TEXT,
      resolution TEXT
    );
    CREATE INDEX actions_urn ON actions (urn, status);
    CREATE INDEX actions_receipt ON actions (receipt_id);
    """
}
