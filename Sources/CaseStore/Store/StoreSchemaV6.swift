import Foundation
import GRDB

extension StoreSchema {
  /// Version 6: the search index, an FTS5 table kept in step with the records by triggers.
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
  /// The migration indexes the records already in the store.
  static let version6 = """
    CREATE VIRTUAL TABLE search_index USING fts5(
      kind UNINDEXED, case_id UNINDEXED, ref UNINDEXED, name, body, phonetic,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(0, 0, 0, 10, 1, 4)');

    CREATE TRIGGER search_case_insert AFTER INSERT ON cases BEGIN
      INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
      VALUES (new.id * 8 + 1, 'case', new.id, new.urn, new.urn || ' ' || new.title, '', '');
    END;
    CREATE TRIGGER search_case_update AFTER UPDATE OF urn, title ON cases BEGIN
      DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
      INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
      VALUES (new.id * 8 + 1, 'case', new.id, new.urn, new.urn || ' ' || new.title, '', '');
    END;
    CREATE TRIGGER search_case_delete AFTER DELETE ON cases BEGIN
      DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
    END;

    CREATE TRIGGER search_person_insert AFTER INSERT ON people BEGIN
      INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
      SELECT new.id * 8 + 2, 'person', new.case_id, new.ref, names, '', casefile_phonetic(names)
      FROM (SELECT \(personNames("new.name", "new.aliases")) AS names);
    END;
    CREATE TRIGGER search_person_update AFTER UPDATE OF name, aliases, ref ON people BEGIN
      DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
      INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
      SELECT new.id * 8 + 2, 'person', new.case_id, new.ref, names, '', casefile_phonetic(names)
      FROM (SELECT \(personNames("new.name", "new.aliases")) AS names);
    END;
    CREATE TRIGGER search_person_delete AFTER DELETE ON people BEGIN
      DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
    END;

    CREATE TRIGGER search_offence_insert AFTER INSERT ON offences BEGIN
      INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
      VALUES (new.id * 8 + 3, 'offence', new.case_id, new.ref,
        new.cjs_code || ' ' || new.title, '', '');
    END;
    CREATE TRIGGER search_offence_update AFTER UPDATE OF cjs_code, title, ref ON offences BEGIN
      DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
      INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
      VALUES (new.id * 8 + 3, 'offence', new.case_id, new.ref,
        new.cjs_code || ' ' || new.title, '', '');
    END;
    CREATE TRIGGER search_offence_delete AFTER DELETE ON offences BEGIN
      DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
    END;

    CREATE TRIGGER search_exhibit_insert AFTER INSERT ON exhibits BEGIN
      INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
      VALUES (new.id * 8 + 4, 'exhibit', new.case_id, new.ref, new.reference,
        new.description, '');
    END;
    CREATE TRIGGER search_exhibit_update AFTER UPDATE OF reference, description, ref
    ON exhibits BEGIN
      DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
      INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
      VALUES (new.id * 8 + 4, 'exhibit', new.case_id, new.ref, new.reference,
        new.description, '');
    END;
    CREATE TRIGGER search_exhibit_delete AFTER DELETE ON exhibits BEGIN
      DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
    END;

    CREATE TRIGGER search_statement_insert AFTER INSERT ON statements BEGIN
      INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
      VALUES (new.id * 8 + 5, 'statement', new.case_id, new.ref, '',
        coalesce(new.text, ''), '');
    END;
    CREATE TRIGGER search_statement_update AFTER UPDATE OF text, ref ON statements BEGIN
      DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
      INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
      VALUES (new.id * 8 + 5, 'statement', new.case_id, new.ref, '',
        coalesce(new.text, ''), '');
    END;
    CREATE TRIGGER search_statement_delete AFTER DELETE ON statements BEGIN
      DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
    END;

    INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
    SELECT id * 8 + 1, 'case', id, urn, urn || ' ' || title, '', '' FROM cases;
    INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
    SELECT id * 8 + 2, 'person', case_id, ref, names, '', casefile_phonetic(names)
    FROM (SELECT id, case_id, ref, \(personNames("name", "aliases")) AS names FROM people);
    INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
    SELECT id * 8 + 3, 'offence', case_id, ref, cjs_code || ' ' || title, '', '' FROM offences;
    INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
    SELECT id * 8 + 4, 'exhibit', case_id, ref, reference, description, '' FROM exhibits;
    INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
    SELECT id * 8 + 5, 'statement', case_id, ref, '', coalesce(text, ''), '' FROM statements;
    """

  /// The SQL expression for the given and family names in a person's `name` and `aliases`
  /// JSON columns (not the titles, not the JSON keys), space-separated.
  private static func personNames(_ name: String, _ aliases: String) -> String {
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
    let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
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
