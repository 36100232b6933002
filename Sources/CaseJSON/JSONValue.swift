/// A parsed JSON value.
///
/// Equality is JSON equality: numbers compare by value (`1 == 1.0`), strings by their
/// Unicode scalars, and objects regardless of key order.
package enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(JSONNumber)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The JSON type name used in messages ("null", "boolean", "number", "string", "array", "object").
  package var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): a.unicodeScalars.elementsEqual(b.unicodeScalars)
    case (.array(let a), .array(let b)): a.count == b.count && zip(a, b).allSatisfy { $0 == $1 }
    case (.object(let a), .object(let b)): a == b
    default: false
    }
  }
}

/// A JSON object that keeps its members in document order.
///
/// Keys are unique (the parser refuses duplicates). Lookup is linear for small objects and
/// hashed for larger ones.
package struct JSONObject: Equatable, Sendable, Sequence {
  /// The members in document order.
  package private(set) var entries: [(key: String, value: JSONValue)]
  private var index: [String: Int]?

  private static let indexThreshold = 12

  /// Creates an object from members in order; a later duplicate key replaces the earlier value.
  package init(_ entries: [(key: String, value: JSONValue)] = []) {
    self.entries = []
    self.entries.reserveCapacity(entries.count)
    for entry in entries { self[entry.key] = entry.value }
  }

  /// Creates an object from members the caller guarantees to have unique keys.
  init(uniqueEntries: [(key: String, value: JSONValue)], index: [String: Int]?) {
    self.entries = uniqueEntries
    self.index = index
    if index == nil, uniqueEntries.count > Self.indexThreshold { buildIndex() }
  }

  private mutating func buildIndex() {
    var built: [String: Int] = [:]
    built.reserveCapacity(entries.count)
    for (position, entry) in entries.enumerated() { built[entry.key] = position }
    index = built
  }

  /// The number of members.
  package var count: Int { entries.count }

  /// Whether the object has no members.
  package var isEmpty: Bool { entries.isEmpty }

  /// The keys in document order.
  package var keys: [String] { entries.map(\.key) }

  /// The position of `key` in `entries`, if present.
  package func position(of key: String) -> Int? {
    if let index { return index[key] }
    for position in entries.indices where entries[position].key == key { return position }
    return nil
  }

  /// The value for `key`, if present; setting `nil` removes the member.
  package subscript(key: String) -> JSONValue? {
    get { position(of: key).map { entries[$0].value } }
    set {
      if let position = position(of: key) {
        if let newValue {
          entries[position].value = newValue
        } else {
          entries.remove(at: position)
          index = nil
          if entries.count > Self.indexThreshold { buildIndex() }
        }
      } else if let newValue {
        entries.append((key, newValue))
        if index != nil {
          index?[key] = entries.count - 1
        } else if entries.count > Self.indexThreshold {
          buildIndex()
        }
      }
    }
  }

  package func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
    entries.makeIterator()
  }

  package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.count == rhs.count else { return false }
    for entry in lhs.entries {
      guard let other = rhs[entry.key], other == entry.value else { return false }
    }
    return true
  }
}
