/// A set of Unicode scalar values, kept as sorted, disjoint, non-adjacent closed ranges.
struct SchemaPatternSet: Hashable, Sendable {
  private(set) var ranges: [ClosedRange<UInt32>]

  init(_ ranges: [ClosedRange<UInt32>] = []) {
    self.ranges = Self.normalized(ranges)
  }

  init(scalar: UInt32) {
    self.ranges = [scalar...scalar]
  }

  func contains(_ value: UInt32) -> Bool {
    var low = 0
    var high = ranges.count
    while low < high {
      let middle = (low + high) / 2
      if ranges[middle].upperBound < value {
        low = middle + 1
      } else if ranges[middle].lowerBound > value {
        high = middle
      } else {
        return true
      }
    }
    return false
  }

  func union(_ other: SchemaPatternSet) -> SchemaPatternSet {
    SchemaPatternSet(ranges + other.ranges)
  }

  /// Every scalar value not in the set (surrogate code points included, which is harmless:
  /// a `String` never holds one).
  var inverted: SchemaPatternSet {
    var result: [ClosedRange<UInt32>] = []
    var next: UInt32 = 0
    for range in ranges {
      if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
      next = range.upperBound + 1
    }
    if next <= Self.maximum { result.append(next...Self.maximum) }
    return SchemaPatternSet(result)
  }

  static let maximum: UInt32 = 0x10_FFFF

  private static func normalized(_ input: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
    let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
    var result: [ClosedRange<UInt32>] = []
    for range in sorted {
      if let last = result.last, range.lowerBound <= last.upperBound + 1 {
        result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
      } else {
        result.append(range)
      }
    }
    return result
  }

  /// `\d` as ECMA 262 defines it without the `u` flag: the ASCII digits only.
  static let digit = SchemaPatternSet([0x30...0x39])
  /// `\w` as ECMA 262 defines it: `[A-Za-z0-9_]`, ASCII only.
  static let word = SchemaPatternSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
  /// `\s` as ECMA 262 defines it: WhiteSpace (TAB, VT, FF, SP, NBSP, ZWNBSP U+FEFF and the
  /// `Zs` category) and LineTerminator (LF, CR, U+2028, U+2029). Unlike ICU's `\s`, it leaves
  /// out U+0085 and takes U+FEFF.
  static let space = SchemaPatternSet([
    0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A,
    0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
  ])
  /// The ECMA 262 line terminators, which `.` refuses: LF, CR, U+2028 and U+2029 (ICU's `.`
  /// also refuses VT, FF and U+0085).
  static let lineTerminators = SchemaPatternSet([
    0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029,
  ])
  /// `.` without the dot-all flag.
  static let dot = lineTerminators.inverted
}

/// The parsed form of a pattern in the supported subset.
indirect enum SchemaPatternNode: Sendable {
  case empty
  case set(SchemaPatternSet)
  /// `^`: only at the start of the text (no multiline flag).
  case start
  /// `$`: only at the end of the text (no multiline flag; ICU's `$` would also hold before a
  /// final line terminator).
  case end
  case sequence([SchemaPatternNode])
  case alternation([SchemaPatternNode])
  case repetition(SchemaPatternNode, min: Int, max: Int?)

  /// Whether the node can match the empty string.
  var isNullable: Bool {
    switch self {
    case .empty, .start, .end: true
    case .set: false
    case .sequence(let items): items.allSatisfy(\.isNullable)
    case .alternation(let branches): branches.contains(where: \.isNullable)
    case .repetition(let body, let min, _): min == 0 || body.isNullable
    }
  }
}

/// Parses the subset of ECMA 262 regular expression syntax that ``SchemaPatternMatcher`` runs
/// itself.
///
/// The subset: literals and escaped punctuation, `\t \n \r \f`, `\xHH`, `\uHHHH`, `.`,
/// classes with ranges and negation, `\d \D \w \W \s \S`, `^`, `$`, groups `( )` and
/// `(?: )`, `|`, and the greedy quantifiers `? * + {n} {n,} {n,m}`, all with their ECMA 262
/// meaning (see ``SchemaPatternMatcher``). Everything else returns `nil`, and the caller runs
/// the pattern on NSRegularExpression after ``SchemaPatternTranslator`` has rewritten it:
/// backreferences, lookaround, `\b`, flags, named groups, lazy quantifiers, loops (`*`, `+`,
/// `{n,m}` with m > 1) over something that can match empty, and the Annex B leniencies such
/// as `]` or `{` as literals, `[]`, `[^]`, `\v`, `\0`, `\cX`, a `-` in the middle of a class,
/// or an identity escape of a letter (`\p` is a "p" without the `u` flag).
struct SchemaPatternParser {
  /// The largest count a `{n,m}` may carry.
  static let maximumCount = 1000

  private let scalars: [Unicode.Scalar]
  private var position = 0
  init(_ source: String) {
    self.scalars = Array(source.unicodeScalars)
  }

  /// The pattern's tree, or `nil` when any part of it is outside the subset.
  mutating func parse() -> SchemaPatternNode? {
    guard let node = parseAlternation(), position == scalars.count else { return nil }
    return node
  }

  private var current: Unicode.Scalar? {
    position < scalars.count ? scalars[position] : nil
  }

  private func peek(_ offset: Int) -> Unicode.Scalar? {
    position + offset < scalars.count ? scalars[position + offset] : nil
  }

  private mutating func parseAlternation() -> SchemaPatternNode? {
    var branches: [SchemaPatternNode] = []
    while true {
      guard let branch = parseSequence() else { return nil }
      branches.append(branch)
      guard current == "|" else { break }
      position += 1
    }
    return branches.count == 1 ? branches[0] : .alternation(branches)
  }

  private mutating func parseSequence() -> SchemaPatternNode? {
    var items: [SchemaPatternNode] = []
    while let scalar = current, scalar != "|", scalar != ")" {
      guard let atom = parseAtom() else { return nil }
      guard let item = parseQuantifier(on: atom) else { return nil }
      items.append(item)
    }
    switch items.count {
    case 0: return .empty
    case 1: return items[0]
    default: return .sequence(items)
    }
  }

  private mutating func parseAtom() -> SchemaPatternNode? {
    guard let scalar = current else { return nil }
    position += 1
    switch scalar {
    case "^": return .start
    case "$": return .end
    case ".": return .set(.dot)
    case "(":
      if current == "?" {
        guard peek(1) == ":" else { return nil }
        position += 2
      }
      guard let inner = parseAlternation(), current == ")" else { return nil }
      position += 1
      return inner
    case "[": return parseClass()
    case "\\":
      guard let item = parseEscape() else { return nil }
      switch item {
      case .scalar(let value): return .set(SchemaPatternSet(scalar: value))
      case .set(let set): return .set(set)
      }
    case "*", "+", "?", "{", "}", "]", ")", "|": return nil
    default: return .set(SchemaPatternSet(scalar: scalar.value))
    }
  }

  private mutating func parseQuantifier(on atom: SchemaPatternNode) -> SchemaPatternNode? {
    let atomIsGroup = position > 0 && scalars[position - 1] == ")"
    let bounds: (min: Int, max: Int?)
    switch current {
    case "*": bounds = (0, nil)
    case "+": bounds = (1, nil)
    case "?": bounds = (0, 1)
    case "{":
      guard let counted = parseCounts() else { return nil }
      bounds = counted
    default: return atom
    }
    // A quantified bare anchor is an error in ECMA 262 (in a group it is allowed).
    switch atom {
    case .start, .end: if !atomIsGroup { return nil }
    default: break
    }
    // Step over the quantifier's last scalar (for `{n,m}`, parseCounts stopped at the brace).
    position += 1
    // A lazy `?` cannot change whether there is a match, so it is read and dropped. (On the
    // regex engine it would matter: ICU gets lazy loops with an empty iteration wrong, and
    // `^(?:|b)+?c` fails on "bc" there.)
    if current == "?" { position += 1 }
    // A further quantifier is a syntax error in ECMA 262 (ICU reads `*+` as possessive).
    if let next = current, next == "*" || next == "+" || next == "?" || next == "{" {
      return nil
    }
    // A loop whose body can match the empty string is fine for the automaton: ECMA 262 only
    // refuses an empty iteration past the minimum, and dropping such an iteration from a
    // successful match leaves a successful match, so whether there is one does not change.
    // (ICU mishandles some of these: `((?:|^$)*[^a])+x|^2` fails on "2" there.)
    return .repetition(atom, min: bounds.min, max: bounds.max)
  }

  /// Reads `{n}`, `{n,}` or `{n,m}` up to, not including, the closing brace.
  private mutating func parseCounts() -> (min: Int, max: Int?)? {
    var index = position + 1
    func number() -> Int? {
      var value = 0
      var digits = 0
      while index < scalars.count, let digit = Self.decimalValue(scalars[index]) {
        value = value * 10 + digit
        digits += 1
        index += 1
        if value > Self.maximumCount { return nil }
      }
      return digits > 0 ? value : nil
    }
    guard let low = number() else { return nil }
    var high: Int? = low
    if index < scalars.count, scalars[index] == "," {
      index += 1
      if index < scalars.count, scalars[index] == "}" {
        high = nil
      } else {
        guard let value = number(), value >= low else { return nil }
        high = value
      }
    }
    guard index < scalars.count, scalars[index] == "}" else { return nil }
    // Leave the closing brace for parseQuantifier to step over.
    position = index
    return (low, high)
  }

  private static func decimalValue(_ scalar: Unicode.Scalar) -> Int? {
    scalar.value >= 0x30 && scalar.value <= 0x39 ? Int(scalar.value - 0x30) : nil
  }

  private enum ClassItem {
    case scalar(UInt32)
    case set(SchemaPatternSet)
  }

  /// Reads an escape after its backslash.
  private mutating func parseEscape() -> ClassItem? {
    guard let scalar = current else { return nil }
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
    case "r": return .scalar(0x0D)
    case "f": return .scalar(0x0C)
    case "x": return parseHex(digits: 2)
    case "u": return parseHex(digits: 4)
    default:
      // Escaped ASCII punctuation is the character itself in both dialects.
      let value = scalar.value
      let isPunctuation =
        (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
        || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
      return isPunctuation ? .scalar(value) : nil
    }
  }

  private mutating func parseHex(digits: Int) -> ClassItem? {
    var value: UInt32 = 0
    for _ in 0..<digits {
      guard let scalar = current, let digit = hex(scalar) else { return nil }
      value = value * 16 + digit
      position += 1
    }
    // A lone surrogate never occurs in a `String`; leave such patterns to the engine.
    if (0xD800...0xDFFF).contains(value) { return nil }
    return .scalar(value)
  }

  private func hex(_ scalar: Unicode.Scalar) -> UInt32? {
    switch scalar.value {
    case 0x30...0x39: scalar.value - 0x30
    case 0x41...0x46: scalar.value - 0x41 + 10
    case 0x61...0x66: scalar.value - 0x61 + 10
    default: nil
    }
  }

  /// Reads a class after its opening bracket.
  private mutating func parseClass() -> SchemaPatternNode? {
    var negated = false
    if current == "^" {
      negated = true
      position += 1
    }
    // `[]...]`, `[^]...]` and `[:name:]` mean different things in the two dialects.
    if current == "]" || current == ":" { return nil }
    var members = SchemaPatternSet()
    var first = true
    while let scalar = current, scalar != "]" {
      if scalar == "-" {
        // A literal `-` only as the first or last member; ICU reads `--` as set difference.
        guard first || peek(1) == "]", peek(1) != "-" else { return nil }
        position += 1
        members = members.union(SchemaPatternSet(scalar: scalar.value))
        first = false
        continue
      }
      guard let item = parseClassAtom() else { return nil }
      first = false
      switch item {
      case .set(let set):
        // `[\d-z]` is an error in one dialect and a literal `-` in the other.
        if current == "-", peek(1) != "]" { return nil }
        members = members.union(set)
      case .scalar(let low):
        if current == "-", let after = peek(1), after != "]" {
          position += 1
          guard after != "-", case .scalar(let high)? = parseClassAtom(), low <= high else {
            return nil
          }
          members = members.union(SchemaPatternSet([low...high]))
        } else {
          members = members.union(SchemaPatternSet(scalar: low))
        }
      }
    }
    guard current == "]" else { return nil }
    position += 1
    return .set(negated ? members.inverted : members)
  }

  /// One member of a class other than a bare `-`.
  private mutating func parseClassAtom() -> ClassItem? {
    guard let scalar = current else { return nil }
    position += 1
    switch scalar {
    case "\\": return parseEscape()
    // ICU reads `[` as a nested set, `&&` as intersection and `{...}` as a string.
    case "[", "{", "}": return nil
    case "&" where current == "&": return nil
    default: return .scalar(scalar.value)
    }
  }
}
