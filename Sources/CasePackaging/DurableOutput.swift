import CLibArchive
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Deterministic fault points for the crash tests (TESTPLAN 4.1).
///
/// When `CASEFILE_FAULT_AT=k` is set, the k-th filesystem step (create the temporary file,
/// each write, fsync, rename, directory fsync) ends the process with `_exit(137)`, as a
/// kill would. Without the variable it does nothing.
package enum FaultPoints {
  private static let target: Int? = ProcessInfo.processInfo.environment["CASEFILE_FAULT_AT"]
    .flatMap { Int($0) }
  private static let counter = Counter()

  private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
      lock.lock()
      defer { lock.unlock() }
      value += 1
      return value
    }
  }

  /// Counts one filesystem step and stops the process if it is the chosen one.
  package static func step() {
    guard let target else { return }
    if counter.next() == target { _exit(137) }
  }
}

/// A file written under a temporary name in its final directory, then fsynced, renamed
/// over the final name and the directory fsynced, so a crash never leaves a half-written
/// file under the final name.
package final class DurableOutput {
  package let finalPath: String
  package let temporaryPath: String
  private var fd: Int32
  package private(set) var bytesWritten: Int64 = 0

  /// The prefix and suffix of temporary names, so that leftovers can be recognised.
  package static let temporaryPrefix = ".casefile-"
  package static let temporarySuffix = ".tmp"

  /// Creates the temporary file beside `finalPath` (`open(O_CREAT|O_EXCL)`, mode 0644).
  package init(finalPath: String) throws {
    self.finalPath = finalPath
    let url = URL(fileURLWithPath: finalPath)
    let directory = url.deletingLastPathComponent().path
    temporaryPath =
      directory + "/" + Self.temporaryPrefix + url.lastPathComponent + "."
      + String(getpid()) + Self.temporarySuffix
    FaultPoints.step()
    fd = open(temporaryPath, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
    if fd < 0 {
      throw PackagingError(
        .io, "cannot create a temporary file: \(String(cString: strerror(errno)))",
        file: temporaryPath)
    }
    // The archive's own mode does not depend on the umask.
    _ = fchmod(fd, 0o644)
  }

  deinit {
    if fd >= 0 {
      close(fd)
      unlink(temporaryPath)
    }
  }

  /// The SHA-256 of everything written, once ``commit()`` has run.
  package private(set) var sha256: String?

  /// Which staging buffer is filling, and how much of it is filled.
  private var current = 0
  private var filled = 0
  private let hashing = BackgroundHasher(label: "casefile.bag.output-hash")

  /// Stages `bytes`, writing and hashing each full 1 MiB.
  package func write(_ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count {
      let buffer = hashing.buffers[current]
      let count = min(buffer.count - filled, bytes.count - offset)
      UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + count)])
        .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
      filled += count
      offset += count
      if filled == buffer.count { try flush() }
    }
  }

  /// Writes the staged bytes (`write(2)`, retried on EINTR and short writes) and hands
  /// them to the hash thread.
  private func flush() throws {
    let index = current
    let count = filled
    guard count > 0 else { return }
    let staged = UnsafeRawBufferPointer(rebasing: hashing.buffers[index][0..<count])
    guard var base = staged.baseAddress else { return }
    var remaining = count
    while remaining > 0 {
      FaultPoints.step()
      let written = Glibc.write(fd, base, remaining)
      if written < 0 {
        if errno == EINTR { continue }
        throw PackagingError(
          .io, "cannot write: \(String(cString: strerror(errno)))", file: temporaryPath)
      }
      remaining -= written
      base += written
      bytesWritten += Int64(written)
    }
    hashing.hash(index, count: count)
    current = 1 - index
    filled = 0
    hashing.waitUntilFree(current)
  }

  /// Fsyncs the file, renames it to its final name and fsyncs the directory.
  package func commit() throws {
    try flush()
    sha256 = hashing.finalize()
    FaultPoints.step()
    if fsync(fd) != 0 {
      throw PackagingError(
        .io, "cannot fsync: \(String(cString: strerror(errno)))", file: temporaryPath)
    }
    let closed = close(fd)
    fd = -1
    if closed != 0 {
      unlink(temporaryPath)
      throw PackagingError(
        .io, "cannot close: \(String(cString: strerror(errno)))", file: temporaryPath)
    }
    FaultPoints.step()
    if rename(temporaryPath, finalPath) != 0 {
      let message = String(cString: strerror(errno))
      unlink(temporaryPath)
      throw PackagingError(.io, "cannot rename into place: \(message)", file: finalPath)
    }
    FaultPoints.step()
    try Self.syncDirectory(of: finalPath)
  }

  /// Closes and removes the temporary file.
  package func abandon() {
    if fd >= 0 {
      close(fd)
      fd = -1
      unlink(temporaryPath)
    }
  }

  /// Fsyncs the directory holding `path`, so a rename in it is durable.
  package static func syncDirectory(of path: String) throws {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dfd < 0 {
      throw PackagingError(
        .io, "cannot open directory: \(String(cString: strerror(errno)))", file: directory)
    }
    defer { close(dfd) }
    if fsync(dfd) != 0 {
      throw PackagingError(
        .io, "cannot fsync directory: \(String(cString: strerror(errno)))", file: directory)
    }
  }

  /// Removes temporary files a crashed run left in `directory`; returns their names.
  @discardableResult
  package static func removeLeftovers(in directory: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    var removed: [String] = []
    for name in names
    where name.hasPrefix(temporaryPrefix) && name.hasSuffix(temporarySuffix) {
      if unlink(directory + "/" + name) == 0 { removed.append(name) }
    }
    return removed
  }
}
