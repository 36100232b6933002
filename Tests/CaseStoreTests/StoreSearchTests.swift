import Foundation
import GRDB
import Testing

@testable import CaseStore

@Suite("Store search", .temporaryDirectory)
struct StoreSearchTests {
  /// A small case with a named defendant (and an alias), an exhibit and a statement.
  static func searchCase(_ index: Int, family: String = "Smith") -> CaseRecord {
    var record = StoreFixtures.smallCase(index)
    record.people[0] = Person(
      id: "P1", roles: [.defendant],
      name: PersonName(title: "Mx", given: ["Gwenllian"], family: family),
      aliases: [PersonName(given: ["Gwen"], family: "Jones")])
    record.exhibits = [
      Exhibit(
        id: "E1", reference: "AB/\(index)", description: "Kitchen knife with a black handle",
        producedBy: "P2")
    ]
    record.statements = [
      Statement(
        id: "S1", witness: "W1", date: "2025-01-02",
        text: "I saw the defendant running towards the canal with a bag.")
    ]
    return record
  }

  private func store(_ cases: [CaseRecord]) throws -> (TemporaryDirectory, SQLiteCaseStore) {
    let (directory, store) = try StoreFixtures.store()
    try store.saveCases(cases, mode: .insertOnly, audit: StoreFixtures.audit)
    return (directory, store)
  }

  private func firstHit(_ store: SQLiteCaseStore, _ query: String, kind: SearchKind? = nil)
    throws -> SearchHit?
  {
    try store.search(query: query, kind: kind, limit: 10).first
  }

  @Test func findsPeopleByNameAliasAndPrefix() throws {
    let (_, store) = try store([Self.searchCase(1)])
    for query in ["Gwenllian", "Smith", "gwenllian smith", "Jones", "Gwen Jones", "Gwenl"] {
      let hit = try #require(try firstHit(store, query, kind: .person), "\(query)")
      #expect(hit.urn == "01AB0000125" && hit.recordID == "P1")
    }
    // Titles and the JSON keys of the stored name are not indexed.
    #expect(try store.search(query: "family", kind: .person).isEmpty)
    #expect(try store.search(query: "Mx", kind: .person).isEmpty)
  }

  @Test(arguments: ["Smyth", "Smithe", "Gwenlian", "Jonez"])
  func findsMisspeltNamesByTheirSound(_ query: String) throws {
    let (_, store) = try store([Self.searchCase(1)])
    let hit = try #require(try firstHit(store, query))
    #expect(hit.kind == .person && hit.recordID == "P1")
  }

  @Test func findsCasesExhibitsOffencesAndStatements() throws {
    let (_, store) = try store([Self.searchCase(1), Self.searchCase(2)])
    let byURN = try #require(try firstHit(store, "01AB0000225"))
    #expect(byURN.kind == .case && byURN.recordID == "01AB0000225")
    let exhibit = try #require(try firstHit(store, "AB/2"))
    #expect(exhibit.kind == .exhibit && exhibit.urn == "01AB0000225" && exhibit.recordID == "E1")
    #expect(exhibit.snippet == "[AB/2]")
    #expect(try firstHit(store, "knife handle")?.kind == .exhibit)
    let offence = try #require(try firstHit(store, "TH68010"))
    #expect(offence.kind == .offence && offence.recordID == "O1")
    #expect(try store.search(query: "theft", kind: .offence).count == 2)
    let statement = try #require(try firstHit(store, "canal bag"))
    #expect(statement.kind == .statement && statement.recordID == "S1")
    #expect(statement.snippet.contains("[canal]"))
  }

  @Test func ranksAnExactNameAboveASoundAlike() throws {
    let (_, store) = try store([Self.searchCase(1, family: "Smyth"), Self.searchCase(2)])
    let hits = try store.search(query: "Smith", kind: .person)
    #expect(hits.map(\.urn) == ["01AB0000225", "01AB0000125"])
    #expect(hits[0].score < hits[1].score)
  }

  @Test func filtersByKindAndHonoursTheLimit() throws {
    let (_, store) = try store((1...5).map { Self.searchCase($0) })
    #expect(try store.search(query: "canal", kind: .exhibit).isEmpty)
    #expect(try store.search(query: "canal", kind: .statement).count == 5)
    #expect(try store.search(query: "canal", limit: 2).count == 2)
  }

  @Test(arguments: [
    "\"", "\"Smith", "*", "Smi*", "NEAR(", "NEAR(Smith canal, 2)", "AND", "Smith AND",
    "OR NOT", "-", "-Smith", ":", "name:Smith", "phonetic : S530", "{name body}: x", "^Smith",
    "( ) ( \"", "' OR 1=1 --", "+", "\u{0}", "Smith\"AND\"canal", "",
  ])
  func queriesFullOfSearchSyntaxNeverFail(_ query: String) throws {
    let (_, store) = try store([Self.searchCase(1)])
    _ = try store.search(query: query)
  }

  @Test func quotedSyntaxIsPlainText() throws {
    let (_, store) = try store([Self.searchCase(1)])
    #expect(try store.search(query: "NEAR(Smith").isEmpty)
    #expect(try firstHit(store, "\"Smith\"")?.recordID == "P1")
  }

  @Test func theIndexFollowsReplaceAndDelete() throws {
    let (_, store) = try store([Self.searchCase(1), Self.searchCase(2)])
    var replaced = Self.searchCase(1, family: "Prydderch")
    replaced.statements = []
    try store.saveCases([replaced], mode: .replace, audit: StoreFixtures.audit)
    #expect(try store.search(query: "Smith", kind: .person).map(\.urn) == ["01AB0000225"])
    #expect(try store.search(query: "Prydderch").map(\.urn) == ["01AB0000125"])
    #expect(try store.search(query: "canal").map(\.urn) == ["01AB0000225"])
    try store.database.write { db in
      try db.execute(sql: "DELETE FROM cases WHERE urn = ?", arguments: ["01AB0000225"])
    }
    #expect(try store.search(query: "Smith canal AB TH68010 Gwen").isEmpty)
    #expect(try store.search(query: "01AB0000225").isEmpty)
    let rows = try store.database.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM search_index") ?? -1
    }
    // One case row, two people, one offence and one exhibit are left.
    #expect(rows == 5)
  }

  @Test func anOlderStoreIsIndexedWhenItUpgrades() throws {
    let (directory, store) = try store([Self.searchCase(1)])
    // Take the store back to before the search index: no table, no triggers, no v6.
    try store.database.write { db in
      let triggers = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'")
      for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger)") }
      try db.execute(sql: "DROP TABLE search_index")
      try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v6'")
    }
    try store.close()
    let reopened = try SQLiteCaseStore.open(at: directory.path("casefile.sqlite"))
    #expect(try reopened.search(query: "Smyth").first?.recordID == "P1")
    #expect(try reopened.search(query: "AB/1").first?.kind == .exhibit)
    #expect(try reopened.search(query: "canal").first?.kind == .statement)
  }

  /// Whether `search_index` holds exactly one row for every case, person, offence, exhibit
  /// and statement in the store, and nothing else.
  private func indexMatchesRecords(_ store: SQLiteCaseStore) throws -> Bool {
    try store.database.read { db in
      let indexed = try Int64.fetchAll(db, sql: "SELECT rowid FROM search_index ORDER BY rowid")
      let expected = try Int64.fetchAll(
        db,
        sql: """
          SELECT id * 8 + 1 FROM cases UNION ALL SELECT id * 8 + 2 FROM people
          UNION ALL SELECT id * 8 + 3 FROM offences UNION ALL SELECT id * 8 + 4 FROM exhibits
          UNION ALL SELECT id * 8 + 5 FROM statements ORDER BY 1
          """)
      return indexed == expected && !indexed.isEmpty
    }
  }

  @Test func everySaveIndexesItsRecordsOnce() throws {
    let (_, store) = try store([Self.searchCase(1), Self.searchCase(2)])
    #expect(try indexMatchesRecords(store))
    try store.saveCases(
      [Self.searchCase(2, family: "Prydderch"), Self.searchCase(3)], mode: .replace,
      audit: StoreFixtures.audit)
    #expect(try indexMatchesRecords(store))
    // A save that fails part-way leaves neither records nor index rows behind.
    #expect(throws: StoreError.self) {
      try store.saveCases(
        [Self.searchCase(4), Self.searchCase(1)], mode: .insertOnly, audit: StoreFixtures.audit)
    }
    #expect(try store.search(query: "01AB0000425").isEmpty)
    #expect(try indexMatchesRecords(store))
  }

  @Test func aVersionSixStoreLosesItsInsertTriggers() throws {
    let (directory, store) = try store([Self.searchCase(1)])
    // Version 6 first indexed new records with insert triggers; v7 drops them, or every
    // record saved afterwards would be indexed twice.
    try store.database.write { db in
      try db.execute(
        sql: """
          CREATE TRIGGER search_person_insert AFTER INSERT ON people BEGIN
            INSERT INTO search_index (rowid, kind, case_id, ref, name, body, phonetic)
            VALUES (new.id * 8 + 2, 'person', new.case_id, new.ref, 'x', '', '');
          END;
          DELETE FROM grdb_migrations WHERE identifier = 'v7';
          """)
    }
    try store.close()
    let reopened = try SQLiteCaseStore.open(at: directory.path("casefile.sqlite"))
    try reopened.saveCases([Self.searchCase(2)], mode: .insertOnly, audit: StoreFixtures.audit)
    #expect(try indexMatchesRecords(reopened))
  }

  @Test(arguments: [
    ("Robert", "R163"), ("Rupert", "R163"), ("Smith", "S530"), ("Smyth", "S530"),
    ("Tymczak", "T522"), ("Pfister", "P236"), ("Ashcraft", "A261"), ("Lee", "L000"),
    ("Llŷr", "L600"),
  ])
  func soundexKeys(_ word: String, _ key: String) {
    #expect(Phonetic.keys(word) == [key])
  }
}
