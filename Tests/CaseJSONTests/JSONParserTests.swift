import CaseJSON
import Foundation
import Testing

/// A malformed document and the error the parser must give for it.
struct MalformedCase: CustomTestStringConvertible, Sendable {
  var name: String
  var bytes: [UInt8]
  var kind: JSONParseError.Kind
  var line: Int
  var column: Int
  var testDescription: String { name }

  init(_ name: String, _ text: String, _ kind: JSONParseError.Kind, _ line: Int, _ column: Int) {
    self.init(name, Array(text.utf8), kind, line, column)
  }

  init(_ name: String, _ bytes: [UInt8], _ kind: JSONParseError.Kind, _ line: Int, _ column: Int) {
    self.name = name
    self.bytes = bytes
    self.kind = kind
    self.line = line
    self.column = column
  }
}

@Suite("JSON parser")
struct JSONParserTests {
  static let malformed: [MalformedCase] = [
    MalformedCase("empty", "", .emptyInput, 1, 1),
    MalformedCase("whitespace only", "  \n ", .emptyInput, 2, 2),
    MalformedCase("trailing comma in array", "[1,2,]", .syntax, 1, 6),
    MalformedCase("trailing comma in object", "{\"a\":1,}", .syntax, 1, 8),
    MalformedCase("line comment", "[1] // c", .trailingData, 1, 5),
    MalformedCase("block comment", "/* c */ 1", .syntax, 1, 1),
    MalformedCase("NaN", "[NaN]", .syntax, 1, 2),
    MalformedCase("Infinity", "Infinity", .syntax, 1, 1),
    MalformedCase("negative Infinity", "-Infinity", .invalidNumber, 1, 2),
    MalformedCase("leading zero", "[01]", .invalidNumber, 1, 3),
    MalformedCase("bare decimal point", "1.", .invalidNumber, 1, 3),
    MalformedCase("empty exponent", "1e+", .invalidNumber, 1, 4),
    MalformedCase("single quotes", "{'a':1}", .syntax, 1, 2),
    MalformedCase("raw tab in string", "[\"a\tb\"]", .unescapedControlCharacter, 1, 4),
    MalformedCase("raw newline in string", "{\n\"a\": \"x\ny\"}", .unescapedControlCharacter, 2, 8),
    MalformedCase("lone high surrogate", #"["\uD800"]"#, .invalidEscape, 1, 3),
    MalformedCase("lone low surrogate", #"["\uDC00x"]"#, .invalidEscape, 1, 3),
    MalformedCase("high surrogate then letter", #"["\uD83Dx"]"#, .invalidEscape, 1, 3),
    MalformedCase("bad escape", #"["\x"]"#, .invalidEscape, 1, 5),
    MalformedCase("short unicode escape", #"["\u12"]"#, .invalidEscape, 1, 5),
    MalformedCase("trailing data", "{} x", .trailingData, 1, 4),
    MalformedCase("two values", "1 2", .trailingData, 1, 3),
    MalformedCase("unterminated string", "[\"abc", .unexpectedEnd, 1, 2),
    MalformedCase("unterminated array", "[1, 2", .unexpectedEnd, 1, 6),
    MalformedCase("missing colon", "{\"a\" 1}", .syntax, 1, 6),
    MalformedCase("missing comma", "[1 2]", .syntax, 1, 4),
    MalformedCase("upper-case literal", "True", .syntax, 1, 1),
    MalformedCase("unquoted key", "{a:1}", .syntax, 1, 2),
    MalformedCase("overlong slash", [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, 1, 2),
    MalformedCase("overlong three-byte", [0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, 1, 2),
    MalformedCase("UTF-8 surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, 1, 2),
    MalformedCase("truncated sequence", [0x22, 0x61, 0xE2, 0x82], .invalidUTF8, 1, 3),
    MalformedCase("stray continuation byte", [0x22, 0x80, 0x22], .invalidUTF8, 1, 2),
    MalformedCase("above U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, 1, 2),
    MalformedCase("invalid UTF-8 outside string", [0x5B, 0xFF, 0x5D], .invalidUTF8, 1, 2),
    MalformedCase("raw U+0001", [0x22, 0x01, 0x22], .unescapedControlCharacter, 1, 2),
    MalformedCase("escaped U+0001", #""\u0001""#, .forbiddenCharacter, 1, 2),
    MalformedCase("escaped backspace", #""\b""#, .forbiddenCharacter, 1, 2),
    MalformedCase("raw U+FFFE", [0x22, 0xEF, 0xBF, 0xBE, 0x22], .forbiddenCharacter, 1, 2),
    MalformedCase("escaped U+FFFF", #""\uFFFF""#, .forbiddenCharacter, 1, 2),
    MalformedCase("column counts characters", "[\"£Ŵ\", x]", .syntax, 1, 8),
  ]

  @Test(arguments: malformed)
  func refusesMalformedInput(_ testCase: MalformedCase) {
    do {
      let value = try JSONParser.parse(testCase.bytes)
      Issue.record("parsed to \(value)")
    } catch {
      #expect(error.kind == testCase.kind, "\(error)")
      #expect(error.line == testCase.line, "\(error)")
      #expect(error.column == testCase.column, "\(error)")
      #expect(!error.message.isEmpty)
    }
  }

  @Test func parsesAllValueKinds() throws {
    let value = try JSONParser.parse(#" {"a": [1, -2.5e3, true, false, null, "x"], "b": {}} "#)
    guard case .object(let object) = value else {
      Issue.record("not an object")
      return
    }
    #expect(object.keys == ["a", "b"])
    let expected: [JSONValue] = [
      .number(JSONNumber(1)), .number(JSONNumber(literal: "-2.5e3")), .bool(true), .bool(false),
      .null,
      .string("x"),
    ]
    #expect(object["a"] == .array(expected))
    #expect(object["b"] == .object(JSONObject()))
    #expect(object["missing"] == nil)
  }

  @Test func keepsKeyOrderAndLooksUpLargeObjects() throws {
    let keys = (0..<40).map { "k\(39 - $0)" }
    let text =
      "{" + keys.enumerated().map { "\"\($0.element)\": \($0.offset)" }.joined(separator: ",") + "}"
    guard case .object(let object) = try JSONParser.parse(text) else {
      Issue.record("not an object")
      return
    }
    #expect(object.keys == keys)
    #expect(object["k0"] == .number(JSONNumber(39)))
  }

  @Test func refusesDuplicateKeyWithPath() {
    let text = "{\"cases\": [{\"people\": [{}, {\"name\": \"a\", \"age\": 3, \"name\": \"b\"}]}]}"
    do {
      _ = try JSONParser.parse(text)
      Issue.record("accepted a duplicate key")
    } catch {
      #expect(error.kind == .duplicateKey)
      #expect(error.path.description == "$.cases[0].people[1].name")
      #expect(error.message.contains("\"name\""))
      #expect(!error.message.contains("\"b\""))
    }
  }

  @Test func refusesDuplicateKeyInLargeObject() {
    let members = (0..<30).map { "\"k\($0)\": 0" } + ["\"k7\": 1"]
    #expect(throws: JSONParseError.self) {
      try JSONParser.parse("{" + members.joined(separator: ",") + "}")
    }
  }

  @Test func skipsByteOrderMark() throws {
    let value = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8))
    #expect(value == .object(JSONObject([("a", .number(JSONNumber(1)))])))
  }

  @Test func decodesSurrogatePairs() throws {
    #expect(try JSONParser.parse(#""\uD83D\uDE00 \u00e9""#) == .string("😀 é"))
  }

  @Test(arguments: ["Ŵ ŷ ŵ â", "£", "Siân ap Gruffydd — £12.50"])
  func welshTextRoundTrips(_ text: String) throws {
    let raw = try JSONParser.parse("\"" + text + "\"")
    #expect(raw == .string(text))
    let escaped = text.utf16.map { unit in
      let hex = String(unit, radix: 16)
      return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }.joined()
    #expect(try JSONParser.parse("\"" + escaped + "\"") == .string(text))
  }

  @Test func decodesEscapesBesideRuns() throws {
    let value = try JSONParser.parse(#""a\"b\\c\/d\ne\tf\rg""#)
    #expect(value == .string("a\"b\\c/d\ne\tf\rg"))
  }

  @Test func refusesHugeStringQuickly() {
    var bytes = [UInt8](repeating: 0x61, count: 50 * 1024 * 1024)
    bytes[0] = 0x22
    bytes.append(0x22)
    let start = ContinuousClock.now
    do {
      _ = try JSONParser.parse(bytes)
      Issue.record("accepted a 50 MB string")
    } catch {
      #expect(error.kind == .stringTooLong)
      #expect(error.column == 1)
    }
    #expect(ContinuousClock.now - start < .milliseconds(500))
  }

  @Test func refusesDeepNestingWithoutOverflow() {
    let bytes = [UInt8](repeating: 0x5B, count: 10_000) + [UInt8](repeating: 0x5D, count: 10_000)
    do {
      _ = try JSONParser.parse(bytes)
      Issue.record("accepted depth 10,000")
    } catch {
      #expect(error.kind == .depthLimit)
      #expect(error.column == 129)
    }
    let limits = JSONLimits(maxDepth: 20_000)
    #expect((try? JSONParser.parse(bytes, limits: limits)) != nil)
  }

  @Test func enforcesInputAndNumberLimits() {
    #expect(throws: JSONParseError.self) {
      try JSONParser.parse("[1, 2]", limits: JSONLimits(maxInputBytes: 4))
    }
    let long = "1" + String(repeating: "0", count: 200)
    do {
      _ = try JSONParser.parse(long)
      Issue.record("accepted a 201-digit number")
    } catch {
      #expect(error.kind == .numberTooLong)
    }
  }

  @Test func allowsForbiddenCharactersWhenNotXMLSafe() throws {
    let value = try JSONParser.parse(#""\u0001""#, limits: .permissive)
    #expect(value == .string("\u{1}"))
    #expect(try JSONParser.parse(#""\t\n\r""#) == .string("\t\n\r"))
  }

  @Test func neverPutsStringValuesInMessages() {
    let secret = "SECRETNAME"
    let documents = [
      "{\"name\": \"\(secret)\u{1}\"}", "{\"name\": \"\(secret)\\q\"}",
      "{\"name\": \"\(secret)\" x}",
      "{\"name\": \(secret)}",
    ]
    for document in documents {
      do {
        _ = try JSONParser.parse(document)
        Issue.record("accepted a malformed document")
      } catch {
        #expect(!error.description.contains(secret))
      }
    }
  }

  @Test func numbersExposeExactValues() {
    #expect(JSONNumber(literal: "1.0").isInteger)
    #expect(JSONNumber(literal: "1.0").int64 == 1)
    #expect(JSONNumber(literal: "2e3").int64 == 2000)
    #expect(JSONNumber(literal: "2.5").int64 == nil)
    #expect(!JSONNumber(literal: "2.5").isInteger)
    #expect(JSONNumber(literal: "-9223372036854775808").int64 == Int64.min)
    #expect(JSONNumber(literal: "9223372036854775808").int64 == nil)
    #expect(JSONNumber(literal: "0.1").double == 0.1)
    #expect(JSONNumber(literal: "1") == JSONNumber(literal: "1.00"))
    #expect(JSONNumber(literal: "10e-1") == JSONNumber(literal: "1"))
    #expect(JSONNumber(literal: "-0") == JSONNumber(literal: "0"))
    #expect(JSONNumber.compare(JSONNumber(literal: "1e2"), JSONNumber(literal: "99.99")) == 1)
    #expect(JSONNumber(literal: "0.3").isMultiple(of: JSONNumber(literal: "0.1")))
    #expect(!JSONNumber(literal: "0.35").isMultiple(of: JSONNumber(literal: "0.1")))
    #expect(JSONNumber(literal: "1e308").isMultiple(of: JSONNumber(literal: "0.5")))
  }

  @Test func formatsPaths() {
    let path = JSONPath([.key("cases"), .index(0), .key("odd key"), .key("x"), .key("q\"uote")])
    #expect(path.description == #"$.cases[0]["odd key"].x["q\"uote"]"#)
    #expect(JSONPath.root.description == "$")
    #expect(path.jsonPointer == "/cases/0/odd key/x/q\"uote")
  }
}
