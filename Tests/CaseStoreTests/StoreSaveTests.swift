import Foundation
import GRDB
import Testing

@testable import CaseStore

@Suite("Store: saving and loading cases", .temporaryDirectory)
struct StoreSaveTests {
  /// A store holding two ingested media objects, and the rich case that uses them.
  private func richFixture() throws -> (TemporaryDirectory, SQLiteCaseStore, CaseRecord) {
    let (directory, store) = try StoreFixtures.store()
    var media: [(id: String, sha256: String, size: Int64)] = []
    for (index, content) in ["video bytes", "pdf bytes"].enumerated() {
      let file = try directory.write("media\(index).bin", content)
      let ingest = try store.media.ingest(fileAt: file, expectedSHA256: nil)
      media.append((id: "M\(index + 1)", sha256: ingest.sha256, size: ingest.size))
    }
    return (directory, store, StoreFixtures.richCase(media: media))
  }

  @Test func loadsARichCaseExactlyAsSaved() throws {
    let (_, store, record) = try richFixture()
    let summary = try store.saveCases([record], mode: .insertOnly, audit: StoreFixtures.audit)
    #expect(summary.cases == 1)
    #expect(summary.records == record.recordCount)
    #expect(summary.replaced.isEmpty)
    let loaded = try #require(try store.loadCase(urn: record.urn))
    #expect(loaded == record)
    let reopened = try SQLiteCaseStore.open(at: store.url)
    #expect(try reopened.loadCase(urn: record.urn) == record)
  }

  @Test func returnsNilForAnUnknownCase() throws {
    let (_, store) = try StoreFixtures.store()
    #expect(try store.loadCase(urn: "99ZZ9999999") == nil)
  }

  @Test func refusingAnExistingCaseChangesNothing() throws {
    let (_, store, record) = try richFixture()
    try store.saveCases([record], mode: .insertOnly, audit: StoreFixtures.audit)
    let rowsBefore = try StoreFixtures.dump(store)
    let hashBefore = try StoreFixtures.fileHash(store)
    var changed = record
    changed.summary = "changed"
    // The new case comes first, so its rows are written before the refusal rolls them back.
    let error = try #require(throws: StoreError.self) {
      try store.saveCases(
        [StoreFixtures.smallCase(7), changed], mode: .insertOnly, audit: StoreFixtures.audit)
    }
    #expect(error.code == .caseExists)
    #expect(error.message.contains(record.urn))
    #expect(try StoreFixtures.dump(store) == rowsBefore)
    #expect(try StoreFixtures.fileHash(store) == hashBefore)
    #expect(try store.loadCase(urn: StoreFixtures.smallCase(7).urn) == nil)
  }

  @Test func replacesAnExistingCaseWhole() throws {
    let (_, store, record) = try richFixture()
    try store.saveCases([record], mode: .insertOnly, audit: StoreFixtures.audit)
    let createdAt = try store.database.read { db in
      try String.fetchOne(db, sql: "SELECT created_at FROM cases")
    }
    var smaller = record
    smaller.people = Array(record.people.prefix(3))
    smaller.offences = [record.offences[0]]
    smaller.custody = []
    smaller.witnesses = []
    smaller.statements = []
    smaller.exhibits = [record.exhibits[1]]
    smaller.interviews = []
    smaller.unused.removeLast()
    smaller.media = []
    let summary = try store.saveCases([smaller], mode: .replace, audit: StoreFixtures.audit)
    #expect(summary.replaced == [record.urn])
    #expect(try store.loadCase(urn: record.urn) == smaller)
    let counts = try store.database.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM people") ?? -1,
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM continuity_events") ?? -1,
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person_roles") ?? -1,
        try String.fetchOne(db, sql: "SELECT created_at FROM cases")
      )
    }
    #expect(counts.0 == 3)
    #expect(counts.1 == 0)
    #expect(counts.2 == smaller.people.reduce(0) { $0 + $1.roles.count })
    #expect(counts.3 == createdAt)
  }

  @Test func aFailingCaseInTheMiddleRollsBackEveryCase() throws {
    let (_, store) = try StoreFixtures.store()
    var broken = StoreFixtures.smallCase(2)
    broken.offences[0].defendant = "P404"
    let cases = [StoreFixtures.smallCase(1), broken, StoreFixtures.smallCase(3)]
    let error = try #require(throws: StoreError.self) {
      try store.saveCases(cases, mode: .insertOnly, audit: StoreFixtures.audit)
    }
    #expect(error.code == .invalidCase)
    #expect(error.message.contains("P404"))
    #expect(try store.caseSummaries().isEmpty)
    #expect(try store.auditEntries(urn: nil).isEmpty)
  }

  @Test(arguments: ["duplicate-person", "duplicate-offence", "unknown-exhibit", "unknown-media"])
  func refusesACaseThatDoesNotHoldTogether(problem: String) throws {
    let (_, store) = try StoreFixtures.store()
    var record = StoreFixtures.smallCase(1)
    switch problem {
    case "duplicate-person": record.people[1].id = "P1"
    case "duplicate-offence": record.offences.append(record.offences[0])
    case "unknown-exhibit": record.statements[0].exhibits = ["E9"]
    default: record.statements[0].media = "M9"
    }
    let error = try #require(throws: StoreError.self) {
      try store.saveCases([record], mode: .insertOnly, audit: StoreFixtures.audit)
    }
    #expect(error.code == .invalidCase)
    #expect(try store.caseSummaries().isEmpty)
  }

  @Test func refusesMediaThatIsNotInTheMediaStore() throws {
    let (_, store) = try StoreFixtures.store()
    var record = StoreFixtures.smallCase(1)
    record.media = [
      MediaObject(
        id: "M1", file: "a.mp4", sha256: String(repeating: "ab", count: 32),
        mediaType: "video/mp4")
    ]
    let error = try #require(throws: StoreError.self) {
      try store.saveCases([record], mode: .insertOnly, audit: StoreFixtures.audit)
    }
    #expect(error.code == .mediaMissing)
    #expect(try store.caseSummaries().isEmpty)
  }

  @Test func reportsAFullDiskAsStorageFullAndWritesNothing() throws {
    let (_, store) = try StoreFixtures.store()
    try store.saveCases([StoreFixtures.smallCase(1)], mode: .insertOnly, audit: StoreFixtures.audit)
    let before = try StoreFixtures.dump(store)
    // Cap the database at its current size, as a full disk would.
    try store.database.writeWithoutTransaction { db in
      let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
      try db.execute(sql: "PRAGMA max_page_count = \(pages)")
    }
    let cases = (2..<200).map { StoreFixtures.generatedCase($0) }
    let error = try #require(throws: StoreError.self) {
      try store.saveCases(cases, mode: .insertOnly, audit: StoreFixtures.audit)
    }
    #expect(error.code == .storageFull)
    #expect(error.message.hasPrefix("storage full: free space and retry; nothing was written"))
    #expect(try StoreFixtures.dump(store) == before)
  }

  @Test func mapsSQLiteFailuresToCodesTheCallerCanActOn() {
    let cases: [(ResultCode, StoreError.Code)] = [
      (.SQLITE_FULL, .storageFull), (.SQLITE_BUSY, .busy), (.SQLITE_NOTADB, .notAStore),
      (.SQLITE_CONSTRAINT, .invalidCase), (.SQLITE_IOERR, .io),
    ]
    for (sqlite, code) in cases {
      #expect(StoreError.wrapping(DatabaseError(resultCode: sqlite)).code == code)
    }
  }

  @Test func removesOnlyMediaThatNoCaseRefersTo() throws {
    let (directory, store, record) = try richFixture()
    try store.saveCases([record], mode: .insertOnly, audit: StoreFixtures.audit)
    let orphan = try store.media.ingest(
      fileAt: directory.write("orphan.bin", "not in any case"), expectedSHA256: nil)
    let used = try #require(record.media.first?.sha256)
    let removed = try store.removeUnreferencedMedia([used, orphan.sha256])
    #expect(removed == [orphan.sha256])
    #expect(store.media.contains(used))
    #expect(!store.media.contains(orphan.sha256))
    #expect(try store.loadCase(urn: record.urn) == record)
  }

  @Test func refusesTheSameCaseTwiceInOneSave() throws {
    let (_, store) = try StoreFixtures.store()
    let record = StoreFixtures.smallCase(1)
    let error = try #require(throws: StoreError.self) {
      try store.saveCases([record, record], mode: .replace, audit: StoreFixtures.audit)
    }
    #expect(error.code == .invalidCase)
  }

  @Test func writesOneAuditRowPerCaseWithoutPersonalData() throws {
    let (_, store, record) = try richFixture()
    try store.saveCases(
      [record, StoreFixtures.smallCase(1)], mode: .insertOnly, audit: StoreFixtures.audit)
    try store.saveCases([record], mode: .replace, audit: StoreFixtures.audit)
    let entries = try store.auditEntries(urn: record.urn)
    #expect(entries.count == 2)
    #expect(entries.map(\.sequence) == entries.map(\.sequence).sorted())
    #expect(entries[0].detail.contains("records=\(record.recordCount)"))
    #expect(entries[0].detail.contains("mode=insert"))
    #expect(entries[1].detail.contains("mode=replace"))
    #expect(entries.allSatisfy { $0.user == "tester" && $0.action == "import" })
    #expect(try store.auditEntries(urn: nil).count == 3)
    let rows = try store.database.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM audit_log").map(\.description).joined()
    }
    let personal =
      StoreFixtures.personalValues + [record.title]
      + record.people.flatMap { [$0.name.family] + $0.name.given }
    for value in personal {
      #expect(!rows.contains(value), "audit log holds \(value)")
    }
  }

  @Test func appendsAndListsAuditEntries() throws {
    let (_, store) = try StoreFixtures.store()
    try store.appendAudit(
      AuditEntry(
        at: "2025-01-01T00:00:00Z", user: "u", action: "export", urn: "01AB1234526",
        detail: "format=xml", reason: "court request"))
    try store.appendAudit(AuditEntry(at: "", user: "u", action: "list", urn: nil, detail: ""))
    let all = try store.auditEntries(urn: nil)
    #expect(all.count == 2)
    #expect(all[0].sequence == 1 && all[1].sequence == 2)
    #expect(all[0].reason == "court request")
    #expect(all[1].at.hasSuffix("Z") && all[1].at.count == 20)
    #expect(try store.auditEntries(urn: "01AB1234526").count == 1)
  }

  @Test func summarisesCasesWithCountsInURNOrder() throws {
    let (_, store, record) = try richFixture()
    try store.saveCases(
      [StoreFixtures.smallCase(5), record], mode: .insertOnly, audit: StoreFixtures.audit)
    let summaries = try store.caseSummaries()
    #expect(summaries.map(\.urn) == [StoreFixtures.smallCase(5).urn, record.urn])
    let rich = try #require(summaries.last)
    #expect(
      rich.defendants == record.people.filter { $0.roles.contains(.defendant) }.count)
    #expect(rich.offences == record.offences.count)
    #expect(rich.witnesses == record.witnesses.count)
    #expect(rich.statements == record.statements.count)
    #expect(rich.exhibits == record.exhibits.count)
    #expect(rich.unused == record.unused.count)
    #expect(rich.media == record.media.count)
    #expect(rich.title == record.title)
    #expect(rich.updatedAt.hasSuffix("Z"))
  }
}
