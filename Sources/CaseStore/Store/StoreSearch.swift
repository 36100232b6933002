import Foundation
import GRDB

/// What a search hit is: the record table its row comes from.
package enum SearchKind: String, CaseIterable, Codable, Sendable {
  case person
  case exhibit
  case statement
  case offence
  case `case`
}

/// One search hit: which record matched, in which case, and the matching text.
package struct SearchHit: Equatable, Codable, Sendable {
  package var kind: SearchKind
  /// The case's URN.
  package var urn: String
  /// The record's id in its case (the URN for a case).
  package var recordID: String
  /// The matching text, matched terms in `[` `]`, cut with `…`.
  package var snippet: String
  /// The bm25 score: lower is better.
  package var score: Double

  package init(kind: SearchKind, urn: String, recordID: String, snippet: String, score: Double) {
    self.kind = kind
    self.urn = urn
    self.recordID = recordID
    self.snippet = snippet
    self.score = score
  }
}

extension SQLiteCaseStore {
  /// The most a search returns.
  package static let searchLimitRange = 1...1000

  /// The records that match every word of `query`, best first (bm25), at most `limit`.
  ///
  /// Each word of the query matches a word of a name, URN, reference, code, title,
  /// description or statement text that starts with it (words of three characters or
  /// more) or equals it; a word of letters also matches a person's name that sounds the
  /// same (Soundex). The query text is never passed to FTS5 as syntax: every word is
  /// quoted (see ``SearchQuery``), so quotes, `*`, `NEAR(`, `AND`, `-` and `:` are text.
  package func search(query: String, kind: SearchKind? = nil, limit: Int = 20) throws
    -> [SearchHit]
  {
    guard let match = SearchQuery.matchExpression(query) else { return [] }
    let limit = min(max(limit, Self.searchLimitRange.lowerBound), Self.searchLimitRange.upperBound)
    var sql = """
      SELECT s.kind, s.ref, rank,
        (SELECT urn FROM cases WHERE id = s.case_id) AS urn,
        CASE WHEN s.kind = 'person' THEN snippet(search_index, 3, '[', ']', '…', 12)
          ELSE snippet(search_index, -1, '[', ']', '…', 12) END AS snippet
      FROM search_index s
      WHERE search_index MATCH ?
      """
    var arguments: StatementArguments = [match]
    if let kind {
      sql += " AND s.kind = ?"
      arguments += [kind.rawValue]
    }
    sql += " ORDER BY rank LIMIT ?"
    arguments += [limit]
    do {
      return try database.read { db in
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
          guard let kind = SearchKind(rawValue: row["kind"] ?? "") else { return nil }
          return SearchHit(
            kind: kind, urn: row["urn"] ?? "", recordID: row["ref"] ?? "",
            snippet: row["snippet"] ?? "", score: row["rank"] ?? 0)
        }
      }
    } catch {
      throw StoreError.wrapping(error)
    }
  }
}

/// Turns a user's search text into a safe FTS5 match expression.
package enum SearchQuery {
  /// The most words of a query that are used.
  static let maximumTerms = 16
  /// The most characters of one word that are used.
  static let maximumTermLength = 64

  /// The FTS5 expression for `text`, or `nil` when it holds no letter or digit.
  ///
  /// Each whitespace-separated word becomes a quoted string (inner quotes doubled) matched
  /// in the `name` and `body` columns, as a prefix when it is three or more characters
  /// long and ends in a letter or digit, or'ed with its Soundex key in the `phonetic`
  /// column when it is all letters; the words are and'ed.
  package static func matchExpression(_ text: String) -> String? {
    var clauses: [String] = []
    for word in text.split(whereSeparator: { $0.isWhitespace }).prefix(maximumTerms) {
      let term = String(word.prefix(maximumTermLength))
      guard term.contains(where: { $0.isLetter || $0.isNumber }) else { continue }
      let quoted = "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      let prefix = term.count >= 3 && (term.last.map { $0.isLetter || $0.isNumber } ?? false)
      var clause = "{name body} : " + quoted + (prefix ? " *" : "")
      if term.allSatisfy({ $0.isLetter || $0 == "'" }), let key = Phonetic.keys(term).first {
        clause += " OR phonetic : \"" + key + "\""
      }
      clauses.append("(" + clause + ")")
    }
    return clauses.isEmpty ? nil : clauses.joined(separator: " AND ")
  }
}
