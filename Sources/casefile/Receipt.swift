import ArgumentParser
import CaseFileKit

struct Receipt: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "receipt",
    abstract: "Receipts from the prosecutor: acknowledgements and rejections.",
    subcommands: [Import.self])

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import an acknowledgement or rejection (Schemas/receipt-v1.xsd).",
      discussion: """
        The receipt must be valid against receipt-v1.xsd and answer the latest submission \
        of its case, naming that submission's id, URN and bundle SHA-256; a receipt \
        already imported (same message id or same bytes) is refused. An acknowledgement \
        moves the case to acknowledged; a rejection to returned-with-actions, each reason \
        becoming an open action item (`casefile actions URN`).

        Exit codes: 0 imported, 64 usage error, 65 refused (malformed or invalid receipt, \
        unknown submission, tampered, replayed; nothing changed), 74 I/O error.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Argument(help: "The receipt file.")
    var file: String

    func run() throws {
      try reportingErrors {
        let imported = try ReceiptCommands.importReceipt(global.context, file: file)
        print(try SubmissionRendering.imported(imported, json: format == .json), terminator: "")
      }
    }
  }
}
