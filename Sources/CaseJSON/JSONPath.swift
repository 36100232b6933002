/// A location inside a JSON document, such as `$.cases[0]["odd key"].name`.
package struct JSONPath: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// One step of a path: an object key or an array index.
  package enum Component: Equatable, Hashable, Sendable {
    case key(String)
    case index(Int)
  }

  /// The steps from the document root.
  package var components: [Component]

  /// Creates a path; the empty path is the root (`$`).
  package init(_ components: [Component] = []) {
    self.components = components
  }

  /// The document root.
  package static let root = JSONPath()

  /// This path extended by one object key.
  package func appending(key: String) -> JSONPath {
    JSONPath(components + [.key(key)])
  }

  /// This path extended by one array index.
  package func appending(index: Int) -> JSONPath {
    JSONPath(components + [.index(index)])
  }

  /// The path in `$.a[0]["odd key"]` notation; keys that are not identifiers are quoted
  /// with JSON string escapes.
  package var description: String {
    var text = "$"
    for component in components {
      switch component {
      case .index(let index):
        text += "[\(index)]"
      case .key(let key):
        if Self.isIdentifier(key) {
          text += "." + key
        } else {
          text += "[" + JSONString.quoted(key) + "]"
        }
      }
    }
    return text
  }

  /// The path as an RFC 6901 JSON Pointer (`/a/0/odd key`).
  package var jsonPointer: String {
    var text = ""
    for component in components {
      switch component {
      case .index(let index): text += "/\(index)"
      case .key(let key):
        text += "/" + key.replacingTildeAndSlash()
      }
    }
    return text
  }

  static func isIdentifier(_ key: String) -> Bool {
    guard let first = key.utf8.first else { return false }
    func isLetter(_ byte: UInt8) -> Bool {
      (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        || byte == 0x24
    }
    guard isLetter(first) else { return false }
    return key.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
  }
}

extension String {
  /// The string with `~` and `/` escaped for use as a JSON Pointer reference token.
  func replacingTildeAndSlash() -> String {
    guard utf8.contains(where: { $0 == 0x7E || $0 == 0x2F }) else { return self }
    var text = ""
    for scalar in unicodeScalars {
      switch scalar {
      case "~": text += "~0"
      case "/": text += "~1"
      default: text.unicodeScalars.append(scalar)
      }
    }
    return text
  }
}
