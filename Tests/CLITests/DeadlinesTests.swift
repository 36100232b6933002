import Foundation
import Testing

@Suite("casefile deadlines")
struct DeadlinesTests {
  private func store() throws -> TemporaryDirectory { try storeWithEverySample() }

  @Test func listsLiveLimitsSoonestFirstAndExitsZeroWhenNoneHasExpired() throws {
    let directory = try store()
    let run = try runCasefile(
      ["deadlines", "--as-of", "2026-09-01", "--format", "json", "--store", directory.store])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    let expiries = rows.compactMap { $0["expiry"] as? String }
    #expect(!rows.isEmpty && expiries == expiries.sorted())
    #expect(rows.allSatisfy { ($0["expired"] as? Bool) == false })
    // The remanded indictable-only case's either-way charge: 70 days from 2026-07-21.
    let first = try #require(rows.first)
    #expect(first["urn"] as? String == "06MC0771226" && first["offence"] as? String == "O2")
    #expect(first["kind"] as? String == "custody-time-limit")
    #expect(first["daysRemaining"] as? Int == 28)
    // Six-month limits appear only for summary-only offences not yet charged.
    let sixMonth = rows.filter { $0["kind"] as? String == "six-month-limit" }
    #expect(sixMonth.allSatisfy { $0["urn"] as? String == "13LD0412726" })
  }

  @Test func withinKeepsTheNearOnesAndAnExpiredLimitExitsOne() throws {
    let directory = try store()
    let run = try runCasefile(
      ["deadlines", "--as-of", "2026-11-26", "--within", "30", "--store", directory.store])
    #expect(run.status == 1)
    #expect(run.stdout.contains("EXPIRED (-58)  06MC0771226  O2"))
    #expect(run.stdout.contains("1 deadline as of 2026-11-26, 1 expired"))
  }

  @Test(arguments: [["--as-of", "2026-02-30"], ["--within", "-1"]])
  func badOptionsAreUsageErrors(_ options: [String]) throws {
    let directory = try TemporaryDirectory()
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    #expect(try runCasefile(["deadlines"] + options + ["--store", directory.store]).status == 64)
  }

  @Test func anEmptyStoreHasNoDeadlines() throws {
    let directory = try TemporaryDirectory()
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    let run = try runCasefile(["deadlines", "--store", directory.store])
    #expect(run.status == 0)
    #expect(run.stdout.contains("0 deadlines"))
  }
}
