import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What ingesting one media file did.
package struct MediaIngest: Equatable, Sendable {
  /// Lower-case hex SHA-256 of the content: the object's name in the store.
  package var sha256: String
  package var size: Int64
  /// `true` when the store already held the content, so nothing new was stored.
  package var alreadyPresent: Bool

  package init(sha256: String, size: Int64, alreadyPresent: Bool) {
    self.sha256 = sha256
    self.size = size
    self.alreadyPresent = alreadyPresent
  }
}

/// Media objects (video, audio, images, PDFs) stored content-addressed by SHA-256.
///
/// An object lives at `<directory>/ab/cd/<64 hex digits>`, where `ab` and `cd` are the
/// first two bytes of its hash. Files are streamed in 1 MiB chunks, never read whole, and
/// each object is written to a temporary file, flushed to disk and renamed into place, so
/// an object is either whole under its name or absent. Temporary files are named
/// `<pid>-<random>.tmp`; leftovers of a process that no longer runs are removed on open.
package final class MediaStore: Sendable {
  /// The directory that holds the objects.
  package let directory: URL

  /// The size of the chunks media files are read and hashed in.
  static let chunkSize = 1 << 20

  /// Opens the media store in `directory`, creating it when missing.
  ///
  /// Removes temporary files an interrupted ingest left behind.
  package init(directory: URL) throws {
    self.directory = directory
    if mkdir(directory.path, 0o700) != 0, errno != EEXIST {
      throw StoreError.system(
        "mkdir", .io, "the media directory could not be created; check the store path")
    }
    removeLeftovers()
  }

  /// The file that holds (or would hold) the object with this hash.
  package func url(for sha256: String) -> URL {
    let hash = sha256.lowercased()
    let first = String(hash.prefix(2))
    let second = String(hash.dropFirst(2).prefix(2))
    return directory.appendingPathComponent(first).appendingPathComponent(second)
      .appendingPathComponent(hash)
  }

  /// Whether the store holds an object with this hash.
  package func contains(_ sha256: String) -> Bool {
    size(of: sha256) != nil
  }

  /// The size of the stored object with this hash, or `nil` when there is none.
  package func size(of sha256: String) -> Int64? {
    guard Self.isHash(sha256) else { return nil }
    var status = stat()
    guard lstat(url(for: sha256).path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      return nil
    }
    return Int64(status.st_size)
  }

  /// Removes an object, such as one a failed import added; removing a missing one is no error.
  ///
  /// Only call this for objects no saved case refers to.
  package func remove(_ sha256: String) throws {
    guard Self.isHash(sha256) else {
      throw StoreError(.invalidCase, "\"\(sha256)\" is not a SHA-256 hash")
    }
    let file = url(for: sha256)
    if unlink(file.path) != 0 {
      guard errno == ENOENT else {
        throw StoreError.system("unlink", .io, "media object \(sha256) could not be removed")
      }
      return
    }
    try Self.syncDirectory(file.deletingLastPathComponent())
  }

  /// Streams a file into the store and returns its hash and size.
  ///
  /// The source must be a regular file and not a symbolic link (it is opened with
  /// `O_NOFOLLOW`). When `expectedSHA256` is given and the content does not match it,
  /// nothing is stored and ``StoreError/Code/mediaMismatch`` is thrown. Content the store
  /// already holds is not stored twice.
  package func ingest(fileAt source: URL, expectedSHA256: String?) throws -> MediaIngest {
    let input = try Self.openSource(source)
    defer { close(input) }
    let temporary = directory.appendingPathComponent(
      "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        + "-\(UInt64.random(in: 0...UInt64.max)).tmp")
    let output = Glibc.open(
      temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard output >= 0 else {
      throw StoreError.system(
        "open", .io, "a temporary file in the media directory could not be created")
    }
    var keepTemporary = false
    defer { if !keepTemporary { unlink(temporary.path) } }
    let (sha256, size): (String, Int64)
    do {
      defer { close(output) }
      (sha256, size) = try Self.copy(from: input, to: output)
      if let expectedSHA256, expectedSHA256.lowercased() != sha256 {
        throw StoreError(
          .mediaMismatch,
          "the file's SHA-256 is \(sha256), not the \(expectedSHA256) given: check the file "
            + "and the hash; nothing was stored")
      }
      guard fsync(output) == 0 else {
        throw StoreError.system("fsync", .io, "the media file could not be written to disk")
      }
    }
    let final = url(for: sha256)
    if self.size(of: sha256) != nil {
      return MediaIngest(sha256: sha256, size: size, alreadyPresent: true)
    }
    try makeParents(of: final)
    guard rename(temporary.path, final.path) == 0 else {
      throw StoreError.system("rename", .io, "the media object could not be moved into place")
    }
    keepTemporary = true
    try Self.syncDirectory(final.deletingLastPathComponent())
    try Self.syncDirectory(directory)
    return MediaIngest(sha256: sha256, size: size, alreadyPresent: false)
  }

  // MARK: - Helpers

  /// Whether `text` is 64 hex digits (either case).
  static func isHash(_ text: String) -> Bool {
    let bytes = text.utf8
    return bytes.count == 64
      && bytes.allSatisfy { byte in
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
      }
  }

  /// Opens a media source for reading: no symbolic links, regular files only.
  ///
  /// `O_NONBLOCK` keeps a FIFO from blocking the open; it has no effect on regular files.
  private static func openSource(_ source: URL) throws -> Int32 {
    let descriptor = Glibc.open(source.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      if errno == ELOOP {
        throw StoreError(
          .unsupportedFile,
          "the media file is a symbolic link: give the path of the file itself")
      }
      throw StoreError.system("open", .io, "the media file could not be opened")
    }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      close(descriptor)
      throw StoreError.system("fstat", .io, "the media file could not be read")
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw StoreError(
        .unsupportedFile, "the media path is not a regular file: give the path of a file")
    }
    return descriptor
  }

  /// Copies `input` to `output` in 1 MiB chunks, hashing as it goes.
  private static func copy(from input: Int32, to output: Int32) throws -> (String, Int64) {
    var hasher = SHA256()
    var size: Int64 = 0
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let count = read(input, buffer.baseAddress, chunkSize)
      if count < 0 {
        if errno == EINTR { continue }
        throw StoreError.system("read", .io, "the media file could not be read")
      }
      if count == 0 { break }
      let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
      hasher.update(bufferPointer: chunk)
      try writeAll(chunk, to: output)
      size += Int64(count)
    }
    let digest = hasher.finalize()
    let hex = digest.map { byte in
      let text = String(byte, radix: 16)
      return byte < 16 ? "0" + text : text
    }.joined()
    return (hex, size)
  }

  /// Writes the whole buffer, retrying short writes and interruptions.
  private static func writeAll(_ chunk: UnsafeRawBufferPointer, to output: Int32) throws {
    var offset = 0
    while offset < chunk.count {
      let written = write(output, chunk.baseAddress.map { $0 + offset }, chunk.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw StoreError.system(
          "write", .io, "the media file could not be stored; nothing was stored")
      }
      offset += written
    }
  }

  /// Creates the two levels of directories above an object, flushing each new entry.
  private func makeParents(of object: URL) throws {
    let second = object.deletingLastPathComponent()
    let first = second.deletingLastPathComponent()
    for (directory, parent) in [(first, self.directory), (second, first)] {
      if mkdir(directory.path, 0o700) == 0 {
        try Self.syncDirectory(parent)
      } else if errno != EEXIST {
        throw StoreError.system("mkdir", .io, "a media directory could not be created")
      }
    }
  }

  /// Flushes a directory's entries to disk, so a rename or creation in it survives a crash.
  static func syncDirectory(_ directory: URL) throws {
    let descriptor = Glibc.open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw StoreError.system("open", .io, "a media directory could not be opened")
    }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else {
      throw StoreError.system("fsync", .io, "a media directory could not be written to disk")
    }
  }

  /// Removes `*.tmp` files that no running ingest owns.
  ///
  /// A temporary file's name starts with the id of the process writing it; files of this
  /// process, or of another process that is still running, are left alone.
  private func removeLeftovers() {
    guard
      let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
    else { return }
    let me = getpid()
    for name in names where name.hasSuffix(".tmp") {
      if let owner = name.split(separator: "-").first.flatMap({ pid_t($0) }) {
        if owner == me { continue }
        if kill(owner, 0) == 0 || errno == EPERM { continue }
      }
      unlink(directory.appendingPathComponent(name).path)
    }
  }
}
