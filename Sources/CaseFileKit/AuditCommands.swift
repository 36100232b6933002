import CaseStore
import Foundation

/// `casefile audit`: read, check and export the hash-chained audit log.
///
/// Entries hold record ids, codes and counts, never personal data, so the log may be shown
/// and handed to an auditor as it is.
package enum AuditCommands {
  /// Which entries `audit log` shows.
  package struct Filter: Sendable {
    package var urn: String?
    package var user: String?
    /// A UTC date (`YYYY-MM-DD`) or timestamp prefix; entries at or after it.
    package var since: String?

    package init(urn: String? = nil, user: String? = nil, since: String? = nil) {
      self.urn = urn
      self.user = user
      self.since = since
    }
  }

  /// Renders the entries matching a filter, in sequence order, as text lines or one JSON
  /// array, handing the output to `write` piece by piece, so a log of any length streams
  /// in flat memory.
  ///
  /// - Throws: ``KitError/usage(_:)`` for a `since` that is not an ISO 8601 date.
  package static func log(
    _ context: CaseFileContext, filter: Filter, json: Bool, write: (String) throws -> Void
  ) throws {
    var first = true
    if json { try write("[") }
    try forEach(context, filter: filter) { record in
      if json {
        try write((first ? "" : ",") + AuditRendering.jsonLine(record))
      } else {
        try write(AuditRendering.textLine(record))
      }
      first = false
    }
    if json { try write("]\n") }
  }

  private static func forEach(
    _ context: CaseFileContext, filter: Filter, _ body: (AuditRecord) throws -> Void
  ) throws {
    if let since = filter.since { try checkDate(since) }
    try context.openStore().forEachAuditRecord(
      urn: filter.urn, user: filter.user, since: filter.since, body)
  }

  /// Checks the chain; `expectedCount` and `expectedHead` come from an earlier check.
  package static func verify(
    _ context: CaseFileContext, expectedCount: Int64? = nil, expectedHead: String? = nil
  ) throws -> AuditVerification {
    if let expectedHead, AuditChain.unhex(expectedHead.lowercased()) == nil {
      throw KitError.usage("--expect-head must be a SHA-256 hash in 64 hex digits")
    }
    if let expectedCount, expectedCount < 0 {
      throw KitError.usage("--expect-count must not be negative")
    }
    return try context.openStore().verifyAudit(
      expectedCount: expectedCount, expectedHead: expectedHead)
  }

  /// Checks the chain and renders the outcome as text or JSON; `intact` is false when broken.
  package static func verifyReport(
    _ context: CaseFileContext, expectedCount: Int64? = nil, expectedHead: String? = nil,
    json: Bool
  ) throws -> (report: String, intact: Bool) {
    let outcome = try verify(context, expectedCount: expectedCount, expectedHead: expectedHead)
    let report = json ? AuditRendering.json(outcome) : AuditRendering.text(outcome)
    return (report, outcome.isIntact)
  }

  /// Writes every entry as one JSON object per line (all fields and both hashes).
  package static func export(_ context: CaseFileContext, write: (String) throws -> Void) throws {
    try context.openStore().forEachAuditRecord { try write(AuditRendering.jsonLine($0)) }
  }

  /// Refuses a date that is not `YYYY-MM-DD`, optionally followed by a time.
  static func checkDate(_ text: String) throws {
    let digits = Array(text.utf8)
    let shape = Array("dddd-dd-dd".utf8)
    var valid = digits.count >= shape.count
    if valid {
      for (index, expected) in shape.enumerated() {
        let byte = digits[index]
        let ok =
          expected == UInt8(ascii: "d")
          ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
        if !ok { valid = false }
      }
    }
    guard valid else {
      throw KitError.usage("--since must be a UTC date such as 2026-01-31 (or a timestamp)")
    }
  }
}
