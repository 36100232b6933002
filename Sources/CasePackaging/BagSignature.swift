import Crypto
import Foundation

/// An Ed25519 private key for signing bags, and its text file format.
///
/// The private key file is one line, `casefile-ed25519-private-v1 BASE64`, the base64 of
/// the 32-byte raw key (RFC 8032 seed), followed by a newline. The public key file is one
/// line, `casefile-ed25519-public-v1 BASE64 KEYID`, the base64 of the 32-byte raw public
/// key and its key id (the first 16 hexadecimal digits of the SHA-256 of the raw key).
package struct BagSigningKey: Sendable {
  package static let privateHeader = "casefile-ed25519-private-v1"
  private let raw: Data

  /// The swift-crypto key.
  package var key: Curve25519.Signing.PrivateKey {
    // The raw bytes were checked when the key was made.
    (try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)) ?? .init()
  }

  /// A new random key.
  package static func generate() -> BagSigningKey {
    BagSigningKey(raw: Curve25519.Signing.PrivateKey().rawRepresentation)
  }

  private init(raw: Data) { self.raw = raw }

  /// Reads a private key file's text.
  package init(fileText: String, file: String? = nil) throws {
    let fields = fileText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" })
    guard fields.count == 2, fields[0] == Self.privateHeader,
      let raw = Data(base64Encoded: String(fields[1])), raw.count == 32,
      (try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)) != nil
    else {
      throw PackagingError(
        .badKey, "not a casefile Ed25519 private key file (\(Self.privateHeader) BASE64)",
        file: file)
    }
    self.raw = raw
  }

  /// The private key file's text.
  package var fileText: String {
    "\(Self.privateHeader) \(raw.base64EncodedString())\n"
  }

  /// The matching public key.
  package var publicKey: BagPublicKey { BagPublicKey(key: key.publicKey) }

  /// The Ed25519 signature of `message` (deterministic, RFC 8032).
  package func sign(_ message: [UInt8]) throws -> [UInt8] {
    do {
      return Array(try key.signature(for: message))
    } catch {
      throw PackagingError(.badKey, "the key could not sign")
    }
  }
}

/// An Ed25519 public key that a verifier trusts, and its text file format (see
/// ``BagSigningKey``).
package struct BagPublicKey: Sendable, Equatable {
  package static let publicHeader = "casefile-ed25519-public-v1"
  private let raw: Data

  /// The swift-crypto key.
  package var key: Curve25519.Signing.PublicKey {
    // The raw bytes were checked when the key was made.
    (try? Curve25519.Signing.PublicKey(rawRepresentation: raw))
      ?? Curve25519.Signing.PrivateKey().publicKey
  }

  package init(key: Curve25519.Signing.PublicKey) { raw = key.rawRepresentation }

  /// Reads a public key file's text (the key id, when present, must match the key).
  package init(fileText: String, file: String? = nil) throws {
    let fields = fileText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" })
    guard fields.count == 2 || fields.count == 3, fields[0] == Self.publicHeader,
      let raw = Data(base64Encoded: String(fields[1])), raw.count == 32,
      (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil
    else {
      throw PackagingError(
        .badKey, "not a casefile Ed25519 public key file (\(Self.publicHeader) BASE64 KEYID)",
        file: file)
    }
    self.raw = raw
    if fields.count == 3, String(fields[2]) != keyID {
      throw PackagingError(.badKey, "the key id does not match the key", file: file)
    }
  }

  package static func == (lhs: BagPublicKey, rhs: BagPublicKey) -> Bool {
    lhs.raw == rhs.raw
  }

  /// Whether `signature` is this key's Ed25519 signature of `message`.
  package func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
    key.isValidSignature(signature, for: message)
  }

  /// The first 16 hexadecimal digits of the SHA-256 of the raw public key.
  package var keyID: String {
    String(hex(SHA256.hash(data: raw)).prefix(16))
  }

  /// The public key file's text.
  package var fileText: String {
    "\(Self.publicHeader) \(raw.base64EncodedString()) \(keyID)\n"
  }
}

/// The bag signature tag file.
///
/// `signature-ed25519.txt` sits at the top of the bag beside the tag manifest it signs. It
/// is a tag file (RFC 8493 §2.2.4 allows any) that is deliberately not listed in any tag
/// manifest: it is computed over `tagmanifest-sha256.txt`, so listing it there would be
/// circular. The tag manifest fixes every other tag file, which fix the payload, so the
/// signature covers the whole bag. Its lines are `Label: value` in UTF-8:
///
/// ```
/// Signature-Algorithm: Ed25519
/// Signed-File: tagmanifest-sha256.txt
/// Signed-File-SHA256: <hex of the tag manifest's SHA-256>
/// Key-Id: <16 hex digits>
/// Signature: <base64 of the 64-byte signature over the tag manifest's bytes>
/// ```
package enum BagSignatureFile {
  package static let name = "signature-ed25519.txt"
  package static let signedFile = "tagmanifest-sha256.txt"

  /// The signature file's bytes for a tag manifest.
  package static func make(tagManifest: [UInt8], key: BagSigningKey) throws -> [UInt8] {
    render(
      tagManifest: tagManifest, keyID: key.publicKey.keyID, signature: try key.sign(tagManifest))
  }

  /// The canonical text of a signature file.
  static func render(tagManifest: [UInt8], keyID: String, signature: [UInt8]) -> [UInt8] {
    let text = """
      Signature-Algorithm: Ed25519
      Signed-File: \(signedFile)
      Signed-File-SHA256: \(hex(SHA256.hash(data: tagManifest)))
      Key-Id: \(keyID)
      Signature: \(Data(signature).base64EncodedString())

      """
    return Array(text.utf8)
  }

  /// The outcome of checking a signature file against a trusted key.
  package enum Outcome: Equatable, Sendable {
    case verified(keyID: String)
    case malformed(String)
    case wrongKey(signedBy: String, trusted: String)
    case invalid
  }

  /// Checks `signatureFile` over `tagManifest` with the trusted key only; the key id in the
  /// file is never used to find or trust a key.
  package static func verify(
    signatureFile: [UInt8], tagManifest: [UInt8], trusted: BagPublicKey
  ) -> Outcome {
    guard let text = String(validating: signatureFile, as: UTF8.self) else {
      return .malformed("the signature file is not UTF-8")
    }
    var fields: [String: String] = [:]
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
      guard let colon = line.firstIndex(of: ":") else {
        return .malformed("a line of the signature file is not `Label: value`")
      }
      let label = String(line[..<colon])
      guard fields[label] == nil else { return .malformed("\(label) appears twice") }
      fields[label] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    guard fields["Signature-Algorithm"] == "Ed25519" else {
      return .malformed("Signature-Algorithm is not Ed25519")
    }
    guard fields["Signed-File"] == signedFile else {
      return .malformed("Signed-File is not \(signedFile)")
    }
    guard let encoded = fields["Signature"], let signature = Data(base64Encoded: encoded),
      signature.count == 64
    else { return .malformed("Signature is not the base64 of 64 bytes") }
    if trusted.key.isValidSignature(signature, for: tagManifest) {
      // Every byte of the file is fixed: it must be exactly the canonical text.
      let canonical = render(
        tagManifest: tagManifest, keyID: trusted.keyID, signature: Array(signature))
      guard canonical == signatureFile else {
        return .malformed("the signature file is not in its canonical form (altered)")
      }
      return .verified(keyID: trusted.keyID)
    }
    if let claimed = fields["Key-Id"], claimed != trusted.keyID {
      return .wrongKey(signedBy: claimed, trusted: trusted.keyID)
    }
    return .invalid
  }
}
