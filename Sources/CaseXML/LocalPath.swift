import Foundation

/// Turns a URI or path into a standardised absolute local path; nil for other schemes.
enum LocalPath {
  static func from(_ text: String) -> String? {
    var path = text
    if path.hasPrefix("file://") {
      path = String(path.dropFirst("file://".count))
      if !path.hasPrefix("/") { return nil }  // file://host/… is not local
      path = path.removingPercentEncoding ?? path
    } else if path.hasPrefix("file:") {
      path = String(path.dropFirst("file:".count))
    } else if hasScheme(path) {
      return nil
    }
    guard path.hasPrefix("/") else { return nil }
    return URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// Whether `text` starts with a URI scheme (`http:`, `urn:`, …) rather than a path.
  static func hasScheme(_ text: String) -> Bool {
    guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
    let scheme = text[..<colon]
    guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
    return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
  }

  /// Resolves `reference` against the directory of `base` (a local path).
  static func resolve(_ reference: String, against base: String) -> String? {
    if reference.hasPrefix("/") || reference.hasPrefix("file:") { return from(reference) }
    if hasScheme(reference) { return nil }
    let decoded = reference.removingPercentEncoding ?? reference
    let directory = URL(fileURLWithPath: base).deletingLastPathComponent()
    return directory.appendingPathComponent(decoded).standardizedFileURL.path
  }

  /// `path` made absolute against the current directory.
  static func absolute(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }
}
