import CLibArchive
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a bag from an extracted directory without following links: every entry is
/// examined with `fstatat(AT_SYMLINK_NOFOLLOW)`, files are opened with `O_NOFOLLOW` and
/// checked to be the regular file of the size listed, and payload files are hashed on two
/// cores at once.
enum DirectoryScanner {
  /// Lists the bag: tag files with their bytes, payload files with their sizes.
  static func list(
    path: String, limits: BagReadLimits, keep: (String) -> Bool = { _ in false }
  ) throws -> BagContents {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      throw PackagingError(.io, "cannot read: \(String(cString: strerror(errno)))", file: path)
    }
    if (info.st_mode & S_IFMT) == S_IFLNK {
      throw PackagingError(.symbolicLink, "the bag directory is a symbolic link", file: path)
    }
    let root = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
    var contents = BagContents(root: root, serialization: "directory")
    var duplicates = DuplicateDetector()
    var entries = 0
    try walk(
      directory: path, relative: "", limits: limits, keep: keep, contents: &contents,
      duplicates: &duplicates, entries: &entries)
    return contents
  }

  private static func walk(
    directory: String, relative: String, limits: BagReadLimits, keep: (String) -> Bool,
    contents: inout BagContents,
    duplicates: inout DuplicateDetector, entries: inout Int
  ) throws {
    guard let dir = opendir(directory) else {
      throw PackagingError(
        .io, "cannot list: \(String(cString: strerror(errno)))",
        file: relative.isEmpty ? "." : relative)
    }
    defer { closedir(dir) }
    var names: [String] = []
    while let item = readdir(dir) {
      let name = withUnsafeBytes(of: item.pointee.d_name) { raw -> String? in
        let bytes = raw.prefix { $0 != 0 }
        return String(validating: Array(bytes), as: UTF8.self)
      }
      guard let name else {
        throw PackagingError(
          .badName, "a name is not UTF-8", file: relative.isEmpty ? "." : relative)
      }
      if name == "." || name == ".." { continue }
      names.append(name)
    }
    for name in names {
      entries += 1
      if entries > limits.maxEntries {
        throw PackagingError(.tooManyEntries, "more than \(limits.maxEntries) entries")
      }
      let inside = try EntryName.check(
        relative.isEmpty ? name : relative + "/" + name, limits: limits)
      try duplicates.insert(inside)
      let full = directory + "/" + name
      var info = stat()
      guard lstat(full, &info) == 0 else {
        throw PackagingError(.io, "cannot read: \(String(cString: strerror(errno)))", file: inside)
      }
      switch info.st_mode & S_IFMT {
      case S_IFLNK:
        throw PackagingError(.symbolicLink, "the entry is a symbolic link", file: inside)
      case S_IFDIR:
        contents.directories.insert(inside)
        try walk(
          directory: full, relative: inside, limits: limits, keep: keep, contents: &contents,
          duplicates: &duplicates, entries: &entries)
      case S_IFREG:
        if info.st_mode & 0o7000 != 0 {
          throw PackagingError(
            .specialEntry, "the file has setuid, setgid or sticky bits", file: inside)
        }
        var file = ReadFile(path: inside, size: Int64(info.st_size))
        let keepPayload = file.isPayload && info.st_size <= 8 << 20 && keep(inside)
        if !file.isPayload || keepPayload {
          if info.st_size > limits.maxTagFileBytes {
            throw PackagingError(
              .entryTooLarge, "the tag file is larger than \(limits.maxTagFileBytes) bytes",
              file: inside)
          }
          var hasher = TagCollector()
          try read(full, inside: inside, size: file.size) { hasher.bytes.append(contentsOf: $0) }
          file.content = hasher.bytes
        }
        contents.files[inside] = file
      default:
        throw PackagingError(.specialEntry, "the entry is a device, fifo or socket", file: inside)
      }
    }
  }

  private struct TagCollector { var bytes: [UInt8] = [] }

  /// Opens `full` without following links, checks it is a regular file of `size` bytes and
  /// passes its bytes to `body` in 1 MiB chunks.
  static func read(
    _ full: String, inside: String, size: Int64, _ body: (UnsafeRawBufferPointer) -> Void
  ) throws {
    let fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else {
      let code: PackagingError.Code = errno == ELOOP ? .symbolicLink : .io
      throw PackagingError(code, "cannot open: \(String(cString: strerror(errno)))", file: inside)
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      throw PackagingError(.specialEntry, "not a regular file", file: inside)
    }
    _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
    defer { buffer.deallocate() }
    var total: Int64 = 0
    while true {
      let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if count < 0 {
        if errno == EINTR { continue }
        throw PackagingError(.io, "cannot read: \(String(cString: strerror(errno)))", file: inside)
      }
      if count == 0 { break }
      total += Int64(count)
      body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }
    if total != size {
      throw PackagingError(.changedWhileReading, "the file changed while it was read", file: inside)
    }
  }

  /// Hashes every payload file with `algorithms`, on two threads.
  static func hashPayload(
    root: String, contents: inout BagContents, algorithms: Set<DigestAlgorithm>
  ) throws {
    // Payload already held (kept for a payload check) is hashed from those same bytes.
    for (path, file) in contents.files where file.isPayload {
      if let content = file.content {
        contents.files[path]?.digests = MultiHasher.digests(of: content, algorithms)
      }
    }
    let files = contents.files.values.filter { $0.isPayload && $0.content == nil }
      .sorted { $0.size > $1.size }
    let state = SharedHashState(count: files.count)
    let workers = min(2, max(1, files.count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let index = state.next() {
        let file = files[index]
        var hasher = MultiHasher(algorithms)
        do {
          try read(root + "/" + file.path, inside: file.path, size: file.size) {
            hasher.update($0)
          }
          state.store(file.path, .success(hasher.finalize()))
        } catch let error as PackagingError {
          state.store(file.path, .failure(error))
        } catch {
          state.store(file.path, .failure(PackagingError(.io, "cannot read", file: file.path)))
        }
      }
    }
    for (path, result) in state.results {
      switch result {
      case .success(let digests): contents.files[path]?.digests = digests
      case .failure(let error): throw error
      }
    }
  }

  private final class SharedHashState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private(set) var results: [String: Result<[DigestAlgorithm: String], PackagingError>] = [:]

    init(count: Int) { self.count = count }

    func next() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard nextIndex < count else { return nil }
      nextIndex += 1
      return nextIndex - 1
    }

    func store(_ path: String, _ result: Result<[DigestAlgorithm: String], PackagingError>) {
      lock.lock()
      results[path] = result
      lock.unlock()
    }
  }
}
