import ArgumentParser
import CaseFileKit

/// `casefile inspect`: shows what a bag holds.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show a bag's bag-info, manifests, signature and files.",
    discussion: """
      Reads the bag as verify does (with the same refusals) and lists it. The exit code \
      does not depend on validity: 0 listed, 65 unreadable or refused archive, 74 I/O error.
      """)

  @Option(help: "Output format: text or json.")
  var format: BagReportFormat = .text

  @Argument(help: "The bag archive or directory.")
  var path: String

  func run() throws {
    try reportingErrors {
      print(try BundleCommands.inspectOutput(path: path, json: format == .json), terminator: "")
    }
  }
}
