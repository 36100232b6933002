import ArgumentParser
import CaseFileKit
import Foundation

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a case to standard output.",
    discussion: """
      --as xml (the default) writes the canonical case document, checked against \
      Schemas/case-document-v1.xsd (namespace urn:casefile:case-document:1): every record \
      of the case with stable ids and cross-references, and the facts computed for the \
      --as-of date (ages, six-month and custody time limits, unused material schedules). \
      The same store and the same --as-of date give the same bytes. The bank holidays for \
      custody time limits come from calendar/bank-holidays-england-wales.json in the \
      Templates directory (--templates DIR, else $CASEFILE_TEMPLATES, else found beside \
      casefile).

      --as records writes the case as records JSON, which `casefile import` reads back \
      to the same records (media are referenced by file name and SHA-256).

      --all --out DIR writes the case document of every case in the store to DIR/URN.xml \
      (each file complete or absent) and prints the number written.
      """)

  @OptionGroup var global: GlobalOptions

  @Option(name: .customLong("as"), help: "The output format.")
  var format: ExportFormat = .xml

  @Option(
    name: .customLong("as-of"),
    help: "The date the case document's facts are computed for, YYYY-MM-DD (default: today, UTC)."
  )
  var asOf: String?

  @Option(help: "casefile's Templates directory, to use a force's own copy.")
  var templates: String?

  @Option(help: "Why you are exporting the case (recorded in the audit log).")
  var reason: String?

  @Flag(help: "Export the case document of every case (needs --out).")
  var all = false

  @Option(help: "With --all: the directory to write URN.xml files into.")
  var out: String?

  @Argument(help: "The case URN.")
  var urn: String?

  func validate() throws {
    switch (urn, all) {
    case (nil, false): throw ValidationError("give a case URN, or --all --out DIR")
    case (.some, true): throw ValidationError("give a case URN or --all, not both")
    case (nil, true):
      guard out != nil else { throw ValidationError("--all needs --out DIR") }
      guard format == .xml else { throw ValidationError("--all writes case documents (--as xml)") }
    case (.some, false):
      guard out == nil else { throw ValidationError("--out applies to --all only") }
    }
    if let asOf {
      guard CaseDocumentCommands.asOfDate(asOf) != nil else {
        throw ValidationError("--as-of \(asOf) is not a real date written YYYY-MM-DD")
      }
      guard format == .xml else {
        throw ValidationError("--as-of applies to --as xml only")
      }
    }
  }

  func run() throws {
    try reportingErrors {
      let date =
        try asOf.flatMap(CaseDocumentCommands.asOfDate) ?? CaseDocumentCommands.todayUTC()
      guard let urn else {
        let written = try CaseDocumentCommands.exportAllDocuments(
          global.context, to: out ?? ".", asOf: date, templatesDirectory: templates,
          reason: reason
        ) { done, total in
          if standardErrorIsTerminal { printError("\rexported \(done)/\(total)", terminator: "") }
        }
        if standardErrorIsTerminal { printError("") }
        print("exported \(written.count) case documents to \(out ?? ".")")
        return
      }
      switch format {
      case .xml:
        let bytes = try CaseDocumentCommands.exportDocument(
          global.context, urn: urn, asOf: date, templatesDirectory: templates, reason: reason)
        FileHandle.standardOutput.write(Data(bytes))
      case .records:
        let data = try StoreCommands.exportRecords(global.context, urn: urn, reason: reason)
        FileHandle.standardOutput.write(data)
      }
    }
  }
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
  case xml
  case records
}
