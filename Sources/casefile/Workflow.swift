import ArgumentParser
import CaseFileKit
import CaseWorkflow
import Foundation

/// The options that say which workflow and rule pack a workflow command uses.
struct WorkflowFileOptions: ParsableArguments {
  @Option(help: "A force's own workflow file (default: workflow/workflow.json in Templates).")
  var workflow: String?

  @OptionGroup var pack: PackOptions

  @Option(
    name: .customLong("as-of"),
    help: "The date the rule phases are checked for, YYYY-MM-DD (default: today, UTC).")
  var asOf: String?

  func validate() throws {
    if let asOf, CaseDocumentCommands.asOfDate(asOf) == nil {
      throw ValidationError("--as-of \(asOf) is not a real date written YYYY-MM-DD")
    }
  }

  var kit: WorkflowOptions {
    WorkflowOptions(
      workflowFile: workflow, rulesDirectory: pack.rules, templatesDirectory: pack.templates,
      asOf: asOf.flatMap(CaseDocumentCommands.asOfDate))
  }
}

struct Workflow: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Move a case through the workflow, or check a workflow file.",
    discussion: """
      `casefile workflow ACTION URN` takes an action (the `take` subcommand is the default); \
      `casefile workflow validate [--workflow FILE]` checks a force's workflow file.
      """,
    subcommands: [Take.self, Validate.self], defaultSubcommand: Take.self)

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a workflow file (stages, transitions, roles, phases).",
      discussion: """
        Exit codes: 0 the file may be used, 1 it has problems (one line each: file, JSON \
        path, message, problem kind), 64 usage error, 65 the file cannot be read.
        """)

    @Option(help: "The workflow file (default: workflow/workflow.json in Templates).")
    var workflow: String?

    @Option(help: "casefile's Templates directory, to use a force's own copy.")
    var templates: String?

    func run() throws {
      try reportingErrors {
        let result = try WorkflowLoader.validate(
          WorkflowOptions(workflowFile: workflow, templatesDirectory: templates))
        guard result.problems.isEmpty else {
          for line in result.problems { print(line) }
          throw ExitCode(ExitStatus.no.rawValue)
        }
        print("\(result.file): valid")
      }
    }
  }
}

struct Take: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Take a workflow action on a case (submit-for-review, approve, return, ...).",
    discussion: """
      Takes ACTION on the case as the acting user (--user): the workflow (Templates/\
      workflow/workflow.json or --workflow FILE) says from which stages the action may be \
      taken, the stage it moves to, the roles allowed and the rule phase that must pass \
      (no error findings). The move is recorded with who, when and the SHA-256 of the \
      case's records. `approve` is the supervisor's sign-off: any later change to the \
      records returns the case to ready-for-review.

      Exit codes: 0 moved, 1 refused (the message names the role needed, the stages the \
      action is taken from, or the failing phase, whose findings are printed), 64 usage \
      error, 65 unknown case or bad workflow file.
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var files: WorkflowFileOptions

  @Option(help: "A note recorded with the move.")
  var note: String?

  @Argument(help: "The action, such as submit-for-review, approve or return.")
  var action: String

  @Argument(help: "The case URN.")
  var urn: String

  func run() throws {
    try reportingErrors {
      do {
        let move = try WorkflowCommands.apply(
          global.context, urn: urn, action: action, note: note, options: files.kit)
        print("\(urn): \(move.action): \(move.from) -> \(move.to)")
      } catch let refused as WorkflowRefused {
        if let outcome = refused.outcome {
          FileHandle.standardOutput.write(Data(try Rendering.check(outcome, as: .text)))
        }
        throw refused
      }
    }
  }
}
