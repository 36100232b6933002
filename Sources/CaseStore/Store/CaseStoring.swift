import Foundation

/// The narrow interface through which the rest of casefile reaches the record store.
///
/// The embedded SQLite store (`SQLiteCaseStore`) is the default; a force-wide PostgreSQL
/// store can sit beside it later by implementing this protocol. Every method that writes
/// does so in one transaction: it either happens whole or not at all.
package protocol CaseStoring: Sendable {
  /// One line per case, ordered by URN.
  func caseSummaries() throws -> [CaseSummary]
  /// The whole case with every record, or `nil` when no case has that URN.
  func loadCase(urn: String) throws -> CaseRecord?
  /// Saves cases in one transaction, with one audit entry per case.
  ///
  /// With `.insertOnly`, a URN already in the store is an error and nothing is saved;
  /// with `.replace`, an existing case's records are replaced by the given ones.
  @discardableResult
  func saveCases(_ cases: [CaseRecord], mode: SaveMode, audit: AuditContext) throws -> SaveSummary
  /// Appends one audit entry on its own (reads, exports).
  func appendAudit(_ entry: AuditEntry) throws
  /// Audit entries in sequence order, optionally for one case.
  func auditEntries(urn: String?) throws -> [AuditEntry]
  /// The media store that holds this store's media objects.
  var media: MediaStore { get }
  /// Removes those of the given media objects that no case refers to, under the write
  /// lock (so a concurrent save that uses one either commits first or fails cleanly).
  @discardableResult
  func removeUnreferencedMedia(_ hashes: [String]) throws -> [String]
}

/// How `saveCases` treats a case whose URN is already in the store.
package enum SaveMode: Sendable {
  case insertOnly
  case replace
}

/// Who is acting and why, for the audit entries a write makes.
package struct AuditContext: Sendable {
  package var user: String
  /// The action recorded, such as `import` or `add-witness`.
  package var action: String
  /// An identifier of the source (a file name, never file contents).
  package var source: String?
  package var reason: String?
  /// The record acted on within the case, as `kind=id` (such as `person=P2`).
  package var subject: String?

  package init(
    user: String, action: String, source: String? = nil, reason: String? = nil,
    subject: String? = nil
  ) {
    self.user = user
    self.action = action
    self.source = source
    self.reason = reason
    self.subject = subject
  }
}

/// One audit log entry. It holds identifiers and codes only, never personal data.
package struct AuditEntry: Equatable, Sendable {
  /// Position in the log, from 1; assigned by the store.
  package var sequence: Int64
  /// UTC time, ISO 8601 with seconds.
  package var at: String
  package var user: String
  package var action: String
  package var urn: String?
  /// Record ids and counts, such as `records=42 replaced=false`; never names or values.
  package var detail: String
  package var reason: String?

  package init(
    sequence: Int64 = 0, at: String, user: String, action: String, urn: String?,
    detail: String, reason: String? = nil
  ) {
    self.sequence = sequence
    self.at = at
    self.user = user
    self.action = action
    self.urn = urn
    self.detail = detail
    self.reason = reason
  }
}

/// A one-line description of a stored case.
package struct CaseSummary: Equatable, Sendable, Codable {
  package var urn: String
  package var title: String
  package var defendants: Int
  package var offences: Int
  package var witnesses: Int
  package var statements: Int
  package var exhibits: Int
  package var unused: Int
  package var media: Int
  /// UTC time of the last write, ISO 8601.
  package var updatedAt: String

  package init(
    urn: String, title: String, defendants: Int, offences: Int, witnesses: Int,
    statements: Int, exhibits: Int, unused: Int, media: Int, updatedAt: String
  ) {
    self.urn = urn
    self.title = title
    self.defendants = defendants
    self.offences = offences
    self.witnesses = witnesses
    self.statements = statements
    self.exhibits = exhibits
    self.unused = unused
    self.media = media
    self.updatedAt = updatedAt
  }
}

/// What a save wrote.
package struct SaveSummary: Sendable {
  package var cases: Int
  package var records: Int
  package var replaced: [String]
  /// Where the save's time went.
  package var timings = SaveTimings()

  package init(cases: Int, records: Int, replaced: [String]) {
    self.cases = cases
    self.records = records
    self.replaced = replaced
  }
}

/// Time spent in a save (or, summed, in many): the whole transaction and two of its parts.
package struct SaveTimings: Equatable, Sendable {
  /// From taking the write lock to the end of the commit.
  package var total: Duration = .zero
  /// Appending the audit entries (hashing, reading the head, inserting).
  package var audit: Duration = .zero
  /// Adding the saved records to the search index.
  package var searchIndex: Duration = .zero
  /// Audit entries appended.
  package var auditEntries = 0

  package init() {}

  /// The sum of two timings.
  package static func + (left: SaveTimings, right: SaveTimings) -> SaveTimings {
    var sum = left
    sum.total += right.total
    sum.audit += right.audit
    sum.searchIndex += right.searchIndex
    sum.auditEntries += right.auditEntries
    return sum
  }
}
