import CaseFileKit
import Foundation
import Testing

/// The workflow fixture: the check fixture's store and test pack, run as a given user.
struct WorkflowFixture {
  let check: CheckFixture
  var urn: String { CheckFixture.clean }

  init() throws { check = try CheckFixture() }

  func run(_ arguments: [String], as user: String) throws -> BinaryRun {
    try runCasefile(arguments + check.store + ["--user", user])
  }

  func workflow(_ action: String, _ urn: String, as user: String) throws -> BinaryRun {
    try run(
      ["workflow", action, urn, "--rules", check.rules.path, "--as-of", "2026-12-05"], as: user)
  }

  func status(_ urn: String, as user: String, json: Bool = false) throws -> BinaryRun {
    try run(
      ["status", urn, "--rules", check.rules.path, "--as-of", "2026-12-05"]
        + (json ? ["--format", "json"] : []), as: user)
  }

  func statusObject(_ urn: String, as user: String) throws -> [String: Any] {
    let run = try status(urn, as: user, json: true)
    #expect(run.status == 0, "\(run.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
  }

  func registerUsers() throws {
    for (name, role) in [
      ("sam", "supervisor"), ("cara", "case-builder"), ("dev", "disclosure-officer"),
    ] {
      let added = try run(["users", "add", name, "--role", role], as: "sam")
      #expect(added.status == 0, "\(added.stderr)")
    }
  }
}

@Suite("casefile workflow, users and status")
struct WorkflowCommandTests {
  @Test func aNewCaseIsADraftAndRolesAreNotEnforcedWithoutUsers() throws {
    let fixture = try WorkflowFixture()
    let status = try fixture.status(fixture.urn, as: "anyone")
    #expect(status.status == 0, "\(status.stderr)")
    #expect(status.stdout.hasPrefix("20BH0231926: stage draft (workflow casefile-default)\n"))
    #expect(status.stdout.contains("roles: not enforced"))
    #expect(status.stdout.contains("  submit-for-review -> ready-for-review: allowed\n"))
    let list = try fixture.run(["users", "list"], as: "anyone")
    #expect(list.stdout.contains("no users registered: roles are not enforced"))
  }

  @Test func onlyASupervisorManagesUsersOnceOneExists() throws {
    let fixture = try WorkflowFixture()
    let first = try fixture.run(["users", "add", "cara", "--role", "case-builder"], as: "cara")
    #expect(first.status == 64)
    #expect(first.stderr.contains("the first user must hold the supervisor role"))
    try fixture.registerUsers()
    let refused = try fixture.run(["users", "add", "eve", "--role", "supervisor"], as: "cara")
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("needs the role supervisor"), "\(refused.stderr)")
    // The denial is recorded: who, what was refused and why, in codes.
    let log = try runCasefile(
      ["audit", "log", "--user", "cara", "--format", "json"] + fixture.check.store)
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
    #expect(entries.last?["action"] as? String == "refused")
    #expect(entries.last?["detail"] as? String == "refusal=needs-role users add")
    let unknown = try fixture.run(["users", "add", "eve", "--role", "sergeant"], as: "sam")
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("unknown role \"sergeant\""))
    let list = try fixture.run(["users", "list"], as: "anyone")
    #expect(
      list.stdout == """
        NAME  ROLES
        cara  case-builder
        dev   disclosure-officer
        sam   supervisor

        """)
  }

  /// Draft → review → approved by a supervisor → a record edited → back to review, and the
  /// status says which record changed.
  @Test func anEditAfterApprovalReturnsTheCaseToReviewAndSaysWhatChanged() throws {
    let fixture = try WorkflowFixture()
    try fixture.registerUsers()
    let urn = fixture.urn

    let review = try fixture.workflow("submit-for-review", urn, as: "cara")
    #expect(review.status == 0, "\(review.stderr)")
    #expect(review.stdout == "\(urn): submit-for-review: draft -> ready-for-review\n")

    let wrongRole = try fixture.workflow("approve", urn, as: "cara")
    #expect(wrongRole.status == 1)
    #expect(wrongRole.stderr.contains("approve needs the role supervisor"), "\(wrongRole.stderr)")
    #expect(try fixture.statusObject(urn, as: "cara")["stage"] as? String == "ready-for-review")

    let approve = try fixture.workflow("approve", urn, as: "sam")
    #expect(approve.status == 0, "\(approve.stderr)")
    var status = try fixture.statusObject(urn, as: "sam")
    #expect(status["stage"] as? String == "approved")
    let approval = try #require(status["approval"] as? [String: Any])
    #expect(approval["by"] as? String == "sam")
    #expect(approval["hash"] as? String == status["recordsSHA256"] as? String)
    // A new day does not invalidate the approval.
    let later = try fixture.run(
      ["status", urn, "--rules", fixture.check.rules.path, "--as-of", "2027-01-10"], as: "sam")
    #expect(later.stdout.contains("stage approved"), "\(later.stdout)")

    let notDisclosure = try fixture.run(
      [
        "unused", "add", urn, "--description", "CCTV canvass log", "--sensitivity", "non-sensitive",
      ],
      as: "cara")
    #expect(notDisclosure.status == 1)
    #expect(notDisclosure.stderr.contains("needs the role disclosure-officer"))
    #expect(try fixture.statusObject(urn, as: "sam")["stage"] as? String == "approved")

    let edit = try fixture.run(
      [
        "unused", "add", urn, "--description", "CCTV canvass log", "--sensitivity", "non-sensitive",
      ],
      as: "dev")
    #expect(edit.status == 0, "\(edit.stderr)")
    let id = try #require(edit.stdout.split(separator: " ").dropFirst(3).first)

    status = try fixture.statusObject(urn, as: "sam")
    #expect(status["stage"] as? String == "ready-for-review")
    #expect(status["approval"] == nil)
    let invalidated = try #require(status["invalidated"] as? [String: Any])
    #expect(invalidated["changed"] as? [String] == ["added:unused/\(id)"])
    let history = try #require(status["history"] as? [[String: Any]])
    #expect(
      history.map { $0["action"] as? String } == [
        "submit-for-review", "approve", "approval-invalidated",
      ])
    #expect(history.map { $0["user"] as? String }.prefix(2) == ["cara", "sam"])
    let text = try fixture.status(urn, as: "sam")
    #expect(text.stdout.contains("approval invalidated at "))
    #expect(text.stdout.contains("  added:unused/\(id)\n"))

    let again = try fixture.workflow("approve", urn, as: "sam")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try fixture.statusObject(urn, as: "sam")["stage"] as? String == "approved")
  }

  @Test func aFailingPhaseRefusesWithTheFindingsAndRecordsNothing() throws {
    let fixture = try WorkflowFixture()
    let run = try fixture.workflow("submit-for-review", CheckFixture.failing, as: "anyone")
    #expect(run.status == 1)
    #expect(run.stdout.contains("T-CHARGED"))
    #expect(run.stderr.contains("needs the first-hearing rules to pass"), "\(run.stderr)")
    let status = try fixture.statusObject(CheckFixture.failing, as: "anyone")
    #expect(status["stage"] as? String == "draft")
    #expect((status["history"] as? [Any])?.isEmpty == true)
    let next = try #require(status["next"] as? [[String: Any]])
    #expect((next.first?["blockers"] as? [String])?.first?.contains("first-hearing rules") == true)
  }

  @Test func anActionFromTheWrongStageNamesTheStages() throws {
    let fixture = try WorkflowFixture()
    let run = try fixture.workflow("approve", fixture.urn, as: "anyone")
    #expect(run.status == 1)
    #expect(
      run.stderr.contains("approve cannot be taken from stage draft; only from ready-for-review"))
    let unknown = try fixture.workflow("publish", fixture.urn, as: "anyone")
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("no action \"publish\""))
  }

  @Test func aBadWorkflowFileIsBadInputNamingThePath() throws {
    let fixture = try WorkflowFixture()
    let original = try String(
      contentsOf: packageRoot.appendingPathComponent("Templates/workflow/workflow.json"),
      encoding: .utf8)
    let broken = original.replacingOccurrences(
      of: #""to": "trial-ready""#, with: #""to": "trial-redy""#)
    let file = fixture.check.directory.url.appendingPathComponent("workflow.json")
    try Data(broken.utf8).write(to: file)
    let run = try fixture.run(
      [
        "workflow", "submit-for-review", fixture.urn, "--workflow", file.path, "--rules",
        fixture.check.rules.path,
      ], as: "anyone")
    #expect(run.status == 65)
    #expect(run.stderr.contains("$.transitions[8].to: no stage \"trial-redy\""), "\(run.stderr)")
    #expect(run.stderr.contains("unreachable-stage"))
    #expect(try fixture.statusObject(fixture.urn, as: "anyone")["history"] as? [Any] != nil)
  }
}

/// The kit API the submissions work calls, in process.
@Suite("WorkflowCommands API")
struct WorkflowCommandsAPITests {
  @Test func stageApprovalAndApplyFollowTheRecords() throws {
    let fixture = try WorkflowFixture()
    let urn = fixture.urn
    let options = WorkflowOptions(
      rulesDirectory: fixture.check.rules.path, asOf: CaseDocumentCommands.asOfDate("2026-12-05"))
    let context = CaseFileContext(store: fixture.check.directory.store, user: "sam")
    #expect(try WorkflowCommands.stage(context, urn: urn, options: options) == "draft")
    #expect(try WorkflowCommands.approval(context, urn: urn, options: options) == nil)
    try WorkflowCommands.apply(
      context, urn: urn, action: "submit-for-review", note: "ready", options: options)
    try WorkflowCommands.apply(context, urn: urn, action: "approve", note: nil, options: options)
    #expect(try WorkflowCommands.stage(context, urn: urn, options: options) == "approved")
    let approval = try #require(try WorkflowCommands.approval(context, urn: urn, options: options))
    #expect(approval.by == "sam")
    #expect(approval.hash.count == 64)
    #expect(throws: WorkflowRefused.self) {
      try WorkflowCommands.apply(context, urn: urn, action: "approve", note: nil, options: options)
    }
    let edited = try runCasefile(
      [
        "unused", "add", urn, "--description", "Door-to-door log", "--sensitivity",
        "non-sensitive",
      ] + fixture.check.store)
    #expect(edited.status == 0, "\(edited.stderr)")
    #expect(try WorkflowCommands.approval(context, urn: urn, options: options) == nil)
    #expect(try WorkflowCommands.stage(context, urn: urn, options: options) == "ready-for-review")
    #expect(try WorkflowCommands.openActions(context, urn: urn).isEmpty)
  }
}

@Suite("casefile workflow validate")
struct WorkflowValidateCommandTests {
  @Test func theDefaultWorkflowIsValid() throws {
    let run = try runCasefile(["workflow", "validate"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasSuffix("workflow/workflow.json: valid\n"))
  }

  @Test func aBrokenWorkflowExitsOneWithEachProblemsPath() throws {
    let directory = try TemporaryDirectory()
    let file = directory.url.appendingPathComponent("force.json")
    let original = try String(
      contentsOf: packageRoot.appendingPathComponent("Templates/workflow/workflow.json"),
      encoding: .utf8)
    try Data(
      original.replacingOccurrences(
        of: #""roles": ["supervisor"], "signOff""#,
        with: #""roles": ["sergeant"], "signOff""#
      ).replacingOccurrences(of: #""phase": "trial""#, with: #""phase": "upgrade""#).utf8
    ).write(to: file)
    let run = try runCasefile(["workflow", "validate", "--workflow", file.path])
    #expect(run.status == 1)
    #expect(
      run.stdout == """
        \(file.path): $.transitions[2].roles[0]: role "sergeant" is not declared in $.roles [unknown-role]
        \(file.path): $.transitions[8].phase: the rule pack has no phase "upgrade"; its phases are pre-charge, first-hearing, trial [unknown-phase]

        """)
  }

  @Test func malformedJSONIsAProblemToo() throws {
    let directory = try TemporaryDirectory()
    let file = directory.url.appendingPathComponent("force.json")
    try Data(#"{"name": "x", "roles": [}"#.utf8).write(to: file)
    let run = try runCasefile(["workflow", "validate", "--workflow", file.path])
    #expect(run.status == 1)
    #expect(run.stdout.contains("$: the file is not well-formed JSON"), "\(run.stdout)")
  }
}
