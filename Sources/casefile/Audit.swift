import ArgumentParser
import CaseFileKit
import Foundation

struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read, check and export the hash-chained audit log.",
    discussion: """
      Every write, build, submission and workflow step appends an entry (who, when, what \
      by record id, why). Each entry holds the SHA-256 of the one before it, so an edited, \
      deleted, reordered or inserted entry is detected by `audit verify`.
      """,
    subcommands: [Log.self, Verify.self, Export.self])

  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show audit entries.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("for-user"), help: "Only entries by this user.")
    var forUser: String?

    @Option(help: "Only entries at or after this UTC date (YYYY-MM-DD) or timestamp.")
    var since: String?

    @Option(help: "Output format: text or json.")
    var format: BagReportFormat = .text

    @Argument(help: "Only entries for this case.")
    var urn: String?

    func run() throws {
      try reportingErrors {
        let records = try AuditCommands.log(
          global.context, filter: .init(urn: urn, user: forUser, since: since))
        print(
          format == .json ? AuditRendering.json(records) : AuditRendering.text(records),
          terminator: "")
      }
    }
  }

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the audit log's hash chain.",
      discussion: """
        Exit 0 when the chain is intact; 1 naming the first broken entry. Entries removed \
        from the end leave no trace in the log: give the count and head from an earlier \
        check (--expect-count, --expect-head) to detect that.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The number of entries the log held at an earlier check.")
    var expectCount: Int64?

    @Option(help: "The head hash printed by an earlier check (of entry --expect-count).")
    var expectHead: String?

    @Option(help: "Output format: text or json.")
    var format: BagReportFormat = .text

    func run() throws {
      try reportingErrors {
        let outcome = try AuditCommands.verifyReport(
          global.context, expectedCount: expectCount, expectedHead: expectHead,
          json: format == .json)
        print(outcome.report, terminator: "")
        if !outcome.intact { throw ExitCode(ExitStatus.no.rawValue) }
      }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write every audit entry, with its hashes, as JSON lines for an auditor.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
      try reportingErrors {
        var buffer = ""
        try AuditCommands.export(global.context) { line in
          buffer += line
          buffer += "\n"
          if buffer.utf8.count >= 1 << 16 {
            FileHandle.standardOutput.write(Data(buffer.utf8))
            buffer = ""
          }
        }
        FileHandle.standardOutput.write(Data(buffer.utf8))
      }
    }
  }
}
