import Foundation
import Testing

@testable import CaseJSON

/// The engine ``SchemaPatternMatcher`` stands in for, used as the oracle.
private struct Oracle {
  let expression: NSRegularExpression

  init(_ pattern: String) throws {
    expression = try NSRegularExpression(pattern: pattern, options: [])
  }

  func matches(_ text: String) -> Bool {
    let range = NSRange(location: 0, length: text.utf16.count)
    return expression.firstMatch(in: text, options: [], range: range) != nil
  }
}

/// A pattern in the subset, with strings it must match (checked against the oracle too, so
/// that every table has both verdicts).
struct SubsetPattern: Sendable, CustomTestStringConvertible {
  let pattern: String
  let matching: [String]
  let extra: [String]

  init(_ pattern: String, matching: [String], extra: [String] = []) {
    self.pattern = pattern
    self.matching = matching
    self.extra = extra
  }

  var testDescription: String { pattern }
}

private let fromSchemas: [SubsetPattern] = [
  SubsetPattern(
    #"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"#,
    matching: ["a", "Ab.c-d_e", "x" + String(repeating: "9", count: 63)],
    extra: ["x" + String(repeating: "9", count: 64), "_a", "a b", "aŵ"]),
  SubsetPattern(
    #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, matching: ["2024-01-31", "2024-01-31\n", "2024-01-31\r\n"],
    extra: ["2024-1-31", "2024-01-311", "2024-01-31\n\n", "2024-01-31\n\r", "x2024-01-31"]),
  SubsetPattern(
    #"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$"#,
    matching: [
      "2024-01-31T10:20", "2024-01-31T10:20:30.123456Z", "2024-01-31T10:20+01:00",
      "2024-01-31T10:20:30-05:30",
    ],
    extra: ["2024-01-31T10:20:30.1234567Z", "2024-01-31T10:20:30.Z", "2024-01-31T10:20Z\u{2028}"]),
  SubsetPattern(
    #"^[A-Z]{2}[0-9]{5}[A-Z0-9]{0,3}$"#, matching: ["AB12345", "AB12345XY9"],
    extra: ["AB12345XY9Z", "ab12345", "AB1234"]),
  SubsetPattern(
    #"^[+0-9 ()-]{3,32}$"#, matching: ["+44 (0)20 7946-0958", "123"],
    extra: ["12", "+44\u{A0}20", String(repeating: "1", count: 33)]),
  SubsetPattern(
    #"^[^@\s]+@[^@\s]+$"#, matching: ["a@b", "user@example.com", "ŵ@£", "😀@😀"],
    extra: ["a@@b", "a b@c", "a\u{A0}@b", "a\u{85}@b", "a\u{FEFF}@b", "a\u{3000}@b", "@b", "a@"]),
  SubsetPattern(
    #"^[^/\\][^\\]*$"#, matching: ["dir/file.txt", "😀", "a/b/c"],
    extra: ["/etc", "a\\b", "\\a"]),
  SubsetPattern(
    #"^[0-9a-f]{64}$"#, matching: [String(repeating: "0a", count: 32)],
    extra: [String(repeating: "0a", count: 31) + "0", String(repeating: "0A", count: 32)]),
  SubsetPattern(
    #"^[a-z]+/[A-Za-z0-9.+-]+$"#, matching: ["image/png", "application/vnd.ms-excel+xml"],
    extra: ["Image/png", "image/", "image/pñg"]),
  SubsetPattern(
    #"^[A-Z]{1,4}/[0-9]{1,4}[A-Z]?$"#, matching: ["ABC/123X", "A/1"],
    extra: ["ABCDE/1", "ABC/12345", "ABC/1XY"]),
  SubsetPattern(
    #"^[A-Za-z]{1,64}$"#, matching: ["abc", String(repeating: "a", count: 64)],
    extra: [String(repeating: "a", count: 65), "ŵ"]),
  SubsetPattern(#"^[A-Za-z0-9]{1,12}$"#, matching: ["Z9", "abc123"], extra: ["abcdefghijklm"]),
  SubsetPattern(
    #"[0-9]{2}[A-Z]{2}[0-9]{5}[0-9]{2}(-M|-[0-9][0-9]?)?"#,
    matching: ["24AB1234567", "24AB1234567-M", "xx24AB1234567-5yy", "٣24AB1234567"],
    extra: ["24ab1234567", "24AB123456"]),
  SubsetPattern(
    #"^[0-9]{2}[A-Z]{2}[0-9]{5}[0-9]{2}(-[0-9]{2})?$"#,
    matching: ["24AB1234567", "24AB1234567-12"],
    extra: ["24AB1234567-1", "24AB1234567-M"]),
]

private let ownPatterns: [SubsetPattern] = [
  SubsetPattern(#"\d+"#, matching: ["a1", "٣"], extra: ["\u{FF11}", "a"]),
  SubsetPattern(#"^\w+$"#, matching: ["ab_c", "ŵ"], extra: ["a-b", "\u{200C}", "😀"]),
  SubsetPattern(#"^\S+$"#, matching: ["abc", "😀"], extra: ["a b", "\u{FEFF}", "\u{85}"]),
  SubsetPattern(
    #"a.c"#, matching: ["abc", "a😀c", "aŵc"], extra: ["a\nc", "a\u{2028}c", "a\u{0B}c"]),
  SubsetPattern(#"^.*$"#, matching: ["", "abc", "a\n"], extra: ["a\nb", "\n\n", "\u{85}\u{85}"]),
  SubsetPattern(#"^(?:ab|cd)*e?$"#, matching: ["", "abcde", "ababe"], extra: ["abc", "ee"]),
  SubsetPattern(#"colou?r"#, matching: ["color", "my colour"], extra: ["colouur"]),
  SubsetPattern(#"^[^a-z]*$"#, matching: ["", "ABC", "ŵ"], extra: ["aBC"]),
  SubsetPattern(#"x{2,}"#, matching: ["xx", "axxxb"], extra: ["x", "xax"]),
  SubsetPattern(#"^$"#, matching: ["", "\n", "\r\n", "\u{2029}"], extra: ["\n\n", "\r\r", "a"]),
  SubsetPattern(
    #"\.\*\+\?\(\)\[\]\{\}\|\^\$\\\/\-"#, matching: [#"x.*+?()[]{}|^$\/-"#], extra: ["."]),
  SubsetPattern(#"^\x41\u00e9\t?$"#, matching: ["Aé", "Aé\t"], extra: ["Ae\u{301}", "a\u{E9}"]),
  SubsetPattern(#"[\s\d]{2}"#, matching: ["a 1", "\t\n"], extra: ["a1b"]),
  SubsetPattern(#"^[\D][\W]$"#, matching: ["a-", "--"], extra: ["1-", "ab"]),
  SubsetPattern(
    #"^(a+)+$"#, matching: ["aaaa"], extra: [String(repeating: "a", count: 20) + "!"]),
  SubsetPattern(#"ŵ+£"#, matching: ["xŵŵ£"], extra: ["ŵ", "£", "w£"]),
  SubsetPattern(#"^.$"#, matching: ["😀", "ŵ", "\u{FEFF}"], extra: ["😀😀", "\n", "e\u{301}"]),
  SubsetPattern(#"^[😀-😂]+$"#, matching: ["😀😂"], extra: ["😃", "😀a"]),
  SubsetPattern(#"a$\n?"#, matching: ["a", "a\n", "ba\r\n"], extra: ["a\n\n", "ab"]),
  SubsetPattern(#"$"#, matching: ["", "abc"]),
  SubsetPattern(#"^-?[0-9]+(\.[0-9]+)?$"#, matching: ["-1.5", "3"], extra: ["3.", "--1"]),
  SubsetPattern(#"^(?:$)?a(?:^|b)?"#, matching: ["a", "ab"], extra: ["ba"]),
  SubsetPattern(#".$"#, matching: ["a", "a\n", "a\r\n"], extra: ["\n", "\r\n"]),
  SubsetPattern(#"[-a][b-]"#, matching: ["-b", "a-"], extra: ["ba"]),
  SubsetPattern(#"[ $^.&]"#, matching: [" ", "$", "^", ".", "&"], extra: ["a"]),
]

/// Strings every subset pattern is also tried on.
private let commonStrings: [String] = [
  "", "a", "abc", "A", "Z9", "0", "ŵ", "£", "😀", "😀😁", "\n", "\r", "\r\n", "\n\r",
  "\u{A0}", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{0B}", "\u{0C}", "\t", " ",
  "a\n", "a\nb", "a\r", "a\u{85}", "a\u{2028}", "\u{0}", "e\u{301}", "٣٤", "\u{FF10}",
  "2024-01-31", "2024-01-31 ", " 2024-01-31", "2024-01-31\u{A0}", "2024-01-31\u{85}",
  "2024-01-31\u{2028}", "2024-01-31\u{0B}", "2024-01-31T10:20:30Z\n", "AB12345\n",
  "image/png\r\n", "a@b\n", "abc\u{0C}",
]

@Suite("Schema pattern fast path")
struct SchemaPatternTests {
  @Test(arguments: fromSchemas + ownPatterns)
  func agreesWithRegularExpression(_ testCase: SubsetPattern) throws {
    let oracle = try Oracle(testCase.pattern)
    let matcher = try #require(SchemaPatternMatcher(testCase.pattern), "outside the subset")
    let compiled = try CompiledPattern(testCase.pattern)
    #expect(compiled.fastMatcher != nil)
    for text in testCase.matching {
      #expect(oracle.matches(text), "the table says \(text.debugDescription) matches")
    }
    for text in testCase.matching + testCase.extra + commonStrings {
      let expected = oracle.matches(text)
      let fast = matcher.matches(text)
      #expect(
        fast == nil || fast == expected,
        "\(text.debugDescription): fast \(String(describing: fast))")
      #expect(compiled.matches(text) == expected, "\(text.debugDescription)")
      if fast == nil {
        // Only `\d \D \w \W` on non-ASCII text go back to the regex engine.
        #expect(testCase.pattern.contains(#/\\[dDwW]/#))
        #expect(text.unicodeScalars.contains { !$0.isASCII })
      }
    }
  }

  @Test func oneScalarClassesAgreeOnEveryScalar() throws {
    let patterns = [#"^\s$"#, #"^\S$"#, #"^.$"#, #"^[^\s]$"#]
    for pattern in patterns {
      let oracle = try Oracle(pattern)
      let matcher = try #require(SchemaPatternMatcher(pattern))
      var disagreements: [String] = []
      for value in stride(from: UInt32(0), through: 0x10_FFFF, by: 1) {
        if value > 0xFFFF && value % 61 != 0 { continue }
        guard let scalar = Unicode.Scalar(value) else { continue }
        let text = String(Character(scalar))
        if matcher.matches(text) != oracle.matches(text) {
          disagreements.append(String(value, radix: 16))
        }
      }
      #expect(disagreements.isEmpty, "\(pattern) on U+\(disagreements.prefix(20))")
    }
  }

  @Test func asciiPunctuationAgrees() throws {
    let punctuation = (UInt8(0x21)...0x7E).map { Character(Unicode.Scalar($0)) }
      .filter { !$0.isLetter && !$0.isNumber }
    let texts = [""] + (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }
    var checked = 0
    for character in punctuation {
      for pattern in ["\\\(character)", "[\\\(character)]", "[\(character)]", "[^\(character)]"] {
        guard let matcher = SchemaPatternMatcher(pattern) else { continue }
        let oracle = try Oracle(pattern)
        for text in texts {
          #expect(
            matcher.matches(text) == oracle.matches(text), "\(pattern) on \(text.debugDescription)")
        }
        checked += 1
      }
    }
    #expect(checked > 90)
  }

  @Test func randomPatternsAgree() throws {
    var random = SplitMix64(seed: 0x5EED)
    let texts = (0..<60).map { _ in randomText(&random) } + commonStrings
    var tried = 0
    while tried < 1000 {
      let pattern = randomPattern(&random, depth: 0)
      // Skip what ICU refuses and loops over something nullable (outside the subset).
      guard let oracle = try? Oracle(pattern), let matcher = SchemaPatternMatcher(pattern) else {
        continue
      }
      tried += 1
      for text in texts {
        let fast = matcher.matches(text)
        #expect(
          fast == nil || fast == oracle.matches(text), "\(pattern) on \(text.debugDescription)")
      }
    }
  }

  @Test func randomStringsAgreeOnSchemaPatterns() throws {
    var random = SplitMix64(seed: 42)
    let alphabet: [Character] = Array("0123456789AZaz-:T.+Z@ /\\()_\n") + ["ŵ", "£", "😀", "\u{A0}"]
    for testCase in fromSchemas {
      let oracle = try Oracle(testCase.pattern)
      let matcher = try #require(SchemaPatternMatcher(testCase.pattern))
      for _ in 0..<500 {
        var text = testCase.matching[Int(random.next() % UInt64(testCase.matching.count))]
        var characters = Array(text)
        for _ in 0..<Int(random.next() % 3) where !characters.isEmpty {
          let index = Int(random.next() % UInt64(characters.count))
          let replacement = alphabet[Int(random.next() % UInt64(alphabet.count))]
          if random.next() % 2 == 0 {
            characters[index] = replacement
          } else {
            characters.insert(replacement, at: index)
          }
        }
        text = String(characters)
        #expect(matcher.matches(text) == oracle.matches(text), "\(testCase.pattern) on \(text)")
      }
    }
  }

  @Test(arguments: [
    #"(a)\1"#, #"(?=a)"#, #"(?!a)"#, #"(?<=a)b"#, #"(?<!a)b"#, #"\bword\b"#, #"\Bx"#, #"\p{L}"#,
    #"\P{L}"#, "a*+", "a++", "a{2}+", "a*?", "a??", "a{1,2}?", "(a*)*b", "^(a|b|)+$", "(?:$)*",
    "(a?){2}", "(?:a|^)+", "(?i)abc", "(?<name>a)", "[[a]]", "[a&&b]", "[a--b]",
    "[a-z-0]", #"[\d-z]"#, #"[a-\s]"#, #"\v"#, #"\x{41}"#, #"\x4"#, "[]a]", "[^]a]", #"\Qa.b\E"#,
    "a{1001}", "(a{100}){300}", "^*", "$+", #"\cA"#, #"\0"#, #"\k<n>"#, "[:alpha:]",
    #"\N{LATIN SMALL LETTER A}"#, "a{,3}", "a{", "}", "]", #"\R"#, #"\h"#, #"\A"#, #"\z"#, #"\Z"#,
    #"\G"#, #"\X"#, #"[\b]"#, #"\uD83D"#, "[{]", "(?#comment)", "(?x) a", "a**", "(", "a|*",
  ])
  func outsideTheSubsetFallsBack(_ pattern: String) throws {
    #expect(SchemaPatternMatcher(pattern) == nil)
    // The regex engine still decides, as before.
    guard let oracle = try? Oracle(pattern) else { return }
    let compiled = try CompiledPattern(pattern)
    #expect(compiled.fastMatcher == nil)
    for text in ["", "a", "ab", "word", "\u{0B}", "{", "]", "a.b", "aa"] {
      #expect(compiled.matches(text) == oracle.matches(text))
    }
  }

  @Test func sharesMatchersBetweenPatterns() throws {
    let first = try CompiledPattern(#"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"#)
    let second = try CompiledPattern(#"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"#)
    #expect(first.fastMatcher != nil)
    #expect(first.fastMatcher === second.fastMatcher)
  }

  @Test func largeAutomatonSimulatesTheNFA() throws {
    // Remembering the last 14 letters needs 2^14 DFA states, past the limit.
    let pattern = "(a|b)*a(a|b){13}$"
    let matcher = try #require(SchemaPatternMatcher(pattern))
    #expect(!matcher.isDeterministic)
    let oracle = try Oracle(pattern)
    var random = SplitMix64(seed: 7)
    for _ in 0..<200 {
      let length = Int(random.next() % 24)
      let text = String((0..<length).map { _ in random.next() % 2 == 0 ? "a" : "b" } as [Character])
      #expect(matcher.matches(text) == oracle.matches(text), "\(text)")
    }
  }

  @Test func nestedQuantifiersStayLinear() throws {
    let matcher = try #require(SchemaPatternMatcher("^(a+)+$"))
    let text = String(repeating: "a", count: 100_000) + "!"
    let start = ContinuousClock.now
    #expect(matcher.matches(text) == false)
    print("^(a+)+$ on 100 001 characters: \(ContinuousClock.now - start)")
  }

  @Test func benchmarkDates() throws {
    let pattern = #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#
    let texts: [String] = (0..<100_000).map { (index: Int) -> String in
      let year = 1900 + index % 200
      let month = 1 + index % 12
      let day = 1 + index % 28
      return String(format: "%04d-%02d-%02d", year, month, day)
    }
    let oracle = try Oracle(pattern)
    let compiled = try CompiledPattern(pattern)
    let clock = ContinuousClock()
    var slowCount = 0
    let slow = clock.measure {
      for text in texts where oracle.matches(text) { slowCount += 1 }
    }
    var fastCount = 0
    let fast = clock.measure {
      for text in texts where compiled.matches(text) { fastCount += 1 }
    }
    #expect(slowCount == texts.count)
    #expect(fastCount == texts.count)
    let ratio = slow / fast
    print(
      "pattern on 100k dates: NSRegularExpression \(slow), fast path \(fast), "
        + "speed-up \(String(format: "%.1f", ratio))x")
  }
}

/// A small deterministic generator, so that random tests repeat.
private struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

private func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T {
  items[Int(random.next() % UInt64(items.count))]
}

private func randomText(_ random: inout SplitMix64) -> String {
  let pieces: [String] = [
    "a", "b", "c", "-", ".", "\n", "\r", " ", "ŵ", "😀", "\u{85}", "1", "_", "\u{A0}", "\u{2028}",
    "\u{0B}",
  ]
  return (0..<Int(random.next() % 9)).map { _ in pick(pieces, &random) }.joined()
}

/// A pattern from the subset's grammar, over a small alphabet.
private func randomPattern(_ random: inout SplitMix64, depth: Int) -> String {
  let atoms: [String] = [
    "a", "b", "-", #"\."#, #"\n"#, "ŵ", ".", "[ab]", "[^a]", "[a-c]", #"[\s]"#, #"[^\sb]"#, #"\s"#,
    #"\S"#, #"\d"#, #"\w"#, #"\W"#, "[-a]", "[b-]", "[😀-😂]", #"\x61"#,
  ]
  let quantifiers: [String] = ["", "", "", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{2,}"]
  var branches: [String] = []
  for _ in 0..<(1 + Int(random.next() % (depth == 0 ? 2 : 3))) {
    var branch = ""
    if random.next() % 6 == 0 { branch += "^" }
    for _ in 0..<Int(random.next() % 4) {
      var atom = pick(atoms, &random)
      if depth < 2, random.next() % 5 == 0 {
        atom = pick(["(", "(?:"], &random) + randomPattern(&random, depth: depth + 1) + ")"
      }
      branch += atom + pick(quantifiers, &random)
    }
    if random.next() % 5 == 0 { branch += "$" }
    branches.append(branch)
  }
  return branches.joined(separator: "|")
}
