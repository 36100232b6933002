import ArgumentParser
import CaseFileKit
import Foundation

struct Submit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Submit an approved case file to the prosecutor.",
    discussion: """
      Only from the approved stage with a valid approval and no open action items. Builds \
      the signed bundle (as `casefile build --for cps`) into the outbox as \
      URN-cps-SUBMISSION-ID.tar, records the submission and moves the case to submitted. \
      The submission id is derived from the URN, the recipient, the approved case hash and \
      the previous submission's id: submitting the same approved state again prints the \
      same id and writes the same bundle bytes, with no second record. After the first \
      submission, later ones are updates: only the documents new or changed since the \
      previous submission, each labelled (new statement, new exhibit, new document, or \
      "full file sent" when everything changed), with data/submission.json naming the \
      previous submission.

      Exit codes: 0 submitted, 1 not allowed now (not approved, open actions) or the rules \
      report errors, 64 usage error, 65 bad input, 74 I/O error.
      """)

  @OptionGroup var global: GlobalOptions

  @Option(name: .customLong("for"), help: "The recipient: cps.")
  var recipient = "cps"

  @Option(help: "The outbox directory (default: the store path with .outbox appended).")
  var outbox: String?

  @Option(help: "The private key to sign with (default: $CASEFILE_SIGNING_KEY).")
  var sign: String?

  @Option(help: "The rules stage: pre-charge, first-hearing or trial.")
  var stage = "first-hearing"

  @Option(
    name: .customLong("as-of"), help: "The date facts are computed for, YYYY-MM-DD.")
  var asOf: String?

  @OptionGroup var pack: PackOptions

  @Option(help: "Why you are submitting (recorded in the audit log).")
  var reason: String?

  @Option(help: "text or json.")
  var format: OutputFormat = .text

  @Argument(help: "The case URN.")
  var urn: String

  func run() throws {
    try reportingErrors {
      guard recipient == "cps" else {
        throw KitError.usage("--for \(recipient): case files are submitted to cps only")
      }
      let fromEnvironment = ProcessInfo.processInfo.environment["CASEFILE_SIGNING_KEY"]
      guard let keyPath = sign ?? fromEnvironment.flatMap({ $0.isEmpty ? nil : $0 }) else {
        throw KitError.usage(
          "give --sign KEY or set CASEFILE_SIGNING_KEY (`casefile keys generate` makes a key)")
      }
      let context = global.context
      let checked = try BuildCommands.request(
        urn: urn, recipient: recipient, signingKeyPath: keyPath, serialization: "tar",
        asOf: asOf)
      var request = SubmissionCommands.Request(
        urn: urn, signingKeyPath: keyPath,
        outbox: outbox ?? SubmissionCommands.defaultOutbox(context))
      request.stage = stage
      request.asOf = checked.asOf
      request.templatesDirectory = pack.templates
      request.rulesDirectory = pack.rules
      request.reason = reason
      switch try SubmissionCommands.submit(context, request) {
      case .submitted(let submitted):
        print(try SubmissionRendering.submitted(submitted, json: format == .json), terminator: "")
      case .notAllowed(let message):
        printError("casefile: \(message)")
        throw ExitCode(ExitStatus.no.rawValue)
      case .refused(let outcome):
        FileHandle.standardOutput.write(Data(try Rendering.check(outcome, as: .text)))
        printError("casefile: the rules report errors for stage \(stage); fix them first")
        throw ExitCode(ExitStatus.no.rawValue)
      }
    }
  }
}
