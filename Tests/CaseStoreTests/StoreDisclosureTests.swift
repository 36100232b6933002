import Foundation
import GRDB
import Testing

@testable import CaseStore

@Suite(.temporaryDirectory) struct StoreDisclosureTests {
  private func disclosure(_ urn: String, _ recipient: String) -> DisclosureRecord {
    DisclosureRecord(
      urn: urn, recipient: recipient, stage: "first-hearing", draft: false,
      bundleSHA256: String(repeating: "ab", count: 32), user: "tester",
      withheld: [
        .init(record: "P2", field: "people.address"), .init(record: "P2", field: "people.phone"),
      ])
  }

  @Test func recordsWhatEachBundleWithheldWithItsAuditEntry() throws {
    let (_, store) = try StoreFixtures.store()
    let urn = StoreFixtures.smallCase(1).urn
    try store.saveCases([StoreFixtures.smallCase(1)], mode: .insertOnly, audit: StoreFixtures.audit)
    try store.recordDisclosure(disclosure(urn, "defence"), reason: "first hearing")
    try store.recordDisclosure(
      DisclosureRecord(
        urn: urn, recipient: "cps", stage: "first-hearing", draft: true, bundleSHA256: "cd",
        user: "tester", withheld: []), reason: nil)
    let found = try store.disclosures(urn: urn)
    #expect(found.map(\.recipient) == ["defence", "cps"])
    #expect(found[0].withheld.map(\.field) == ["people.address", "people.phone"])
    #expect(found[1].withheld.isEmpty && found[1].draft)
    #expect(!found[0].builtAt.isEmpty)
    let audit = try store.auditEntries(urn: urn).filter { $0.action == "build" }
    #expect(audit.count == 2)
    #expect(audit[0].detail.contains("recipient=defence") && audit[0].detail.contains("withheld=2"))
    #expect(audit[0].reason == "first hearing")
  }

  @Test func theHistorySurvivesAReplacedCase() throws {
    let (_, store) = try StoreFixtures.store()
    let record = StoreFixtures.smallCase(2)
    try store.saveCases([record], mode: .insertOnly, audit: StoreFixtures.audit)
    try store.recordDisclosure(disclosure(record.urn, "court"), reason: nil)
    try store.saveCases([record], mode: .replace, audit: StoreFixtures.audit)
    #expect(try store.disclosures(urn: record.urn).count == 1)
  }

  @Test func aVersionOneStoreIsUpgradedWhenOpened() throws {
    let directory = try TemporaryDirectory()
    let url = directory.path("old.sqlite")
    do {
      let queue = try DatabaseQueue(path: url.path)
      var migrator = DatabaseMigrator()
      migrator.registerMigration("v1") { db in try StoreSchema.createVersion1(db) }
      try migrator.migrate(queue)
      try queue.close()
    }
    let store = try SQLiteCaseStore.open(at: url)
    let record = StoreFixtures.smallCase(3)
    try store.saveCases([record], mode: .insertOnly, audit: StoreFixtures.audit)
    try store.recordDisclosure(disclosure(record.urn, "defence"), reason: nil)
    #expect(try store.disclosures(urn: record.urn).count == 1)
  }
}
