import Foundation
import GRDB
import Testing

@testable import CaseStore

/// Timing of the import path; runs only when `CASEFILE_STORE_BENCH` is set.
///
/// `CASEFILE_STORE_BENCH=10 swift test -c release --filter StoreBenchmark` saves ten files of
/// 100 generated cases (about 100 records each) and prints rows per second. Set
/// `CASEFILE_STORE_BENCH_KEEP` to a path to keep the database for comparing with `sqlite3`.
@Suite("Store: import timing", .temporaryDirectory)
struct StoreBenchmarkTests {
  static let files = Int(ProcessInfo.processInfo.environment["CASEFILE_STORE_BENCH"] ?? "") ?? 0

  @Test(.enabled(if: files > 0))
  func savesGeneratedCasesQuickly() throws {
    let directory = try TemporaryDirectory()
    let keep = ProcessInfo.processInfo.environment["CASEFILE_STORE_BENCH_KEEP"]
    let url = keep.map { URL(fileURLWithPath: $0) } ?? directory.path("bench.sqlite")
    let store = try SQLiteCaseStore.create(at: url)
    let batches = (0..<Self.files).map { file in
      (0..<100).map { StoreFixtures.generatedCase(file * 100 + $0) }
    }
    let clock = ContinuousClock()
    var records = 0
    let elapsed = try clock.measure {
      for batch in batches {
        records += try store.saveCases(batch, mode: .insertOnly, audit: StoreFixtures.audit)
          .records
      }
    }
    let rows = try store.database.read { db in
      try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
      ).reduce(0) { total, table in
        total + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0)
      }
    }
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
      "store bench: \(Self.files * 100) cases, \(records) records, \(rows) rows in "
        + "\(String(format: "%.3f", seconds)) s: \(Int(Double(rows) / seconds)) rows/s, "
        + "\(Int(Double(records) / seconds)) records/s")
    #expect(records > 0)
  }
}
