import Testing

@testable import CaseWorkflow

/// A small workflow: draft → review → approved → submitted (final), with a way back.
enum Fixture {
  static let phases = ["pre-charge", "first-hearing", "trial"]

  static var definition: WorkflowDefinition {
    WorkflowDefinition(
      name: "test",
      roles: ["case-builder", "supervisor"],
      stages: [
        .init(name: "draft"), .init(name: "ready-for-review"), .init(name: "approved"),
        .init(name: "submitted"),
      ],
      start: "draft", final: ["submitted"],
      transitions: [
        .init(
          action: "submit-for-review", from: ["draft"], to: "ready-for-review",
          phase: "first-hearing", roles: ["case-builder"]),
        .init(
          action: "return", from: ["ready-for-review", "approved"], to: "draft",
          roles: ["supervisor"]),
        .init(
          action: "approve", from: ["ready-for-review"], to: "approved", phase: "first-hearing",
          roles: ["supervisor"], signOff: true),
        .init(action: "submit", from: ["approved"], to: "submitted", roles: ["case-builder"]),
      ],
      lock: .init(stages: ["approved"], returnTo: "ready-for-review"))
  }
}

@Suite("Workflow machine")
struct WorkflowMachineTests {
  @Test func theDefaultFixtureIsValid() {
    #expect(Fixture.definition.validate(file: "w.json", phases: Fixture.phases).isEmpty)
  }

  @Test func aNewCaseStartsAtTheStartStage() {
    #expect(WorkflowMachine(definition: Fixture.definition).stage == "draft")
  }

  /// Every transition from every one of its stages, by a holder of its role, phase passing.
  @Test func everyTransitionIsAllowedFromItsStagesForItsRole() {
    let definition = Fixture.definition
    for transition in definition.transitions {
      for from in transition.from {
        var machine = WorkflowMachine(definition: definition, stage: from)
        let roles = Set(transition.roles)
        let expected = WorkflowMove(
          action: transition.action, from: from, to: transition.to,
          signOff: transition.isSignOff)
        switch machine.request(transition.action, roles: roles) {
        case .runPhase(let phase):
          #expect(phase == transition.phase)
          #expect(machine.phaseChecked(errors: 0) == .record(expected))
        case .record(let move):
          #expect(transition.phase == nil)
          #expect(move == expected)
        case .refuse(let refusal):
          Issue.record("\(transition.action) from \(from) refused: \(refusal)")
        }
        #expect(machine.stage == transition.to)
      }
    }
  }

  /// Every transition asked for by a user without its role is refused naming the role.
  @Test func everyTransitionIsRefusedForTheWrongRole() {
    let definition = Fixture.definition
    for transition in definition.transitions {
      for from in transition.from {
        var machine = WorkflowMachine(definition: definition, stage: from)
        let others = Set(definition.roles).subtracting(transition.roles)
        #expect(
          machine.request(transition.action, roles: others)
            == .refuse(.needsRole(action: transition.action, roles: transition.roles)))
        #expect(machine.stage == from)
      }
    }
  }

  /// Every action asked for from a stage it does not leave is refused, nothing moves.
  @Test func everyTransitionIsRefusedFromOtherStages() {
    let definition = Fixture.definition
    for transition in definition.transitions {
      let allowed = definition.transitions.filter { $0.action == transition.action }
        .flatMap(\.from)
      for stage in definition.stageNames where !allowed.contains(stage) {
        var machine = WorkflowMachine(definition: definition, stage: stage)
        #expect(
          machine.request(transition.action, roles: nil)
            == .refuse(
              .notFromStage(action: transition.action, stage: stage, allowedFrom: allowed)))
        #expect(machine.stage == stage)
      }
    }
  }

  @Test func aFailingPhaseRefusesAndStays() {
    var machine = WorkflowMachine(definition: Fixture.definition, stage: "ready-for-review")
    #expect(machine.request("approve", roles: ["supervisor"]) == .runPhase("first-hearing"))
    #expect(
      machine.phaseChecked(errors: 2)
        == .refuse(.phaseFailed(action: "approve", phase: "first-hearing", errors: 2)))
    #expect(machine.stage == "ready-for-review")
  }

  @Test func rolesAreNotCheckedWhenNotEnforced() {
    var machine = WorkflowMachine(definition: Fixture.definition, stage: "approved")
    #expect(
      machine.request("submit", roles: nil)
        == .record(
          WorkflowMove(action: "submit", from: "approved", to: "submitted", signOff: false)))
  }

  @Test func anUnknownActionIsRefusedListingTheActions() {
    var machine = WorkflowMachine(definition: Fixture.definition)
    #expect(
      machine.request("publish", roles: nil)
        == .refuse(
          .unknownAction(
            action: "publish", known: ["submit-for-review", "return", "approve", "submit"])))
  }

  @Test func unexpectedEventsAreRefused() {
    var machine = WorkflowMachine(definition: Fixture.definition)
    guard case .refuse(.unexpectedEvent) = machine.phaseChecked(errors: 0) else {
      Issue.record("a phase result without a request was accepted")
      return
    }
    #expect(machine.request("submit-for-review", roles: nil) == .runPhase("first-hearing"))
    guard case .refuse(.unexpectedEvent) = machine.request("return", roles: nil) else {
      Issue.record("a request during a phase check was accepted")
      return
    }
  }

  @Test func aChangeAfterSignOffReturnsToReview() {
    var machine = WorkflowMachine(definition: Fixture.definition, stage: "approved")
    #expect(
      machine.recordsChanged()
        == .invalidate(
          WorkflowMove(
            action: WorkflowMachine.invalidateAction, from: "approved", to: "ready-for-review",
            signOff: false)))
    #expect(machine.stage == "ready-for-review")
    #expect(machine.recordsChanged() == .nothing)
  }

  @Test func optionsSayWhichNeedAnotherRole() {
    let machine = WorkflowMachine(definition: Fixture.definition, stage: "ready-for-review")
    let options = machine.options(roles: ["case-builder"])
    #expect(options.map(\.transition.action) == ["return", "approve"])
    #expect(options.map(\.roleBlocked) == [true, true])
    #expect(machine.options(roles: nil).map(\.roleBlocked) == [false, false])
  }
}

@Suite("Workflow validation")
struct WorkflowValidationTests {
  static func problems(_ change: (inout WorkflowDefinition) -> Void) -> [WorkflowProblem] {
    var definition = Fixture.definition
    change(&definition)
    return definition.validate(file: "w.json", phases: Fixture.phases)
  }

  @Test func anUnknownStageInATransitionIsNamedWithItsPath() {
    let problems = Self.problems { $0.transitions[3].to = "filed" }
    #expect(problems.map(\.path).contains("$.transitions[3].to"))
    #expect(problems.first?.kind == .unknownStage)
    #expect(problems.first?.file == "w.json")
    #expect(problems.first?.description.contains("no stage \"filed\"") == true)
  }

  @Test func anUnknownFromStageAndStartAndLockAreNamed() {
    let problems = Self.problems {
      $0.transitions[0].from = ["drafting"]
      $0.lock.returnTo = "review"
    }
    #expect(
      problems.filter { $0.kind == .unknownStage }.map(\.path) == [
        "$.lock.returnTo", "$.transitions[0].from[0]",
      ])
  }

  @Test func anUnreachableStageIsNamed() {
    let problems = Self.problems {
      $0.stages.append(.init(name: "archived"))
      $0.final.append("archived")
    }
    #expect(
      problems == [
        WorkflowProblem(
          file: "w.json", path: "$.stages[4]", kind: .unreachableStage,
          message: "stage \"archived\" cannot be reached from the start \"draft\"")
      ])
  }

  @Test func aDeadEndThatIsNotFinalIsNamed() {
    let problems = Self.problems { $0.final = [] }
    #expect(problems.map(\.kind) == [.deadEnd])
    #expect(problems.map(\.path) == ["$.stages[3]"])
  }

  @Test func anUnknownRoleIsNamed() {
    let problems = Self.problems { $0.transitions[2].roles = ["sergeant"] }
    #expect(problems.map(\.kind) == [.unknownRole])
    #expect(problems.map(\.path) == ["$.transitions[2].roles[0]"])
  }

  @Test func aTransitionWithoutRolesIsNamed() {
    let problems = Self.problems { $0.transitions[2].roles = [] }
    #expect(problems.map(\.kind) == [.noRoles])
  }

  @Test func aPhaseNotInThePackIsNamed() {
    let problems = Self.problems { $0.transitions[0].phase = "upgrade" }
    #expect(problems.map(\.kind) == [.unknownPhase])
    #expect(problems.map(\.path) == ["$.transitions[0].phase"])
    #expect(problems.first?.message.contains("pre-charge, first-hearing, trial") == true)
  }

  @Test func aDuplicateStageIsNamed() {
    let problems = Self.problems { $0.stages.append(.init(name: "draft")) }
    #expect(problems.map(\.kind).contains(.duplicateStage))
    #expect(problems.map(\.path).contains("$.stages[4].name"))
  }

  @Test func anAmbiguousActionIsNamed() {
    let problems = Self.problems {
      $0.transitions.append(
        .init(action: "approve", from: ["ready-for-review"], to: "draft", roles: ["supervisor"]))
    }
    #expect(problems.map(\.kind) == [.ambiguousAction])
    #expect(problems.map(\.path) == ["$.transitions[4].from[0]"])
  }
}
