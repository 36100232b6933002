import CaseFileKit
import CaseStore
import Foundation
import Testing

@Suite("Completing a case with the edit commands")
struct CaseEditorTests {
  let urn = "01AB1234526"

  func workspaceWithCase() throws -> Workspace {
    let workspace = try Workspace()
    let file = try workspace.write("case.json", validRecordsText)
    let outcome = try ImportCommands.importFiles(
      workspace.context, files: [file], format: nil, replace: false)
    #expect(outcome.failed.isEmpty)
    return workspace
  }

  func load(_ workspace: Workspace) throws -> CaseRecord {
    try StoreCommands.showCase(workspace.context, urn: urn, reason: nil)
  }

  @Test func addsAWitnessWithANewPerson() throws {
    let workspace = try workspaceWithCase()
    var request = EditRequests.AddWitness(kind: .civilian)
    request.given = ["Carys"]
    request.family = "Ifan"
    request.key = true
    request.address = "3 Example Road"
    request.datesToAvoid = ["2026-12-24"]
    let id = try CaseEditor(workspace.context).edit(urn, action: "add-witness") {
      try request.apply(to: &$0)
    }
    let record = try load(workspace)
    let witness = try #require(record.witnesses.first { $0.id == id })
    #expect(witness.kind == .civilian && witness.key && witness.datesToAvoid == ["2026-12-24"])
    let person = try #require(record.people.first { $0.id == witness.person })
    #expect(person.roles == [.civilianWitness])
    #expect(person.address == "3 Example Road")
  }

  @Test func addsAStatementFromATextFileAndLinksAnExhibit() throws {
    let workspace = try workspaceWithCase()
    let editor = try CaseEditor(workspace.context)
    let exhibit = try editor.edit(urn, action: "add-exhibit") {
      try EditRequests.AddExhibit(reference: "AO/1", description: "Receipt", producedBy: "P2")
        .apply(to: &$0)
    }
    let textFile = try workspace.write("statement.txt", "Gwelais i'r diffynnydd. Cost £12.\n")
    var statement = EditRequests.AddStatement(witness: "W1", date: "2026-03-02")
    statement.text = try TextInput.read(textFile)
    let statementId = try editor.edit(urn, action: "add-statement") { try statement.apply(to: &$0) }
    try editor.edit(urn, action: "link-exhibit") {
      try EditRequests.LinkExhibit(exhibit: exhibit, statement: statementId).apply(to: &$0)
    }
    try editor.edit(urn, action: "add-continuity") {
      try EditRequests.AddContinuity(
        exhibit: exhibit,
        event: ContinuityEvent(at: "2026-03-02T10:00", action: "booked into store", from: "P2")
      ).apply(to: &$0)
    }
    let record = try load(workspace)
    let saved = try #require(record.statements.first { $0.id == statementId })
    #expect(saved.text == "Gwelais i'r diffynnydd. Cost £12.\n")
    #expect(saved.exhibits == [exhibit])
    #expect(record.exhibits.first { $0.id == exhibit }?.continuity.count == 1)
  }

  @Test func addsAndUpdatesUnusedMaterial() throws {
    let workspace = try workspaceWithCase()
    let editor = try CaseEditor(workspace.context)
    let id = try editor.edit(urn, action: "add-unused") {
      try EditRequests.AddUnused(description: "Log", sensitivity: .sensitive, reason: "PII")
        .apply(to: &$0)
    }
    var update = EditRequests.UpdateUnused(item: id)
    update.sensitivity = .edited
    try editor.edit(urn, action: "update-unused") { try update.apply(to: &$0) }
    #expect(try load(workspace).unused.first { $0.id == id }?.sensitivity == .edited)
  }

  @Test func updatesAWitness() throws {
    let workspace = try workspaceWithCase()
    var update = EditRequests.UpdateWitness(witness: "W1")
    update.key = false
    update.specialMeasures = ["screens"]
    try CaseEditor(workspace.context).edit(urn, action: "update-witness") {
      try update.apply(to: &$0)
    }
    let witness = try #require(try load(workspace).witnesses.first)
    #expect(!witness.key && witness.specialMeasures == ["screens"])
  }

  @Test func attachesMediaOnceByHash() throws {
    let workspace = try workspaceWithCase()
    let file = try workspace.write("clip.bin", Data(repeating: 7, count: 4096))
    let editor = try CaseEditor(workspace.context)
    let first = try editor.attachMedia(
      urn, file: file, mediaType: "video/mp4", description: nil, target: nil)
    let second = try editor.attachMedia(
      urn, file: file, mediaType: "video/mp4", description: nil, target: "S1")
    let record = try load(workspace)
    #expect(record.media.count == 2)
    #expect(record.media[0].sha256 == record.media[1].sha256)
    #expect(record.statements.first?.media == second)
    #expect(first != second)
    let objects = try FileManager.default.subpathsOfDirectory(
      atPath: workspace.directory.appendingPathComponent("store.sqlite.media").path
    ).filter { $0.count > 60 }
    #expect(objects.count == 1)
  }

  /// Each refused edit: what it tries, and the text its error must carry.
  static let refusals: [(String, @Sendable (inout CaseRecord) throws -> Void, String)] = [
    (
      "statement by an unknown witness",
      {
        var request = EditRequests.AddStatement(witness: "W9", date: "2026-03-02")
        request.text = "x"
        _ = try request.apply(to: &$0)
      }, "W9"
    ),
    (
      "impossible statement date",
      {
        var request = EditRequests.AddStatement(witness: "W1", date: "2026-02-30")
        request.text = "x"
        _ = try request.apply(to: &$0)
      }, "calendar"
    ),
    (
      "duplicate exhibit reference",
      {
        _ = try EditRequests.AddExhibit(reference: "AO/1", description: "a", producedBy: "P2")
          .apply(to: &$0)
        _ = try EditRequests.AddExhibit(reference: "AO/1", description: "b", producedBy: "P2")
          .apply(to: &$0)
      }, "AO/1"
    ),
    (
      "link to a missing statement",
      { try EditRequests.LinkExhibit(exhibit: "E1", statement: "S1").apply(to: &$0) }, "E1"
    ),
    (
      "update of a missing unused item",
      { try EditRequests.UpdateUnused(item: "U7").apply(to: &$0) }, "U7"
    ),
  ]

  @Test(arguments: 0..<refusals.count)
  func refusedEditsChangeNothing(_ index: Int) throws {
    let (name, change, text) = Self.refusals[index]
    let workspace = try workspaceWithCase()
    let before = try workspace.storeFingerprint()
    let error = #expect(throws: (any Error).self, "\(name)") {
      try CaseEditor(workspace.context).edit(urn, action: "test", change)
    }
    if let error {
      #expect(ExitStatus.of(error) == .badInput, "\(name)")
      #expect(ExitStatus.message(for: error).contains(text), "\(name)")
    }
    #expect(try workspace.storeFingerprint() == before, "\(name) changed the store")
  }

  @Test func refusesTextXMLCannotCarry() throws {
    let workspace = try Workspace(createStore: false)
    let file = try workspace.write("bad.txt", "bell \u{07} here")
    #expect(throws: KitError.self) { try TextInput.read(file) }
    let latin1 = try workspace.write("latin1.txt", Data([0x41, 0xA3, 0x42]))
    #expect(throws: KitError.self) { try TextInput.read(latin1) }
  }
}
