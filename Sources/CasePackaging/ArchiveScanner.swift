import CLibArchive
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a bag straight from a tar, gzip-compressed tar or zip archive, hashing each entry
/// as it streams past; nothing is extracted.
///
/// Only libarchive's tar and zip readers and the gzip filter are enabled, after a check of
/// the file's magic bytes. Every entry is checked before its data is used: regular files and
/// directories only (no links, devices, fifos, sockets, setuid bits, sparse or encrypted
/// entries), names as ``EntryName`` allows, no duplicates, one top-level directory, caps on
/// entries, entry and total bytes actually read and the expansion ratio, and no data after
/// the end of the archive. The archive is read from one open descriptor, so what was
/// checked is what was hashed.
enum ArchiveScanner {
  enum Magic {
    case tar
    case gzip
    case zip
  }

  /// Identifies the container from its first bytes.
  static func magic(fd: Int32, size: Int64) throws -> Magic {
    var head = [UInt8](repeating: 0, count: 512)
    let count = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 512, 0) }
    if count >= 2, head[0] == 0x1f, head[1] == 0x8b { return .gzip }
    if count >= 4, head[0] == 0x50, head[1] == 0x4b,
      (head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6)
    {
      return .zip
    }
    if count == 512, Array(head[257..<262]) == Array("ustar".utf8) { return .tar }
    throw PackagingError(
      .unsupportedFormat, "not a tar, gzip-compressed tar or zip archive (by its first bytes)")
  }

  /// Checks that a zip ends exactly at its end-of-central-directory record.
  static func checkZipEnd(fd: Int32, size: Int64) throws {
    let tailLength = Int(min(size, 22 + 65_535))
    var tail = [UInt8](repeating: 0, count: tailLength)
    let count = tail.withUnsafeMutableBytes {
      pread(fd, $0.baseAddress, tailLength, off_t(size) - off_t(tailLength))
    }
    guard count == tailLength, tailLength >= 22 else {
      throw PackagingError(.corruptArchive, "the zip has no end-of-central-directory record")
    }
    var index = tailLength - 22
    while index >= 0 {
      if tail[index] == 0x50, tail[index + 1] == 0x4b, tail[index + 2] == 5,
        tail[index + 3] == 6
      {
        let comment = Int(tail[index + 20]) | Int(tail[index + 21]) << 8
        if index + 22 + comment == tailLength { return }
        throw PackagingError(.trailingData, "data follows the zip's end-of-central-directory")
      }
      index -= 1
    }
    throw PackagingError(.corruptArchive, "the zip has no end-of-central-directory record")
  }

  /// Reads the archive at `path`; `algorithms` says, from the tag file names seen so far,
  /// which digests to compute for each payload entry.
  static func scan(
    path: String, limits: BagReadLimits, keep: (String) -> Bool = { _ in false },
    algorithms: (Set<String>) -> Set<DigestAlgorithm>
  ) throws -> BagContents {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else {
      let code: PackagingError.Code = errno == ELOOP ? .symbolicLink : .io
      throw PackagingError(code, "cannot open: \(String(cString: strerror(errno)))", file: path)
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      throw PackagingError(.unsupportedFormat, "not a regular file", file: path)
    }
    let size = Int64(info.st_size)
    let kind = try magic(fd: fd, size: size)
    if kind == .zip { try checkZipEnd(fd: fd, size: size) }

    guard let archive = archive_read_new() else {
      throw PackagingError(.io, "libarchive could not allocate a reader")
    }
    defer { archive_read_free(archive) }
    func failure(_ code: PackagingError.Code, _ what: String) -> PackagingError {
      let detail = archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
      return PackagingError(code, "\(what): \(detail)")
    }
    switch kind {
    case .tar:
      archive_read_support_format_tar(archive)
    case .gzip:
      archive_read_support_filter_gzip(archive)
      archive_read_support_format_tar(archive)
    case .zip:
      archive_read_support_format_zip(archive)
    }
    guard archive_read_open_fd(archive, fd, 1 << 16) == ARCHIVE_OK else {
      throw failure(.corruptArchive, "libarchive cannot open the archive")
    }

    var contents = BagContents(
      root: "", serialization: kind == .zip ? "zip" : kind == .gzip ? "tar.gz" : "tar")
    var duplicates = DuplicateDetector()
    var tagNames: Set<String> = []
    var entries = 0
    var total: Int64 = 0
    var root: String?
    let pool = HashPool()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    let inlineLimit = 8 << 20

    while true {
      var entry: OpaquePointer?
      let status = archive_read_next_header(archive, &entry)
      if status == ARCHIVE_EOF { break }
      guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
        _ = pool.finish()
        throw failure(.corruptArchive, "libarchive cannot read the next entry")
      }
      if entries == 0 {
        let format = archive_format(archive) & ARCHIVE_FORMAT_BASE_MASK
        guard format == ARCHIVE_FORMAT_TAR || format == ARCHIVE_FORMAT_ZIP else {
          throw PackagingError(.unsupportedFormat, "the archive is neither tar nor zip")
        }
      }
      entries += 1
      if entries > limits.maxEntries {
        _ = pool.finish()
        throw PackagingError(.tooManyEntries, "more than \(limits.maxEntries) entries")
      }
      let rawName: String
      if let utf8 = archive_entry_pathname_utf8(entry) {
        rawName = String(cString: utf8)
      } else if let bytes = archive_entry_pathname(entry) {
        guard let name = String(validatingCString: bytes) else {
          throw PackagingError(.badName, "an entry name is not UTF-8")
        }
        rawName = name
      } else {
        throw PackagingError(.badName, "an entry has no name")
      }
      let name = try EntryName.check(rawName, limits: limits)
      if archive_entry_hardlink(entry) != nil {
        throw PackagingError(.hardLink, "the entry is a hard link", file: name)
      }
      let type = UInt32(archive_entry_filetype(entry)) & EntryType.mask
      if type == EntryType.symbolicLink || archive_entry_symlink(entry) != nil {
        throw PackagingError(.symbolicLink, "the entry is a symbolic link", file: name)
      }
      guard type == EntryType.regular || type == EntryType.directory else {
        throw PackagingError(
          .specialEntry, "the entry is a device, fifo or socket, not a file", file: name)
      }
      if UInt32(archive_entry_mode(entry)) & 0o7000 != 0 {
        throw PackagingError(
          .specialEntry, "the entry has setuid, setgid or sticky bits", file: name)
      }
      if archive_entry_sparse_count(entry) > 0 {
        throw PackagingError(.specialEntry, "the entry is sparse", file: name)
      }
      if archive_entry_is_encrypted(entry) != 0 {
        throw PackagingError(.specialEntry, "the entry is encrypted", file: name)
      }
      try duplicates.insert(name)
      let components = name.split(separator: "/", maxSplits: 1)
      let top = String(components[0])
      if let root, root != top {
        throw PackagingError(
          .notOneTopLevelDirectory, "the archive has more than one top-level entry", file: name)
      }
      root = top
      if components.count == 1 {
        guard type == EntryType.directory else {
          throw PackagingError(
            .notOneTopLevelDirectory, "a file sits beside the bag's top-level directory",
            file: name)
        }
        continue
      }
      let inside = String(components[1])
      if type == EntryType.directory {
        contents.directories.insert(inside)
        continue
      }
      let declared: Int64? = archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : nil
      if let declared, declared > limits.maxEntryBytes || declared < 0 {
        throw PackagingError(
          .entryTooLarge, "the entry is larger than \(limits.maxEntryBytes) bytes", file: name)
      }
      let isTag = !inside.hasPrefix("data/")
      let wanted: Set<DigestAlgorithm> = isTag ? [] : algorithms(tagNames)
      let keepWhole = isTag || (declared.map { $0 <= Int64(inlineLimit) } ?? false)
      let keepContent = !isTag && keepWhole && keep(inside)
      var kept: [UInt8] = []
      var hasher = MultiHasher(keepWhole ? [] : wanted)
      var read: Int64 = 0
      while true {
        let count = buffer.withUnsafeMutableBytes {
          archive_read_data(archive, $0.baseAddress, $0.count)
        }
        if count < 0 {
          _ = pool.finish()
          throw failure(.corruptArchive, "libarchive cannot read \(name)")
        }
        if count == 0 { break }
        read += Int64(count)
        total += Int64(count)
        if read > limits.maxEntryBytes {
          throw PackagingError(
            .entryTooLarge, "the entry is larger than \(limits.maxEntryBytes) bytes", file: name)
        }
        if total > limits.maxTotalBytes {
          throw PackagingError(
            .decompressionBomb, "the archive expands past \(limits.maxTotalBytes) bytes",
            file: name)
        }
        if total > limits.ratioFloor {
          let consumed = max(archive_filter_bytes(archive, -1), 1)
          if total / consumed > limits.maxRatio {
            throw PackagingError(
              .decompressionBomb,
              "the archive expands more than \(limits.maxRatio) times (a decompression bomb)",
              file: name)
          }
        }
        if isTag && read > Int64(limits.maxTagFileBytes) {
          throw PackagingError(
            .entryTooLarge, "the tag file is larger than \(limits.maxTagFileBytes) bytes",
            file: name)
        }
        buffer.withUnsafeBytes { raw in
          let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<count])
          if keepWhole {
            kept.append(contentsOf: chunk)
          } else {
            hasher.update(chunk)
          }
        }
      }
      if let declared, declared != read {
        throw PackagingError(
          .sizeMismatch, "the entry holds \(read) bytes but its header says \(declared)",
          file: name)
      }
      var file = ReadFile(path: inside, size: read)
      if isTag {
        file.content = kept
        if !inside.contains("/") { tagNames.insert(inside) }
      } else if keepWhole {
        if keepContent { file.content = kept }
        pool.submit(inside, kept, wanted)
      } else {
        file.digests = hasher.finalize()
      }
      contents.files[inside] = file
    }
    let pooled = pool.finish()
    for (path, digests) in pooled { contents.files[path]?.digests = digests }
    if kind == .tar {
      try checkTarEnd(fd: fd, size: size, consumed: archive_filter_bytes(archive, -1))
    }
    guard let root else {
      throw PackagingError(.notOneTopLevelDirectory, "the archive is empty")
    }
    contents.root = root
    return contents
  }

  /// Refuses anything but zero padding after a tar's end-of-archive marker.
  static func checkTarEnd(fd: Int32, size: Int64, consumed: Int64) throws {
    var offset = consumed
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while offset < size {
      let count = buffer.withUnsafeMutableBytes {
        pread(fd, $0.baseAddress, $0.count, off_t(offset))
      }
      if count <= 0 { break }
      if buffer[0..<count].contains(where: { $0 != 0 }) {
        throw PackagingError(.trailingData, "data follows the tar's end-of-archive marker")
      }
      offset += Int64(count)
    }
    // A whole tar is whole 512-byte records ending with the two zero records of its
    // end-of-archive marker.
    var last = [UInt8](repeating: 1, count: 1024)
    let count = last.withUnsafeMutableBytes {
      pread(fd, $0.baseAddress, 1024, off_t(max(size - 1024, 0)))
    }
    guard size % 512 == 0, size >= 1024, count == 1024, last.allSatisfy({ $0 == 0 }) else {
      throw PackagingError(
        .corruptArchive, "the tar is truncated (no whole end-of-archive marker)")
    }
  }

}
