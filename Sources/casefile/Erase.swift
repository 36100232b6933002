import ArgumentParser
import CaseFileKit
import Foundation

struct Erase: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Erase a case, or one person's data in it, for good.",
    discussion: """
      Deletes the case's records (not hides them), overwrites the text of its action \
      items, deletes media files no other case uses, purges the search index, appends a \
      tombstone to the audit log (counts only), then vacuums the database and truncates its \
      write-ahead log so the erased bytes are gone from the files. History that holds only \
      identifiers and hashes (workflow events, bundles built, submissions, the audit log) \
      stays. When users are registered only a supervisor may erase. Bundles already written \
      to disk are not touched.

      With --person ID only that person's personal data is erased: name (it becomes \
      "[erased]"), aliases, date of birth, gender, address, telephone, email, occupation, \
      and their witness record's dates to avoid and special measures. Their statements and \
      the rest of the case stay; a defendant cannot be erased this way (erase the case).

      Exit codes: 0 erased, 1 refused (role), 64 usage error (a defendant), 65 no such \
      case or person (for example, already erased).
      """)

  @OptionGroup var global: GlobalOptions

  @Option(help: "Why the case is erased (required; recorded in the audit log).")
  var reason: String

  @Option(help: "Erase only this person's personal data (their id in the case, such as P2).")
  var person: String?

  @Argument(help: "The case URN.")
  var urn: String

  func validate() throws {
    if reason.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("give the reason for the erasure")
    }
  }

  func run() throws {
    try reportingErrors {
      if let person {
        print(
          try EraseCommands.erasePerson(global.context, urn: urn, person: person, reason: reason))
      } else {
        print(try EraseCommands.erase(global.context, urn: urn, reason: reason))
      }
    }
  }
}
