import Foundation
import Synchronization
import Testing

@testable import CaseStore

@Suite("Store: concurrent writers", .serialized, .temporaryDirectory)
struct StoreConcurrencyTests {
  /// Four writers, each with its own store on the same file, each saving `perWriter` cases.
  ///
  /// Returns the errors the writers saw and the number of cases in the store afterwards.
  private func run(busyTimeout: TimeInterval?, perWriter: Int) throws -> ([StoreError], Int) {
    let directory = try TemporaryDirectory()
    let url = directory.path("casefile.sqlite")
    try SQLiteCaseStore.create(at: url).close()
    let errors = Mutex<[StoreError]>([])
    DispatchQueue.concurrentPerform(iterations: 4) { writer in
      do {
        let store = try SQLiteCaseStore.open(at: url, busyTimeout: busyTimeout)
        for index in 0..<perWriter {
          do {
            try store.saveCases(
              [StoreFixtures.smallCase(writer * 10_000 + index)], mode: .insertOnly,
              audit: AuditContext(user: "writer\(writer)", action: "import"))
          } catch let error as StoreError {
            errors.withLock { $0.append(error) }
          }
        }
      } catch {
        errors.withLock { $0.append(StoreError.wrapping(error)) }
      }
    }
    let store = try SQLiteCaseStore.open(at: url)
    return (errors.withLock { $0 }, try store.caseSummaries().count)
  }

  @Test func fourWritersOnOneFileLoseNothing() throws {
    let (errors, cases) = try run(busyTimeout: SQLiteCaseStore.defaultBusyTimeout, perWriter: 100)
    #expect(errors.isEmpty, "\(errors.prefix(3))")
    #expect(cases == 400)
  }

  @Test func withoutABusyTimeoutWritersFail() throws {
    // The negative control: it proves the test above could fail.
    let (errors, cases) = try run(busyTimeout: nil, perWriter: 100)
    #expect(!errors.isEmpty)
    #expect(errors.allSatisfy { $0.code == .busy })
    #expect(cases < 400)
  }
}
