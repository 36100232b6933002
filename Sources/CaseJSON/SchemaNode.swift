import Foundation

/// A regular expression from a schema's `pattern` or `patternProperties`, compiled once.
///
/// The pattern is ECMA 262's dialect, as JSON Schema says. A pattern in the fast subset runs
/// on ``SchemaPatternMatcher``; any other is rewritten by ``SchemaPatternTranslator`` into an
/// ICU pattern with the same meaning and runs on NSRegularExpression (see the translator for
/// the few constructs that keep ICU's meaning).
final class CompiledPattern: @unchecked Sendable {
  // NSRegularExpression is immutable after creation and documented as thread-safe.
  let source: String
  /// The regex engine, on the translated pattern; `nil` when the fast matcher decides.
  let expression: NSRegularExpression?
  /// The fast matcher, when the pattern is in its subset (see ``SchemaPatternParser``).
  let fastMatcher: SchemaPatternMatcher?

  init(_ source: String) throws {
    self.source = source
    if let matcher = SchemaPatternMatcher.shared(source) {
      self.fastMatcher = matcher
      self.expression = nil
    } else {
      self.fastMatcher = nil
      self.expression = try NSRegularExpression(
        pattern: SchemaPatternTranslator.icuPattern(for: source), options: [])
    }
  }

  /// Whether the pattern matches anywhere in `text` (ECMA 262 semantics: not anchored).
  func matches(_ text: String) -> Bool {
    if let fastMatcher { return fastMatcher.matches(text) }
    guard let expression else { return false }
    let range = NSRange(location: 0, length: text.utf16.count)
    return expression.firstMatch(in: text, options: [], range: range) != nil
  }
}

/// The JSON types a `type` keyword accepts, as a bit set.
struct TypeSet: OptionSet, Sendable {
  let rawValue: UInt8
  static let null = TypeSet(rawValue: 1)
  static let boolean = TypeSet(rawValue: 2)
  static let integer = TypeSet(rawValue: 4)
  static let number = TypeSet(rawValue: 8)
  static let string = TypeSet(rawValue: 16)
  static let array = TypeSet(rawValue: 32)
  static let object = TypeSet(rawValue: 64)

  static let names: [(String, TypeSet)] = [
    ("null", .null), ("boolean", .boolean), ("integer", .integer), ("number", .number),
    ("string", .string), ("array", .array), ("object", .object),
  ]

  func accepts(_ value: JSONValue) -> Bool {
    switch value {
    case .null: contains(.null)
    case .bool: contains(.boolean)
    case .string: contains(.string)
    case .array: contains(.array)
    case .object: contains(.object)
    case .number(let number): contains(.number) || (contains(.integer) && number.isInteger)
    }
  }

  var names: [String] { Self.names.filter { contains($0.1) }.map(\.0) }
}

/// What `additionalProperties` or `additionalItems` allows.
enum AdditionalRule: Sendable {
  case allowed
  case forbidden
  case schema(Int)
}

/// The `items` keyword's form.
enum ItemsRule: Sendable {
  case none
  case single(Int)
  case tuple([Int])
}

/// One entry of `dependencies`.
enum DependencyRule: Sendable {
  case properties([String])
  case schema(Int)
}

/// A draft-04 `format` this validator checks.
enum SchemaFormat: String, Sendable {
  case dateTime = "date-time"
  case email
  case hostname
  case ipv4
  case ipv6
  case uri
}

/// Everything a compiled schema node checks; subschemas are indices into the node table.
///
/// A class, so that the validator passes nodes by reference instead of copying twenty
/// fields per check; the compiler fills it in, and nothing changes it once compiled.
final class NodeSpec: @unchecked Sendable {
  /// The node's location, such as `#/definitions/Person`.
  var pointer = "#"
  /// A human label for the node in `anyOf`/`oneOf` messages (a definition name).
  var label: String?
  /// When set, the node is a `$ref` and nothing else applies (draft-04).
  var ref: Int?

  var types: TypeSet?
  var enumValues: [JSONValue]?

  var minimum: JSONNumber?
  var exclusiveMinimum = false
  var maximum: JSONNumber?
  var exclusiveMaximum = false
  var multipleOf: JSONNumber?

  var minLength: Int?
  var maxLength: Int?
  var pattern: CompiledPattern?
  var format: SchemaFormat?

  var items = ItemsRule.none
  var additionalItems = AdditionalRule.allowed
  var minItems: Int?
  var maxItems: Int?
  var uniqueItems = false

  var properties: [String: Int] = [:]
  var patternProperties: [(CompiledPattern, Int)] = []
  var additionalProperties = AdditionalRule.allowed
  var required: [String] = []
  var minProperties: Int?
  var maxProperties: Int?
  var dependencies: [(String, DependencyRule)] = []

  var allOf: [Int] = []
  var anyOf: [Int] = []
  var oneOf: [Int] = []
  var not: Int?

  var hasNumberKeywords = false
  var hasStringKeywords = false
  var hasArrayKeywords = false
  var hasObjectKeywords = false
  var hasCombinators = false

  func computeFlags() {
    hasNumberKeywords = minimum != nil || maximum != nil || multipleOf != nil
    hasStringKeywords = minLength != nil || maxLength != nil || pattern != nil || format != nil
    if case .none = items, minItems == nil, maxItems == nil, !uniqueItems {
      hasArrayKeywords = false
    } else {
      hasArrayKeywords = true
    }
    var additional = true
    if case .allowed = additionalProperties { additional = false }
    hasObjectKeywords =
      !properties.isEmpty || !patternProperties.isEmpty || additional || !required.isEmpty
      || minProperties != nil || maxProperties != nil || !dependencies.isEmpty
    hasCombinators = !allOf.isEmpty || !anyOf.isEmpty || !oneOf.isEmpty || not != nil
  }
}

/// A compiled schema node; a class so that the validator reads it without copying.
final class CompiledNode: Sendable {
  let spec: NodeSpec

  init(_ spec: NodeSpec) {
    self.spec = spec
  }
}
