import Foundation
import GRDB
import Testing

@testable import CaseStore

/// Store v4: submissions with their documents' hashes, receipts (unique by message id and
/// by bytes) and the action items rejections leave, each write audited.
@Suite(.temporaryDirectory) struct StoreSubmissionTests {
  private func submission(_ id: String, urn: String, sequence: Int, previous: String?)
    -> SubmissionRecord
  {
    SubmissionRecord(
      id: id, urn: urn, sequence: sequence, previousId: previous,
      kind: previous == nil ? .full : .update, recipient: "cps", stage: "first-hearing",
      approvedHash: String(repeating: "1", count: 64), baggingDate: "2026-11-26",
      bundlePath: "/outbox/\(id).tar", bundleSHA256: String(repeating: "ab", count: 32),
      submittedBy: "builder",
      documents: [
        SubmissionDocument(path: "MG5.xml", sha256: "aa", sent: true, label: "full file sent"),
        SubmissionDocument(path: "MG11-S1.xml", sha256: "bb", sent: previous == nil, label: nil),
      ])
  }

  private func receipt(_ message: String, submission: String, sha256: String) -> ReceiptRecord {
    ReceiptRecord(
      submissionId: submission, kind: "rejection", messageId: message,
      issuedAt: "2026-11-26T10:00:00Z", receivedBy: "liaison", sha256: sha256)
  }

  @Test func recordsSubmissionsWithTheirDocumentsInSequence() throws {
    let (_, store) = try StoreFixtures.store()
    try store.recordSubmission(
      submission("s1", urn: "01AB1234526", sequence: 1, previous: nil), reason: "first")
    try store.recordSubmission(
      submission("s2", urn: "01AB1234526", sequence: 2, previous: "s1"), reason: nil)
    let found = try store.submissions(urn: "01AB1234526")
    #expect(found.map(\.id) == ["s1", "s2"])
    #expect(found[1].previousId == "s1" && found[1].kind == .update)
    #expect(found[0].documents.map(\.path) == ["MG11-S1.xml", "MG5.xml"])
    #expect(found[1].documents.first?.sent == false)
    #expect(!found[0].submittedAt.isEmpty)
    #expect(try store.submission(id: "s2")?.sequence == 2)
    #expect(try store.submission(id: "nope") == nil)
    let audit = try store.auditEntries(urn: "01AB1234526").filter { $0.action == "submit" }
    #expect(audit.count == 2 && audit[0].reason == "first")
    #expect(audit[1].detail.contains("previous=s1") && audit[1].detail.contains("kind=update"))
  }

  @Test func refusesTheSameIdTwiceAndChangesNothing() throws {
    let (_, store) = try StoreFixtures.store()
    let first = submission("s1", urn: "01AB1234526", sequence: 1, previous: nil)
    try store.recordSubmission(first, reason: nil)
    #expect(throws: StoreError.self) { try store.recordSubmission(first, reason: nil) }
    #expect(try store.submissions(urn: "01AB1234526").count == 1)
    #expect(try store.auditEntries(urn: "01AB1234526").count == 1)
  }

  @Test func receiptsOpenActionsThatCanBeResolvedOnce() throws {
    let (_, store) = try StoreFixtures.store()
    try store.recordSubmission(
      submission("s1", urn: "01AB1234526", sequence: 1, previous: nil), reason: nil)
    let ids = try store.recordReceipt(
      receipt("M1", submission: "s1", sha256: "f1"), urn: "01AB1234526",
      reasons: [("NFS-MG5-001", "summary"), (nil, "free text")])
    #expect(ids.count == 2)
    let open = try store.actions(urn: "01AB1234526", openOnly: true)
    #expect(open.map(\.rule) == ["NFS-MG5-001", nil])
    #expect(open.allSatisfy { $0.messageId == "M1" && $0.submissionId == "s1" })
    try store.resolveAction(urn: "01AB1234526", id: ids[0], user: "builder", note: "fixed")
    #expect(try store.actions(urn: "01AB1234526", openOnly: true).map(\.id) == [ids[1]])
    let resolved = try #require(try store.actions(urn: "01AB1234526").first)
    #expect(resolved.status == .resolved && resolved.resolvedBy == "builder")
    #expect(resolved.resolution == "fixed" && resolved.resolvedAt != nil)
    #expect(throws: StoreError.self) {
      try store.resolveAction(urn: "01AB1234526", id: ids[0], user: "builder", note: nil)
    }
    #expect(throws: StoreError.self) {
      try store.resolveAction(urn: "99ZZ9999999", id: ids[1], user: "builder", note: nil)
    }
    let actions = try store.auditEntries(urn: "01AB1234526").map(\.action)
    #expect(actions == ["submit", "receipt", "action-resolved"])
  }

  @Test func refusesAReplayedReceiptByMessageIdOrBytes() throws {
    let (_, store) = try StoreFixtures.store()
    try store.recordSubmission(
      submission("s1", urn: "01AB1234526", sequence: 1, previous: nil), reason: nil)
    try store.recordReceipt(
      receipt("M1", submission: "s1", sha256: "f1"), urn: "01AB1234526", reasons: [(nil, "x")])
    #expect(try store.receipt(messageId: "M1", orSHA256: "zz")?.sha256 == "f1")
    #expect(try store.receipt(messageId: "M9", orSHA256: "f1")?.messageId == "M1")
    #expect(try store.receipt(messageId: "M9", orSHA256: "f9") == nil)
    for replay in [
      receipt("M1", submission: "s1", sha256: "f2"), receipt("M2", submission: "s1", sha256: "f1"),
    ] {
      #expect(throws: StoreError.self) {
        try store.recordReceipt(replay, urn: "01AB1234526", reasons: [(nil, "y")])
      }
    }
    #expect(try store.receipts(submissionId: "s1").count == 1)
    #expect(try store.actions(urn: "01AB1234526").count == 1)
  }

  @Test func aSubmissionWithoutReceiptsCanBeWithdrawn() throws {
    let (_, store) = try StoreFixtures.store()
    try store.recordSubmission(
      submission("s1", urn: "01AB1234526", sequence: 1, previous: nil), reason: nil)
    try store.withdrawSubmission(id: "s1", user: "builder")
    #expect(try store.submissions(urn: "01AB1234526").isEmpty)
    try store.recordSubmission(
      submission("s2", urn: "01AB1234526", sequence: 1, previous: nil), reason: nil)
    try store.recordReceipt(
      receipt("M1", submission: "s2", sha256: "f1"), urn: "01AB1234526", reasons: [])
    #expect(throws: StoreError.self) { try store.withdrawSubmission(id: "s2", user: "builder") }
  }

  @Test func createsTheVersionFourTables() throws {
    let (directory, store) = try StoreFixtures.store()
    try store.close()
    let url = directory.path("casefile.sqlite")
    let tables = try DatabaseQueue(path: url.path).read { db in
      try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    #expect(
      Set(["submissions", "submission_documents", "receipts", "actions"]).isSubset(of: tables))
  }

  @Test func aVersionThreeStoreUpgradesOnOpen() throws {
    let directory = try TemporaryDirectory()
    let url = directory.path("casefile.sqlite")
    do {
      let queue = try DatabaseQueue(path: url.path)
      try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
      try StoreSchema.migrator.migrate(queue, upTo: "v3")
      try queue.close()
    }
    let store = try SQLiteCaseStore.open(at: url)
    try store.recordSubmission(
      submission("s1", urn: "01AB1234526", sequence: 1, previous: nil), reason: nil)
    #expect(try store.submissions(urn: "01AB1234526").map(\.id) == ["s1"])
  }
}
