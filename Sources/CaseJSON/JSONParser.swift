import Foundation

/// A strict RFC 8259 JSON parser working directly on UTF-8 bytes.
///
/// It refuses comments, trailing commas, `NaN`/`Infinity`, leading zeros, single quotes,
/// raw control characters in strings, lone surrogates, malformed UTF-8, duplicate keys and
/// trailing data, and enforces ``JSONLimits``. A leading UTF-8 byte-order mark is skipped.
/// Parsing is iterative, so deep nesting cannot overflow the stack.
package struct JSONParser {
  /// Whether XML 1.0 cannot carry this Unicode scalar value; the rule `xmlSafeStrings` applies.
  package static func isXMLForbidden(_ value: UInt32) -> Bool {
    ParserEngine.isXMLForbidden(value)
  }

  /// Parses one JSON document from raw bytes.
  package static func parse(_ data: Data, limits: JSONLimits = .default) throws(JSONParseError)
    -> JSONValue
  {
    let result = data.withUnsafeBytes { raw in
      Result { () throws(JSONParseError) -> JSONValue in
        try parse(buffer: raw.bindMemory(to: UInt8.self), limits: limits)
      }
    }
    return try result.get()
  }

  /// Parses one JSON document from raw bytes.
  package static func parse(_ bytes: [UInt8], limits: JSONLimits = .default) throws(JSONParseError)
    -> JSONValue
  {
    let result = bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(JSONParseError) -> JSONValue in
        try parse(buffer: buffer, limits: limits)
      }
    }
    return try result.get()
  }

  /// Parses one JSON document from a string (its UTF-8 form).
  package static func parse(_ text: String, limits: JSONLimits = .default) throws(JSONParseError)
    -> JSONValue
  {
    try parse(Array(text.utf8), limits: limits)
  }

  /// Parses one JSON document from a buffer of UTF-8 bytes.
  package static func parse(
    buffer: UnsafeBufferPointer<UInt8>,
    limits: JSONLimits = .default
  ) throws(JSONParseError) -> JSONValue {
    var engine = ParserEngine(buffer: buffer, limits: limits)
    return try engine.parseDocument()
  }
}

/// The parser's state: the input, a cursor, and explicit stacks of open containers.
struct ParserEngine {
  let bytes: UnsafeBufferPointer<UInt8>
  let limits: JSONLimits
  var position = 0
  var contentStart = 0
  /// Whether each open container is an array (`true`) or an object (`false`).
  var containerIsArray: [Bool] = []
  var arrays: [[JSONValue]] = []
  var objects: [ObjectBuilder] = []
  var scratch: [UInt8] = []

  /// An object under construction.
  struct ObjectBuilder {
    var entries: [(key: String, value: JSONValue)] = []
    var index: [String: Int]?
    var pendingKey: String?
    var pendingKeyOffset = 0
  }

  init(buffer: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
    self.bytes = buffer
    self.limits = limits
  }

  // MARK: Errors

  func fail(_ kind: JSONParseError.Kind, _ message: String, at offset: Int? = nil) -> JSONParseError
  {
    let offset = min(offset ?? position, bytes.count)
    var line = 1
    var column = 1
    var index = contentStart
    while index < offset {
      let byte = bytes[index]
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
      index += 1
    }
    return JSONParseError(
      kind: kind, line: line, column: column, byteOffset: offset, path: currentPath(),
      message: message)
  }

  func currentPath() -> JSONPath {
    var components: [JSONPath.Component] = []
    var arrayIndex = 0
    var objectIndex = 0
    for isArray in containerIsArray {
      if isArray {
        components.append(.index(arrays[arrayIndex].count))
        arrayIndex += 1
      } else {
        if let key = objects[objectIndex].pendingKey { components.append(.key(key)) }
        objectIndex += 1
      }
    }
    return JSONPath(components)
  }

  func describeByte(at offset: Int) -> String {
    guard offset < bytes.count else { return "end of input" }
    let byte = bytes[offset]
    if byte < 0x80, byte > 0x20, byte != 0x7F {
      let scalar = Unicode.Scalar(byte)
      let isAlphanumeric =
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
        || (byte >= 0x61 && byte <= 0x7A)
      if !isAlphanumeric { return "character '\(Character(scalar))'" }
    }
    return "character"
  }

  // MARK: Document

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    guard bytes.count <= limits.maxInputBytes else {
      throw JSONParseError(
        kind: .inputTooLarge, line: 1, column: 1, byteOffset: 0, path: .root,
        message:
          "the document is \(bytes.count) bytes, more than the limit of \(limits.maxInputBytes); split it or raise the limit"
      )
    }
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
      position = 3
      contentStart = 3
    }
    skipWhitespace()
    guard position < bytes.count else {
      throw fail(.emptyInput, "the document is empty; expected a JSON value")
    }
    let value = try parseValue()
    skipWhitespace()
    if position < bytes.count {
      throw fail(
        .trailingData,
        "unexpected \(describeByte(at: position)) after the end of the JSON value; a document holds exactly one value"
      )
    }
    return value
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while position < bytes.count {
      let byte = bytes[position]
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      position += 1
    }
  }

  mutating func openContainer(isArray: Bool) throws(JSONParseError) {
    guard containerIsArray.count < limits.maxDepth else {
      throw fail(
        .depthLimit,
        "nesting is deeper than the limit of \(limits.maxDepth) arrays and objects; flatten the document"
      )
    }
    containerIsArray.append(isArray)
    if isArray { arrays.append([]) } else { objects.append(ObjectBuilder()) }
  }

  /// Parses a key and the `:` after it, storing the key as the open object's pending key.
  mutating func parseKey() throws(JSONParseError) {
    skipWhitespace()
    guard position < bytes.count else {
      throw fail(
        .unexpectedEnd, "the document ends inside an object; expected a key in double quotes")
    }
    guard bytes[position] == 0x22 else {
      if bytes[position] == 0x7D {
        throw fail(.syntax, "trailing comma before '}'; remove the comma")
      }
      throw fail(.syntax, "expected a key in double quotes, found \(describeByte(at: position))")
    }
    let keyOffset = position
    let key = try parseString()
    let last = objects.count - 1
    if objects[last].entries.count < 12 && objects[last].index == nil {
      if objects[last].entries.contains(where: { $0.key == key }) {
        objects[last].pendingKey = key
        throw fail(
          .duplicateKey, "duplicate key \(JSONString.quoted(key)) in one object; keep only one",
          at: keyOffset)
      }
    } else {
      if objects[last].index == nil {
        var index: [String: Int] = [:]
        for (offset, entry) in objects[last].entries.enumerated() { index[entry.key] = offset }
        objects[last].index = index
      }
      if objects[last].index?[key] != nil {
        objects[last].pendingKey = key
        throw fail(
          .duplicateKey, "duplicate key \(JSONString.quoted(key)) in one object; keep only one",
          at: keyOffset)
      }
    }
    objects[last].pendingKey = key
    objects[last].pendingKeyOffset = keyOffset
    skipWhitespace()
    guard position < bytes.count else {
      throw fail(.unexpectedEnd, "the document ends after a key; expected ':'")
    }
    guard bytes[position] == 0x3A else {
      throw fail(.syntax, "expected ':' after the key, found \(describeByte(at: position))")
    }
    position += 1
  }

  mutating func parseValue() throws(JSONParseError) -> JSONValue {
    while true {
      // Expecting a value.
      skipWhitespace()
      guard position < bytes.count else {
        throw fail(.unexpectedEnd, "the document ends where a value was expected")
      }
      var value: JSONValue
      switch bytes[position] {
      case 0x7B:  // {
        try openContainer(isArray: false)
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == 0x7D {
          position += 1
          containerIsArray.removeLast()
          objects.removeLast()
          value = .object(JSONObject())
        } else {
          try parseKey()
          continue
        }
      case 0x5B:  // [
        try openContainer(isArray: true)
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == 0x5D {
          position += 1
          containerIsArray.removeLast()
          arrays.removeLast()
          value = .array([])
        } else {
          continue
        }
      case 0x22:
        value = .string(try parseString())
      case 0x2D, 0x30...0x39:
        value = .number(try parseNumber())
      case 0x74:
        try expectLiteral("true")
        value = .bool(true)
      case 0x66:
        try expectLiteral("false")
        value = .bool(false)
      case 0x6E:
        try expectLiteral("null")
        value = .null
      case 0x5D:
        if containerIsArray.last == true, !(arrays.last?.isEmpty ?? true) {
          throw fail(.syntax, "trailing comma before ']'; remove the comma")
        }
        throw fail(.syntax, "unexpected character ']' where a value was expected")
      case 0x27:
        throw fail(.syntax, "strings must use double quotes, not single quotes")
      case 0x2F:
        throw fail(.syntax, "comments are not allowed in JSON")
      case 0x4E, 0x49:
        throw fail(.syntax, "NaN and Infinity are not JSON values; use null or a string")
      case 0x80...0xFF:
        if utf8SequenceLength(at: position) == nil {
          throw fail(.invalidUTF8, "the input is not valid UTF-8 here; save the file as UTF-8")
        }
        throw fail(.syntax, "unexpected character where a value was expected")
      default:
        throw fail(.syntax, "unexpected \(describeByte(at: position)) where a value was expected")
      }

      // Attach the completed value to the open containers.
      while true {
        guard let isArray = containerIsArray.last else { return value }
        skipWhitespace()
        if isArray {
          arrays[arrays.count - 1].append(value)
          guard position < bytes.count else {
            throw fail(.unexpectedEnd, "the document ends inside an array; expected ',' or ']'")
          }
          let byte = bytes[position]
          if byte == 0x2C {
            position += 1
            break
          } else if byte == 0x5D {
            position += 1
            containerIsArray.removeLast()
            value = .array(arrays.removeLast())
          } else {
            throw fail(
              .syntax, "expected ',' or ']' in an array, found \(describeByte(at: position))")
          }
        } else {
          let last = objects.count - 1
          let key = objects[last].pendingKey ?? ""
          objects[last].entries.append((key, value))
          let memberIndex = objects[last].entries.count - 1
          if objects[last].index != nil { objects[last].index?[key] = memberIndex }
          guard position < bytes.count else {
            throw fail(.unexpectedEnd, "the document ends inside an object; expected ',' or '}'")
          }
          let byte = bytes[position]
          if byte == 0x2C {
            objects[last].pendingKey = nil
            position += 1
            try parseKey()
            break
          } else if byte == 0x7D {
            position += 1
            containerIsArray.removeLast()
            let builder = objects.removeLast()
            value = .object(JSONObject(uniqueEntries: builder.entries, index: builder.index))
          } else {
            throw fail(
              .syntax, "expected ',' or '}' in an object, found \(describeByte(at: position))")
          }
        }
      }
    }
  }

  mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
    let length = literal.utf8CodeUnitCount
    let matches = literal.withUTF8Buffer { expected -> Bool in
      guard position + length <= bytes.count else { return false }
      for offset in 0..<length where bytes[position + offset] != expected[offset] { return false }
      return true
    }
    guard matches else {
      throw fail(
        .syntax,
        "unexpected character where a value was expected (true, false and null are lower case)")
    }
    position += length
  }

  // MARK: Numbers

  mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
    let start = position
    @inline(__always) func isDigit(_ offset: Int) -> Bool {
      offset < bytes.count && bytes[offset] >= 0x30 && bytes[offset] <= 0x39
    }
    if bytes[position] == 0x2D { position += 1 }
    guard isDigit(position) else {
      throw fail(.invalidNumber, "'-' must be followed by a digit (Infinity is not a JSON number)")
    }
    if bytes[position] == 0x30 {
      position += 1
      if isDigit(position) {
        throw fail(.invalidNumber, "numbers must not have leading zeros")
      }
    } else {
      while isDigit(position) { position += 1 }
    }
    if position < bytes.count, bytes[position] == 0x2E {
      position += 1
      guard isDigit(position) else {
        throw fail(.invalidNumber, "a decimal point must be followed by at least one digit")
      }
      while isDigit(position) { position += 1 }
    }
    if position < bytes.count, bytes[position] == 0x65 || bytes[position] == 0x45 {
      position += 1
      if position < bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D {
        position += 1
      }
      guard isDigit(position) else {
        throw fail(.invalidNumber, "an exponent must have at least one digit")
      }
      while isDigit(position) { position += 1 }
    }
    guard position - start <= limits.maxNumberLength else {
      throw fail(
        .numberTooLong,
        "a number literal is longer than the limit of \(limits.maxNumberLength) characters",
        at: start)
    }
    let text = String(
      decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    return JSONNumber(literal: text)
  }

  // MARK: Strings

  /// The length of the well-formed UTF-8 sequence starting at `offset`, or `nil`.
  func utf8SequenceLength(at offset: Int) -> Int? {
    let lead = bytes[offset]
    @inline(__always) func byte(_ index: Int, in range: ClosedRange<UInt8>) -> Bool {
      offset + index < bytes.count && range.contains(bytes[offset + index])
    }
    switch lead {
    case 0xC2...0xDF:
      return byte(1, in: 0x80...0xBF) ? 2 : nil
    case 0xE0:
      return byte(1, in: 0xA0...0xBF) && byte(2, in: 0x80...0xBF) ? 3 : nil
    case 0xE1...0xEC, 0xEE...0xEF:
      return byte(1, in: 0x80...0xBF) && byte(2, in: 0x80...0xBF) ? 3 : nil
    case 0xED:
      return byte(1, in: 0x80...0x9F) && byte(2, in: 0x80...0xBF) ? 3 : nil
    case 0xF0:
      return byte(1, in: 0x90...0xBF) && byte(2, in: 0x80...0xBF) && byte(3, in: 0x80...0xBF)
        ? 4 : nil
    case 0xF1...0xF3:
      return byte(1, in: 0x80...0xBF) && byte(2, in: 0x80...0xBF) && byte(3, in: 0x80...0xBF)
        ? 4 : nil
    case 0xF4:
      return byte(1, in: 0x80...0x8F) && byte(2, in: 0x80...0xBF) && byte(3, in: 0x80...0xBF)
        ? 4 : nil
    default:
      return nil
    }
  }

  /// Advances over plain string bytes (printable ASCII other than `"` and `\`, and
  /// well-formed UTF-8), stopping at `"`, `\`, a control character or the end of input.
  @inline(__always)
  mutating func scanPlainRun(stringStart: Int) throws(JSONParseError) {
    let count = bytes.count
    let limit = stringStart + limits.maxStringBytes
    guard let base = bytes.baseAddress else { return }
    let raw = UnsafeRawPointer(base)
    while true {
      // Eight bytes at a time while none is special.
      while position + 8 <= count {
        let word = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ 0x2222_2222_2222_2222
        let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
        let special =
          ((word &- ones &* 0x20) | (quote &- ones) | (backslash &- ones)) & ~word & highs
          | (word & highs)
        if special != 0 { break }
        position += 8
        if position > limit { throw stringTooLong(stringStart) }
      }
      guard position < count else { return }
      let byte = bytes[position]
      if byte == 0x22 || byte == 0x5C || byte < 0x20 { return }
      if byte < 0x80 {
        position += 1
      } else {
        guard let length = utf8SequenceLength(at: position) else {
          throw fail(.invalidUTF8, "a string is not valid UTF-8 here; save the file as UTF-8")
        }
        if limits.xmlSafeStrings, byte == 0xEF, bytes[position + 1] == 0xBF,
          bytes[position + 2] >= 0xBE
        {
          throw fail(
            .forbiddenCharacter,
            "a string contains U+FFF\(bytes[position + 2] == 0xBE ? "E" : "F"), which XML cannot carry; remove it"
          )
        }
        position += length
      }
      if position > limit { throw stringTooLong(stringStart) }
    }
  }

  func stringTooLong(_ start: Int) -> JSONParseError {
    fail(
      .stringTooLong,
      "a string is longer than the limit of \(limits.maxStringBytes) bytes; shorten it or raise the limit",
      at: start)
  }

  /// Parses a string starting at its opening quote.
  mutating func parseString() throws(JSONParseError) -> String {
    let quote = position
    position += 1
    let start = position
    try scanPlainRun(stringStart: quote)
    guard position < bytes.count else {
      throw fail(
        .unexpectedEnd, "the document ends inside a string; add the closing '\"'", at: quote)
    }
    if bytes[position] == 0x22 {
      let text = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
      position += 1
      return text
    }
    // Slow path: escapes present.
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
    while true {
      guard position < bytes.count else {
        throw fail(
          .unexpectedEnd, "the document ends inside a string; add the closing '\"'", at: quote)
      }
      let byte = bytes[position]
      if byte == 0x22 {
        position += 1
        return String(decoding: scratch, as: UTF8.self)
      } else if byte == 0x5C {
        try parseEscape()
        if position - quote > limits.maxStringBytes { throw stringTooLong(quote) }
      } else if byte < 0x20 {
        throw fail(
          .unescapedControlCharacter,
          "a string contains a raw control character U+\(hex4(UInt32(byte))); escape it or remove it"
        )
      } else {
        let runStart = position
        try scanPlainRun(stringStart: quote)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
      }
    }
  }

  func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  mutating func readHex4(at offset: Int) throws(JSONParseError) -> UInt32 {
    guard offset + 4 <= bytes.count else {
      throw fail(.invalidEscape, "a \\u escape needs four hexadecimal digits", at: offset)
    }
    var value: UInt32 = 0
    for index in offset..<(offset + 4) {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case 0x30...0x39: digit = byte - 0x30
      case 0x41...0x46: digit = byte - 0x41 + 10
      case 0x61...0x66: digit = byte - 0x61 + 10
      default: throw fail(.invalidEscape, "a \\u escape needs four hexadecimal digits", at: offset)
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// Parses one escape sequence at a backslash and appends its UTF-8 to `scratch`.
  mutating func parseEscape() throws(JSONParseError) {
    let escapeStart = position
    guard position + 1 < bytes.count else {
      throw fail(.unexpectedEnd, "the document ends inside an escape sequence")
    }
    let code = bytes[position + 1]
    position += 2
    var scalarValue: UInt32
    switch code {
    case 0x22, 0x5C, 0x2F:
      scratch.append(code)
      return
    case 0x62: scalarValue = 0x08
    case 0x66: scalarValue = 0x0C
    case 0x6E: scalarValue = 0x0A
    case 0x72: scalarValue = 0x0D
    case 0x74: scalarValue = 0x09
    case 0x75:
      scalarValue = try readHex4(at: position)
      position += 4
      if (0xDC00...0xDFFF).contains(scalarValue) {
        throw fail(
          .invalidEscape,
          "a \\u escape is a lone low surrogate U+\(hex4(scalarValue)); pair it or remove it",
          at: escapeStart)
      }
      if (0xD800...0xDBFF).contains(scalarValue) {
        guard position + 1 < bytes.count, bytes[position] == 0x5C, bytes[position + 1] == 0x75
        else {
          throw fail(
            .invalidEscape,
            "a \\u escape is a lone high surrogate U+\(hex4(scalarValue)); it must be followed by a low surrogate",
            at: escapeStart)
        }
        let low = try readHex4(at: position + 2)
        guard (0xDC00...0xDFFF).contains(low) else {
          throw fail(
            .invalidEscape,
            "a \\u escape is a lone high surrogate U+\(hex4(scalarValue)); it must be followed by a low surrogate",
            at: escapeStart)
        }
        position += 6
        scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
      }
    default:
      throw fail(
        .invalidEscape,
        "unknown escape sequence; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
    }
    if limits.xmlSafeStrings, Self.isXMLForbidden(scalarValue) {
      throw fail(
        .forbiddenCharacter,
        "a string contains U+\(hex4(scalarValue)), which XML cannot carry; remove it",
        at: escapeStart)
    }
    guard let scalar = Unicode.Scalar(scalarValue) else {
      throw fail(.invalidEscape, "a \\u escape does not encode a Unicode scalar", at: escapeStart)
    }
    if let encoded = UTF8.encode(scalar) {
      for unit in encoded { scratch.append(unit) }
    }
  }

  /// Whether XML 1.0 cannot carry this scalar (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF).
  static func isXMLForbidden(_ value: UInt32) -> Bool {
    (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0xFFFE
      || value == 0xFFFF
  }
}
