/// A move the caller must record: the case goes from `from` to `to` by `action`.
package struct WorkflowMove: Equatable, Sendable {
  package var action: String
  package var from: String
  package var to: String
  /// `true` when the move is a sign-off: record the case's hash with it.
  package var signOff: Bool

  package init(action: String, from: String, to: String, signOff: Bool) {
    self.action = action
    self.from = from
    self.to = to
    self.signOff = signOff
  }
}

/// Why an action was refused: a value, not an error.
package enum WorkflowRefusal: Equatable, Sendable, CustomStringConvertible {
  /// The workflow has no such action at all.
  case unknownAction(action: String, known: [String])
  /// The action exists but not from the case's stage.
  case notFromStage(action: String, stage: String, allowedFrom: [String])
  /// The acting user holds none of the roles the action needs.
  case needsRole(action: String, roles: [String])
  /// The rule pack's phase has error findings.
  case phaseFailed(action: String, phase: String, errors: Int)
  /// An event arrived that the machine was not waiting for.
  case unexpectedEvent(String)

  package var description: String {
    switch self {
    case .unknownAction(let action, let known):
      return "the workflow has no action \"\(action)\"; its actions are "
        + known.joined(separator: ", ")
    case .notFromStage(let action, let stage, let allowedFrom):
      return "\(action) cannot be taken from stage \(stage); only from "
        + allowedFrom.joined(separator: ", ")
    case .needsRole(let action, let roles):
      return "\(action) needs the role " + roles.joined(separator: " or ")
    case .phaseFailed(let action, let phase, let errors):
      return "\(action) needs the \(phase) rules to pass; the check has \(errors) error"
        + (errors == 1 ? "" : "s")
    case .unexpectedEvent(let event):
      return "unexpected workflow event: \(event)"
    }
  }

  /// A short code for the kind of refusal and the action refused, for the audit log:
  /// `needs-role erase`, `phase-failed submit`, …
  package var code: String {
    switch self {
    case .unknownAction(let action, _): "unknown-action \(action)"
    case .notFromStage(let action, _, _): "not-from-stage \(action)"
    case .needsRole(let action, _): "needs-role \(action)"
    case .phaseFailed(let action, _, _): "phase-failed \(action)"
    case .unexpectedEvent: "unexpected-event"
    }
  }
}

/// The workflow state machine for one case.
///
/// Events in, actions out: ``request(_:roles:)`` when a user asks for an action,
/// ``phaseChecked(errors:)`` once the caller has run the rule phase it was asked to run,
/// ``recordsChanged()`` when the case's records no longer match its sign-off. The caller
/// performs each returned action (run the phase, record the move, report the refusal);
/// the machine does no I/O.
package struct WorkflowMachine: Sendable {
  /// What to do after a request.
  package enum RequestAction: Equatable, Sendable {
    /// Run this rule phase on the case and report with ``phaseChecked(errors:)``.
    case runPhase(String)
    /// The action is allowed: record this move.
    case record(WorkflowMove)
    case refuse(WorkflowRefusal)
  }

  /// What to do after the phase ran.
  package enum PhaseAction: Equatable, Sendable {
    case record(WorkflowMove)
    case refuse(WorkflowRefusal)
  }

  /// What to do when the case's records changed after its sign-off.
  package enum ChangeAction: Equatable, Sendable {
    /// Record this move back to review.
    case invalidate(WorkflowMove)
    /// The stage holds no sign-off: nothing to do.
    case nothing
  }

  private enum State: Sendable {
    case idle(stage: String)
    case awaitingPhase(stage: String, transition: WorkflowDefinition.Transition)
  }

  /// The action name of the automatic move back to review after a change.
  package static let invalidateAction = "approval-invalidated"

  package let definition: WorkflowDefinition
  private var state: State

  /// A machine for a case in `stage` (the start stage when nothing is recorded yet).
  package init(definition: WorkflowDefinition, stage: String? = nil) {
    self.definition = definition
    self.state = .idle(stage: stage ?? definition.start)
  }

  /// The case's current stage.
  package var stage: String {
    switch state {
    case .idle(let stage), .awaitingPhase(let stage, _): return stage
    }
  }

  /// A user asks for `action`. `roles` are the user's roles, or nil when roles are not
  /// enforced (no users registered).
  package mutating func request(_ action: String, roles: Set<String>?) -> RequestAction {
    guard case .idle(let stage) = state else {
      return .refuse(.unexpectedEvent("request while a phase check is pending"))
    }
    let named = definition.transitions.filter { $0.action == action }
    guard !named.isEmpty else {
      var known: [String] = []
      for transition in definition.transitions where !known.contains(transition.action) {
        known.append(transition.action)
      }
      return .refuse(.unknownAction(action: action, known: known))
    }
    guard let transition = definition.transition(action, from: stage) else {
      return .refuse(
        .notFromStage(action: action, stage: stage, allowedFrom: named.flatMap(\.from)))
    }
    if let roles, roles.isDisjoint(with: transition.roles) {
      return .refuse(.needsRole(action: action, roles: transition.roles))
    }
    if let phase = transition.phase {
      state = .awaitingPhase(stage: stage, transition: transition)
      return .runPhase(phase)
    }
    return .record(move(transition, from: stage))
  }

  /// The caller ran the phase it was asked for; `errors` is the number of error findings.
  package mutating func phaseChecked(errors: Int) -> PhaseAction {
    guard case .awaitingPhase(let stage, let transition) = state else {
      return .refuse(.unexpectedEvent("phase result without a request"))
    }
    guard errors == 0 else {
      state = .idle(stage: stage)
      return .refuse(
        .phaseFailed(action: transition.action, phase: transition.phase ?? "", errors: errors))
    }
    return .record(move(transition, from: stage))
  }

  /// The case's records differ from those signed off.
  package mutating func recordsChanged() -> ChangeAction {
    guard case .idle(let stage) = state, definition.lock.stages.contains(stage) else {
      return .nothing
    }
    state = .idle(stage: definition.lock.returnTo)
    return .invalidate(
      WorkflowMove(
        action: Self.invalidateAction, from: stage, to: definition.lock.returnTo, signOff: false))
  }

  /// What would stand in the way of each transition from the current stage, for a user
  /// holding `roles` (nil: roles not enforced); phases are the caller's to run.
  package func options(roles: Set<String>?) -> [(
    transition: WorkflowDefinition.Transition, roleBlocked: Bool
  )] {
    definition.transitions(from: stage).map { transition in
      (transition, roles.map { $0.isDisjoint(with: transition.roles) } ?? false)
    }
  }

  private mutating func move(_ transition: WorkflowDefinition.Transition, from stage: String)
    -> WorkflowMove
  {
    state = .idle(stage: transition.to)
    return WorkflowMove(
      action: transition.action, from: stage, to: transition.to, signOff: transition.isSignOff)
  }
}
