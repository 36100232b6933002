import GRDB

/// The record store's schema and the migrations that build it, one per schema version.
///
/// Migrations are append-only: a later issue adds `v2` and so on, never edits `v1`. A store
/// whose migrations table names a migration this build does not know was written by a
/// newer casefile, and ``SQLiteCaseStore/open(at:)`` refuses it.
enum StoreSchema {
  /// The value of `PRAGMA application_id` that marks a casefile store ("CFS1").
  static let applicationID: Int32 = 0x4346_5331

  /// The migrator holding every schema version this build knows, in order.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in try createVersion1(db) }
    migrator.registerMigration("v2") { db in try db.execute(sql: version2) }
    migrator.registerMigration("v3") { db in try db.execute(sql: version3) }
    migrator.registerMigration("v4") { db in try db.execute(sql: version4) }
    migrator.registerMigration("v5") { db in try migrateVersion5(db) }
    migrator.registerMigration("v6") { db in try db.execute(sql: version6) }
    migrator.registerMigration("v7") { db in try db.execute(sql: version7) }
    return migrator
  }

  /// The first schema: cases, their records, media, the audit log and data classification.
  static func createVersion1(_ db: Database) throws {
    try db.execute(sql: "PRAGMA application_id = \(applicationID)")
    try db.execute(sql: version1)
    let classify = try db.makeStatement(
      sql: "INSERT INTO data_classification (record, field, treatment) VALUES (?, ?, ?)")
    for field in PersonalData.fields {
      try classify.execute(arguments: [field.record, field.field, field.treatment.rawValue])
    }
  }

  /// Version 2: what left the building. One `disclosures` row per bundle built (case,
  /// recipient, stage, the archive's SHA-256) and, for each, the `withheld` values (record
  /// id and field, never the value). Keyed by URN, not by case row, so the history
  /// survives `import --replace`.
  static let version2 = """
    CREATE TABLE disclosures (
      id INTEGER PRIMARY KEY,
      urn TEXT NOT NULL,
      recipient TEXT NOT NULL,
      stage TEXT NOT NULL,
      draft INTEGER NOT NULL CHECK (draft IN (0, 1)),
      bundle_sha256 TEXT NOT NULL,
      built_at TEXT NOT NULL,
      user TEXT NOT NULL
    );
    CREATE INDEX disclosures_urn ON disclosures (urn);
    CREATE TABLE withheld (
      disclosure_id INTEGER NOT NULL REFERENCES disclosures(id) ON DELETE CASCADE,
      record TEXT NOT NULL,
      field TEXT NOT NULL,
      PRIMARY KEY (disclosure_id, record, field)
    ) WITHOUT ROWID;
    """

  /// The SQL check that a text column holds one of an enumeration's raw values.
  private static func oneOf<Value: RawRepresentable & CaseIterable>(
    _ column: String, _ type: Value.Type
  ) -> String where Value.RawValue == String {
    let values = type.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    return "CHECK (\(column) IN (\(values)))"
  }

  /// Version 1 of the schema.
  ///
  /// Every record table has `case_id` (deleting a case deletes its records), `ref` (the
  /// record's id in the model, unique in its case) and `position` (its place in the case's
  /// list, so a case loads in the order it was saved). Cross-references between records
  /// are foreign keys to row ids; every foreign key column is indexed so that replacing a
  /// case does not scan whole tables. Lists of plain values are JSON text columns.
  private static let version1 = """
    CREATE TABLE cases (
      id INTEGER PRIMARY KEY,
      urn TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      summary TEXT NOT NULL,
      markers TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE people (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      ref TEXT NOT NULL,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      aliases TEXT NOT NULL,
      is_organisation INTEGER NOT NULL CHECK (is_organisation IN (0, 1)),
      date_of_birth TEXT,
      gender TEXT,
      address TEXT,
      phone TEXT,
      email TEXT,
      occupation TEXT,
      rank TEXT,
      collar_number TEXT,
      UNIQUE (case_id, ref)
    );

    CREATE TABLE person_roles (
      person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      role TEXT NOT NULL \(oneOf("role", PersonRole.self)),
      PRIMARY KEY (person_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX person_roles_role ON person_roles (role, person_id);

    CREATE TABLE offences (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      ref TEXT NOT NULL,
      position INTEGER NOT NULL,
      defendant_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      cjs_code TEXT NOT NULL,
      title TEXT NOT NULL,
      wording TEXT NOT NULL,
      from_date TEXT NOT NULL,
      to_date TEXT,
      mode_of_trial TEXT NOT NULL \(oneOf("mode_of_trial", ModeOfTrial.self)),
      anticipated_plea TEXT NOT NULL \(oneOf("anticipated_plea", AnticipatedPlea.self)),
      charge_date TEXT,
      police_may_charge INTEGER NOT NULL CHECK (police_may_charge IN (0, 1)),
      victims TEXT NOT NULL,
      committed_on_bail INTEGER NOT NULL CHECK (committed_on_bail IN (0, 1)),
      points_to_prove TEXT NOT NULL,
      UNIQUE (case_id, ref)
    );
    CREATE INDEX offences_defendant ON offences (defendant_id);

    CREATE TABLE custody (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      ref TEXT NOT NULL,
      position INTEGER NOT NULL,
      defendant_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      status TEXT NOT NULL \(oneOf("status", CustodyStatus.self)),
      since TEXT NOT NULL,
      remand_sought INTEGER NOT NULL CHECK (remand_sought IN (0, 1)),
      bail_conditions TEXT NOT NULL,
      first_hearing TEXT,
      court TEXT,
      breach_of_bail TEXT,
      UNIQUE (case_id, ref)
    );
    CREATE INDEX custody_defendant ON custody (defendant_id);

    CREATE TABLE witnesses (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      ref TEXT NOT NULL,
      position INTEGER NOT NULL,
      person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      kind TEXT NOT NULL \(oneOf("kind", WitnessKind.self)),
      key INTEGER NOT NULL CHECK (key IN (0, 1)),
      special_measures TEXT NOT NULL,
      dates_to_avoid TEXT NOT NULL,
      interpreter TEXT,
      UNIQUE (case_id, ref)
    );
    CREATE INDEX witnesses_person ON witnesses (person_id);

    CREATE TABLE media_objects (
      sha256 TEXT PRIMARY KEY NOT NULL
        CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
      size INTEGER NOT NULL CHECK (size >= 0),
      stored_at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE case_media (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      ref TEXT NOT NULL,
      position INTEGER NOT NULL,
      file TEXT NOT NULL,
      sha256 TEXT REFERENCES media_objects(sha256),
      media_type TEXT NOT NULL,
      size INTEGER,
      description TEXT,
      UNIQUE (case_id, ref)
    );
    CREATE INDEX case_media_sha256 ON case_media (sha256);

    CREATE TABLE statements (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      ref TEXT NOT NULL,
      position INTEGER NOT NULL,
      witness_id INTEGER NOT NULL REFERENCES witnesses(id) ON DELETE CASCADE,
      date TEXT NOT NULL,
      text TEXT,
      media_id INTEGER REFERENCES case_media(id) ON DELETE CASCADE,
      UNIQUE (case_id, ref)
    );
    CREATE INDEX statements_witness ON statements (witness_id);
    CREATE INDEX statements_media ON statements (media_id);

    CREATE TABLE exhibits (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      ref TEXT NOT NULL,
      position INTEGER NOT NULL,
      reference TEXT NOT NULL,
      description TEXT NOT NULL,
      produced_by_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      seized_at TEXT,
      seized_from TEXT,
      UNIQUE (case_id, ref)
    );
    CREATE INDEX exhibits_produced_by ON exhibits (produced_by_id);

    CREATE TABLE statement_exhibits (
      statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      exhibit_id INTEGER NOT NULL REFERENCES exhibits(id) ON DELETE CASCADE,
      PRIMARY KEY (statement_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX statement_exhibits_exhibit ON statement_exhibits (exhibit_id);

    CREATE TABLE continuity_events (
      id INTEGER PRIMARY KEY,
      exhibit_id INTEGER NOT NULL REFERENCES exhibits(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      from_person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
      to_person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
      location TEXT,
      UNIQUE (exhibit_id, position)
    );
    CREATE INDEX continuity_events_from ON continuity_events (from_person_id);
    CREATE INDEX continuity_events_to ON continuity_events (to_person_id);

    CREATE TABLE exhibit_media (
      exhibit_id INTEGER NOT NULL REFERENCES exhibits(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      media_id INTEGER NOT NULL REFERENCES case_media(id) ON DELETE CASCADE,
      PRIMARY KEY (exhibit_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX exhibit_media_media ON exhibit_media (media_id);

    CREATE TABLE interviews (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      ref TEXT NOT NULL,
      position INTEGER NOT NULL,
      interviewee_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      type TEXT NOT NULL \(oneOf("type", InterviewType.self)),
      date TEXT NOT NULL,
      summary TEXT,
      UNIQUE (case_id, ref)
    );
    CREATE INDEX interviews_interviewee ON interviews (interviewee_id);

    CREATE TABLE interview_media (
      interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      media_id INTEGER NOT NULL REFERENCES case_media(id) ON DELETE CASCADE,
      PRIMARY KEY (interview_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX interview_media_media ON interview_media (media_id);

    CREATE TABLE unused_items (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      ref TEXT NOT NULL,
      position INTEGER NOT NULL,
      description TEXT NOT NULL,
      sensitivity TEXT NOT NULL \(oneOf("sensitivity", Sensitivity.self)),
      reason TEXT,
      UNIQUE (case_id, ref)
    );

    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      user TEXT NOT NULL,
      action TEXT NOT NULL,
      urn TEXT,
      detail TEXT NOT NULL,
      reason TEXT
    );
    CREATE INDEX audit_log_urn ON audit_log (urn, seq);

    CREATE TABLE data_classification (
      record TEXT NOT NULL,
      field TEXT NOT NULL,
      treatment TEXT NOT NULL CHECK (treatment IN ('identifying', 'contact', 'restricted')),
      PRIMARY KEY (record, field)
    ) WITHOUT ROWID;
    """
}
