import ArgumentParser
import CaseFileKit

/// `casefile keys`: signing keys for bundles.
struct Keys: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Manage the Ed25519 keys that sign bundles.",
    subcommands: [Generate.self])

  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Generate an Ed25519 signing key pair.",
      discussion: """
        Writes NAME.key (the private key, mode 0600) and NAME.pub (the public key to give \
        to whoever verifies bundles) into --out DIR and prints the key id. Existing files \
        are never overwritten.

        Formats (one line each): `casefile-ed25519-private-v1 BASE64` (the 32-byte key) and \
        `casefile-ed25519-public-v1 BASE64 KEYID` (the 32-byte public key and the first 16 \
        hex digits of its SHA-256).

        Exit codes: 0 written, 64 a file exists or the directory is missing, 74 I/O error.
        """)

    @Option(help: "The directory to write the keys into.")
    var out: String = "."

    @Option(help: "The key files' base name.")
    var name: String = "casefile-signing"

    func run() throws {
      try reportingErrors {
        let keys = try KeysCommands.generate(directory: out, name: name)
        print("private key: \(keys.privateKeyPath)")
        print("public key: \(keys.publicKeyPath)")
        print("key id: \(keys.keyID)")
      }
    }
  }
}
