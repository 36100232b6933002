import ArgumentParser
import CaseFileKit

/// `casefile bag`: BagIt bags of arbitrary files.
struct Bag: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Make BagIt bags of local files.",
    subcommands: [Create.self])

  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Bag files into a reproducible BagIt 1.0 tar or zip archive.",
      discussion: """
        Each FILE goes under data/ by its name. The archive NAME.tar or NAME.zip has one \
        top-level directory NAME and is byte-identical for the same files, name and \
        --date. With --sign KEY the tag manifest is signed (signature-ed25519.txt) and the \
        bag follows the casefile profile. --max-part-size N splits the payload over bags \
        of at most N bytes each, linked by Bag-Group-Identifier and Bag-Count. Prints \
        each archive's path and SHA-256.

        Exit codes: 0 written, 64 usage error, 65 a bad file, name or key, 74 I/O error.
        """)

    @Option(help: "The directory to write into.")
    var out: String

    @Option(help: "The bag's name (archive base name and top-level directory).")
    var name: String = "bag"

    @Option(help: "tar or zip.")
    var serialization: SerializationOption = .tar

    @Option(help: "Split into bags of at most this many bytes.")
    var maxPartSize: Int64?

    @Option(help: "A private key file to sign with.")
    var sign: String?

    @Option(help: "The External-Identifier (for example a case URN).")
    var externalIdentifier: String?

    @Option(help: "The Source-Organization.")
    var sourceOrganization: String?

    @Option(help: "The Bagging-Date, YYYY-MM-DD (default today, UTC); fixes every mtime.")
    var date: String?

    @Flag(help: "Mark the bag as a draft (Casefile-Draft: true).")
    var draft = false

    @Argument(help: "The files to bag.")
    var files: [String]

    func run() throws {
      try reportingErrors {
        var input = BundleCommands.BagFiles(files: files, outputDirectory: out)
        input.name = name
        input.serialization = serialization.rawValue
        input.maxPartSize = maxPartSize
        input.signingKeyPath = sign
        input.externalIdentifier = externalIdentifier
        input.sourceOrganization = sourceOrganization
        input.baggingDate = date
        input.draft = draft
        print(try BundleCommands.createBagOutput(input), terminator: "")
      }
    }
  }
}

/// `--serialization`.
enum SerializationOption: String, ExpressibleByArgument, CaseIterable {
  case tar
  case zip
}
