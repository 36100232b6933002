import Foundation

/// Reads and validates a bag: an archive (tar, gzip-compressed tar, zip) straight from its
/// stream, or an extracted bag directory.
package enum BagReader {
  /// A check of payload file contents beside the BagIt rules (such as XML schema
  /// validation), run on the very bytes that were hashed.
  package struct PayloadCheck: Sendable {
    /// Which payload paths (`data/...`) to check; files over 8 MiB are never held.
    package var wants: @Sendable (String) -> Bool
    /// The problems in one file's bytes.
    package var check: @Sendable (String, [UInt8]) -> [BagProblem]

    package init(
      wants: @escaping @Sendable (String) -> Bool,
      check: @escaping @Sendable (String, [UInt8]) -> [BagProblem]
    ) {
      self.wants = wants
      self.check = check
    }
  }

  /// Validates the bag at `path`. BagIt problems are in the report; a bag that cannot be
  /// read safely (a hostile or corrupt archive) is a thrown ``PackagingError``.
  ///
  /// Only `trust` is used to check the signature, never a key found in the bag.
  package static func verify(
    path: String, trust: BagPublicKey? = nil, limits: BagReadLimits = BagReadLimits(),
    payloadCheck: PayloadCheck? = nil
  ) throws -> BagReport {
    let keep: (String) -> Bool = { payloadCheck?.wants($0) ?? false }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PackagingError(.io, "no such file or directory", file: path)
    }
    var contents: BagContents
    if isDirectory.boolValue {
      contents = try DirectoryScanner.list(path: path, limits: limits, keep: keep)
      let algorithms = BagValidator.payloadAlgorithms(contents)
      try DirectoryScanner.hashPayload(root: path, contents: &contents, algorithms: algorithms)
    } else {
      contents = try ArchiveScanner.scan(path: path, limits: limits, keep: keep) { names in
        manifestAlgorithms(in: names.filter { $0.hasPrefix("manifest-") }).union([.sha256])
      }
      let needed = BagValidator.payloadAlgorithms(contents)
      if contents.missingDigests(needed) {
        // The manifests came after the payload and name algorithms not yet computed: read
        // the same file again and make sure nothing changed in between.
        let all = needed.union([.sha256])
        let again = try ArchiveScanner.scan(path: path, limits: limits, keep: keep) { _ in all }
        try ensureSame(contents, again)
        contents = again
      }
    }
    var report = BagValidator.validate(contents, path: path, trust: trust)
    if let payloadCheck {
      for file in contents.files.values.sorted(by: { $0.path < $1.path }) where file.isPayload {
        guard let content = file.content else { continue }
        report.problems += payloadCheck.check(file.path, content)
      }
    }
    return report
  }

  private static func ensureSame(_ first: BagContents, _ second: BagContents) throws {
    guard Set(first.files.keys) == Set(second.files.keys), first.root == second.root else {
      throw PackagingError(.changedWhileReading, "the archive changed while it was read")
    }
    for (path, file) in first.files {
      let other = second.files[path]
      if other?.size != file.size || other?.content != file.content
        || (file.isPayload && other?.digests[.sha256] != file.digests[.sha256])
      {
        throw PackagingError(
          .changedWhileReading, "the archive changed while it was read", file: path)
      }
    }
  }
}
