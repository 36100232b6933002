import Foundation
import GRDB

extension StoreSchema {
  /// Version 6: the search index, an FTS5 table kept in step with the records.
  ///
  /// One `search_index` row per case, person, offence, exhibit and statement, with its
  /// `kind`, `case_id` and `ref` (the record's id; the URN for a case) as unindexed columns
  /// and three indexed ones: `name` (URN and title, a person's name and aliases, a CJS code
  /// and title, an exhibit reference), `body` (an exhibit's description, a statement's
  /// text) and `phonetic` (the Soundex key of every word of a person's names, from the SQL
  /// function ``phoneticFunction``). The row id is the record's row id times 8 plus a code
  /// for its table, so a trigger finds the row to delete without a scan. The triggers run
  /// inside the transaction that writes the records, so the index never disagrees with them;
  /// deleting a case deletes its records by cascade, and their triggers their index rows.
  /// New records are indexed by the save that writes them, in one statement per kind (see
  /// ``SearchIndexSource``), not by insert triggers, which made an import 2.6 times slower
  /// than with no index (measured; each triggering statement opens a savepoint, at which
  /// the full-text module probably writes out its pending terms).
  /// The migration indexes the records already in the store.
  static let version6 = """
    CREATE VIRTUAL TABLE search_index USING fts5(
      kind UNINDEXED, case_id UNINDEXED, ref UNINDEXED, name, body, phonetic,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(0, 0, 0, 10, 1, 4)');

    \(SearchIndexSource.allCases.map(\.triggersSQL).joined(separator: "\n"))

    \(SearchIndexSource.allCases.map { $0.insertSQL(where: "1") }.joined(separator: "\n"))
    """

  /// Version 7: drops the insert triggers version 6 first had (new records are indexed by
  /// the save that writes them, see ``SearchIndexSource/index(_:caseIDs:)``).
  static let version7 = SearchIndexSource.allCases.map {
    "DROP TRIGGER IF EXISTS search_\($0.kind)_insert;"
  }.joined(separator: "\n")

  /// The SQL expression for the given and family names in a person's `name` and `aliases`
  /// JSON columns (not the titles, not the JSON keys), space-separated.
  static func personNames(_ name: String, _ aliases: String) -> String {
    """
    (SELECT coalesce(group_concat(value, ' '), '')
      FROM json_tree(json_array(json(\(name)), json(\(aliases))))
      WHERE type = 'text' AND (key = 'family' OR path LIKE '%.given'))
    """
  }

  /// The name of the SQL function that gives the phonetic keys of a text.
  static let phoneticFunctionName = "casefile_phonetic"

  /// The SQL function `casefile_phonetic(text)`: the Soundex key of every word, space-separated.
  ///
  /// Registered on every connection of the store (the search triggers call it).
  static let phoneticFunction = DatabaseFunction(
    phoneticFunctionName, argumentCount: 1, pure: true
  ) { values in
    guard let text = String.fromDatabaseValue(values[0]) else { return "" }
    return Phonetic.keys(text).joined(separator: " ")
  }
}

/// Soundex keys: one letter and three digits for a word, the same for names that sound alike
/// (`Smith`, `Smyth` and `Smithe` are all `S530`).
package enum Phonetic {
  /// The Soundex key of each word (run of letters) of `text`, in order; words of one
  /// letter and words with letters outside A-Z (after folding case) give no key.
  package static func keys(_ text: String) -> [String] {
    var keys: [String] = []
    var word: [UInt8] = []
    func flush() {
      if word.count > 1, let key = soundex(word) { keys.append(key) }
      word.removeAll(keepingCapacity: true)
    }
    // ASCII needs no folding (the loop upper-cases it), and most names are ASCII.
    let folded =
      text.utf8.allSatisfy { $0 < 0x80 }
      ? text : text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    for scalar in folded.unicodeScalars {
      if scalar.properties.isAlphabetic {
        let value = scalar.value
        if value >= 0x61 && value <= 0x7A {
          word.append(UInt8(value - 0x20))
        } else if value >= 0x41 && value <= 0x5A {
          word.append(UInt8(value))
        } else {
          word.append(0)
        }
      } else if scalar != "'" {
        flush()
      }
    }
    flush()
    return keys
  }

  /// The Soundex key of one word of upper-case ASCII letters, or `nil` for other letters.
  static func soundex(_ word: [UInt8]) -> String? {
    guard let first = word.first, first != 0, !word.contains(0) else { return nil }
    var key = [first]
    var previous = code(first)
    for letter in word.dropFirst() {
      let digit = code(letter)
      if letter == UInt8(ascii: "H") || letter == UInt8(ascii: "W") { continue }
      if digit != 0 && digit != previous {
        key.append(UInt8(ascii: "0") + digit)
        if key.count == 4 { break }
      }
      previous = digit
    }
    while key.count < 4 { key.append(UInt8(ascii: "0")) }
    return String(decoding: key, as: UTF8.self)
  }

  /// The Soundex digit of an upper-case letter; 0 for vowels, H, W and Y.
  private static func code(_ letter: UInt8) -> UInt8 {
    switch letter {
    case UInt8(ascii: "B"), UInt8(ascii: "F"), UInt8(ascii: "P"), UInt8(ascii: "V"): return 1
    case UInt8(ascii: "C"), UInt8(ascii: "G"), UInt8(ascii: "J"), UInt8(ascii: "K"),
      UInt8(ascii: "Q"), UInt8(ascii: "S"), UInt8(ascii: "X"), UInt8(ascii: "Z"):
      return 2
    case UInt8(ascii: "D"), UInt8(ascii: "T"): return 3
    case UInt8(ascii: "L"): return 4
    case UInt8(ascii: "M"), UInt8(ascii: "N"): return 5
    case UInt8(ascii: "R"): return 6
    default: return 0
    }
  }
}
