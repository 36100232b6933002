/// Decodes `Decodable` values straight from a parsed `JSONValue`.
///
/// Importers parse a document once with `JSONParser` (strict, with positions) and validate
/// it against a schema; this decoder then builds the model from the same tree instead of
/// parsing the bytes a second time. Errors are ordinary `DecodingError`s with coding paths.
package struct JSONValueDecoder {
  package init() {}

  /// Decodes a value of `type` from `value`.
  package func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
    try T(from: ValueDecoder(value: value, path: nil))
  }
}

/// A coding path kept as a linked list, so nesting a container costs one small allocation.
final class CodingPathNode: Sendable {
  let parent: CodingPathNode?
  let key: AnyCodingKey

  init(parent: CodingPathNode?, key: AnyCodingKey) {
    self.parent = parent
    self.key = key
  }

  static func path(_ node: CodingPathNode?) -> [any CodingKey] {
    var keys: [any CodingKey] = []
    var current = node
    while let node = current {
      keys.append(node.key)
      current = node.parent
    }
    return keys.reversed()
  }
}

/// A coding key for object members and array positions.
struct AnyCodingKey: CodingKey, Sendable {
  let stringValue: String
  let intValue: Int?

  init(stringValue: String) {
    self.stringValue = stringValue
    self.intValue = nil
  }

  init(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}

struct ValueDecoder: Decoder {
  let value: JSONValue
  let path: CodingPathNode?

  var codingPath: [any CodingKey] { CodingPathNode.path(path) }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let object) = value else {
      throw DecodingError.typeMismatch(
        [String: Any].self,
        .init(
          codingPath: codingPath, debugDescription: "expected an object, found \(value.typeName)"))
    }
    return KeyedDecodingContainer(ObjectContainer(object: object, path: path))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let array) = value else {
      throw DecodingError.typeMismatch(
        [Any].self,
        .init(
          codingPath: codingPath, debugDescription: "expected an array, found \(value.typeName)"))
    }
    return ArrayContainer(array: array, path: path)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    SingleContainer(value: value, parent: path, key: nil)
  }
}

struct ObjectContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let object: JSONObject
  let path: CodingPathNode?

  var codingPath: [any CodingKey] { CodingPathNode.path(path) }
  var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

  func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

  func member(_ key: Key) throws -> JSONValue {
    guard let value = object[key.stringValue] else {
      throw DecodingError.keyNotFound(
        key, .init(codingPath: codingPath, debugDescription: "missing member"))
    }
    return value
  }

  func child(_ key: Key) -> CodingPathNode {
    CodingPathNode(parent: path, key: AnyCodingKey(stringValue: key.stringValue))
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    if case .null = try member(key) { return true }
    return false
  }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try SingleContainer(
      value: try member(key), parent: path, key: AnyCodingKey(stringValue: key.stringValue)
    )
    .decode(type)
  }

  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    guard let value = object[key.stringValue] else { return nil }
    if case .null = value { return nil }
    return try SingleContainer(
      value: value, parent: path, key: AnyCodingKey(stringValue: key.stringValue)
    )
    .decode(type)
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try ValueDecoder(value: try member(key), path: child(key)).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try ValueDecoder(value: try member(key), path: child(key)).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    ValueDecoder(
      value: object["super"] ?? .null,
      path: CodingPathNode(parent: path, key: AnyCodingKey(stringValue: "super")))
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    ValueDecoder(value: object[key.stringValue] ?? .null, path: child(key))
  }
}

struct ArrayContainer: UnkeyedDecodingContainer {
  let array: [JSONValue]
  let path: CodingPathNode?
  var currentIndex = 0

  init(array: [JSONValue], path: CodingPathNode?) {
    self.array = array
    self.path = path
  }

  var codingPath: [any CodingKey] { CodingPathNode.path(path) }
  var count: Int? { array.count }
  var isAtEnd: Bool { currentIndex >= array.count }

  mutating func next() throws -> SingleContainer {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        JSONValue.self, .init(codingPath: codingPath, debugDescription: "no more elements"))
    }
    defer { currentIndex += 1 }
    return SingleContainer(
      value: array[currentIndex], parent: path, key: AnyCodingKey(intValue: currentIndex))
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, case .null = array[currentIndex] else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    try next().decode(type)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type
  ) throws -> KeyedDecodingContainer<NestedKey> {
    let element = try next()
    return try ValueDecoder(value: element.value, path: element.path).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let element = try next()
    return try ValueDecoder(value: element.value, path: element.path).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let element = try next()
    return ValueDecoder(value: element.value, path: element.path)
  }
}

struct SingleContainer: SingleValueDecodingContainer {
  let value: JSONValue
  /// The container holding the value; the value's own path node is made only when needed
  /// (a nested container or an error), so decoding a scalar member allocates nothing.
  let parent: CodingPathNode?
  let key: AnyCodingKey?

  init(value: JSONValue, parent: CodingPathNode?, key: AnyCodingKey?) {
    self.value = value
    self.parent = parent
    self.key = key
  }

  var path: CodingPathNode? {
    guard let key else { return parent }
    return CodingPathNode(parent: parent, key: key)
  }

  var codingPath: [any CodingKey] { CodingPathNode.path(path) }

  func mismatch<T>(_ type: T.Type, _ expected: String) -> DecodingError {
    DecodingError.typeMismatch(
      type,
      .init(
        codingPath: codingPath, debugDescription: "expected \(expected), found \(value.typeName)"))
  }

  func decodeNil() -> Bool {
    if case .null = value { return true }
    return false
  }

  func decode(_ type: Bool.Type) throws -> Bool {
    guard case .bool(let flag) = value else { throw mismatch(type, "a boolean") }
    return flag
  }

  func decode(_ type: String.Type) throws -> String {
    guard case .string(let text) = value else { throw mismatch(type, "a string") }
    return text
  }

  func decode(_ type: Double.Type) throws -> Double {
    guard case .number(let number) = value else { throw mismatch(type, "a number") }
    return number.double
  }

  func decode(_ type: Float.Type) throws -> Float {
    Float(try decode(Double.self))
  }

  func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
    guard case .number(let number) = value else { throw mismatch(type, "a number") }
    guard let whole = number.int64, let result = T(exactly: whole) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: codingPath, debugDescription: "the number does not fit \(type)"))
    }
    return result
  }

  func decode(_ type: Int.Type) throws -> Int { try integer(type) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    if type == String.self, case .string(let text) = value, let result = text as? T {
      return result
    }
    if type == Bool.self, case .bool(let flag) = value, let result = flag as? T { return result }
    return try T(from: ValueDecoder(value: value, path: path))
  }
}
