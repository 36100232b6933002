import ArgumentParser
import CaseFileKit
import Foundation

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a case to standard output.",
    discussion: """
      --as records writes the case as records JSON, which `casefile import` reads back \
      to the same records (media are referenced by file name and SHA-256).
      """)

  @OptionGroup var global: GlobalOptions

  @Option(name: .customLong("as"), help: "The output format: records.")
  var format: ExportFormat

  @Option(help: "Why you are exporting the case (recorded in the audit log).")
  var reason: String?

  @Argument(help: "The case URN.")
  var urn: String

  func run() throws {
    try reportingErrors {
      let data = try StoreCommands.exportRecords(global.context, urn: urn, reason: reason)
      FileHandle.standardOutput.write(data)
    }
  }
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
  case records
}
