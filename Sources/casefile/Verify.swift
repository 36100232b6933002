import ArgumentParser
import CaseFileKit
import Foundation

/// `casefile verify`: validates a BagIt bag or casefile bundle.
struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Verify a BagIt bag or casefile bundle (archive or directory).",
    discussion: """
      PATH is a .tar, .tar.gz or .zip archive, read straight from the stream (nothing is \
      extracted), or an extracted bag directory. Checks BagIt 0.93 to 1.0: bagit.txt, \
      every payload file listed in the manifests (md5, sha1, sha256, sha512) and every \
      listed file present with the right checksum, Payload-Oxum, tag manifests, fetch.txt, \
      paths. Bags naming the casefile profile are also checked against it, and every payload \
      XML document in a casefile namespace is validated against its schema from the Schemas \
      directory (--schemas DIR, else $CASEFILE_SCHEMAS, else found beside casefile). With --trust \
      PUBKEY the Ed25519 signature over tagmanifest-sha256.txt must verify with that key; \
      a key inside the bag is never trusted. What the specification only discourages is \
      a warning.

      Archives are refused before anything is trusted when they hold absolute paths, .., \
      links, devices, duplicate names, control characters, over-long names, oversized \
      entries, too many entries, a decompression bomb or trailing data.

      Exit codes: 0 valid (warnings allowed), 1 invalid (every problem is named with its \
      file), 65 unreadable or refused archive, or a bad key file, 74 I/O error.
      """)

  @Option(help: "A public key file (from keys generate) the signature must verify with.")
  var trust: String?

  @Option(help: "Output format: text or json.")
  var format: BagReportFormat = .text

  @Option(help: "casefile's Schemas directory, to use a force's own copy for XML checks.")
  var schemas: String?

  @Option(
    help: """
      The store whose audit log records the check (default: $CASEFILE_STORE, else \
      ./casefile.sqlite; nothing is recorded when no store is there).
      """)
  var store: String?

  @Option(help: "Who is checking, for the audit log (default: $CASEFILE_USER, else the login).")
  var user: String?

  @Argument(help: "The bag archive or directory.")
  var path: String

  func run() throws {
    try reportingErrors {
      let context = CaseFileContext(store: store, user: user)
      let outcome = try BundleCommands.verifyOutput(
        path: path, trustPath: trust, schemasDirectory: schemas, json: format == .json
      ) { report in
        try BundleCommands.recordVerification(
          report, context: context, storeRequired: store != nil)
      }
      print(outcome.output, terminator: "")
      if !outcome.valid { throw ExitCode(ExitStatus.no.rawValue) }
    }
  }
}

/// The report formats of `verify` and `inspect`.
enum BagReportFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}
