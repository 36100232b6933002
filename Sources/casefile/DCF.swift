import ArgumentParser
import CaseFileKit

struct DCF: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dcf", abstract: "Work with national Digital Case File (DCF 1.2.2) JSON.",
    subcommands: [Validate.self])

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check DCF files against the DCF schema and business rules, importing nothing.",
      discussion: """
        Reports every problem with its JSON path and rule name. Exit 0 when every file \
        is valid, 1 when any is invalid, 65 when any cannot be read or parsed.
        """)

    @Option(help: "The DCF 1.2.2 reference directory (default: $CASEFILE_DCF_DIR).")
    var dcfDir: String?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @Argument(help: "The DCF JSON files.")
    var files: [String]

    func validate() throws {
      if files.isEmpty { throw ValidationError("give at least one DCF file") }
    }

    func run() throws {
      try reportingErrors {
        let context = CaseFileContext(store: nil, user: nil, dcfDirectory: dcfDir)
        let reports = try ImportCommands.validateDCF(context, files: files)
        switch format {
        case .text: print(Rendering.dcfText(reports), terminator: "")
        case .json: print(try Rendering.json(reports), terminator: "")
        }
        if reports.contains(where: { !$0.readable }) {
          throw ExitCode(ExitStatus.badInput.rawValue)
        }
        if reports.contains(where: { !$0.valid }) { throw ExitCode(ExitStatus.no.rawValue) }
      }
    }
  }
}
