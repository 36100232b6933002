import CaseRules
import Foundation

/// Compiled copies of one Schematron schema, lent to one thread at a time.
///
/// libxml2 caches function lookups inside compiled XPath expressions while it evaluates
/// them, so a compiled schema must not run on two threads at once; the pool compiles
/// another copy when every copy is busy (at most one per worker).
final class SchematronPool: @unchecked Sendable {
  private let lock = NSLock()
  private var idle: [Schematron]
  private let file: String

  init(first: Schematron) {
    idle = [first]
    file = first.file
  }

  /// Runs `body` with a copy no other thread is using.
  func with<T>(_ body: (Schematron) throws -> T) throws -> T {
    let schema = try lock.withLock { idle.popLast() } ?? Schematron(contentsOf: file)
    defer { lock.withLock { idle.append(schema) } }
    return try body(schema)
  }
}
