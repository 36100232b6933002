import CaseStore

/// The one place submissions and receipts reach the workflow (``WorkflowCommands``): the
/// case's stage, its valid approval, and the transitions `submit`, `acknowledge` and
/// `return-with-actions` (named as in `Templates/workflow/workflow.json`).
enum SubmissionWorkflow {
  /// The stage a case must be in to be submitted.
  static let approvedStage = "approved"
  /// The transition a submission takes.
  static let submitAction = "submit"
  /// The transition an acknowledgement takes.
  static let acknowledgeAction = "acknowledge"
  /// The transition a rejection takes.
  static let rejectAction = "return-with-actions"

  /// The case's current workflow stage.
  static func stage(_ context: CaseFileContext, urn: String, options: WorkflowOptions) throws
    -> String
  {
    try WorkflowCommands.stage(context, urn: urn, options: options)
  }

  /// The case's valid approval (the approved case hash, who, when), or nil.
  static func approval(_ context: CaseFileContext, urn: String, options: WorkflowOptions) throws
    -> (hash: String, by: String, at: String)?
  {
    try WorkflowCommands.approval(context, urn: urn, options: options)
  }

  /// Applies a workflow transition; throws ``WorkflowRefused`` (exit 1) when the role,
  /// stage or rule phase does not allow it, having changed nothing.
  static func apply(
    _ context: CaseFileContext, urn: String, action: String, note: String?,
    options: WorkflowOptions
  ) throws {
    try WorkflowCommands.apply(context, urn: urn, action: action, note: note, options: options)
  }
}
