import CasePackaging
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The key files `casefile keys generate` wrote.
package struct GeneratedKeys: Sendable, Equatable {
  package var privateKeyPath: String
  package var publicKeyPath: String
  package var keyID: String
}

/// Signing keys for bundles: generating a key pair and reading key files.
package enum KeysCommands {
  /// Writes a new Ed25519 key pair as `NAME.key` (mode 0600) and `NAME.pub` in `directory`,
  /// refusing to replace either file.
  package static func generate(directory: String, name: String = "casefile-signing") throws
    -> GeneratedKeys
  {
    guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
      throw KitError.usage("a key name is a plain file name, not starting with .")
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw KitError.usage("the directory \(directory) does not exist")
    }
    let privatePath = directory + "/" + name + ".key"
    let publicPath = directory + "/" + name + ".pub"
    for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
      throw KitError.usage("\(path) already exists; keys are never overwritten")
    }
    let key = BagSigningKey.generate()
    try writeNew(privatePath, key.fileText, mode: 0o600)
    do {
      try writeNew(publicPath, key.publicKey.fileText, mode: 0o644)
    } catch {
      unlink(privatePath)
      throw error
    }
    return GeneratedKeys(
      privateKeyPath: privatePath, publicKeyPath: publicPath, keyID: key.publicKey.keyID)
  }

  /// Creates `path` exclusively with `mode` (whatever the umask), writes and fsyncs it.
  static func writeNew(_ path: String, _ text: String, mode: mode_t) throws {
    let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, mode)
    guard fd >= 0 else {
      if errno == EEXIST {
        throw KitError.usage("\(path) already exists; it is never overwritten")
      }
      throw KitError.io("cannot create \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    guard fchmod(fd, mode) == 0 else {
      unlink(path)
      throw KitError.io("cannot set the mode of \(path)")
    }
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count, fsync(fd) == 0 else {
      unlink(path)
      throw KitError.io("cannot write \(path)")
    }
  }

  /// Reads a private key file.
  package static func signingKey(at path: String) throws -> BagSigningKey {
    try BagSigningKey(fileText: try readSmall(path), file: path)
  }

  /// Reads a public key file.
  package static func publicKey(at path: String) throws -> BagPublicKey {
    try BagPublicKey(fileText: try readSmall(path), file: path)
  }

  private static func readSmall(_ path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw KitError.notFound("cannot read the key file \(path)")
    }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: 4096)) ?? nil
    guard let text = String(data: data ?? Data(), encoding: .utf8) else {
      throw KitError.badInput("\(path) is not a casefile key file")
    }
    return text
  }
}
