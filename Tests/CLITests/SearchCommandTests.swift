import CaseStore
import Foundation
import Testing

@Suite("casefile search")
struct SearchCommandTests {
  private func store() throws -> TemporaryDirectory { try storeWithEverySample() }

  private func hits(_ run: BinaryRun) throws -> [[String: Any]] {
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    return try #require(object["hits"] as? [[String: Any]])
  }

  @Test func findsAMisspeltNameAndAnExhibitAsJSON() throws {
    let directory = try store()
    let person = try runCasefile(
      [
        "search", "Owain", "Jenkyns", "--kind", "person", "--format", "json", "--store",
        directory.store,
      ])
    #expect(person.status == 0, "\(person.stderr)")
    let first = try #require(try hits(person).first)
    #expect(first["urn"] as? String == "63CA0205126" && first["recordID"] as? String == "P1")
    #expect(first["kind"] as? String == "person")
    #expect((first["snippet"] as? String)?.contains("[Owain]") == true)
    let exhibit = try runCasefile([
      "search", "CR/1", "--format", "json", "--store", directory.store,
    ])
    #expect(try hits(exhibit).first?["kind"] as? String == "exhibit")
  }

  @Test func printsOneLinePerHitAndNoMatches() throws {
    let directory = try store()
    let run = try runCasefile(["search", "TH68010", "--limit", "1", "--store", directory.store])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("offence\t") && run.stdout.split(separator: "\n").count == 1)
    let none = try runCasefile(["search", "zzzqqq", "--store", directory.store])
    #expect(none.status == 0 && none.stdout == "no matches\n")
  }

  @Test(arguments: ["\"", "NEAR(", "AND -x:*", "a\"b", "*:-"])
  func searchSyntaxInTheQueryIsText(_ query: String) throws {
    let directory = try store()
    let run = try runCasefile(["search", query, "--store", directory.store])
    #expect(run.status == 0, "\(run.stderr)")
  }

  @Test(arguments: [["--kind", "witness"], ["--limit", "0"], ["--limit", "5000"], []])
  func badOptionsAreUsageErrors(_ options: [String]) throws {
    let directory = try TemporaryDirectory()
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    let query = options.isEmpty ? [] : ["Smith"]
    #expect(
      try runCasefile(["search"] + query + options + ["--store", directory.store]).status == 64)
  }

  @Test func everySearchIsAuditedWithoutTheQueryText() throws {
    let directory = try store()
    let run = try runCasefile(
      ["search", "Jenkins", "--reason", "enquiry", "--user", "pc914", "--store", directory.store])
    #expect(run.status == 0)
    let store = try SQLiteCaseStore.open(at: URL(fileURLWithPath: directory.store))
    let entry = try #require(try store.auditEntries(urn: nil).last)
    #expect(entry.action == "search" && entry.user == "pc914" && entry.reason == "enquiry")
    #expect(entry.detail.hasPrefix("query-length=7 kind=any hits="))
    #expect(!entry.detail.contains("Jenkins"))
  }

  @Test func benchModeReportsLatencies() throws {
    let directory = try store()
    let queries = URL(fileURLWithPath: directory.store).deletingLastPathComponent()
      .appendingPathComponent("queries.txt")
    try Data("Jenkins\nTH68010\nCR/1\n".utf8).write(to: queries)
    let run = try runCasefile(
      ["search", "--bench", queries.path, "--repeat", "2", "--store", directory.store])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("searches=6 queries=3 "))
    #expect(run.stdout.contains("median_ms=") && run.stdout.contains("p95_ms="))
  }
}
