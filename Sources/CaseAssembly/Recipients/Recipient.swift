/// Who a set of documents is for.
package enum Recipient: String, CaseIterable, Sendable, Codable {
  /// The Crown Prosecution Service: the full file, nothing redacted.
  case cps
  /// The defence: disclosable documents only, personal data redacted.
  case defence
  /// The court: disclosable documents only, personal data redacted.
  case court

  /// Whether this recipient sees only disclosable documents and a redacted view.
  package var isRestricted: Bool { self != .cps }
}

/// One value withheld from a recipient: which record, which field, for whom. Never the value.
package struct Redaction: Hashable, Sendable, Codable {
  /// The record id (`P2`, `W1`, `U3`).
  package var record: String
  /// The field as ``CaseStore/PersonalData`` names it (`people.address`), or
  /// `unused_items.item` for a sensitive item left out whole.
  package var field: String
  package var recipient: Recipient

  package init(record: String, field: String, recipient: Recipient) {
    self.record = record
    self.field = field
    self.recipient = recipient
  }
}
