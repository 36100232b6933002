import Foundation
import GRDB
import Synchronization

/// The outcome of checking the audit log's hash chain: intact, or the first broken entry.
///
/// A broken chain is an answer, not an error: ``AuditVerification/broken`` names the first
/// entry that does not hold together and why.
package struct AuditVerification: Equatable, Sendable {
  /// Why an entry breaks the chain.
  package enum Reason: String, Equatable, Sendable {
    /// The entry's `hash` is not the hash of its previous hash and its fields.
    case hashMismatch = "hash-mismatch"
    /// The entry's `prev_hash` is not the hash of the entry before it.
    case prevMismatch = "prev-mismatch"
    /// The entry with this sequence number is missing: the next one has a later number.
    case gap
    /// The log ends before the entry count (or head) the caller expected.
    case missingTail = "missing-tail"
    /// The log's last hash is not the head the caller expected.
    case headMismatch = "head-mismatch"
  }

  /// The first entry that breaks the chain.
  package struct Break: Equatable, Sendable {
    /// The sequence number of the broken (or missing) entry.
    package var sequence: Int64
    package var reason: Reason
    /// What was found, in identifiers and counts only.
    package var message: String
  }

  /// Entries read and checked.
  package var entries: Int64
  /// The hash of the last entry (the chain's head), or the genesis hash for an empty log.
  package var head: String
  /// The first break, or nil when the chain is intact.
  package var broken: Break?

  /// True when no entry breaks the chain.
  package var isIntact: Bool { broken == nil }
}

extension AuditChain {
  /// The highest sequence number in the log, or 0 when it is empty.
  static func lastSequence(_ db: Database) throws -> Int64 {
    try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_log") ?? 0
  }

  /// Splits `1...last` into at most `count` non-empty ranges of about equal size; the log
  /// as one (possibly empty) range when it is small.
  static func segments(upTo last: Int64, count: Int, watched: Int64?) -> [AuditSegment] {
    let parts = max(1, min(Int64(count), last))
    let size = max(1, (last + parts - 1) / parts)
    var plan = [
      AuditSegment(
        first: 1, last: parts == 1 ? last : size, takesLowerRows: true,
        expectedPrev: Array(genesis.utf8), watched: watched)
    ]
    var first = size + 1
    while parts > 1, first <= last {
      let end = min(last, first + size - 1)
      plan.append(
        AuditSegment(
          first: first, last: end, takesLowerRows: false, expectedPrev: nil, watched: watched))
      first = end + 1
    }
    return plan
  }

  /// Joins the ranges' outcomes, in order, into the outcome for the whole log: the first
  /// break wins, and each range's first row must point at the hash the range before ended on.
  static func join(
    _ plan: [AuditSegment], _ outcomes: [AuditSegmentOutcome], expectedCount: Int64?,
    expectedHead: String?
  ) -> AuditVerification {
    var result = AuditVerification(entries: 0, head: genesis, broken: nil)
    var head = Array(genesis.utf8)
    var headAtExpected = expectedCount == 0 ? head : nil
    for (index, (segment, outcome)) in zip(plan, outcomes).enumerated() {
      let rowsBefore = result.entries
      result.entries += outcome.rows
      let startsWithGap = outcome.broken.map { $0.reason == .gap && $0.sequence == segment.first }
      if outcome.rows > 0, segment.expectedPrev == nil, startsWithGap != true,
        outcome.firstPrev != head
      {
        result.entries = rowsBefore + 1
        result.broken = .init(
          sequence: segment.first, reason: .prevMismatch,
          message: "entry \(segment.first) does not point at the hash of entry \(segment.first - 1)"
        )
        return result
      }
      if let broken = outcome.broken {
        result.broken = broken
        return result
      }
      let lastRead = outcome.lastSequence ?? segment.first - 1
      if lastRead < segment.last {
        // The range ends early: the rows after it are missing (a later range holds the next).
        let next = outcomes[(index + 1)...].lazy.compactMap(\.firstSequence).first
        if next != nil { result.entries += 1 }
        result.broken = .init(
          sequence: lastRead + 1, reason: .gap,
          message: "entry \(lastRead + 1) is missing"
            + (next.map { ": the next entry is \($0)" } ?? ""))
        return result
      }
      if outcome.rows > 0 { head = outcome.lastHash }
      if let watched = outcome.watchedHash { headAtExpected = watched }
    }
    result.head = String(decoding: head, as: UTF8.self)
    let count = result.entries
    if let expectedCount, count < expectedCount {
      result.broken = .init(
        sequence: count + 1, reason: .missingTail,
        message: "the log ends at entry \(count); \(expectedCount) entries were expected")
      return result
    }
    // With a count, the head is the hash of that entry: later entries may follow it.
    let headSequence = expectedCount ?? count
    let expected =
      expectedCount == nil
      ? result.head : headAtExpected.map { String(decoding: $0, as: UTF8.self) }
    if let expectedHead, expectedHead.lowercased() != expected {
      result.broken = .init(
        sequence: headSequence, reason: .headMismatch,
        message: "the hash of entry \(headSequence) is not the head expected")
    }
    return result
  }
}

extension SQLiteCaseStore {
  /// Logs shorter than this are checked on one connection; longer ones in ranges, one
  /// connection and thread per processor (at most ``maxAuditWorkers``).
  static let parallelAuditThreshold: Int64 = 100_000
  static let maxAuditWorkers = 8

  /// Checks the audit log's hash chain.
  ///
  /// Each entry's `seq` must follow the previous one by one (from 1), its `prev_hash` must
  /// be the previous entry's recomputed hash and its `hash` the hash of that and its
  /// fields. Entries deleted from the end cannot be seen in the log itself, so the caller
  /// may give the entry count and the head hash it holds from an earlier check (with a
  /// count, the head is the hash of that entry; later entries may follow). A long log is split into ranges checked in parallel, each on its own read-only
  /// connection, and joined in order; `workers` overrides the number of ranges (tests).
  /// Rows appended while the check runs are not part of it.
  package func verifyAudit(
    expectedCount: Int64? = nil, expectedHead: String? = nil, workers: Int? = nil
  ) throws -> AuditVerification {
    do {
      let last = try database.read { try AuditChain.lastSequence($0) }
      let processors = ProcessInfo.processInfo.activeProcessorCount
      let count =
        workers ?? (last >= Self.parallelAuditThreshold ? min(processors, Self.maxAuditWorkers) : 1)
      let plan = AuditChain.segments(upTo: last, count: count, watched: expectedCount)
      let outcomes =
        plan.count == 1
        ? [try database.read { try AuditChain.scan($0, plan[0]) }]
        : try scanInParallel(plan)
      return AuditChain.join(
        plan, outcomes, expectedCount: expectedCount, expectedHead: expectedHead)
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// Scans each range on its own thread and read-only connection; outcomes in plan order.
  private func scanInParallel(_ plan: [AuditSegment]) throws -> [AuditSegmentOutcome] {
    let results = Mutex(
      [Result<AuditSegmentOutcome, any Error>?](repeating: nil, count: plan.count))
    let path = url.path
    DispatchQueue.concurrentPerform(iterations: plan.count) { index in
      let result = Result {
        var configuration = Self.configuration(Self.defaultBusyTimeout)
        configuration.readonly = true
        let reader = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? reader.close() }
        return try reader.read { try AuditChain.scan($0, plan[index]) }
      }
      results.withLock { $0[index] = result }
    }
    return try results.withLock { all in
      try all.map { result in
        // concurrentPerform returns after every iteration ran, so each slot is filled.
        try (result ?? .failure(StoreError(.io, "an audit range was not checked"))).get()
      }
    }
  }
}
