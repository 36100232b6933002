/// Limits that a bag reader enforces before it trusts anything (TESTPLAN, attacks 8 and 9).
package struct BagReadLimits: Sendable {
  /// The most entries an archive or directory may hold.
  package var maxEntries = 200_000
  /// The largest entry, in bytes actually read.
  package var maxEntryBytes: Int64 = 64 << 30
  /// The most bytes read from all entries together.
  package var maxTotalBytes: Int64 = 256 << 30
  /// After `ratioFloor` bytes, the most bytes produced per byte of archive consumed.
  package var maxRatio: Int64 = 100
  package var ratioFloor: Int64 = 32 << 20
  /// The largest tag file kept in memory to parse.
  package var maxTagFileBytes = 64 << 20
  /// Name limits: bytes per component, bytes in all, directory levels.
  package var maxComponentBytes = 255
  package var maxNameBytes = 1024
  package var maxDepth = 16

  package init() {}
}

/// Checks one entry name of a bag and returns it relative to the bag's top-level directory
/// holder (for archives) or the bag root (for directories), with `./` and a trailing `/`
/// removed.
enum EntryName {
  static func check(_ raw: String, limits: BagReadLimits) throws -> String {
    if raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
      throw PackagingError(.badName, "the name has a control character", file: printable(raw))
    }
    if raw.contains("\\") {
      throw PackagingError(.badName, "the name has a backslash", file: printable(raw))
    }
    if raw.hasPrefix("/") {
      throw PackagingError(.absolutePath, "the name is absolute", file: printable(raw))
    }
    var name = Substring(raw)
    while name.hasPrefix("./") { name = name.dropFirst(2) }
    if name.hasSuffix("/") { name = name.dropLast() }
    let components = name.split(separator: "/", omittingEmptySubsequences: false)
    if components.contains("..") {
      throw PackagingError(.parentTraversal, "the name has a .. component", file: printable(raw))
    }
    if name.isEmpty || components.contains(where: { $0.isEmpty || $0 == "." }) {
      throw PackagingError(.badName, "the name has an empty or . component", file: printable(raw))
    }
    if raw.utf8.count > limits.maxNameBytes
      || components.contains(where: { $0.utf8.count > limits.maxComponentBytes })
    {
      throw PackagingError(
        .nameTooLong,
        "the name is longer than \(limits.maxNameBytes) bytes or has a component over "
          + "\(limits.maxComponentBytes)", file: printable(String(raw.prefix(120))))
    }
    if components.count > limits.maxDepth {
      throw PackagingError(
        .nameTooLong, "the name is more than \(limits.maxDepth) levels deep",
        file: printable(String(raw.prefix(120))))
    }
    return String(name)
  }

  /// The name with control characters shown as `\u{..}`, for messages.
  static func printable(_ name: String) -> String {
    var out = ""
    for scalar in name.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7f {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// Detects duplicate names: exact, case-folded, and canonically equivalent (NFC/NFD),
/// since Swift compares strings by canonical equivalence.
struct DuplicateDetector {
  private var seen: [String: String] = [:]

  mutating func insert(_ name: String) throws {
    let key = name.lowercased()
    if let earlier = seen[key] {
      let how =
        earlier.utf8.elementsEqual(name.utf8)
        ? "twice" : "twice, differing only in case or normalisation"
      throw PackagingError(.duplicateEntry, "the name appears \(how)", file: name)
    }
    seen[key] = name
  }
}
