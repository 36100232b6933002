import ArgumentParser
import CaseFileKit

struct Actions: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "actions",
    abstract: "A case's action items from rejected submissions.",
    discussion: """
      `casefile actions URN` lists them (A1, A2, …), open and resolved; `casefile actions \
      resolve URN A1 [--note TEXT]` resolves one. A case with open actions cannot be \
      submitted again.
      """,
    subcommands: [List.self, Resolve.self], defaultSubcommand: List.self)

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List a case's action items.",
      discussion: "Exit codes: 0 listed, 64 usage error, 65 unknown case, 74 I/O error.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Only the open ones.")
    var open = false

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Argument(help: "The case URN.")
    var urn: String

    func run() throws {
      try reportingErrors {
        let context = global.context
        let actions =
          open
          ? try SubmissionCommands.openActions(context, urn: urn)
          : try SubmissionCommands.actions(context, urn: urn)
        print(
          try SubmissionRendering.actions(actions, urn: urn, json: format == .json),
          terminator: "")
      }
    }
  }

  struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Resolve one open action item.",
      discussion: """
        Exit codes: 0 resolved, 64 usage error, 65 no such open action of the case, 74 I/O \
        error.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "What was done (recorded with the action and in the audit log).")
    var note: String?

    @Argument(help: "The case URN.")
    var urn: String

    @Argument(help: "The action id, as listed (A1 or 1).")
    var action: String

    func run() throws {
      try reportingErrors {
        try SubmissionCommands.resolveAction(global.context, urn: urn, id: action, note: note)
        print("A\(action.hasPrefix("A") ? String(action.dropFirst()) : action) resolved")
      }
    }
  }
}
