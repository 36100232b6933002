import CLibArchive
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// How a bag is serialised.
package enum BagSerialization: String, Sendable, CaseIterable {
  /// POSIX tar (ustar, with pax extended headers only where ustar cannot hold a name).
  case tar
  /// Zip with every entry stored (not compressed).
  case zip

  /// The file name extension.
  package var fileExtension: String { rawValue }

  /// The media type, as the BagIt Profiles specification names serialisations.
  package var mediaType: String {
    switch self {
    case .tar: "application/x-tar"
    case .zip: "application/zip"
    }
  }
}

/// Writes a tar or zip archive through libarchive into a ``DurableOutput``, with fixed
/// metadata so the same entries always give the same bytes.
///
/// Owns a `struct archive *` from `archive_write_new()`; ``close()`` finishes the archive
/// (`archive_write_close`), `deinit` frees it (`archive_write_free`).
final class ArchiveWriter {
  private let archive: OpaquePointer
  private let sink: Sink
  private var closed = false
  private let mtime: Int64

  /// Where libarchive's write callback sends its blocks; keeps the first error.
  final class Sink {
    let output: DurableOutput
    var error: PackagingError?
    init(output: DurableOutput) { self.output = output }
  }

  init(serialization: BagSerialization, output: DurableOutput, mtime: Int64) throws {
    guard let archive = archive_write_new() else {
      throw PackagingError(.io, "libarchive could not allocate a writer")
    }
    self.archive = archive
    self.mtime = mtime
    sink = Sink(output: output)
    switch serialization {
    case .tar:
      try check(archive_write_set_format_pax_restricted(archive), "set the tar format")
    case .zip:
      try check(archive_write_set_format_zip(archive), "set the zip format")
      try check(
        archive_write_set_format_option(archive, "zip", "compression", "store"),
        "store zip entries")
      // No zero padding after the end-of-central-directory record.
      try check(archive_write_set_bytes_in_last_block(archive, 1), "end the zip exactly")
    }
    try check(archive_write_add_filter_none(archive), "set no compression")
    let client = Unmanaged.passUnretained(sink).toOpaque()
    let status = archive_write_open2(
      archive, client, nil,
      { _, client, buffer, length in
        guard let client, let buffer else { return -1 }
        let sink = Unmanaged<Sink>.fromOpaque(client).takeUnretainedValue()
        do {
          try sink.output.write(UnsafeRawBufferPointer(start: buffer, count: length))
          return length
        } catch let error as PackagingError {
          sink.error = error
          return -1
        } catch {
          return -1
        }
      }, nil, nil)
    try check(status, "open the archive")
  }

  deinit { archive_write_free(archive) }

  private func check(_ status: Int32, _ what: String) throws {
    if status == ARCHIVE_OK || status == ARCHIVE_WARN { return }
    if let error = sink.error { throw error }
    let detail = archive_error_string(archive).map { String(cString: $0) } ?? "unknown error"
    throw PackagingError(.io, "libarchive could not \(what): \(detail)")
  }

  /// Writes a directory entry (mode 0755).
  func addDirectory(_ path: String) throws {
    try writeHeader(path: path.hasSuffix("/") ? path : path + "/", size: 0, directory: true)
  }

  /// Writes a regular file's header (mode 0644, uid and gid 0, no user or group names, the
  /// fixed mtime); its data follows through ``writeData(_:)``.
  func beginFile(_ path: String, size: Int64) throws {
    try writeHeader(path: path, size: size, directory: false)
  }

  private func writeHeader(path: String, size: Int64, directory: Bool) throws {
    guard let entry = archive_entry_new() else {
      throw PackagingError(.io, "libarchive could not allocate an entry")
    }
    defer { archive_entry_free(entry) }
    archive_entry_set_pathname_utf8(entry, path)
    archive_entry_set_filetype(entry, directory ? EntryType.directory : EntryType.regular)
    archive_entry_set_perm(entry, directory ? 0o755 : 0o644)
    archive_entry_set_size(entry, size)
    archive_entry_set_mtime(entry, time_t(mtime), 0)
    archive_entry_set_uid(entry, 0)
    archive_entry_set_gid(entry, 0)
    try check(archive_write_header(archive, entry), "write the header of \(path)")
  }

  /// Writes file data (`archive_write_data`).
  func writeData(_ bytes: UnsafeRawBufferPointer) throws {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    var offset = 0
    while offset < bytes.count {
      let written = archive_write_data(archive, base + offset, bytes.count - offset)
      if written < 0 { try check(Int32(written), "write data") }
      if written == 0 { throw PackagingError(.io, "libarchive wrote nothing") }
      offset += written
    }
  }

  /// Finishes the current entry (`archive_write_finish_entry`).
  func finishEntry() throws {
    try check(archive_write_finish_entry(archive), "finish an entry")
  }

  /// Writes the end of the archive (`archive_write_close`).
  func close() throws {
    guard !closed else { return }
    closed = true
    try check(archive_write_close(archive), "finish the archive")
  }
}

/// libarchive's `AE_IF*` file types (macros with casts, which Swift does not import).
enum EntryType {
  static let mask: UInt32 = 0o170000
  static let regular: UInt32 = 0o100000
  static let directory: UInt32 = 0o040000
  static let symbolicLink: UInt32 = 0o120000
}
