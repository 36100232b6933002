import ArgumentParser
import CaseFileKit

struct CaseGroup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "case", abstract: "List and show the cases in the store.",
    subcommands: [List.self, Show.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the cases in the store.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Output format.") var format: OutputFormat = .text

    func run() throws {
      try reportingErrors {
        let cases = try StoreCommands.listCases(global.context)
        switch format {
        case .text: print(Rendering.caseTable(cases), terminator: "")
        case .json: print(try Rendering.json(cases), terminator: "")
        }
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show one case with all its records.",
      discussion: "The read is recorded in the audit log.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Output format.") var format: OutputFormat = .text
    @Option(help: "Why you are looking at the case (recorded in the audit log).") var reason:
      String?
    @Argument(help: "The case URN.") var urn: String

    func run() throws {
      try reportingErrors {
        let record = try StoreCommands.showCase(global.context, urn: urn, reason: reason)
        switch format {
        case .text: print(CaseText.render(record), terminator: "")
        case .json: print(try Rendering.json(record), terminator: "")
        }
      }
    }
  }
}
