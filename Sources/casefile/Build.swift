import ArgumentParser
import CaseFileKit
import Foundation

struct Build: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build a case's signed bundle for one recipient.",
    discussion: """
      Checks the case at --stage with the rule pack, renders the documents its file type \
      lists for the recipient (defence and court: disclosable documents only, personal data \
      redacted), and writes them with the media the index links (and, for cps, the \
      canonical case document and the check report in SVRL) as a BagIt 1.0 bundle signed \
      with --sign KEY (`casefile keys generate`). The bag-info names the recipient, stage, \
      file type and the rule pack's title and SHA-256. The bagging date is the --as-of date \
      (default today, UTC): the same records and inputs give the same archive bytes. \
      Prints the path of each part written.

      Refuses while the rules report errors for the stage (prints the findings, exit 1), \
      unless --draft, which marks the bundle as a draft in bag-info.txt.

      Exit codes: 0 built, 1 refused because of error findings, 64 usage error, 65 bad \
      input (unknown case, broken template or rule pack), 74 I/O error.
      """)

  @OptionGroup var global: GlobalOptions

  @OptionGroup var file: FileOptions

  @Option(help: "The private key to sign with (default: $CASEFILE_SIGNING_KEY).")
  var sign: String?

  @Option(help: "The directory to write the bundle into.")
  var out = "."

  @Option(help: "tar or zip.")
  var serialization = "tar"

  @Option(help: "Split the payload into bags of at most this many bytes.")
  var maxPartSize: Int64?

  @Flag(help: "Build even with error findings, marked as a draft.")
  var draft = false

  @Option(help: "Why you are building the bundle (recorded in the audit log).")
  var reason: String?

  @Argument(help: "The case URN.")
  var urn: String

  func run() throws {
    try reportingErrors {
      let fromEnvironment = ProcessInfo.processInfo.environment["CASEFILE_SIGNING_KEY"]
      guard let keyPath = sign ?? fromEnvironment.flatMap({ $0.isEmpty ? nil : $0 }) else {
        throw KitError.usage(
          "give --sign KEY or set CASEFILE_SIGNING_KEY (`casefile keys generate` makes a key)")
      }
      var request = try BuildCommands.request(
        urn: urn, recipient: file.recipient, signingKeyPath: keyPath,
        serialization: serialization, asOf: file.asOf)
      request.stage = file.stage
      request.outputDirectory = out
      request.maxPartSize = maxPartSize
      request.draft = draft
      request.templatesDirectory = file.pack.templates
      request.rulesDirectory = file.pack.rules
      request.reason = reason
      switch try BuildCommands.build(global.context, request) {
      case .built(let paths, _):
        for path in paths { print(path) }
      case .refused(let checked):
        FileHandle.standardOutput.write(Data(try Rendering.check(checked, as: .text)))
        printError(
          "casefile: the rules report errors for stage \(file.stage); fix them, or build with --draft"
        )
        throw ExitCode(ExitStatus.no.rawValue)
      }
    }
  }
}
