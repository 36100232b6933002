import Foundation
import Testing

@Suite("The casefile binary keeps its contracts")
struct CLIContractTests {
  @Test func helpDocumentsTheExitCodes() throws {
    let run = try runCasefile(["--help"])
    #expect(run.status == 0)
    for code in ["64", "65", "70", "74"] { #expect(run.stdout.contains(code)) }
  }

  @Test func unknownOptionIsAUsageError() throws {
    let run = try runCasefile(["case", "list", "--no-such-option"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("Usage") || run.stderr.contains("usage"))
  }

  @Test func aMissingStoreIsAUsageErrorThatSaysWhatToDo() throws {
    let directory = try TemporaryDirectory()
    let run = try runCasefile(["case", "list", "--store", directory.store])
    #expect(run.status == 64)
    #expect(run.stderr.contains("casefile init"))
    #expect(!run.stderr.contains("Fatal error"))
  }

  @Test func initImportListShowAndExport() throws {
    let directory = try TemporaryDirectory()
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    #expect(try runCasefile(["init", "--store", directory.store]).status != 0)
    let sample = packageRoot.appendingPathComponent("Samples/records/gap-summary.json").path
    let imported = try runCasefile(["import", "--store", directory.store, sample])
    #expect(imported.status == 0, "\(imported.stderr)")
    let list = try runCasefile(["case", "list", "--store", directory.store, "--format", "json"])
    #expect(list.status == 0)
    let cases = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
    let urn = try #require(cases?.first?["urn"] as? String)
    let show = try runCasefile(["case", "show", urn, "--store", directory.store])
    #expect(show.status == 0)
    #expect(show.stdout.contains(urn))
    let export = try runCasefile(["export", urn, "--as", "records", "--store", directory.store])
    #expect(export.status == 0)
    #expect(export.stdout.contains("\"casefile-records\""))
    let missing = try runCasefile(["case", "show", "01AB0000026", "--store", directory.store])
    #expect(missing.status == 65)
    #expect(missing.stderr.contains("01AB0000026"))
  }

  @Test func badInputExitsSixtyFiveNamingTheFileAndPath() throws {
    let directory = try TemporaryDirectory()
    _ = try runCasefile(["init", "--store", directory.store])
    let file = directory.url.appendingPathComponent("bad.json")
    try Data(#"{"format": "casefile-records", "version": 1, "cases": [{"urn": 5}]}"#.utf8).write(
      to: file)
    let run = try runCasefile(["import", "--store", directory.store, file.path])
    #expect(run.status == 65)
    #expect(run.stderr.contains(file.path))
    #expect(run.stderr.contains("$.cases[0]"))
    #expect(!run.stderr.contains("Fatal error"))
  }

  @Test func storeAndUserComeFromTheEnvironment() throws {
    let directory = try TemporaryDirectory()
    let environment = ["CASEFILE_STORE": directory.store, "CASEFILE_USER": "envuser"]
    #expect(try runCasefile(["init"], environment: environment).status == 0)
    #expect(FileManager.default.fileExists(atPath: directory.store))
    let list = try runCasefile(["case", "list"], environment: environment)
    #expect(list.status == 0)
    #expect(list.stdout.contains("no cases"))
  }

  @Test func dcfValidateExitCodes() throws {
    let valid = packageRoot.appendingPathComponent("Samples/dcf/valid")
    let files = try FileManager.default.contentsOfDirectory(atPath: valid.path).filter {
      $0.hasSuffix(".json")
    }
    .map { valid.appendingPathComponent($0).path }
    #expect(!files.isEmpty)
    let good = try runCasefile(["dcf", "validate"] + files)
    #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
    let directory = try TemporaryDirectory()
    let broken = directory.url.appendingPathComponent("broken.json")
    try Data(#"{"schema_version": "1.2.2", "case": {"type": "BobDCF"}}"#.utf8).write(to: broken)
    let invalid = try runCasefile(["dcf", "validate", broken.path, "--format", "json"])
    #expect(invalid.status == 1)
    #expect(invalid.stdout.contains("\"path\""))
    let unreadable = try runCasefile([
      "dcf", "validate", directory.url.appendingPathComponent("none.json").path,
    ])
    #expect(unreadable.status == 65)
  }
}

@Suite("The edit commands through the binary")
struct CLIEditTests {
  @Test func aCaseBuilderCompletesACaseWithoutEditingJSON() throws {
    let directory = try TemporaryDirectory()
    let store = ["--store", directory.store]
    _ = try runCasefile(["init"] + store)
    let sample = packageRoot.appendingPathComponent("Samples/records/gap-summary.json").path
    #expect(try runCasefile(["import"] + store + [sample]).status == 0)
    let urn = "20BH0231926"
    let witness = try runCasefile(
      [
        "witness", "add", urn, "--kind", "civilian", "--family", "Ifan", "--given", "Carys",
        "--key",
      ]
        + store)
    #expect(witness.status == 0, "\(witness.stderr)")
    let witnessId = try #require(witness.stdout.split(separator: " ").dropFirst(2).first)
    let text = directory.url.appendingPathComponent("statement.txt")
    try Data("I saw the car. Gwelais y car.\n".utf8).write(to: text)
    let statement = try runCasefile(
      [
        "statement", "add", urn, "--witness", String(witnessId), "--date", "2026-06-02",
        "--text-file", text.path,
      ] + store)
    #expect(statement.status == 0, "\(statement.stderr)")
    let exhibit = try runCasefile(
      [
        "exhibit", "add", urn, "--reference", "CI/9", "--description", "Breath test printout",
        "--produced-by", "P1",
      ] + store)
    #expect(exhibit.status == 0, "\(exhibit.stderr)")
    let unused = try runCasefile(
      ["unused", "add", urn, "--description", "Custody log", "--sensitivity", "non-sensitive"]
        + store)
    #expect(unused.status == 0, "\(unused.stderr)")
    let media = directory.url.appendingPathComponent("photo.png")
    try Data(repeating: 1, count: 100).write(to: media)
    let attach = try runCasefile(
      ["media", "attach", urn, media.path, "--type", "image/png"] + store)
    #expect(attach.status == 0, "\(attach.stderr)")
    let show = try runCasefile(["case", "show", urn, "--format", "json"] + store)
    #expect(show.stdout.contains("Gwelais y car."))
    #expect(show.stdout.contains("CI/9"))
  }

  @Test func aRefusedEditExitsSixtyFiveAndSaysWhy() throws {
    let directory = try TemporaryDirectory()
    let store = ["--store", directory.store]
    _ = try runCasefile(["init"] + store)
    let sample = packageRoot.appendingPathComponent("Samples/records/gap-summary.json").path
    _ = try runCasefile(["import"] + store + [sample])
    let run = try runCasefile(
      ["exhibit", "link", "20BH0231926", "--exhibit", "E99", "--statement", "S1"] + store)
    #expect(run.status == 65)
    #expect(run.stderr.contains("E99"))
    let usage = try runCasefile(["witness", "add", "20BH0231926", "--kind", "civilian"] + store)
    #expect(usage.status == 64)
  }
}
