import Foundation

/// One file of a bag as read: its path relative to the bag root, size and digests, and for
/// tag files their bytes.
struct ReadFile: Sendable {
  var path: String
  var size: Int64
  var digests: [DigestAlgorithm: String] = [:]
  var content: [UInt8]?

  var isPayload: Bool { path.hasPrefix("data/") }
}

/// Everything a bag reader learnt from an archive or a directory.
struct BagContents: Sendable {
  /// The top-level directory's name (archives), or the directory's own name.
  var root: String
  /// `tar`, `tar.gz`, `zip` or `directory`.
  var serialization: String
  var files: [String: ReadFile] = [:]
  var directories: Set<String> = []

  /// Payload files whose digests lack any of `algorithms`.
  func missingDigests(_ algorithms: Set<DigestAlgorithm>) -> Bool {
    files.values.contains { file in
      file.isPayload && !algorithms.isSubset(of: Set(file.digests.keys))
    }
  }
}

/// Hashes entries on the other core while the reader goes on: small entries are copied and
/// hashed on a worker, so reading and hashing overlap and two files hash at once.
final class HashPool: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [String: [DigestAlgorithm: String]] = [:]
  private let group = DispatchGroup()
  private let slots = DispatchSemaphore(value: 4)
  private let queue = DispatchQueue(label: "casefile.hash", attributes: .concurrent)

  func submit(_ path: String, _ bytes: [UInt8], _ algorithms: Set<DigestAlgorithm>) {
    slots.wait()
    group.enter()
    queue.async {
      let digests = MultiHasher.digests(of: bytes, algorithms)
      self.lock.lock()
      self.results[path] = digests
      self.lock.unlock()
      self.slots.signal()
      self.group.leave()
    }
  }

  /// Waits for every submitted entry and returns the digests by path.
  func finish() -> [String: [DigestAlgorithm: String]] {
    group.wait()
    lock.lock()
    defer { lock.unlock() }
    return results
  }
}

/// Which manifest algorithms the tag files read so far name.
func manifestAlgorithms(in names: some Sequence<String>) -> Set<DigestAlgorithm> {
  var algorithms: Set<DigestAlgorithm> = []
  for name in names {
    for prefix in ["manifest-", "tagmanifest-"]
    where name.hasPrefix(prefix) && name.hasSuffix(".txt") {
      let middle = name.dropFirst(prefix.count).dropLast(4)
      if let algorithm = DigestAlgorithm(rawValue: String(middle)) { algorithms.insert(algorithm) }
    }
  }
  return algorithms
}
