import GRDB

/// How each kind of record becomes a row of `search_index` (see ``StoreSchema/version6``).
///
/// One definition serves the three places that write index rows: the save that writes new
/// records (``index(_:caseIDs:)``, one statement per kind), the update triggers and the
/// migration that indexes the records already in a store.
enum SearchIndexSource: CaseIterable {
  case caseFile, person, offence, exhibit, statement

  /// The records table.
  var table: String {
    switch self {
    case .caseFile: "cases"
    case .person: "people"
    case .offence: "offences"
    case .exhibit: "exhibits"
    case .statement: "statements"
    }
  }

  /// The `kind` column's value.
  var kind: String {
    switch self {
    case .caseFile: "case"
    case .person: "person"
    case .offence: "offence"
    case .exhibit: "exhibit"
    case .statement: "statement"
    }
  }

  /// The index row id is the record's row id times 8 plus this code.
  var code: Int {
    switch self {
    case .caseFile: 1
    case .person: 2
    case .offence: 3
    case .exhibit: 4
    case .statement: 5
    }
  }

  /// The columns whose change re-indexes a record.
  var indexedColumns: String {
    switch self {
    case .caseFile: "urn, title"
    case .person: "name, aliases, ref"
    case .offence: "cjs_code, title, ref"
    case .exhibit: "reference, description, ref"
    case .statement: "text, ref"
    }
  }

  /// The column holding the case's row id (a case is its own case).
  private var caseColumn: String { self == .caseFile ? "id" : "case_id" }

  /// The values of one index row, for a record whose columns are named with `row` (`new.`
  /// in a trigger, nothing in a query); a person's `names` come from ``source(_:)``.
  private func values(_ row: String) -> String {
    let head = "\(row)id * 8 + \(code), '\(kind)', \(row)\(caseColumn), "
    switch self {
    case .caseFile:
      return head + "\(row)urn, \(row)urn || ' ' || \(row)title, '', ''"
    case .person:
      return head + "\(row)ref, names, '', \(StoreSchema.phoneticFunctionName)(names)"
    case .offence:
      return head + "\(row)ref, \(row)cjs_code || ' ' || \(row)title, '', ''"
    case .exhibit:
      return head + "\(row)ref, \(row)reference, \(row)description, ''"
    case .statement:
      return head + "\(row)ref, '', coalesce(\(row)text, ''), ''"
    }
  }

  private static let insertInto =
    "INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)"

  /// The statement that indexes every record of this kind matching `condition`.
  func insertSQL(where condition: String) -> String {
    switch self {
    case .person:
      return """
        \(Self.insertInto)
        SELECT \(values("")) FROM (SELECT id, case_id, ref,
          \(StoreSchema.personNames("name", "aliases")) AS names
          FROM people WHERE \(condition));
        """
    default:
      return "\(Self.insertInto)\nSELECT \(values("")) FROM \(table) WHERE \(condition);"
    }
  }

  /// The triggers that re-index a changed record and remove a deleted one's row.
  var triggersSQL: String {
    let source =
      self == .person
      ? " FROM (SELECT \(StoreSchema.personNames("new.name", "new.aliases")) AS names)" : ""
    return """
      CREATE TRIGGER search_\(kind)_update AFTER UPDATE OF \(indexedColumns) ON \(table) BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + \(code);
        \(Self.insertInto)
        SELECT \(values("new."))\(source);
      END;
      CREATE TRIGGER search_\(kind)_delete AFTER DELETE ON \(table) BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + \(code);
      END;
      """
  }

  /// Indexes the records of the cases with these row ids, inside the caller's transaction:
  /// one statement per kind, not one per record (see ``StoreSchema/version6``).
  static func index(_ db: Database, caseIDs: [Int64]) throws {
    guard !caseIDs.isEmpty else { return }
    let ids = "[" + caseIDs.map(String.init).joined(separator: ",") + "]"
    for source in allCases {
      try db.cachedStatement(
        sql: source.insertSQL(where: "\(source.caseColumn) IN (SELECT value FROM json_each(?))")
      ).execute(arguments: [ids])
    }
  }
}
