import CaseStore
import Foundation

/// Creating a store and asking what it holds.
package enum StoreCommands {
  /// Creates an empty store at the context's path; refuses when one exists.
  package static func initStore(_ context: CaseFileContext) throws -> String {
    let store = try SQLiteCaseStore.create(at: context.storePath)
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "init", urn: nil, detail: "store created")
    )
    return "created store \(context.storePath.path)"
  }

  /// One summary per case, ordered by URN; the listing is audited (by count).
  package static func listCases(_ context: CaseFileContext) throws -> [CaseSummary] {
    let store = try context.openStore()
    let cases = try store.caseSummaries()
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "list", urn: nil,
        detail: "cases=\(cases.count)"))
    return cases
  }

  /// The whole case; the read is audited.
  package static func showCase(_ context: CaseFileContext, urn: String, reason: String?) throws
    -> CaseRecord
  {
    let store = try context.openStore()
    let record = try loadToRead(
      store, urn: urn, action: "show", reason: reason, context: context)
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "show", urn: urn,
        detail: "records=\(record.recordCount)", reason: reason))
    return record
  }

  /// The case as records JSON, ready to import elsewhere; the export is audited.
  package static func exportRecords(_ context: CaseFileContext, urn: String, reason: String?) throws
    -> Data
  {
    let store = try context.openStore()
    let record = try loadToRead(
      store, urn: urn, action: "export-records", reason: reason, context: context)
    let data = try RecordsFormat.encode(RecordsDocument(cases: [record]))
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "export-records", urn: urn,
        detail: "records=\(record.recordCount)", reason: reason))
    return data
  }

  /// Loads a case for a person to read (`action`: show, export, documents).
  ///
  /// Reading a case that holds sensitive unused material (items for the MG6D) needs a
  /// reason: without one the read is refused (exit 64) and the refusal is recorded in the
  /// audit log with the count of sensitive items, never the items.
  static func loadToRead(
    _ store: SQLiteCaseStore, urn: String, action: String, reason: String?,
    context: CaseFileContext
  ) throws -> CaseRecord {
    let record = try load(store, urn: urn)
    let sensitive = record.unused.filter { $0.sensitivity == .sensitive }.count
    let given = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    guard sensitive > 0, given.isEmpty else { return record }
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "refused", urn: record.urn,
        detail: "refusal=needs-reason \(action) sensitive-items=\(sensitive)"))
    throw KitError.usage(
      "case \(record.urn) holds sensitive unused material (MG6D): give --reason to say why "
        + "you need it; the refusal was recorded in the audit log")
  }

  /// Loads a case or throws a not-found error naming the URN.
  static func load(_ store: any CaseStoring, urn: String) throws -> CaseRecord {
    guard URN(urn) != nil else {
      throw KitError.usage("\(urn) is not a valid URN (for example 01AB1234526)")
    }
    guard let record = try store.loadCase(urn: urn) else {
      throw KitError.notFound("no case \(urn) in this store; `casefile case list` shows the cases")
    }
    return record
  }
}

/// The time written into audit entries.
package enum AuditClock {
  /// The current UTC time as ISO 8601 with seconds.
  package static func now() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date())
  }
}
