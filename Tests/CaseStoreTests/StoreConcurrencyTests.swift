import Foundation
import Synchronization
import Testing

@testable import CaseStore

@Suite("Store: concurrent writers", .serialized, .temporaryDirectory)
struct StoreConcurrencyTests {
  /// Four writers, each with its own store on the same file, each saving `perWriter` cases
  /// one save at a time; the writers open their stores first and then start together.
  ///
  /// Returns the errors the writers saw and the number of cases in the store afterwards.
  private func run(busyTimeout: TimeInterval?, perWriter: Int) throws -> ([StoreError], Int) {
    let directory = try TemporaryDirectory()
    let url = directory.path("casefile.sqlite")
    try SQLiteCaseStore.create(at: url).close()
    let stores = try (0..<4).map { _ in
      try SQLiteCaseStore.open(at: url, busyTimeout: busyTimeout)
    }
    let errors = Mutex<[StoreError]>([])
    let ready = Atomic<Int>(0)
    let finished = DispatchGroup()
    // One thread per writer (not a thread pool), so all four really run at once.
    for (writer, store) in stores.enumerated() {
      finished.enter()
      Thread {
        defer { finished.leave() }
        ready.add(1, ordering: .sequentiallyConsistent)
        while ready.load(ordering: .sequentiallyConsistent) < stores.count { sched_yield() }
        for index in 0..<perWriter {
          do {
            try store.saveCases(
              [StoreFixtures.smallCase(writer * 10_000 + index)], mode: .insertOnly,
              audit: AuditContext(user: "writer\(writer)", action: "import"))
          } catch {
            errors.withLock { $0.append(StoreError.wrapping(error)) }
          }
        }
      }.start()
    }
    finished.wait()
    let cases = try SQLiteCaseStore.open(at: url).caseSummaries().count
    return (errors.withLock { $0 }, cases)
  }

  @Test func fourWritersOnOneFileLoseNothing() throws {
    let (errors, cases) = try run(busyTimeout: SQLiteCaseStore.defaultBusyTimeout, perWriter: 100)
    #expect(errors.isEmpty, "\(errors.prefix(3))")
    #expect(cases == 400)
  }

  @Test func withoutABusyTimeoutWritersFail() throws {
    // The negative control: it proves the test above could fail. Contention depends on
    // timing, so it gets a few attempts to show a failure.
    var failures: [StoreError] = []
    for _ in 0..<10 where failures.isEmpty {
      let (errors, cases) = try run(busyTimeout: nil, perWriter: 100)
      #expect(cases + errors.count == 400)
      failures = errors
    }
    #expect(!failures.isEmpty)
    #expect(failures.allSatisfy { $0.code == .busy }, "\(failures.prefix(3))")
  }
}
