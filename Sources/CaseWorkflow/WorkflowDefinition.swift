/// A workflow as data: the stages a case file passes through, the transitions between them,
/// the rule phase each transition needs and the roles that may take it.
///
/// Built by a loader from `Templates/workflow/workflow.json` (or a force's copy); checked
/// with ``validate(file:phases:)`` before use. Pure values: no I/O.
package struct WorkflowDefinition: Equatable, Sendable, Codable {
  /// One stage of the file's life.
  package struct Stage: Equatable, Sendable, Codable {
    package var name: String
    package var description: String?

    package init(name: String, description: String? = nil) {
      self.name = name
      self.description = description
    }
  }

  /// One transition: an action a user takes that moves a case from one of `from` to `to`.
  package struct Transition: Equatable, Sendable, Codable {
    /// The action's name, as typed on the command line (`approve`).
    package var action: String
    /// The stages the action may be taken from.
    package var from: [String]
    /// The stage the action moves the case to.
    package var to: String
    /// The rule pack phase that must pass (no error findings), or nil for none.
    package var phase: String?
    /// The roles allowed to take the action; any one of them suffices.
    package var roles: [String]
    /// `true` when the action is the supervisor's sign-off: it records the case's hash and
    /// any later change to the records invalidates it.
    package var signOff: Bool?

    package init(
      action: String, from: [String], to: String, phase: String? = nil, roles: [String],
      signOff: Bool? = nil
    ) {
      self.action = action
      self.from = from
      self.to = to
      self.phase = phase
      self.roles = roles
      self.signOff = signOff
    }

    /// `true` for a sign-off transition.
    package var isSignOff: Bool { signOff ?? false }
  }

  /// What a sign-off locks and where a case goes when its records change after it.
  package struct Lock: Equatable, Sendable, Codable {
    /// The stages in which a changed case loses its approval.
    package var stages: [String]
    /// The stage a case whose approval was invalidated returns to.
    package var returnTo: String

    package init(stages: [String], returnTo: String) {
      self.stages = stages
      self.returnTo = returnTo
    }
  }

  /// The workflow's name, for messages and the audit log.
  package var name: String
  /// The roles a transition may name.
  package var roles: [String]
  package var stages: [Stage]
  /// The stage a case without recorded transitions is in.
  package var start: String
  /// Stages from which no transition needs to leave.
  package var final: [String]
  package var transitions: [Transition]
  /// The sign-off lock.
  package var lock: Lock

  package init(
    name: String, roles: [String], stages: [Stage], start: String, final: [String],
    transitions: [Transition], lock: Lock
  ) {
    self.name = name
    self.roles = roles
    self.stages = stages
    self.start = start
    self.final = final
    self.transitions = transitions
    self.lock = lock
  }

  /// The stage names, in order.
  package var stageNames: [String] { stages.map(\.name) }

  /// The transitions that may be taken from `stage`, in definition order.
  package func transitions(from stage: String) -> [Transition] {
    transitions.filter { $0.from.contains(stage) }
  }

  /// The transition for `action` that may be taken from `stage`, if any.
  package func transition(_ action: String, from stage: String) -> Transition? {
    transitions.first { $0.action == action && $0.from.contains(stage) }
  }
}
