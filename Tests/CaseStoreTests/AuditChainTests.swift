import Foundation
import GRDB
import Synchronization
import Testing

@testable import CaseStore

@Suite("Store: hash-chained audit log", .temporaryDirectory)
struct AuditChainTests {
  /// A store holding `count` imported cases (one audit entry each) and a few other entries.
  private func populated(_ count: Int = 5) throws -> (TemporaryDirectory, SQLiteCaseStore) {
    let (directory, store) = try StoreFixtures.store()
    for index in 0..<count {
      _ = try store.saveCases(
        [StoreFixtures.smallCase(index)], mode: .insertOnly, audit: StoreFixtures.audit)
    }
    try store.appendAudit(
      AuditEntry(at: "", user: "tester", action: "export", urn: nil, detail: "cases=1"))
    _ = try store.saveCases(
      [StoreFixtures.smallCase(0)], mode: .replace,
      audit: AuditContext(user: "tester", action: "edit", reason: "typo £ ŵ"))
    return (directory, store)
  }

  /// A raw connection to the store's file with the append-only triggers dropped, as an
  /// attacker with file access would have.
  private func tamper(_ store: SQLiteCaseStore, _ sql: String) throws {
    let queue = try DatabaseQueue(path: store.url.path)
    try queue.writeWithoutTransaction { db in
      try db.execute(
        sql: """
          DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
          DROP TRIGGER audit_log_chained;
          """)
      try db.execute(sql: sql)
    }
    try queue.close()
  }

  @Test func chainIsIntactAfterImportsAndEdits() throws {
    let (_, store) = try populated()
    let outcome = try verified(store)
    #expect(outcome.isIntact)
    #expect(outcome.entries == 7)
    let records = try collect(store)
    #expect(records.map(\.entry.sequence) == Array(1...7))
    #expect(records.first?.prevHash == AuditChain.genesis)
    for (previous, next) in zip(records, records.dropFirst()) {
      #expect(next.prevHash == previous.hash)
    }
    #expect(outcome.head == records.last?.hash)
  }

  @Test func updateAndDeleteAreRefused() throws {
    let (_, store) = try populated(2)
    store.database.writeWithoutTransaction { db in
      #expect(throws: DatabaseError.self) {
        try db.execute(sql: "UPDATE audit_log SET detail = 'x' WHERE seq = 1")
      }
      #expect(throws: DatabaseError.self) {
        try db.execute(sql: "DELETE FROM audit_log WHERE seq = 1")
      }
      #expect(throws: DatabaseError.self) {
        try db.execute(
          sql: "INSERT INTO audit_log (at, user, action, detail) VALUES ('t', 'u', 'a', 'd')")
      }
    }
    #expect(try verified(store).isIntact)
  }

  /// Checks the chain on one connection and split into 2, 3, 4, 7 and 16 ranges checked in
  /// parallel: every split must find exactly what the single pass finds.
  private func verified(
    _ store: SQLiteCaseStore, expectedCount: Int64? = nil, expectedHead: String? = nil
  ) throws -> AuditVerification {
    let single = try store.verifyAudit(
      expectedCount: expectedCount, expectedHead: expectedHead, workers: 1)
    for workers in [2, 3, 4, 7, 16] {
      let split = try store.verifyAudit(
        expectedCount: expectedCount, expectedHead: expectedHead, workers: workers)
      #expect(split == single, "checked in \(workers) ranges")
    }
    return single
  }

  private func collect(_ store: SQLiteCaseStore) throws -> [AuditRecord] {
    var records: [AuditRecord] = []
    try store.forEachAuditRecord { records.append($0) }
    return records
  }

  @Test func editedDetailIsFoundAtItsEntry() throws {
    let (_, store) = try populated()
    try tamper(store, "UPDATE audit_log SET detail = 'records=1' WHERE seq = 3")
    let broken = try #require(try verified(store).broken)
    #expect(broken.sequence == 3)
    #expect(broken.reason == .hashMismatch)
  }

  @Test func editedHashIsFoundAtTheNextEntry() throws {
    let (_, store) = try populated()
    // Rewriting entry 3 with a hash that matches its new content breaks entry 4's link.
    let records = try collect(store)
    var entry = records[2].entry
    entry.detail = "records=1"
    let forged = AuditChain.hex(AuditChain.digest(prev: records[2].prevHash ?? "", entry: entry))
    try tamper(
      store, "UPDATE audit_log SET detail = 'records=1', hash = '\(forged)' WHERE seq = 3")
    let broken = try #require(try verified(store).broken)
    #expect(broken.sequence == 4)
    #expect(broken.reason == .prevMismatch)
  }

  @Test func deletedEntryIsFoundAsAGap() throws {
    let (_, store) = try populated()
    try tamper(store, "DELETE FROM audit_log WHERE seq = 4")
    let broken = try #require(try verified(store).broken)
    #expect(broken.sequence == 4)
    #expect(broken.reason == .gap)
  }

  @Test func deletedFirstEntryIsFound() throws {
    let (_, store) = try populated()
    try tamper(store, "DELETE FROM audit_log WHERE seq = 1")
    #expect(try verified(store).broken?.sequence == 1)
  }

  @Test func reorderedEntriesAreFound() throws {
    let (_, store) = try populated()
    try tamper(
      store,
      """
      UPDATE audit_log SET seq = -1 WHERE seq = 2;
      UPDATE audit_log SET seq = 2 WHERE seq = 3;
      UPDATE audit_log SET seq = 3 WHERE seq = -1;
      """)
    let broken = try #require(try verified(store).broken)
    #expect(broken.sequence == 2)
    #expect(broken.reason == .prevMismatch)
  }

  @Test func forgedEntryInsertedInTheMiddleIsFound() throws {
    let (_, store) = try populated()
    let records = try collect(store)
    try tamper(
      store,
      """
      UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3;
      UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103;
      INSERT INTO audit_log (seq, at, user, action, urn, detail, reason, prev_hash, hash)
      VALUES (3, '2026-01-01T00:00:00Z', 'forger', 'import', NULL, 'records=1', NULL,
        '\(records[1].hash ?? "")', '\(String(repeating: "a", count: 64))');
      """)
    let broken = try #require(try verified(store).broken)
    #expect(broken.sequence == 3)
    #expect(broken.reason == .hashMismatch)
  }

  @Test func forgedEntryAppendedWithAValidHashIsFoundAgainstTheHead() throws {
    let (_, store) = try populated()
    let before = try verified(store)
    let entry = AuditEntry(
      sequence: 8, at: "2026-01-01T00:00:00Z", user: "forger", action: "import", urn: nil,
      detail: "records=1")
    let hash = AuditChain.hex(AuditChain.digest(prev: before.head, entry: entry))
    try tamper(
      store,
      """
      INSERT INTO audit_log (seq, at, user, action, urn, detail, reason, prev_hash, hash)
      VALUES (8, '2026-01-01T00:00:00Z', 'forger', 'import', NULL, 'records=1', NULL,
        '\(before.head)', '\(hash)')
      """)
    // The chain holds together, and the head taken earlier is still its entry 7.
    #expect(try verified(store).isIntact)
    #expect(try verified(store, expectedCount: 7, expectedHead: before.head).isIntact)
    // Rewriting entry 7's content and everything after it is caught by the head.
    let forgedHead = String(repeating: "b", count: 64)
    let broken = try #require(
      try verified(store, expectedCount: 8, expectedHead: forgedHead).broken)
    #expect(broken.reason == .headMismatch)
    #expect(broken.sequence == 8)
  }

  @Test func truncatedTailIsFoundAgainstTheExpectedCount() throws {
    let (_, store) = try populated()
    try tamper(store, "DELETE FROM audit_log WHERE seq >= 6")
    #expect(try verified(store).isIntact)
    let broken = try #require(try verified(store, expectedCount: 7).broken)
    #expect(broken.sequence == 6)
    #expect(broken.reason == .missingTail)
  }

  @Test(arguments: [
    "DELETE FROM audit_log WHERE seq = ", "UPDATE audit_log SET user = 'x' WHERE seq = ",
  ])
  func everyTamperedEntryIsFoundWhereverTheRangesSplit(change: String) throws {
    // 12 entries split into 2, 3, 4, 7 and 16 ranges: every entry is at a range's start,
    // end or middle in one of the splits, and the break must be found at that entry.
    for sequence in 1...12 {
      let (_, store) = try populated(10)
      try tamper(store, change + String(sequence))
      let deleted = change.hasPrefix("DELETE")
      if deleted && sequence == 12 {
        // Deleting the last entry leaves a chain that holds: only the count can tell.
        #expect(try verified(store).isIntact)
        #expect(try verified(store, expectedCount: 12).broken?.reason == .missingTail)
        continue
      }
      let broken = try #require(try verified(store).broken, "entry \(sequence)")
      #expect(broken.sequence == sequence)
      #expect(broken.reason == (deleted ? .gap : .hashMismatch))
    }
  }

  @Test func entriesAreFilteredByCaseUserAndTime() throws {
    let (_, store) = try populated(3)
    var all: [AuditRecord] = []
    try store.forEachAuditRecord { all.append($0) }
    #expect(all.count == 5)
    let urn = try #require(all.first { $0.entry.urn != nil }?.entry.urn)
    var forCase: [AuditRecord] = []
    try store.forEachAuditRecord(urn: urn) { forCase.append($0) }
    #expect(!forCase.isEmpty && forCase.allSatisfy { $0.entry.urn == urn })
    try store.appendAudit(
      AuditEntry(at: "", user: "auditor", action: "list", urn: nil, detail: "cases=3"))
    var byAuditor: [AuditRecord] = []
    try store.forEachAuditRecord(user: "auditor") { byAuditor.append($0) }
    #expect(byAuditor.map(\.entry.action) == ["list"])
    var future: [AuditRecord] = []
    try store.forEachAuditRecord(since: "2999-01-01") { future.append($0) }
    #expect(future.isEmpty)
    #expect(try store.auditEntries(urn: urn).count == forCase.count)
    #expect(try store.auditEntries(urn: nil).count == 6)
  }

  private func leafHashes(_ store: SQLiteCaseStore, _ count: Int64) throws -> [[UInt8]] {
    var leaves: [[UInt8]] = []
    try store.forEachAuditLeafHash(count: count) { leaves.append($0) }
    return leaves
  }

  @Test func merkleLeavesNeedEveryEntryWithItsHash() throws {
    let (_, store) = try populated(3)
    let leaves = try leafHashes(store, 5)
    #expect(leaves.count == 5)
    #expect(leaves.allSatisfy { $0.count == 32 })
    // Leaf i is the leaf hash of entry i + 1's chain hash.
    var records: [AuditRecord] = []
    try store.forEachAuditRecord { records.append($0) }
    #expect(
      leaves == records.map { MerkleTree.leafHash(AuditChain.unhex($0.hash ?? "") ?? []) })
    #expect(try leafHashes(store, 0).isEmpty)
    // More entries than the log holds, or a hole in it, is an error naming what to run.
    #expect(throws: StoreError.self) { try leafHashes(store, 6) }
    try tamper(store, "DELETE FROM audit_log WHERE seq = 2")
    #expect {
      try leafHashes(store, 5)
    } throws: { error in
      (error as? StoreError)?.message.contains("casefile audit verify") == true
    }
  }

  @Test func entriesEncodeUniquely() throws {
    // Moving bytes between fields, or NULL against empty, changes the encoding.
    let one = AuditEntry(sequence: 1, at: "a", user: "bc", action: "d", urn: nil, detail: "")
    let two = AuditEntry(sequence: 1, at: "ab", user: "c", action: "d", urn: nil, detail: "")
    let three = AuditEntry(sequence: 1, at: "a", user: "bc", action: "d", urn: "", detail: "")
    let digests = [one, two, three].map {
      AuditChain.hex(AuditChain.digest(prev: AuditChain.genesis, entry: $0))
    }
    #expect(Set(digests).count == 3)
  }

  @Test func knownAnswerForTheEncoding() throws {
    var bytes: [UInt8] = []
    AuditChain.encode(
      AuditEntry(sequence: 2, at: "T", user: "u", action: "a", urn: nil, detail: "£", reason: nil),
      into: &bytes)
    #expect(
      bytes == [
        0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 1, 0x54, 1, 0, 0, 0, 1, 0x75, 1, 0, 0, 0, 1, 0x61, 0,
        1, 0, 0, 0, 2, 0xC2, 0xA3, 0,
      ])
  }

  @Test func twoWritersLeaveALinearChain() throws {
    let (directory, store) = try StoreFixtures.store()
    let url = store.url
    try store.close()
    let writers = try (0..<2).map { _ in try SQLiteCaseStore.open(at: url) }
    let errors = Mutex<[String]>([])
    let finished = DispatchGroup()
    for (writer, writerStore) in writers.enumerated() {
      finished.enter()
      Thread {
        defer { finished.leave() }
        for index in 0..<50 {
          do {
            _ = try writerStore.saveCases(
              [StoreFixtures.smallCase(writer * 10_000 + index)], mode: .insertOnly,
              audit: AuditContext(user: "writer\(writer)", action: "import"))
            try writerStore.appendAudit(
              AuditEntry(at: "", user: "writer\(writer)", action: "export", urn: nil, detail: ""))
          } catch {
            errors.withLock { $0.append("\(error)") }
          }
        }
      }.start()
    }
    finished.wait()
    #expect(errors.withLock { $0 }.isEmpty)
    let reopened = try SQLiteCaseStore.open(at: url)
    let outcome = try reopened.verifyAudit()
    #expect(outcome.isIntact)
    #expect(outcome.entries == 200)
    let prevs = try collect(reopened).compactMap(\.prevHash)
    #expect(Set(prevs).count == prevs.count)
    _ = directory
  }

  @Test func aVersionFourStoreUpgradesWithItsEntriesChained() throws {
    let directory = try TemporaryDirectory()
    let url = directory.path("casefile.sqlite")
    do {
      let queue = try DatabaseQueue(path: url.path)
      try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
      try StoreSchema.migrator.migrate(queue, upTo: "v4")
      try queue.write { db in
        for index in 1...3 {
          try db.execute(
            sql: """
              INSERT INTO audit_log (at, user, action, urn, detail, reason)
              VALUES ('2026-01-0\(index)T00:00:00Z', 'old', 'import', NULL, 'records=\(index)',
                \(index == 2 ? "'why'" : "NULL"))
              """)
        }
      }
      try queue.close()
    }
    let store = try SQLiteCaseStore.open(at: url)
    try store.appendAudit(AuditEntry(at: "", user: "new", action: "export", urn: nil, detail: ""))
    let outcome = try verified(store)
    #expect(outcome.isIntact)
    #expect(outcome.entries == 4)
    #expect(try collect(store).map(\.entry.user) == ["old", "old", "old", "new"])
  }
}
