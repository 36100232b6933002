extension StoreSchema {
  /// Version 3: who may do what, and every workflow transition.
  ///
  /// `users` holds each registered user's roles (a JSON array of role names). Each
  /// `workflow_events` row is one transition of one case: the stages it moved between, the
  /// action, who took it and when, the SHA-256 of the case's records at that moment and an
  /// optional note. A sign-off transition has one `sign_offs` row holding, beside the
  /// records' hash, the hash of each record (a JSON object keyed `kind/id`), so that a later
  /// change can say which records differ. Keyed by URN, like `disclosures`, so the history
  /// survives `import --replace`.
  static let version3 = """
    CREATE TABLE users (
      name TEXT PRIMARY KEY,
      roles TEXT NOT NULL,
      added_at TEXT NOT NULL,
      added_by TEXT NOT NULL
    );
    CREATE TABLE workflow_events (
      id INTEGER PRIMARY KEY,
      urn TEXT NOT NULL,
      from_stage TEXT NOT NULL,
      to_stage TEXT NOT NULL,
      action TEXT NOT NULL,
      user TEXT NOT NULL,
      at TEXT NOT NULL,
      case_sha256 TEXT NOT NULL,
      note TEXT
    );
    CREATE INDEX workflow_events_urn ON workflow_events (urn, id);
    CREATE TABLE sign_offs (
      event_id INTEGER PRIMARY KEY REFERENCES workflow_events(id) ON DELETE CASCADE,
      urn TEXT NOT NULL,
      case_sha256 TEXT NOT NULL,
      record_hashes TEXT NOT NULL,
      invalidated_by INTEGER REFERENCES workflow_events(id)
    );
    CREATE INDEX sign_offs_urn ON sign_offs (urn, event_id);
    CREATE INDEX sign_offs_invalidated_by ON sign_offs (invalidated_by);
    """
}
