import Foundation
import GRDB
import Testing

@testable import CaseStore

@Suite("Store workflow: users, events, sign-offs", .temporaryDirectory)
struct StoreWorkflowTests {
  static func event(_ urn: String, _ action: String, _ from: String, _ to: String)
    -> WorkflowEventRecord
  {
    WorkflowEventRecord(
      urn: urn, from: from, to: to, action: action, user: "sam", caseSHA256: "aa", note: nil)
  }

  @Test func aVersionTwoStoreIsUpgradedToWorkflowTablesWhenOpened() throws {
    let directory = try TemporaryDirectory()
    let url = directory.path("v2.sqlite")
    do {
      let queue = try DatabaseQueue(path: url.path)
      var migrator = DatabaseMigrator()
      migrator.registerMigration("v1") { db in try StoreSchema.createVersion1(db) }
      migrator.registerMigration("v2") { db in try db.execute(sql: StoreSchema.version2) }
      try migrator.migrate(queue)
      try queue.close()
    }
    let store = try SQLiteCaseStore.open(at: url)
    #expect(try store.users().isEmpty)
    #expect(try store.workflowEvents(urn: "01AB1234526").isEmpty)
    try store.saveUser(StoreUser(name: "sam", roles: ["supervisor"], addedBy: "sam")) { _ in }
    #expect(try store.users().map(\.name) == ["sam"])
  }

  @Test func usersKeepTheirRolesAndAChangeReplacesThem() throws {
    let (_, store) = try StoreFixtures.store()
    try store.saveUser(StoreUser(name: "sam", roles: ["supervisor"], addedBy: "sam")) {
      #expect($0.isEmpty)
    }
    try store.saveUser(
      StoreUser(name: "dee \"d\"", roles: ["disclosure-officer", "case-builder"], addedBy: "sam")
    ) { #expect($0.map(\.name) == ["sam"]) }
    try store.saveUser(
      StoreUser(name: "sam", roles: ["supervisor", "case-builder"], addedBy: "sam")
    ) { _ in }
    let users = try store.users()
    #expect(users.map(\.name) == ["dee \"d\"", "sam"])
    #expect(
      users.map(\.roles) == [
        ["disclosure-officer", "case-builder"], ["supervisor", "case-builder"],
      ])
    #expect(try store.auditEntries(urn: nil).filter { $0.action == "user" }.count == 3)
  }

  @Test func aRefusingAuthorisationChangesNothing() throws {
    struct Refused: Error {}
    let (_, store) = try StoreFixtures.store()
    #expect(throws: Refused.self) {
      try store.saveUser(StoreUser(name: "x", roles: ["supervisor"], addedBy: "x")) { _ in
        throw Refused()
      }
    }
    #expect(try store.users().isEmpty)
    #expect(try store.auditEntries(urn: nil).filter { $0.action == "user" }.isEmpty)
  }

  @Test func eventsAreRecordedInOrderWithTheirAudit() throws {
    let (_, store) = try StoreFixtures.store()
    let first = try store.recordWorkflowEvent(
      Self.event("01AB1234526", "submit-for-review", "draft", "ready-for-review"), after: nil)
    try store.recordWorkflowEvent(
      Self.event("01AB1234526", "approve", "ready-for-review", "approved"), after: first,
      signOff: ["people/P1": "11"])
    let events = try store.workflowEvents(urn: "01AB1234526")
    #expect(events.map(\.action) == ["submit-for-review", "approve"])
    #expect(events.allSatisfy { !$0.at.isEmpty && $0.user == "sam" })
    let signOff = try #require(try store.currentSignOff(urn: "01AB1234526"))
    #expect(signOff.recordHashes == ["people/P1": "11"])
    #expect(signOff.event.action == "approve")
    #expect(
      try store.auditEntries(urn: "01AB1234526").filter { $0.action == "workflow" }.count == 2)
  }

  @Test func aStaleWriterIsRefusedAndNothingIsRecorded() throws {
    let (_, store) = try StoreFixtures.store()
    try store.recordWorkflowEvent(
      Self.event("01AB1234526", "submit-for-review", "draft", "ready-for-review"), after: nil)
    #expect(throws: StoreError.self) {
      try store.recordWorkflowEvent(
        Self.event("01AB1234526", "submit-for-review", "draft", "ready-for-review"), after: nil)
    }
    #expect(try store.workflowEvents(urn: "01AB1234526").count == 1)
  }

  @Test func anInvalidatingEventEndsTheSignOff() throws {
    let (_, store) = try StoreFixtures.store()
    let approve = try store.recordWorkflowEvent(
      Self.event("01AB1234526", "approve", "ready-for-review", "approved"), after: nil,
      signOff: [:])
    #expect(try store.currentSignOff(urn: "01AB1234526") != nil)
    try store.recordWorkflowEvent(
      Self.event("01AB1234526", "approval-invalidated", "approved", "ready-for-review"),
      after: approve, invalidatesSignOff: true)
    #expect(try store.currentSignOff(urn: "01AB1234526") == nil)
  }
}
