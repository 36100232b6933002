import CaseStore
import CaseWorkflow

/// A workflow action or an edit was refused: the wrong role, the wrong stage or failing
/// rules. The command ran and the answer is "no" (exit 1).
package struct WorkflowRefused: Error, Sendable, CustomStringConvertible {
  /// The case, or nil for an action on no case (`users add`).
  package var urn: String?
  package var refusal: WorkflowRefusal
  /// The acting user.
  package var user: String
  /// The check that failed, when a rule phase refused the action.
  package var outcome: RulesOutcome?

  package init(urn: String?, refusal: WorkflowRefusal, user: String, outcome: RulesOutcome? = nil) {
    self.urn = urn
    self.refusal = refusal
    self.user = user
    self.outcome = outcome
  }

  package var description: String {
    var text = urn.map { "refused for case \($0): \(refusal)" } ?? "refused: \(refusal)"
    if case .needsRole = refusal { text += " (user \(user) does not hold it)" }
    return text
  }
}

extension WorkflowRefused {
  /// Appends the refusal to the audit log (action `refused`, the refusal's code, never
  /// the data asked for) and returns it, to be thrown: every denial leaves a record.
  func recorded(in store: SQLiteCaseStore) throws -> WorkflowRefused {
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: user, action: "refused", urn: urn,
        detail: "refusal=\(refusal.code)"))
    return self
  }
}
