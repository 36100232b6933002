/// What `casefile status URN` reports: the stage, the history, the approval, open action
/// items and the next transitions with what blocks each.
package struct WorkflowStatus: Encodable, Sendable {
  package struct Event: Encodable, Sendable {
    package var at: String
    package var user: String
    package var action: String
    package var from: String
    package var to: String
    package var sha256: String
    package var note: String?
  }

  package struct Approval: Encodable, Sendable {
    package var hash: String
    package var by: String
    package var at: String
  }

  /// The approval was invalidated by a change to the records.
  package struct Invalidation: Encodable, Sendable {
    package var at: String
    /// `changed:kind/id`, `added:kind/id` or `removed:kind/id`.
    package var changed: [String]
  }

  package struct Next: Encodable, Sendable {
    package var action: String
    package var to: String
    package var roles: [String]
    package var phase: String?
    /// Empty when the acting user may take the action now.
    package var blockers: [String]
  }

  package var urn: String
  package var workflow: String
  package var stage: String
  /// The SHA-256 of the case's records now.
  package var recordsSHA256: String
  package var rolesEnforced: Bool
  package var history: [Event]
  package var approval: Approval?
  package var invalidated: Invalidation?
  package var openActions: [String]
  package var next: [Next]

  /// The status for people.
  package var text: String {
    var text = "\(urn): stage \(stage) (workflow \(workflow))\n"
    if !rolesEnforced { text += "roles: not enforced (no users registered)\n" }
    if let approval {
      text += "approved by \(approval.by) at \(approval.at) (records sha256 \(approval.hash))\n"
    }
    if let invalidated {
      text += "approval invalidated at \(invalidated.at): the records changed since sign-off:\n"
      for change in invalidated.changed { text += "  \(change)\n" }
    }
    text += "history:\n"
    if history.isEmpty { text += "  (none)\n" }
    for event in history {
      text += "  \(event.at)  \(event.user)  \(event.action)  \(event.from) -> \(event.to)"
      if let note = event.note, !note.isEmpty { text += "  (\(note))" }
      text += "\n"
    }
    text += "open actions:\n"
    if openActions.isEmpty { text += "  (none)\n" }
    for action in openActions { text += "  \(action)\n" }
    text += "next:\n"
    if next.isEmpty { text += "  (none: final stage)\n" }
    for step in next {
      text += "  \(step.action) -> \(step.to): "
      text +=
        step.blockers.isEmpty
        ? "allowed\n" : "blocked: " + step.blockers.joined(separator: "; ") + "\n"
    }
    return text
  }
}
