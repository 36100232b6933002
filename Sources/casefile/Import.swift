import ArgumentParser
import CaseFileKit
import CaseStore

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import records JSON or DCF JSON files into the store.",
    discussion: """
      Each file is all or nothing: it is read, validated and checked in full, its media \
      streamed into the media store, and its cases saved in one transaction. A bad file \
      changes nothing; the other files are still imported, and the exit code is 65.
      """)

  @OptionGroup var global: GlobalOptions

  @Option(name: .customLong("as"), help: "The input format (default: detected from each file).")
  var format: InputFormatArgument?

  @Flag(help: "Replace a case already in the store instead of refusing it.")
  var replace = false

  @Option(help: "The DCF 1.2.2 reference directory (default: $CASEFILE_DCF_DIR).")
  var dcfDir: String?

  @Flag(
    help: """
      Print where the time went on standard error: the whole import, saving, and within \
      saving the audit log and the search index, with their shares.
      """)
  var timings = false

  @Argument(help: "The files to import.")
  var files: [String]

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one file to import") }
  }

  func run() throws {
    try reportingErrors {
      var context = global.context
      context.dcfDirectory = dcfDir
      let showProgress = standardErrorIsTerminal && files.count > 1
      let outcome = try ImportCommands.importFiles(
        context, files: files, format: format?.format, replace: replace,
        progress: { line in if showProgress { printError(line) } })
      for result in outcome.imported {
        print(Rendering.importLine(result))
        for note in result.notes { print("  note: \(note)") }
      }
      for error in outcome.failed {
        printFailure(error)
      }
      if timings { printError(Rendering.timingsLine(outcome)) }
      if let first = outcome.failed.first {
        printError(
          "casefile: \(outcome.failed.count) of \(files.count) files refused; nothing from them was stored"
        )
        throw ExitCode(ExitStatus.of(first).rawValue)
      }
    }
  }
}

/// `--as records|dcf`.
struct InputFormatArgument: ExpressibleByArgument {
  var format: InputFormat

  init?(argument: String) {
    guard let format = InputFormat(rawValue: argument) else { return nil }
    self.format = format
  }

  static var allValueStrings: [String] { InputFormat.allCases.map(\.rawValue) }
}
