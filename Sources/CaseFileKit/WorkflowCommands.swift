import CasePackaging
import CaseStore
import CaseWorkflow
import Crypto
import Foundation

/// `casefile workflow ACTION URN` and `casefile status URN`: moving a case through the
/// workflow, guarded by roles and rule phases, with the supervisor's sign-off locked by the
/// hash of the case's records.
///
/// The hash is the SHA-256 of the case's records JSON exactly as `casefile export --as
/// records` writes it: it holds every record and no time-dependent fact, so any change to a
/// record changes it and a new day does not.
package enum WorkflowCommands {
  /// The case's current stage; an approval the records no longer match is invalidated
  /// first (the case returns to review and the move is recorded).
  package static func stage(
    _ context: CaseFileContext, urn: String, options: WorkflowOptions = WorkflowOptions()
  ) throws -> String {
    try CaseState(context, urn: urn, options: options).stage
  }

  /// The case's valid approval: the records' hash, who approved and when; nil when there is
  /// none or the records changed since.
  package static func approval(
    _ context: CaseFileContext, urn: String, options: WorkflowOptions = WorkflowOptions()
  ) throws -> (hash: String, by: String, at: String)? {
    let state = try CaseState(context, urn: urn, options: options)
    guard let signOff = state.signOff, signOff.event.caseSHA256 == state.hashes.whole else {
      return nil
    }
    return (signOff.event.caseSHA256, signOff.event.user, signOff.event.at)
  }

  /// Takes `action` on the case for the acting user: checks the role, runs the rule phase
  /// the transition needs and records the move with the records' hash.
  ///
  /// - Returns: the recorded move.
  /// - Throws: ``WorkflowRefused`` (exit 1) naming the role needed, the failing phase (with
  ///   its findings) or the stages the action is taken from; ``KitError`` for an unknown
  ///   case; ``InputError`` for a bad workflow file.
  @discardableResult
  package static func apply(
    _ context: CaseFileContext, urn: String, action: String, note: String?,
    options: WorkflowOptions = WorkflowOptions()
  ) throws -> WorkflowMove {
    let state = try CaseState(context, urn: urn, options: options)
    var machine = WorkflowMachine(definition: state.definition, stage: state.stage)
    let roles = try UsersCommands.roles(of: context.user, in: state.store)
    let move: WorkflowMove
    switch machine.request(action, roles: roles) {
    case .refuse(let refusal):
      throw try WorkflowRefused(urn: urn, refusal: refusal, user: context.user)
        .recorded(in: state.store)
    case .record(let allowed):
      move = allowed
    case .runPhase(let phase):
      let outcome = try RulesCommands.check(
        context, urn: urn, stage: phase, rulesDirectory: options.rulesDirectory,
        templatesDirectory: options.templatesDirectory, asOf: options.asOf,
        reason: "workflow \(action)")
      switch machine.phaseChecked(errors: outcome.errors) {
      case .refuse(let refusal):
        throw try WorkflowRefused(
          urn: urn, refusal: refusal, user: context.user, outcome: outcome
        ).recorded(in: state.store)
      case .record(let allowed):
        move = allowed
      }
    }
    try state.store.recordWorkflowEvent(
      WorkflowEventRecord(
        urn: urn, from: move.from, to: move.to, action: move.action, user: context.user,
        caseSHA256: state.hashes.whole, note: note),
      after: state.lastEventID, signOff: move.signOff ? state.hashes.records : nil,
      invalidatesSignOff: needsApprovalAgain(move.to, in: state.definition))
    return move
  }

  /// `true` when a case moved to `stage` must be signed off again: the start stage, or a
  /// stage a sign-off is taken from.
  static func needsApprovalAgain(_ stage: String, in definition: WorkflowDefinition) -> Bool {
    stage == definition.start
      || definition.transitions.contains { $0.isSignOff && $0.from.contains(stage) }
  }

  /// Open action items on the case: the reasons of prosecutor rejections not yet resolved
  /// (`casefile actions`), one line each.
  package static func openActions(_ context: CaseFileContext, urn: String) throws -> [String] {
    try SubmissionCommands.openActionLines(context, urn: urn)
  }

  /// Everything `casefile status` shows.
  package static func status(
    _ context: CaseFileContext, urn: String, options: WorkflowOptions = WorkflowOptions()
  ) throws -> WorkflowStatus {
    let state = try CaseState(context, urn: urn, options: options)
    let roles = try UsersCommands.roles(of: context.user, in: state.store)
    let machine = WorkflowMachine(definition: state.definition, stage: state.stage)
    var phaseErrors: [String: Int] = [:]
    var next: [WorkflowStatus.Next] = []
    for (transition, roleBlocked) in machine.options(roles: roles) {
      var blockers: [String] = []
      if roleBlocked {
        blockers.append(
          "needs the role \(transition.roles.joined(separator: " or ")) (\(context.user) does not hold it)"
        )
      }
      if let phase = transition.phase {
        if phaseErrors[phase] == nil {
          phaseErrors[phase] =
            try RulesCommands.check(
              context, urn: urn, stage: phase, rulesDirectory: options.rulesDirectory,
              templatesDirectory: options.templatesDirectory, asOf: options.asOf,
              reason: "workflow status"
            ).errors
        }
        if let errors = phaseErrors[phase], errors > 0 {
          blockers.append(
            "the \(phase) rules have \(errors) error\(errors == 1 ? "" : "s") (`casefile check \(urn) --stage \(phase)`)"
          )
        }
      }
      next.append(
        WorkflowStatus.Next(
          action: transition.action, to: transition.to, roles: transition.roles,
          phase: transition.phase, blockers: blockers))
    }
    let events = try state.store.workflowEvents(urn: urn)
    var invalidation: WorkflowStatus.Invalidation?
    if let last = events.last, last.action == WorkflowMachine.invalidateAction {
      invalidation = WorkflowStatus.Invalidation(
        at: last.at, changed: (last.note ?? "").split(separator: " ").map(String.init))
    }
    let approval = state.signOff.map {
      WorkflowStatus.Approval(hash: $0.event.caseSHA256, by: $0.event.user, at: $0.event.at)
    }
    return WorkflowStatus(
      urn: urn, workflow: state.definition.name, stage: state.stage,
      recordsSHA256: state.hashes.whole,
      rolesEnforced: roles != nil,
      history: events.map {
        WorkflowStatus.Event(
          at: $0.at, user: $0.user, action: $0.action, from: $0.from, to: $0.to,
          sha256: $0.caseSHA256, note: $0.note)
      },
      approval: approval, invalidated: invalidation,
      openActions: try openActions(context, urn: urn), next: next)
  }
}

/// A case's workflow state as read from the store, with a stale approval already
/// invalidated.
struct CaseState {
  let definition: WorkflowDefinition
  let store: SQLiteCaseStore
  let hashes: RecordHashes
  private(set) var stage: String
  private(set) var lastEventID: Int64?
  /// The valid sign-off, if any.
  private(set) var signOff: SignOffRecord?

  init(_ context: CaseFileContext, urn: String, options: WorkflowOptions) throws {
    definition = try WorkflowLoader.load(options)
    store = try context.openStore()
    let record = try StoreCommands.load(store, urn: urn)
    hashes = try RecordHashes(record)
    let events = try store.workflowEvents(urn: urn)
    stage = events.last?.to ?? definition.start
    lastEventID = events.last?.id
    signOff = try store.currentSignOff(urn: urn)
    guard let current = signOff, current.event.caseSHA256 != hashes.whole else { return }
    var machine = WorkflowMachine(definition: definition, stage: stage)
    let changes = hashes.changes(since: current.recordHashes)
    let move: WorkflowMove? =
      if case .invalidate(let move) = machine.recordsChanged() { move } else { nil }
    let note = changes.isEmpty ? "records" : changes.joined(separator: " ")
    lastEventID = try store.recordWorkflowEvent(
      WorkflowEventRecord(
        urn: urn, from: move?.from ?? stage, to: move?.to ?? stage,
        action: WorkflowMachine.invalidateAction, user: context.user,
        caseSHA256: hashes.whole, note: note),
      after: lastEventID, invalidatesSignOff: true)
    stage = move?.to ?? stage
    signOff = nil
  }
}

/// The SHA-256 of a case's records JSON, whole and per record.
struct RecordHashes {
  /// The hash of the whole records JSON (`casefile export --as records`).
  let whole: String
  /// The hash of each record, keyed `kind/id`; the case's own fields are `case/fields`.
  let records: [String: String]

  init(_ record: CaseRecord) throws {
    let data = try RecordsFormat.encode(RecordsDocument(cases: [record]))
    whole = Self.sha256(Data(data))
    var records: [String: String] = [:]
    let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let cases = document?["cases"] as? [[String: Any]] ?? []
    var fields: [String: Any] = [:]
    for (key, value) in cases.first ?? [:] {
      if let list = value as? [[String: Any]] {
        for (index, item) in list.enumerated() {
          let id = item["id"] as? String ?? "#\(index)"
          records["\(key)/\(id)"] = Self.sha256(
            try JSONSerialization.data(withJSONObject: item, options: [.sortedKeys]))
        }
      } else {
        fields[key] = value
      }
    }
    records["case/fields"] = Self.sha256(
      try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]))
    self.records = records
  }

  /// What differs from `earlier`: `changed:kind/id`, `added:kind/id`, `removed:kind/id`.
  func changes(since earlier: [String: String]) -> [String] {
    var changes: [String] = []
    for key in Set(records.keys).union(earlier.keys).sorted() {
      switch (earlier[key], records[key]) {
      case (nil, .some): changes.append("added:\(key)")
      case (.some, nil): changes.append("removed:\(key)")
      case (.some(let before), .some(let now)) where before != now:
        changes.append("changed:\(key)")
      default: break
      }
    }
    return changes
  }

  /// The lowercase hex SHA-256 of `data`.
  static func sha256(_ data: Data) -> String {
    hex(SHA256.hash(data: data))
  }
}
