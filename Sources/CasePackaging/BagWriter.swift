import CLibArchive
import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One payload file of a bag to write.
package struct BagPayloadEntry: Sendable {
  /// Where the bytes come from.
  package enum Source: Sendable {
    /// Bytes in memory (a rendered document).
    case bytes([UInt8])
    /// A local file, streamed in 1 MiB chunks and never read whole (a media object).
    case file(String)
  }

  /// The path under `data/`, with `/` between components (for example
  /// `documents/MG5.xml`).
  package var path: String
  package var source: Source

  package init(path: String, source: Source) {
    self.path = path
    self.source = source
  }
}

/// What a bag holds and how to write it.
package struct BagRequest: Sendable {
  /// The archive's base name and its one top-level directory (`[A-Za-z0-9._-]`).
  package var name: String
  package var payload: [BagPayloadEntry]
  package var serialization: BagSerialization = .tar
  /// The Bagging-Date, `YYYY-MM-DD`; every entry's mtime is its midnight UTC, so the
  /// same inputs give the same bytes.
  package var baggingDate: String
  package var sourceOrganization: String?
  package var externalIdentifier: String?
  package var profileIdentifier: String?
  /// Adds `Casefile-Draft: true` to `bag-info.txt`.
  package var draft = false
  /// More `bag-info.txt` fields, after the standard ones, in this order.
  package var extraInfo: [(label: String, value: String)] = []
  /// When set, the payload is split over several bags whose archives are each at most
  /// this many bytes, linked by Bag-Group-Identifier and Bag-Count.
  package var maxPartSize: Int64?
  /// Signs each bag's tag manifest into `signature-ed25519.txt`.
  package var signingKey: BagSigningKey?

  package init(name: String, payload: [BagPayloadEntry], baggingDate: String) {
    self.name = name
    self.payload = payload
    self.baggingDate = baggingDate
  }
}

/// One bag archive written.
package struct WrittenBag: Sendable, Equatable {
  package var path: String
  /// The SHA-256 of the whole archive file.
  package var sha256: String
  package var bytes: Int64
  package var payloadOxum: String
  package var part: Int
  package var parts: Int
}

/// Writes BagIt 1.0 (RFC 8493) bags as tar or zip archives through libarchive.
///
/// Each archive has one top-level directory holding, in this order: `bagit.txt`,
/// `bag-info.txt`, `data/` (payload sorted by UTF-8 bytes), `manifest-sha256.txt`,
/// `tagmanifest-sha256.txt` and, when signed, `signature-ed25519.txt`. Payload is hashed
/// as it is written (one pass). Metadata is fixed (mtime from the Bagging-Date, uid and
/// gid 0, no user or group names, modes 0644 and 0755), so the same inputs give the same
/// bytes. The archive is written under a temporary name, fsynced, renamed and its
/// directory fsynced.
package enum BagWriter {
  /// The size of each read from a payload file.
  static let chunkSize = 1 << 20

  /// Writes the bag (or bags, with a maximum part size) into `directory`.
  package static func write(_ request: BagRequest, to directory: String) throws -> [WrittenBag] {
    try validateName(request.name)
    let mtime = try midnightUTC(request.baggingDate)
    let info = try checkedInfo(request)
    let entries = try plannedEntries(request.payload)
    let parts = try split(entries, maxPartSize: request.maxPartSize)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw PackagingError(.io, "the output directory does not exist", file: directory)
    }
    DurableOutput.removeLeftovers(in: directory)
    var written: [WrittenBag] = []
    for (index, part) in parts.enumerated() {
      let name = parts.count == 1 ? request.name : "\(request.name)-\(index + 1)-of-\(parts.count)"
      var fields = info.standard
      if parts.count > 1 {
        fields.append(("Bag-Group-Identifier", request.externalIdentifier ?? request.name))
        fields.append(("Bag-Count", "\(index + 1) of \(parts.count)"))
      }
      fields += info.trailing
      let bag = try writeOne(
        name: name, entries: part, fields: fields, request: request, mtime: mtime,
        directory: directory)
      if let max = request.maxPartSize, parts.count > 1 || bag.bytes > max, bag.bytes > max {
        throw PackagingError(
          .invalidInput,
          "part \(index + 1) came to \(bag.bytes) bytes, over the maximum part size \(max)",
          file: bag.path)
      }
      written.append(
        WrittenBag(
          path: bag.path, sha256: bag.sha256, bytes: bag.bytes, payloadOxum: bag.oxum,
          part: index + 1, parts: parts.count))
    }
    return written
  }

  struct PlannedEntry {
    var path: String
    var source: BagPayloadEntry.Source
    var size: Int64
  }

  /// Checks payload paths and sizes, and sorts by UTF-8 bytes.
  static func plannedEntries(_ payload: [BagPayloadEntry]) throws -> [PlannedEntry] {
    var seen: Set<String> = []
    var planned: [PlannedEntry] = []
    for entry in payload {
      try validatePayloadPath(entry.path)
      guard seen.insert(entry.path.lowercased()).inserted else {
        throw PackagingError(
          .invalidInput, "two payload files share this name (ignoring case and normalisation)",
          file: "data/" + entry.path)
      }
      let size: Int64
      switch entry.source {
      case .bytes(let bytes): size = Int64(bytes.count)
      case .file(let path):
        var info = stat()
        guard stat(path, &info) == 0 else {
          throw PackagingError(
            .io, "cannot read: \(String(cString: strerror(errno)))", file: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
          throw PackagingError(.invalidInput, "not a regular file", file: path)
        }
        size = Int64(info.st_size)
      }
      planned.append(PlannedEntry(path: entry.path, source: entry.source, size: size))
    }
    planned.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    return planned
  }

  /// Splits entries over parts by an estimate of each entry's archive bytes.
  static func split(_ entries: [PlannedEntry], maxPartSize: Int64?) throws -> [[PlannedEntry]] {
    guard let maxPartSize else { return [entries] }
    let reserve: Int64 = 24 * 1024
    let budget = maxPartSize - reserve
    guard budget > 0 else {
      throw PackagingError(
        .invalidInput, "the maximum part size must be more than \(reserve) bytes")
    }
    var parts: [[PlannedEntry]] = []
    var current: [PlannedEntry] = []
    var used: Int64 = 0
    for entry in entries {
      let cost = (entry.size + 511) / 512 * 512 + 1536 + Int64(entry.path.utf8.count) * 3 + 200
      if cost > budget {
        throw PackagingError(
          .invalidInput,
          "the file is \(entry.size) bytes and cannot fit a part of \(maxPartSize) bytes",
          file: "data/" + entry.path)
      }
      if used + cost > budget, !current.isEmpty {
        parts.append(current)
        current = []
        used = 0
      }
      current.append(entry)
      used += cost
    }
    parts.append(current)
    return parts
  }

  private struct OneBag {
    var path: String
    var sha256: String
    var bytes: Int64
    var oxum: String
  }

  private static func writeOne(
    name: String, entries: [PlannedEntry], fields: [(String, String)], request: BagRequest,
    mtime: Int64, directory: String
  ) throws -> OneBag {
    let finalPath = directory + "/" + name + "." + request.serialization.fileExtension
    let output = try DurableOutput(finalPath: finalPath)
    defer { output.abandon() }
    let writer = try ArchiveWriter(
      serialization: request.serialization, output: output, mtime: mtime)
    let octets = entries.reduce(Int64(0)) { $0 + $1.size }
    let oxum = "\(octets).\(entries.count)"
    var info = fields
    info.insert(("Payload-Oxum", oxum), at: min(3, info.count))
    var tagDigests: [(String, String)] = []

    func addTag(_ fileName: String, _ bytes: [UInt8], listed: Bool = true) throws {
      try writer.beginFile(name + "/" + fileName, size: Int64(bytes.count))
      try bytes.withUnsafeBytes { try writer.writeData($0) }
      try writer.finishEntry()
      if listed { tagDigests.append((fileName, hex(SHA256.hash(data: bytes)))) }
    }

    try writer.addDirectory(name)
    try addTag("bagit.txt", Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8))
    try addTag("bag-info.txt", Array(info.map { "\($0.0): \($0.1)\n" }.joined().utf8))
    try writer.addDirectory(name + "/data")
    var madeDirectories: Set<String> = []
    var manifest: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    for entry in entries {
      let components = entry.path.split(separator: "/")
      var prefix = "data"
      for component in components.dropLast() {
        prefix += "/" + component
        if madeDirectories.insert(prefix).inserted {
          try writer.addDirectory(name + "/" + prefix)
        }
      }
      try writer.beginFile(name + "/data/" + entry.path, size: entry.size)
      let digest: String
      switch entry.source {
      case .bytes(let bytes):
        var hasher = SHA256()
        try bytes.withUnsafeBytes { raw in
          hasher.update(bufferPointer: raw)
          try writer.writeData(raw)
        }
        digest = hex(hasher.finalize())
      case .file(let path) where entry.size > 4 * Int64(chunkSize):
        digest = try PipelinedHasher.stream(path, size: entry.size) { chunk in
          try writer.writeData(chunk)
        }
      case .file(let path):
        var hasher = SHA256()
        try stream(path, size: entry.size, buffer: &buffer) { chunk in
          hasher.update(bufferPointer: chunk)
          try writer.writeData(chunk)
        }
        digest = hex(hasher.finalize())
      }
      try writer.finishEntry()
      manifest += Array("\(digest)  data/\(encodeManifestPath(entry.path))\n".utf8)
    }
    try addTag("manifest-sha256.txt", manifest)
    tagDigests.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
    let tagManifest = Array(tagDigests.map { "\($0.1)  \($0.0)\n" }.joined().utf8)
    try addTag("tagmanifest-sha256.txt", tagManifest, listed: false)
    if let key = request.signingKey {
      try addTag(
        BagSignatureFile.name, try BagSignatureFile.make(tagManifest: tagManifest, key: key),
        listed: false)
    }
    try writer.close()
    try output.commit()
    return OneBag(
      path: finalPath, sha256: output.sha256 ?? "", bytes: output.bytesWritten, oxum: oxum)
  }

  /// Reads `path` in chunks, checking it holds exactly `size` bytes.
  static func stream(
    _ path: String, size: Int64, buffer: inout [UInt8],
    _ body: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw PackagingError(.io, "cannot open: \(String(cString: strerror(errno)))", file: path)
    }
    defer { close(fd) }
    _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
    var total: Int64 = 0
    while true {
      let count = buffer.withUnsafeMutableBytes { raw in
        read(fd, raw.baseAddress, raw.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw PackagingError(.io, "cannot read: \(String(cString: strerror(errno)))", file: path)
      }
      if count == 0 { break }
      total += Int64(count)
      if total > size { break }
      try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
    if total != size {
      throw PackagingError(.io, "the file changed size while it was bagged", file: path)
    }
  }

  /// The SHA-256 and size of a file.
  static func fileSHA256(_ path: String) throws -> (String, Int64) {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw PackagingError(.io, "cannot read: \(String(cString: strerror(errno)))", file: path)
    }
    var hasher = SHA256()
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    try stream(path, size: Int64(info.st_size), buffer: &buffer) {
      hasher.update(bufferPointer: $0)
    }
    return (hex(hasher.finalize()), Int64(info.st_size))
  }

  /// Percent-encodes CR, LF and `%` in a manifest path (RFC 8493 §2.1.3).
  package static func encodeManifestPath(_ path: String) -> String {
    var out = ""
    for character in path.unicodeScalars {
      switch character {
      case "%": out += "%25"
      case "\n": out += "%0A"
      case "\r": out += "%0D"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }

  private static func validateName(_ name: String) throws {
    let allowed = name.utf8.allSatisfy { byte in
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a)
        || (byte >= 0x61 && byte <= 0x7a) || byte == 0x2e || byte == 0x5f || byte == 0x2d
    }
    guard allowed, !name.isEmpty, name.utf8.count <= 200, !name.hasPrefix(".") else {
      throw PackagingError(
        .invalidInput, "a bag name is 1 to 200 of A-Z a-z 0-9 . _ - and does not start with .")
    }
  }

  /// Refuses payload paths a reader would refuse (RFC 8493 and TESTPLAN attack 8).
  static func validatePayloadPath(_ path: String) throws {
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    let bad =
      path.isEmpty || path.hasPrefix("/") || components.count > 14
      || path.utf8.count > 900
      || components.contains { $0.isEmpty || $0 == "." || $0 == ".." || $0.utf8.count > 255 }
      || path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f || $0 == "\\" }
    if bad {
      throw PackagingError(
        .invalidInput,
        "a payload path is relative, has no empty, . or .. component, no control characters "
          + "or backslashes, at most 14 levels and 900 bytes",
        file: "data/" + path)
    }
  }

  private static func checkedInfo(_ request: BagRequest) throws -> (
    standard: [(String, String)], trailing: [(String, String)]
  ) {
    var standard: [(String, String)] = []
    if let value = request.sourceOrganization { standard.append(("Source-Organization", value)) }
    if let value = request.externalIdentifier { standard.append(("External-Identifier", value)) }
    standard.append(("Bagging-Date", request.baggingDate))
    var trailing: [(String, String)] = []
    if let value = request.profileIdentifier {
      trailing.append(("BagIt-Profile-Identifier", value))
    }
    if request.draft { trailing.append(("Casefile-Draft", "true")) }
    trailing += request.extraInfo.map { ($0.label, $0.value) }
    for (label, value) in standard + trailing {
      let labelOK =
        !label.isEmpty
        && label.utf8.allSatisfy { byte in
          (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a)
            || (byte >= 0x61 && byte <= 0x7a) || byte == 0x2d || byte == 0x5f
        }
      let valueOK = !value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
      guard labelOK, valueOK, value.trimmingCharacters(in: .whitespaces) == value else {
        throw PackagingError(
          .invalidInput,
          "a bag-info label is A-Z a-z 0-9 - _ and a value one line without control characters "
            + "or outer spaces",
          file: "bag-info.txt")
      }
    }
    return (standard, trailing)
  }

  /// Seconds since 1970 at midnight UTC of a `YYYY-MM-DD` date.
  package static func midnightUTC(_ date: String) throws -> Int64 {
    let parts = date.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
      (1..<13).contains(month), day >= 1, day <= daysIn(month: month, year: year),
      year >= 1970
    else {
      throw PackagingError(.invalidInput, "the Bagging-Date \(date) is not a real YYYY-MM-DD date")
    }
    // Days from civil (proleptic Gregorian).
    let y = month <= 2 ? year - 1 : year
    let era = y / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return (era * 146_097 + doe - 719_468) * 86_400
  }

  private static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
