import Foundation
import Testing

@testable import CaseWorkflow

@Suite("The default workflow file")
struct DefaultWorkflowTests {
  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Templates/workflow/workflow.json")

  static func definition() throws -> WorkflowDefinition {
    try JSONDecoder().decode(WorkflowDefinition.self, from: Data(contentsOf: file))
  }

  @Test func isValidAgainstThePacksPhases() throws {
    let definition = try Self.definition()
    #expect(definition.validate(file: "workflow.json", phases: Fixture.phases).isEmpty)
    #expect(
      definition.stageNames == [
        "draft", "ready-for-review", "approved", "submitted", "acknowledged",
        "returned-with-actions", "upgrade-requested", "trial-ready",
      ])
    #expect(
      Set(definition.roles) == [
        "case-builder", "supervisor", "disclosure-officer", "prosecution-liaison",
      ])
  }

  @Test func onlyASupervisorApprovesAndApprovalIsTheSignOff() throws {
    let definition = try Self.definition()
    let approve = try #require(definition.transition("approve", from: "ready-for-review"))
    #expect(approve.roles == ["supervisor"])
    #expect(approve.isSignOff)
    #expect(definition.transitions.filter(\.isSignOff).map(\.action) == ["approve"])
  }

  @Test func aDraftCanReachTrialReady() throws {
    var machine = WorkflowMachine(definition: try Self.definition())
    for action in ["submit-for-review", "approve", "submit", "acknowledge", "mark-trial-ready"] {
      switch machine.request(action, roles: nil) {
      case .runPhase: _ = machine.phaseChecked(errors: 0)
      case .record: break
      case .refuse(let refusal): Issue.record("\(action): \(refusal)")
      }
    }
    #expect(machine.stage == "trial-ready")
  }
}

@Suite("The default workflow's transitions")
struct DefaultWorkflowTransitionTests {
  /// Every transition of the default workflow, from each of its stages: allowed for each of
  /// its roles, refused naming its roles for every other role.
  @Test func everyTransitionIsAllowedForItsRolesAndRefusedForOthers() throws {
    let definition = try DefaultWorkflowTests.definition()
    for transition in definition.transitions {
      for from in transition.from {
        for role in definition.roles {
          var machine = WorkflowMachine(definition: definition, stage: from)
          let action = machine.request(transition.action, roles: [role])
          if transition.roles.contains(role) {
            if let phase = transition.phase {
              #expect(action == .runPhase(phase))
              _ = machine.phaseChecked(errors: 0)
            }
            #expect(machine.stage == transition.to, "\(transition.action) by \(role)")
          } else {
            #expect(
              action == .refuse(.needsRole(action: transition.action, roles: transition.roles)))
            #expect(machine.stage == from)
          }
        }
      }
    }
  }
}
