import GRDB

extension SQLiteCaseStore {
  /// One line per case, ordered by URN, with record counts computed in SQL.
  ///
  /// Counts come from indexed `COUNT(*)` queries on each record table, so listing the
  /// store never loads whole cases.
  package func caseSummaries() throws -> [CaseSummary] {
    do {
      return try database.read { db in
        try Row.fetchAll(db, sql: Self.summarySQL).map { row in
          CaseSummary(
            urn: row["urn"] ?? "", title: row["title"] ?? "", defendants: row["defendants"] ?? 0,
            offences: row["offences"] ?? 0, witnesses: row["witnesses"] ?? 0,
            statements: row["statements"] ?? 0, exhibits: row["exhibits"] ?? 0,
            unused: row["unused"] ?? 0, media: row["media"] ?? 0,
            updatedAt: row["updated_at"] ?? "")
        }
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  private static let summarySQL = """
    SELECT c.urn, c.title, c.updated_at,
      (SELECT COUNT(*) FROM people p WHERE p.case_id = c.id AND EXISTS (
        SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = 'defendant'
      )) AS defendants,
      (SELECT COUNT(*) FROM offences WHERE case_id = c.id) AS offences,
      (SELECT COUNT(*) FROM witnesses WHERE case_id = c.id) AS witnesses,
      (SELECT COUNT(*) FROM statements WHERE case_id = c.id) AS statements,
      (SELECT COUNT(*) FROM exhibits WHERE case_id = c.id) AS exhibits,
      (SELECT COUNT(*) FROM unused_items WHERE case_id = c.id) AS unused,
      (SELECT COUNT(*) FROM case_media WHERE case_id = c.id) AS media
    FROM cases c
    ORDER BY c.urn
    """
}
