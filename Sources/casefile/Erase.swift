import ArgumentParser
import CaseFileKit
import Foundation

struct Erase: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Erase a case for good: its records, personal data and unshared media.",
    discussion: """
      Deletes the case's records (not hides them), overwrites the text of its action \
      items, deletes media files no other case uses, purges the search index, appends a \
      tombstone to the audit log (counts only), then vacuums the database and truncates its \
      write-ahead log so the erased bytes are gone from the files. History that holds only \
      identifiers and hashes (workflow events, bundles built, submissions, the audit log) \
      stays. When users are registered only a supervisor may erase. Bundles already written \
      to disk are not touched.

      Exit codes: 0 erased, 1 refused (role), 64 usage error, 65 no such case (for \
      example, already erased).
      """)

  @OptionGroup var global: GlobalOptions

  @Option(help: "Why the case is erased (required; recorded in the audit log).")
  var reason: String

  @Argument(help: "The case URN.")
  var urn: String

  func validate() throws {
    if reason.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("give the reason for the erasure")
    }
  }

  func run() throws {
    try reportingErrors {
      print(try EraseCommands.erase(global.context, urn: urn, reason: reason))
    }
  }
}
