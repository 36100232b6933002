import ArgumentParser
import CaseFileKit
import Foundation

struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read, check and export the hash-chained audit log.",
    discussion: """
      Every write, read of case data (show, export, documents, build, search), bundle \
      check, submission, workflow step, refusal and erasure appends an entry (who, when, \
      what by record id, why). Each entry holds the SHA-256 of the one before it, so an edited, \
      deleted, reordered or inserted entry is detected by `audit verify`. A signed \
      checkpoint (`audit checkpoint`) kept outside the store also detects a log cut short \
      or rewritten from some entry onwards.
      """,
    subcommands: [Log.self, Verify.self, Checkpoint.self, Consistency.self, Export.self])

  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show audit entries.")

    @Option(help: "The store's database file (default: $CASEFILE_STORE, else ./casefile.sqlite).")
    var store: String?

    // Reading the log acts as no one, so --user filters here (--for-user is the older name).
    @Option(
      name: [.customLong("user"), .customLong("for-user")], help: "Only entries by this user.")
    var forUser: String?

    @Option(help: "Only entries at or after this UTC date (YYYY-MM-DD) or timestamp.")
    var since: String?

    @Option(help: "Output format: text or json.")
    var format: BagReportFormat = .text

    @Argument(help: "Only entries for this case.")
    var urn: String?

    func run() throws {
      try reportingErrors {
        var output = StreamedOutput()
        try AuditCommands.log(
          CaseFileContext(store: store, user: nil, schemasDirectory: nil),
          filter: .init(urn: urn, user: forUser, since: since), json: format == .json
        ) { output.write($0) }
        output.flush()
      }
    }
  }

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the audit log's hash chain.",
      discussion: """
        Exit 0 when the chain is intact; 1 naming the first broken entry. Entries removed \
        from the end leave no trace in the log: check against a signed checkpoint \
        (--checkpoint FILE --trust PUBKEY), or give the count and head from an earlier \
        check (--expect-count, --expect-head), to detect that.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The number of entries the log held at an earlier check.")
    var expectCount: Int64?

    @Option(help: "The head hash printed by an earlier check (of entry --expect-count).")
    var expectHead: String?

    @Option(help: "A checkpoint from `casefile audit checkpoint` (needs --trust).")
    var checkpoint: String?

    @Option(help: "The public key the checkpoint must be signed with.")
    var trust: String?

    @Option(help: "Output format: text or json.")
    var format: BagReportFormat = .text

    func validate() throws {
      if (checkpoint == nil) != (trust == nil) {
        throw ValidationError("--checkpoint and --trust go together")
      }
      if checkpoint != nil && (expectCount != nil || expectHead != nil) {
        throw ValidationError("give either --checkpoint or --expect-count/--expect-head")
      }
    }

    func run() throws {
      try reportingErrors {
        if let checkpoint, let trust {
          let outcome = try AuditCommands.verify(
            global.context, checkpointPath: checkpoint, trustedKeyPath: trust)
          let json = format == .json
          print(
            json ? AuditRendering.json(outcome) : AuditRendering.text(outcome), terminator: "")
          if !outcome.holds { throw ExitCode(ExitStatus.no.rawValue) }
          return
        }
        let outcome = try AuditCommands.verifyReport(
          global.context, expectedCount: expectCount, expectedHead: expectHead,
          json: format == .json)
        print(outcome.report, terminator: "")
        if !outcome.intact { throw ExitCode(ExitStatus.no.rawValue) }
      }
    }
  }

  struct Checkpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Sign a checkpoint of the audit log's length and head hash.",
      discussion: """
        Checks the chain first (a broken chain is not signed, exit 65), then writes the \
        checkpoint (entries, head, time, user, key id, Ed25519 signature) to standard \
        output or a new file, and records the checkpoint as the next audit entry. Keep \
        checkpoints outside the store; `audit verify --checkpoint FILE --trust PUBKEY` \
        then proves the first entries are still there and unchanged.
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The private key to sign with (default: $CASEFILE_SIGNING_KEY).")
    var sign: String?

    @Option(help: "Write the checkpoint to this new file (never replaced) instead of stdout.")
    var out: String?

    @Option(
      help: """
        An earlier checkpoint of this log: the new one carries the proof that the log \
        extends it (checked with `audit consistency`); refused when the log no longer \
        holds it.
        """)
    var since: String?

    /// --sign, else $CASEFILE_SIGNING_KEY when set and not empty.
    private var keyPath: String? {
      let fromEnvironment = ProcessInfo.processInfo.environment["CASEFILE_SIGNING_KEY"]
      return sign ?? fromEnvironment.flatMap { $0.isEmpty ? nil : $0 }
    }

    func validate() throws {
      guard keyPath != nil else {
        throw ValidationError(
          "give --sign KEY or set CASEFILE_SIGNING_KEY (`casefile keys generate` makes a key)")
      }
      if let out, FileManager.default.fileExists(atPath: out) {
        throw ValidationError("\(out) already exists; a checkpoint never replaces a file")
      }
    }

    func run() throws {
      try reportingErrors {
        guard let keyPath else { return }
        let checkpoint = try AuditCommands.checkpoint(
          global.context, signingKeyPath: keyPath, sincePath: since)
        if let out {
          try AuditCommands.write(checkpoint, to: out)
          print("audit checkpoint of \(checkpoint.entries) entries written to \(out)")
        } else {
          print(checkpoint.fileText, terminator: "")
        }
      }
    }
  }

  struct Consistency: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Prove, without the store, that a later checkpoint's log extends an earlier one.",
      discussion: """
        NEW must have been made with `audit checkpoint --since OLD`. Both must be signed by \
        the trusted key, and NEW's RFC 9162 consistency proof must link OLD's Merkle root \
        to NEW's: entries were only appended, none changed or removed. Exit 0 when proven, \
        1 when not, 65 for a file that is not a checkpoint.
        """)

    @Option(help: "The public key both checkpoints must be signed with.")
    var trust: String

    @Option(help: "Output format: text or json.")
    var format: BagReportFormat = .text

    @Argument(help: "The earlier checkpoint.")
    var old: String

    @Argument(help: "The later checkpoint, made --since the earlier one.")
    var new: String

    func run() throws {
      try reportingErrors {
        let check = try AuditCommands.consistency(
          oldPath: old, newPath: new, trustedKeyPath: trust)
        print(
          format == .json ? AuditRendering.json(check) : AuditRendering.text(check), terminator: "")
        if !check.holds { throw ExitCode(ExitStatus.no.rawValue) }
      }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write every audit entry, with its hashes, as JSON lines for an auditor.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
      try reportingErrors {
        var output = StreamedOutput()
        try AuditCommands.export(global.context) { line in output.write(line + "\n") }
        output.flush()
      }
    }
  }
}
