import Foundation

/// Computes results for items 0..<count on background threads, a bounded number ahead
/// of the consumer, and hands them out in order.
///
/// `casefile import` prepares (reads, parses, validates) the next files on the second
/// core while the current file is being written, so the store sees files in the order
/// given while the CPU work runs in parallel. At most `lookahead` results are computed
/// ahead of the consumer, so memory stays bounded however many files there are.
final class OrderedPrefetch<Value: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private let slots: DispatchSemaphore
  private let count: Int
  private var results: [Int: Result<Value, any Error>] = [:]
  private var nextToHand = 0

  init(count: Int, lookahead: Int, work: @escaping @Sendable (Int) throws -> Value) {
    self.count = count
    self.slots = DispatchSemaphore(value: max(1, lookahead))
    let workers = DispatchQueue(label: "casefile.prefetch", attributes: .concurrent)
    DispatchQueue(label: "casefile.prefetch.scheduler").async { [self] in
      for index in 0..<count {
        slots.wait()
        workers.async { [self] in store(Result { try work(index) }, at: index) }
      }
    }
  }

  private func store(_ result: Result<Value, any Error>, at index: Int) {
    condition.lock()
    results[index] = result
    condition.broadcast()
    condition.unlock()
  }

  /// The next result in order, waiting for it when it is not ready yet; nil at the end.
  func next() -> Result<Value, any Error>? {
    condition.lock()
    defer { condition.unlock() }
    guard nextToHand < count else { return nil }
    while results[nextToHand] == nil { condition.wait() }
    let result = results.removeValue(forKey: nextToHand)
    nextToHand += 1
    slots.signal()
    return result
  }
}
