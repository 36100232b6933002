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

  @Argument(help: "The case URN.")
  var urn: String

  func validate() throws {
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
      switch format {
      case .xml:
        let date =
          try asOf.flatMap(CaseDocumentCommands.asOfDate)
          ?? CaseDocumentCommands.todayUTC()
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
