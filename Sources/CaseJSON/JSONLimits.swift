/// Resource limits and character rules applied while parsing JSON.
package struct JSONLimits: Sendable, Equatable {
  /// Deepest allowed nesting of arrays and objects (the root container is depth 1).
  package var maxDepth: Int
  /// Longest allowed string or key, in bytes as written in the document (escapes included).
  package var maxStringBytes: Int
  /// Largest allowed document, in bytes.
  package var maxInputBytes: Int
  /// Longest allowed number literal, in bytes.
  package var maxNumberLength: Int
  /// Whether to refuse characters that XML 1.0 cannot carry (C0 controls other than tab,
  /// LF and CR, and U+FFFE, U+FFFF) inside strings and keys, raw or `\u`-escaped.
  package var xmlSafeStrings: Bool

  /// Creates limits; every parameter has the default's value unless given.
  package init(
    maxDepth: Int = 128,
    maxStringBytes: Int = 1 << 20,
    maxInputBytes: Int = 512 << 20,
    maxNumberLength: Int = 100,
    xmlSafeStrings: Bool = true
  ) {
    self.maxDepth = maxDepth
    self.maxStringBytes = maxStringBytes
    self.maxInputBytes = maxInputBytes
    self.maxNumberLength = maxNumberLength
    self.xmlSafeStrings = xmlSafeStrings
  }

  /// Depth 128, strings up to 1 MiB, documents up to 512 MiB, numbers up to 100 bytes,
  /// XML-safe strings.
  package static let `default` = JSONLimits()

  /// The default limits without the XML character rule (for schema files and the like).
  package static let permissive = JSONLimits(xmlSafeStrings: false)
}

/// Why a JSON document could not be parsed, with where it happened.
///
/// Messages never contain string values from the document (they may be sensitive); they
/// may contain object keys, which are field names.
package struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The category of a parse failure.
  package enum Kind: String, Equatable, Sendable {
    /// The input was empty or only whitespace.
    case emptyInput
    /// A structural error: an unexpected character, a missing `,` or `:`, a trailing comma.
    case syntax
    /// The input ended inside a value.
    case unexpectedEnd
    /// A malformed number (leading zero, missing digits).
    case invalidNumber
    /// A malformed escape sequence, including lone UTF-16 surrogates in `\u` escapes.
    case invalidEscape
    /// A raw control character (U+0000–U+001F) inside a string; JSON requires escaping it.
    case unescapedControlCharacter
    /// A byte sequence that is not well-formed UTF-8.
    case invalidUTF8
    /// A character XML 1.0 cannot carry, refused because `xmlSafeStrings` is on.
    case forbiddenCharacter
    /// The same key twice in one object.
    case duplicateKey
    /// Nesting deeper than `maxDepth`.
    case depthLimit
    /// A string longer than `maxStringBytes`.
    case stringTooLong
    /// A number literal longer than `maxNumberLength`.
    case numberTooLong
    /// A document larger than `maxInputBytes`.
    case inputTooLarge
    /// Something other than whitespace after the top-level value.
    case trailingData
  }

  /// The category.
  package var kind: Kind
  /// 1-based line number (lines end at LF).
  package var line: Int
  /// 1-based column, counted in Unicode scalars (code points) from the start of the line;
  /// a leading byte-order mark is not counted.
  package var column: Int
  /// 0-based byte offset into the input.
  package var byteOffset: Int
  /// Where in the document structure the error was found.
  package var path: JSONPath
  /// What is wrong and what to do about it.
  package var message: String

  /// Creates an error.
  package init(kind: Kind, line: Int, column: Int, byteOffset: Int, path: JSONPath, message: String)
  {
    self.kind = kind
    self.line = line
    self.column = column
    self.byteOffset = byteOffset
    self.path = path
    self.message = message
  }

  /// `line L, column C (at PATH): MESSAGE`.
  package var description: String {
    "line \(line), column \(column) (at \(path)): \(message)"
  }
}
