import ArgumentParser
import CaseFileKit

struct Schema: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema", abstract: "Work with XML Schema (XSD) sets.",
    subcommands: [Validate.self])

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate XML files against an XSD schema set.",
      discussion: """
        The schema's includes and imports are read from local files only: relative paths, \
        and an XML catalog (catalog.xml beside the schema, or --catalog) for URIs. Nothing \
        is fetched from the network; a DOCTYPE in a validated file is refused. Every issue \
        is printed as file:line:col: message. Exit 0 when every file is valid, 1 when any \
        is invalid, 65 when the schema or any file cannot be read or is not well-formed.
        """)

    @Option(help: "The main XSD file of the schema set.")
    var schema: String

    @Option(help: "An OASIS XML catalog mapping schema URIs to local files.")
    var catalog: String?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @Argument(help: "The XML files to validate.")
    var files: [String]

    func validate() throws {
      if files.isEmpty { throw ValidationError("give at least one XML file") }
    }

    func run() throws {
      try reportingErrors {
        let report = try SchemaCommands.validate(schema: schema, catalog: catalog, files: files)
        switch format {
        case .text: print(Rendering.schemaText(report), terminator: "")
        case .json: print(try Rendering.json(report), terminator: "")
        }
        if report.summary.unreadable > 0 { throw ExitCode(ExitStatus.badInput.rawValue) }
        if report.summary.invalid > 0 { throw ExitCode(ExitStatus.no.rawValue) }
      }
    }
  }
}
