/// Rewrites an ECMA 262 pattern (no flags, with the Annex B leniencies that browsers and Node
/// accept) into an ICU pattern for NSRegularExpression with the same meaning, for the
/// patterns that ``SchemaPatternMatcher`` does not run itself.
///
/// What is rewritten:
/// - `$` becomes `\z` (end of input only; ICU's `$` also holds before a final line
///   terminator);
/// - `.` becomes `[^\n\r\x{2028}\x{2029}]`;
/// - `\d \D \w \W \s \S` become explicit ASCII or ECMA sets, and `\b \B` lookaround over
///   `[0-9A-Z_a-z]`;
/// - every class is computed here and written out as an explicit list of ranges, so ICU's
///   nested sets, `&&`, `--`, `[:name:]` and `{...}` never come into play, and `[]`
///   (nothing) and `[^]` (anything) keep their ECMA meaning; `[\d-z]` is a digit, `-` or `z`;
/// - literals are written as `\x{...}` (ASCII letters and digits as themselves), so ICU-only
///   syntax such as `\Q`, `\A`, `\z`, `\h`, `\R`, `\X`, `\N{...}` or `\p{L}` becomes the
///   letters ECMA reads there (`\p{L}` is "p{L}" without the `u` flag), and `{`, `}` or `]`
///   that do not form a quantifier or close a class are literals;
/// - `\v`, `\0`, `\cX`, legacy octal escapes (`\12`) and `\uHHHH\uHHHH` surrogate pairs become
///   the code points they stand for;
/// - a backreference `\N` becomes `(?:\N)`, so that digits after it stay literal.
///
/// What remains ICU-flavoured (documented rather than emulated):
/// - a backreference to a group that has not participated in the match: ECMA matches the
///   empty string there (`\1(a)` matches "a"), ICU fails;
/// - captures inside a repeated group are not reset between iterations in ICU, which only
///   shows through backreferences;
/// - lookbehind must have a bounded length in ICU (an unbounded one fails to compile);
/// - lazy loops whose body can match the empty string can miss matches in ICU (the fast
///   matcher handles lazy quantifiers itself when the rest of the pattern is in its subset);
/// - patterns that ECMA 262 refuses but ICU accepts (`(?i)`, possessive `a*+`, `a**`,
///   quantified `^` or `$`) compile and keep an ICU-ish meaning instead of being refused;
/// - text is matched by code points, not UTF-16 code units (the one deliberate difference,
///   shared with the fast matcher).
struct SchemaPatternTranslator {
  /// A pattern that cannot be translated, such as an unterminated or reversed class.
  struct Failure: Error {
    let message: String
  }

  /// The ICU pattern with the ECMA 262 meaning of `source`.
  static func icuPattern(for source: String) throws -> String {
    var translator = SchemaPatternTranslator(source)
    return try translator.translate()
  }

  private let scalars: [Unicode.Scalar]
  private var position = 0
  private var output = ""
  /// How many capturing groups the pattern has, for telling backreferences from octal escapes.
  private let groupCount: Int
  /// Whether the pattern has named groups, which makes `\k` a backreference.
  private let hasNamedGroups: Bool
  /// Whether the pattern has lookahead or lookbehind.
  private let hasLookaround: Bool

  private init(_ source: String) {
    let scalars = Array(source.unicodeScalars)
    self.scalars = scalars
    (groupCount, hasNamedGroups) = Self.countGroups(scalars)
    let text = String(String.UnicodeScalarView(scalars))
    hasLookaround = ["(?=", "(?!", "(?<=", "(?<!"].contains { text.contains($0) }
  }

  private var current: Unicode.Scalar? {
    position < scalars.count ? scalars[position] : nil
  }

  private func peek(_ offset: Int) -> Unicode.Scalar? {
    position + offset < scalars.count ? scalars[position + offset] : nil
  }

  private static func countGroups(_ scalars: [Unicode.Scalar]) -> (Int, Bool) {
    var count = 0
    var named = false
    var inClass = false
    var index = 0
    func at(_ offset: Int) -> Unicode.Scalar? {
      index + offset < scalars.count ? scalars[index + offset] : nil
    }
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\\" {
        index += 2
        continue
      }
      if inClass {
        if scalar == "]" { inClass = false }
      } else if scalar == "[" {
        inClass = true
      } else if scalar == "(" {
        if at(1) != "?" {
          count += 1
        } else if at(2) == "<", let next = at(3), next != "=", next != "!" {
          count += 1
          named = true
        }
      }
      index += 1
    }
    return (count, named)
  }

  private mutating func translate() throws -> String {
    // Whether the last thing written is `^`, `$`, `\b` or `\B`, which ECMA 262 refuses to
    // quantify (and ICU can loop forever on, as in `\B+?`).
    var afterAssertion = false
    while let scalar = current {
      position += 1
      var quantifier: String?
      var isAssertion = false
      switch scalar {
      case "\\":
        isAssertion = current == "b" || current == "B"
        try translateEscape()
      case ".": output += Self.dot
      case "^":
        output += "^"
        isAssertion = true
      case "$":
        output += "\\z"
        isAssertion = true
      case "[": output += Self.write(try parseClass())
      case "(": translateGroupOpening()
      case ")", "|": output.unicodeScalars.append(scalar)
      case "*", "+", "?": quantifier = String(scalar)
      case "{":
        if let counted = countedQuantifier() {
          quantifier = counted
        } else {
          output += Self.literal(scalar.value)
        }
      default: output += Self.literal(scalar.value)
      }
      if let quantifier {
        if afterAssertion { throw Failure(message: "an assertion cannot be quantified") }
        output += quantifier
        if current == "?" {
          position += 1
          // Whether there is a match does not depend on laziness when the search is
          // exhaustive, and ICU gets lazy loops with an empty iteration wrong. Only a
          // lookaround, which keeps its first match, can tell the difference.
          if hasLookaround { output += "?" }
        }
      }
      afterAssertion = isAssertion
    }
    return output
  }

  /// Copies a group's opening after its `(`: `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!` and
  /// `(?<name>` mean the same in both dialects.
  private mutating func translateGroupOpening() {
    output += "("
    guard current == "?" else { return }
    output += "?"
    position += 1
    if let next = current, next == ":" || next == "=" || next == "!" {
      output.unicodeScalars.append(next)
      position += 1
      return
    }
    guard current == "<", let next = peek(1) else { return }
    if next == "=" || next == "!" {
      output += "<"
      output.unicodeScalars.append(next)
      position += 2
      return
    }
    // A named group: copy the name up to `>` as it is.
    while let scalar = current {
      output.unicodeScalars.append(scalar)
      position += 1
      if scalar == ">" { break }
    }
  }

  /// `{n}`, `{n,}` or `{n,m}` after the `{`, copied, or `nil` when the brace is a literal.
  private mutating func countedQuantifier() -> String? {
    var index = position
    var text = "{"
    func digits() -> Bool {
      var found = false
      while index < scalars.count, Self.isDigit(scalars[index]) {
        text.unicodeScalars.append(scalars[index])
        index += 1
        found = true
      }
      return found
    }
    guard digits() else { return nil }
    if index < scalars.count, scalars[index] == "," {
      text += ","
      index += 1
      _ = digits()
    }
    guard index < scalars.count, scalars[index] == "}" else { return nil }
    position = index + 1
    return text + "}"
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 0x30 && scalar.value <= 0x39
  }

  private static func isOctal(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return false }
    return scalar.value >= 0x30 && scalar.value <= 0x37
  }

  private static func isASCIILetter(_ scalar: Unicode.Scalar?) -> Bool {
    guard let scalar else { return false }
    return (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
  }

  /// An escape outside a class, after its backslash.
  private mutating func translateEscape() throws {
    guard let scalar = current else {
      throw Failure(message: "a pattern cannot end with a backslash")
    }
    switch scalar {
    case "b", "B":
      position += 1
      let word = Self.write(.word)
      output +=
        scalar == "b"
        ? "(?:(?<=\(word))(?!\(word))|(?<!\(word))(?=\(word)))"
        : "(?:(?<=\(word))(?=\(word))|(?<!\(word))(?!\(word)))"
    case "1"..."9":
      var index = position
      var value = 0
      while index < scalars.count, Self.isDigit(scalars[index]), value <= groupCount {
        value = value * 10 + Int(scalars[index].value - 0x30)
        index += 1
      }
      if value <= groupCount {
        position = index
        output += "(?:\\\(value))"
      } else {
        output += Self.write(characterEscape())
      }
    case "k" where hasNamedGroups:
      // `\k<name>`: copied as it is.
      output += "\\"
      while let next = current {
        output.unicodeScalars.append(next)
        position += 1
        if next == ">" { break }
      }
    default:
      output += Self.write(characterEscape())
    }
  }

  private enum Item {
    case scalar(UInt32)
    case set(SchemaPatternSet)
  }

  private static func write(_ item: Item) -> String {
    switch item {
    case .scalar(let value): literal(value)
    case .set(let set): write(set)
    }
  }

  /// An escape that stands for one character or a class, after its backslash (which is
  /// the current scalar when the escape is a lone backslash, as in `\c` before a non-letter).
  private mutating func characterEscape(inClass: Bool = false) -> Item {
    guard let scalar = current else { return .scalar(0x5C) }
    position += 1
    switch scalar {
    case "d": return .set(.digit)
    case "D": return .set(SchemaPatternSet.digit.inverted)
    case "w": return .set(.word)
    case "W": return .set(SchemaPatternSet.word.inverted)
    case "s": return .set(.space)
    case "S": return .set(SchemaPatternSet.space.inverted)
    case "t": return .scalar(0x09)
    case "n": return .scalar(0x0A)
    case "v": return .scalar(0x0B)
    case "f": return .scalar(0x0C)
    case "r": return .scalar(0x0D)
    case "c":
      let isControl =
        Self.isASCIILetter(current)
        || (inClass && current.map { Self.isDigit($0) || $0 == "_" } == true)
      guard isControl, let letter = current else {
        // Annex B: a backslash that is itself; the `c` is read next.
        position -= 1
        return .scalar(0x5C)
      }
      position += 1
      return .scalar(letter.value % 32)
    case "x":
      if let value = hex(digits: 2) { return .scalar(value) }
      return .scalar(scalar.value)
    case "u":
      guard let value = hex(digits: 4) else { return .scalar(scalar.value) }
      // A surrogate pair written as two escapes is the astral character it encodes.
      if (0xD800...0xDBFF).contains(value), current == "\\", peek(1) == "u" {
        let saved = position
        position += 2
        if let low = hex(digits: 4), (0xDC00...0xDFFF).contains(low) {
          return .scalar(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00))
        }
        position = saved
      }
      return .scalar(value)
    case "0"..."7":
      // Annex B legacy octal: up to three digits, at most 0o377.
      var value = scalar.value - 0x30
      var limit = scalar.value <= 0x33 ? 2 : 1
      while limit > 0, Self.isOctal(current), let next = current {
        value = value * 8 + next.value - 0x30
        position += 1
        limit -= 1
      }
      return .scalar(value)
    default:
      // An identity escape: the character itself (`\p` is "p", `\8` is "8").
      return .scalar(scalar.value)
    }
  }

  private mutating func hex(digits: Int) -> UInt32? {
    var value: UInt32 = 0
    for offset in 0..<digits {
      guard let scalar = peek(offset), let digit = Self.hexValue(scalar) else { return nil }
      value = value * 16 + digit
    }
    position += digits
    return value
  }

  private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
    switch scalar.value {
    case 0x30...0x39: scalar.value - 0x30
    case 0x41...0x46: scalar.value - 0x41 + 10
    case 0x61...0x66: scalar.value - 0x61 + 10
    default: nil
    }
  }

  /// Reads a class after its `[` and returns its members (negation applied).
  private mutating func parseClass() throws -> SchemaPatternSet {
    var negated = false
    if current == "^" {
      negated = true
      position += 1
    }
    var members = SchemaPatternSet()
    while true {
      guard let scalar = current else { throw Failure(message: "a class is not closed") }
      if scalar == "]" {
        position += 1
        break
      }
      let low = classAtom()
      guard current == "-", let after = peek(1), after != "]" else {
        members = members.union(Self.set(low))
        continue
      }
      position += 1
      let high = classAtom()
      if case .scalar(let lowValue) = low, case .scalar(let highValue) = high {
        guard lowValue <= highValue else {
          throw Failure(message: "a class range is out of order")
        }
        members = members.union(SchemaPatternSet([lowValue...highValue]))
      } else {
        // Annex B: with a class escape on either side, the `-` is a literal.
        members = members.union(Self.set(low)).union(SchemaPatternSet(scalar: 0x2D))
          .union(Self.set(high))
      }
    }
    return negated ? members.inverted : members
  }

  private static func set(_ item: Item) -> SchemaPatternSet {
    switch item {
    case .scalar(let value): SchemaPatternSet(scalar: value)
    case .set(let set): set
    }
  }

  /// One class member; a `[` is a literal here, unlike in ICU.
  private mutating func classAtom() -> Item {
    guard let scalar = current else { return .set(SchemaPatternSet()) }
    position += 1
    guard scalar == "\\" else { return .scalar(scalar.value) }
    if current == "b" {
      position += 1
      return .scalar(0x08)
    }
    return characterEscape(inClass: true)
  }

  /// `.` without the dot-all flag: anything but the ECMA line terminators.
  private static let dot = #"[^\n\r\x{2028}\x{2029}]"#

  /// A character as an ICU literal: ASCII letters and digits as themselves, the rest as
  /// `\x{...}`, which means the character itself both inside and outside a set.
  private static func literal(_ value: UInt32) -> String {
    let isAlphanumeric =
      (0x30...0x39).contains(value) || (0x41...0x5A).contains(value)
      || (0x61...0x7A).contains(value)
    if isAlphanumeric, let scalar = Unicode.Scalar(value) { return String(Character(scalar)) }
    return "\\x{" + String(value, radix: 16) + "}"
  }

  /// A set as an explicit ICU set of ranges.
  private static func write(_ set: SchemaPatternSet) -> String {
    if set.ranges.isEmpty { return #"[^\x{0}-\x{10ffff}]"# }
    var text = "["
    for range in set.ranges {
      text += literal(range.lowerBound)
      if range.upperBound != range.lowerBound {
        text += "-" + literal(range.upperBound)
      }
    }
    return text + "]"
  }
}
