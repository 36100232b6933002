/// One thing wrong with a workflow definition: where it is and what to do.
package struct WorkflowProblem: Equatable, Sendable, CustomStringConvertible {
  /// What kind of problem it is.
  package enum Kind: String, Equatable, Sendable {
    case unknownStage = "unknown-stage"
    case duplicateStage = "duplicate-stage"
    case unreachableStage = "unreachable-stage"
    case deadEnd = "dead-end"
    case unknownRole = "unknown-role"
    case unknownPhase = "unknown-phase"
    case noRoles = "no-roles"
    case ambiguousAction = "ambiguous-action"
  }

  /// The workflow file as the user named it.
  package var file: String
  /// The JSON path of the offending value, such as `$.transitions[2].to`.
  package var path: String
  package var kind: Kind
  package var message: String

  package init(file: String, path: String, kind: Kind, message: String) {
    self.file = file
    self.path = path
    self.kind = kind
    self.message = message
  }

  package var description: String { "\(file): \(path): \(message) [\(kind.rawValue)]" }
}

extension WorkflowDefinition {
  /// Every problem with the definition, in file order; empty when it may be used.
  ///
  /// Checks that every stage a transition, the start, the final list or the lock names is
  /// declared; that every stage is reachable from the start; that every stage that is not
  /// final has a way out; that transitions name declared roles and, when they name a phase,
  /// one of `phases` (the rule pack's phase list, given by the caller); and that one
  /// action never leaves one stage for two places.
  package func validate(file: String, phases: [String]) -> [WorkflowProblem] {
    var problems: [WorkflowProblem] = []
    func problem(_ path: String, _ kind: WorkflowProblem.Kind, _ message: String) {
      problems.append(WorkflowProblem(file: file, path: path, kind: kind, message: message))
    }
    var declared: Set<String> = []
    for (index, stage) in stages.enumerated() where !declared.insert(stage.name).inserted {
      problem(
        "$.stages[\(index)].name", .duplicateStage, "stage \"\(stage.name)\" is declared twice")
    }
    func checkStage(_ name: String, _ path: String) {
      if !declared.contains(name) {
        problem(path, .unknownStage, "no stage \"\(name)\" is declared in $.stages")
      }
    }
    checkStage(start, "$.start")
    for (index, name) in final.enumerated() { checkStage(name, "$.final[\(index)]") }
    for (index, name) in lock.stages.enumerated() { checkStage(name, "$.lock.stages[\(index)]") }
    checkStage(lock.returnTo, "$.lock.returnTo")
    let knownRoles = Set(roles)
    var seen: [String: Int] = [:]
    for (index, transition) in transitions.enumerated() {
      let base = "$.transitions[\(index)]"
      for (fromIndex, name) in transition.from.enumerated() {
        checkStage(name, "\(base).from[\(fromIndex)]")
        if let earlier = seen["\(transition.action) \(name)"] {
          problem(
            "\(base).from[\(fromIndex)]", .ambiguousAction,
            "action \"\(transition.action)\" from \"\(name)\" is already defined by "
              + "$.transitions[\(earlier)]")
        } else {
          seen["\(transition.action) \(name)"] = index
        }
      }
      checkStage(transition.to, "\(base).to")
      if let phase = transition.phase, !phases.contains(phase) {
        problem(
          "\(base).phase", .unknownPhase,
          "the rule pack has no phase \"\(phase)\"; its phases are "
            + phases.joined(separator: ", "))
      }
      if transition.roles.isEmpty {
        problem("\(base).roles", .noRoles, "action \"\(transition.action)\" names no role")
      }
      for (roleIndex, role) in transition.roles.enumerated() where !knownRoles.contains(role) {
        problem(
          "\(base).roles[\(roleIndex)]", .unknownRole,
          "role \"\(role)\" is not declared in $.roles")
      }
    }
    // Reachability from the start, over declared stages only.
    var reached: Set<String> = declared.contains(start) ? [start] : []
    var queue = Array(reached)
    while let stage = queue.popLast() {
      for transition in transitions(from: stage)
      where declared.contains(transition.to) && reached.insert(transition.to).inserted {
        queue.append(transition.to)
      }
    }
    let finals = Set(final)
    for (index, stage) in stages.enumerated() {
      if declared.contains(start) && !reached.contains(stage.name) {
        problem(
          "$.stages[\(index)]", .unreachableStage,
          "stage \"\(stage.name)\" cannot be reached from the start \"\(start)\"")
      }
      if !finals.contains(stage.name) && transitions(from: stage.name).isEmpty {
        problem(
          "$.stages[\(index)]", .deadEnd,
          "stage \"\(stage.name)\" has no way out and is not listed in $.final")
      }
    }
    return problems
  }
}
