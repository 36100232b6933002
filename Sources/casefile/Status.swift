import ArgumentParser
import CaseFileKit

struct Status: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a case's workflow stage, history, open actions and next steps.",
    discussion: """
      Shows the stage, who did what and when, the approval (or what changed since it was \
      invalidated), open action items, and each transition from the stage with what \
      blocks it for the acting user (a role, failing rules). Reading the status notices \
      a change to the records after sign-off and returns the case to review (recorded).

      Exit codes: 0 shown, 64 usage error, 65 unknown case or bad workflow file.
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var files: WorkflowFileOptions

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @Argument(help: "The case URN.")
  var urn: String

  func run() throws {
    try reportingErrors {
      let status = try WorkflowCommands.status(global.context, urn: urn, options: files.kit)
      switch format {
      case .text: print(status.text, terminator: "")
      case .json: print(try Rendering.json(status), terminator: "")
      }
    }
  }
}
