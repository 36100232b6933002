import CaseFileKit
import CaseStore
import Foundation
import Testing

/// A store with one sample imported, for the export tests.
private struct ExportFixture {
  let directory: TemporaryDirectory
  let urn: String

  var store: [String] { ["--store", directory.store] }

  init(sample: String = "indictable-only.json", urn: String = "06MC0771226") throws {
    directory = try TemporaryDirectory()
    self.urn = urn
    let path = packageRoot.appendingPathComponent("Samples/records/\(sample)").path
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    let imported = try runCasefile(["import", "--store", directory.store, path])
    #expect(imported.status == 0, "\(imported.stderr)")
  }

  func export(_ arguments: [String], environment: [String: String] = [:]) throws -> BinaryRun {
    // The sample holds sensitive unused material, so a reason is needed to export it.
    let reason = arguments.contains("--reason") ? [] : ["--reason", "test"]
    return try runCasefile(
      ["export", urn] + arguments + store + reason, environment: environment)
  }
}

@Suite("casefile export writes the case document")
struct ExportDocumentTests {
  /// The golden case document the CaseAssembly tests keep for this sample and date.
  static let golden = packageRoot.appendingPathComponent(
    "Tests/CaseAssemblyTests/Golden/indictable-only-2026-12-05.xml")

  @Test func theDefaultFormatIsTheCaseDocumentAndMatchesTheGoldenFile() throws {
    let fixture = try ExportFixture()
    let first = try fixture.export(["--as-of", "2026-12-05"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.isEmpty)
    #expect(first.stdout.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
    #expect(first.stdout.contains(#"xmlns="urn:casefile:case-document:1""#))
    let second = try fixture.export(["--as", "xml", "--as-of", "2026-12-05"])
    #expect(second.stdout == first.stdout, "two exports differ")
    let golden = try String(contentsOf: Self.golden, encoding: .utf8)
    #expect(first.stdout == golden, "the export differs from the golden case document")
  }

  @Test func allWritesEveryCaseDocumentIntoADirectory() throws {
    let fixture = try ExportFixture()
    let second = packageRoot.appendingPathComponent("Samples/records/gap-summary.json").path
    #expect(try runCasefile(["import"] + fixture.store + [second]).status == 0)
    let out = fixture.directory.url.appendingPathComponent("documents").path
    let run = try runCasefile(
      ["export", "--all", "--out", out, "--as-of", "2026-12-05", "--reason", "test"]
        + fixture.store)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("exported 2 case documents"))
    let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(names.count == 2 && names.contains("\(fixture.urn).xml"))
    let written = try String(contentsOfFile: "\(out)/\(fixture.urn).xml", encoding: .utf8)
    #expect(written == (try String(contentsOf: Self.golden, encoding: .utf8)))
  }

  @Test(arguments: [["--all"], ["--out", "x"], [] as [String]])
  func allAndOutGoTogetherWithoutAURN(_ arguments: [String]) throws {
    let fixture = try ExportFixture()
    let urn = arguments.isEmpty ? [] : (arguments == ["--all"] ? [] : [fixture.urn])
    #expect(try runCasefile(["export"] + urn + arguments + fixture.store).status == 64)
  }

  @Test func anotherAsOfDateChangesOnlyTheAsOfDateAndDaysRemaining() throws {
    let fixture = try ExportFixture(sample: "remand-custody.json", urn: "60NP0309426")
    let before = try fixture.export(["--as-of", "2026-12-05"])
    let after = try fixture.export(["--as-of", "2026-12-06"])
    #expect(before.status == 0 && after.status == 0, "\(before.stderr)\(after.stderr)")
    #expect(before.stdout != after.stdout)
    func masked(_ text: String) -> String {
      text.replacing(#/daysRemaining="-?[0-9]+"/#, with: "daysRemaining")
        .replacing(#/asOf="[0-9-]+"/#, with: "asOf")
    }
    #expect(masked(before.stdout) == masked(after.stdout))
    #expect(before.stdout.contains(#"asOf="2026-12-05""#))
    #expect(after.stdout.contains(#"asOf="2026-12-06""#))
  }

  @Test func withoutAsOfTheFactsAreForTodayInUTC() throws {
    let fixture = try ExportFixture(sample: "gap-summary.json", urn: "20BH0231926")
    let before = try CaseDocumentCommands.todayUTC()
    let run = try fixture.export([])
    let after = try CaseDocumentCommands.todayUTC()
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout.contains(#"asOf="\#(before)""#) || run.stdout.contains(#"asOf="\#(after)""#))
  }

  @Test(arguments: ["2026-02-30", "2026-2-01", "today", "2026-12-05T00:00", ""])
  func aBadAsOfDateIsAUsageError(_ date: String) throws {
    let fixture = try ExportFixture(sample: "gap-summary.json", urn: "20BH0231926")
    let run = try fixture.export(["--as-of", date])
    #expect(run.status == 64)
    #expect(run.stderr.contains("--as-of"))
    #expect(run.stdout.isEmpty)
  }

  @Test func asOfWithRecordsIsAUsageError() throws {
    let fixture = try ExportFixture(sample: "gap-summary.json", urn: "20BH0231926")
    let run = try fixture.export(["--as", "records", "--as-of", "2026-12-05"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("--as-of"))
  }

  @Test func recordsExportStillWorks() throws {
    let fixture = try ExportFixture(sample: "gap-summary.json", urn: "20BH0231926")
    let run = try fixture.export(["--as", "records"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains(#""casefile-records""#))
    #expect(try runCasefile(["export", "20BH0231926", "--as", "pdf"] + fixture.store).status == 64)
  }

  @Test func anUnknownCaseIsBadInput() throws {
    let fixture = try ExportFixture(sample: "gap-summary.json", urn: "01AB0000026")
    let run = try fixture.export(["--as-of", "2026-12-05"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("01AB0000026"))
    #expect(run.stdout.isEmpty)
  }

  @Test func templatesThatCannotBeFoundAreAUsageError() throws {
    let fixture = try ExportFixture(sample: "gap-summary.json", urn: "20BH0231926")
    let empty = fixture.directory.url.path
    let option = try fixture.export(["--as-of", "2026-12-05", "--templates", empty])
    #expect(option.status == 64)
    #expect(option.stderr.contains("--templates"))
    let environment = try fixture.export(
      ["--as-of", "2026-12-05"], environment: ["CASEFILE_TEMPLATES": empty])
    #expect(environment.status == 64)
    #expect(environment.stderr.contains("CASEFILE_TEMPLATES"))
  }

  @Test func aForcesOwnTemplatesDirectoryIsUsed() throws {
    let fixture = try ExportFixture(sample: "remand-custody.json", urn: "60NP0309426")
    let templates = fixture.directory.url.appendingPathComponent("Templates")
    let calendar = templates.appendingPathComponent("calendar")
    try FileManager.default.createDirectory(at: calendar, withIntermediateDirectories: true)
    let file = calendar.appendingPathComponent("bank-holidays-england-wales.json")
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent(
        "Templates/calendar/bank-holidays-england-wales.json"),
      to: file)
    let good = try fixture.export(
      ["--as-of", "2026-12-05"], environment: ["CASEFILE_TEMPLATES": templates.path])
    #expect(good.status == 0, "\(good.stderr)")
    #expect(good.stdout.contains("<custodyTimeLimit"))
    try Data("{\"region\": ".utf8).write(to: file)
    let broken = try fixture.export(["--as-of", "2026-12-05", "--templates", templates.path])
    #expect(broken.status == 65)
    #expect(broken.stderr.contains(file.lastPathComponent))
    #expect(broken.stdout.isEmpty)
  }

  /// The edit commands run the records schema as an import does, so a bad value is refused
  /// at the edit and the store is unchanged.
  @Test func anEditTheRecordsSchemaRefusesChangesNothing() throws {
    let fixture = try ExportFixture(sample: "gap-summary.json", urn: "20BH0231926")
    let before = try Data(contentsOf: URL(fileURLWithPath: fixture.directory.store))
    let added = try runCasefile(
      [
        "exhibit", "add", fixture.urn, "--reference", "not a reference", "--description",
        "Receipt", "--produced-by", "P1",
      ] + fixture.store)
    #expect(added.status == 65)
    #expect(added.stderr.contains("reference"), "\(added.stderr)")
    let after = try Data(contentsOf: URL(fileURLWithPath: fixture.directory.store))
    #expect(before == after)
  }

  /// A value written into the database behind casefile's back is still caught: the export
  /// checks the document against its schema, says so naming lines only, and writes nothing.
  @Test func aDocumentThatDoesNotMatchItsSchemaIsRefused() throws {
    let fixture = try ExportFixture(sample: "gap-summary.json", urn: "20BH0231926")
    try sqlite(fixture.directory.store, "UPDATE exhibits SET reference = 'not a reference'")
    let run = try fixture.export(["--as-of", "2026-12-05"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("does not match case-document-v1.xsd"))
    #expect(!run.stderr.contains("not a reference"))
    #expect(run.stdout.isEmpty)
  }

  @Test func aSchemasDirectoryWithoutTheCaseDocumentSchemaIsAUsageError() throws {
    let fixture = try ExportFixture(sample: "gap-summary.json", urn: "20BH0231926")
    let schemas = fixture.directory.url.appendingPathComponent("Schemas")
    try FileManager.default.createDirectory(at: schemas, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent("Schemas/records-v1.schema.json"),
      to: schemas.appendingPathComponent("records-v1.schema.json"))
    let run = try fixture.export(["--as-of", "2026-12-05", "--schemas", schemas.path])
    #expect(run.status == 64)
    #expect(run.stderr.contains("case-document-v1.xsd"))
  }

  @Test func theExportIsAudited() throws {
    let fixture = try ExportFixture(sample: "gap-summary.json", urn: "20BH0231926")
    let run = try fixture.export(
      ["--as-of", "2026-12-05", "--reason", "file review", "--user", "auditor"])
    #expect(run.status == 0, "\(run.stderr)")
    let store = try SQLiteCaseStore.open(at: URL(fileURLWithPath: fixture.directory.store))
    defer { try? store.close() }
    let entry = try #require(try store.auditEntries(urn: "20BH0231926").last)
    #expect(entry.action == "export-document")
    #expect(entry.user == "auditor")
    #expect(entry.reason == "file review")
    #expect(entry.detail.hasSuffix("asOf=2026-12-05"))
  }
}
