import CaseFileKit
import CaseStore
import Foundation
import Testing

@Suite("Bundled samples")
struct SampleRoundTripTests {
  @Test func thereAreAtLeastNineRecordSamples() throws {
    #expect(try recordSampleFiles().count >= 9)
  }

  @Test func everySampleImportsAndExportsBackToEquivalentJSON() throws {
    let workspace = try Workspace()
    let files = try recordSampleFiles()
    let outcome = try ImportCommands.importFiles(
      workspace.context, files: files, format: nil, replace: false)
    #expect(outcome.failed.isEmpty, "\(outcome.failed.map { ExitStatus.message(for: $0) })")
    for file in files {
      let original = try JSONDecoder().decode(
        RecordsDocument.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
      for expected in original.cases {
        let exported = try StoreCommands.exportRecords(
          workspace.context, urn: expected.urn, reason: "round trip")
        let document = try JSONDecoder().decode(RecordsDocument.self, from: exported)
        #expect(document.cases.count == 1)
        var filled = expected
        for index in filled.media.indices {
          filled.media[index].sha256 = document.cases.first?.media[index].sha256
          filled.media[index].size = document.cases.first?.media[index].size
        }
        #expect(document.cases.first == filled, "\(file) did not round-trip")
      }
    }
  }

  @Test func anExportImportsIntoAnotherStoreUnchanged() throws {
    let first = try Workspace()
    let file = try #require(try recordSampleFiles().first { !$0.contains("either-way") })
    _ = try ImportCommands.importFiles(first.context, files: [file], format: nil, replace: false)
    let urn = try #require(try StoreCommands.listCases(first.context).first?.urn)
    let exported = try StoreCommands.exportRecords(first.context, urn: urn, reason: "round trip")
    let second = try Workspace()
    let copy = try second.write("export.json", exported)
    let outcome = try ImportCommands.importFiles(
      second.context, files: [copy], format: nil, replace: false)
    #expect(outcome.failed.isEmpty)
    #expect(
      try StoreCommands.exportRecords(second.context, urn: urn, reason: "round trip") == exported)
  }

  @Test func welshTextAndPoundSignsSurvive() throws {
    let workspace = try Workspace()
    let file = try workspace.write("welsh.json", validRecordsText)
    _ = try ImportCommands.importFiles(
      workspace.context, files: [file], format: nil, replace: false)
    let record = try StoreCommands.showCase(workspace.context, urn: "01AB1234526", reason: nil)
    #expect(record.summary == "Theft of goods worth £20; Siôn ŵyr.")
  }
}
