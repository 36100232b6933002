import CaseJSON
import CaseStore

/// The text and JSON forms of audit entries and of a chain check.
package enum AuditRendering {
  /// One entry as a line: sequence, time, user, action, case, detail and reason.
  package static func textLine(_ record: AuditRecord) -> String {
    let entry = record.entry
    var line = "\(entry.sequence)  \(entry.at)  \(entry.user)  \(entry.action)"
    line += "  \(entry.urn ?? "-")  \(entry.detail)"
    if let reason = entry.reason { line += "  reason: \(reason)" }
    return line + "\n"
  }

  /// One entry as a JSON object on one line: `seq`, `at`, `user`, `action`, `urn`,
  /// `detail`, `reason` (null when absent), `prevHash` and `hash`.
  package static func jsonLine(_ record: AuditRecord) -> String {
    let entry = record.entry
    return "{\"seq\":\(entry.sequence),\"at\":\(string(entry.at)),\"user\":\(string(entry.user)),"
      + "\"action\":\(string(entry.action)),\"urn\":\(string(entry.urn)),"
      + "\"detail\":\(string(entry.detail)),\"reason\":\(string(entry.reason)),"
      + "\"prevHash\":\(string(record.prevHash)),\"hash\":\(string(record.hash))}"
  }

  /// The outcome of `audit verify` for people.
  package static func text(_ verification: AuditVerification) -> String {
    if let broken = verification.broken {
      return "audit log broken at entry \(broken.sequence) (\(broken.reason.rawValue)): "
        + "\(broken.message)\n"
    }
    return "audit log intact: \(verification.entries) entries, head \(verification.head)\n"
  }

  /// The outcome of `audit verify` for programs: `{"intact", "entries", "head", "broken"}`,
  /// `broken` being null or `{"sequence", "reason", "message"}`.
  package static func json(_ verification: AuditVerification) -> String {
    var broken = "null"
    if let found = verification.broken {
      broken =
        "{\"sequence\":\(found.sequence),\"reason\":\(string(found.reason.rawValue)),"
        + "\"message\":\(string(found.message))}"
    }
    return "{\"intact\":\(verification.isIntact),\"entries\":\(verification.entries),"
      + "\"head\":\(string(verification.head)),\"broken\":\(broken)}\n"
  }

  /// The outcome of `audit verify --checkpoint` for people.
  package static func text(_ outcome: AuditCommands.CheckpointVerification) -> String {
    let checkpoint = outcome.checkpoint
    guard outcome.signatureValid, let chain = outcome.chain else {
      return "checkpoint not signed by the trusted key (its key id \(checkpoint.keyID)), "
        + "or changed since it was signed: it proves nothing\n"
    }
    let about =
      "checkpoint of \(checkpoint.entries) entries signed by key \(checkpoint.keyID) at "
      + "\(checkpoint.signedAt)"
    let tree =
      outcome.treeRootMatches == false
      ? "the Merkle root of the first \(checkpoint.entries) entries is not the checkpoint's\n"
      : ""
    return text(chain) + tree
      + (outcome.holds ? "\(about): holds\n" : "\(about): does NOT hold\n")
  }

  /// The outcome of `audit consistency` for people.
  package static func text(_ check: AuditCommands.ConsistencyCheck) -> String {
    let summary =
      "checkpoint of \(check.new.entries) entries (\(check.new.signedAt)) extends checkpoint "
      + "of \(check.old.entries) entries (\(check.old.signedAt))"
    guard check.holds else {
      return check.problems.map { "\($0)\n" }.joined() + "NOT proven: \(summary)\n"
    }
    return "proven: \(summary)\n"
  }

  /// The outcome of `audit consistency` for programs: `{"holds", "oldEntries",
  /// "newEntries", "problems"}`.
  package static func json(_ check: AuditCommands.ConsistencyCheck) -> String {
    "{\"holds\":\(check.holds),\"oldEntries\":\(check.old.entries),"
      + "\"newEntries\":\(check.new.entries),\"problems\":["
      + check.problems.map(JSONString.quoted).joined(separator: ",") + "]}\n"
  }

  /// The outcome of `audit verify --checkpoint` for programs: `{"holds", "signatureValid",
  /// "checkpoint": {"entries", "head", "signedAt", "signedBy", "keyId"}, "chain"}`, `chain`
  /// being the object of ``json(_:)-(AuditVerification)`` or null when the signature fails.
  package static func json(_ outcome: AuditCommands.CheckpointVerification) -> String {
    let checkpoint = outcome.checkpoint
    let chain = outcome.chain.map { json($0).dropLast() } ?? "null"
    return "{\"holds\":\(outcome.holds),\"signatureValid\":\(outcome.signatureValid),"
      + "\"checkpoint\":{\"entries\":\(checkpoint.entries),\"head\":\(string(checkpoint.head)),"
      + "\"treeRoot\":\(string(checkpoint.treeRoot)),"
      + "\"signedAt\":\(string(checkpoint.signedAt)),\"signedBy\":\(string(checkpoint.signedBy)),"
      + "\"keyId\":\(string(checkpoint.keyID))},\"chain\":\(chain),"
      + "\"treeRootMatches\":\(outcome.treeRootMatches.map(String.init) ?? "null")}\n"
  }

  /// A JSON string literal, or `null`.
  static func string(_ value: String?) -> String {
    value.map(JSONString.quoted) ?? "null"
  }
}
