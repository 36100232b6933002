/// A fast, exact stand-in for NSRegularExpression on `pattern` keywords in a subset of the
/// syntax (see ``SchemaPatternParser``).
///
/// The pattern becomes a Thompson NFA and then, when that stays small, a DFA built up front,
/// so a match costs one table look-up per scalar whatever the pattern: there is no
/// backtracking, and no pattern is exponential. A pattern whose DFA would be too large runs
/// as an NFA simulation instead, which is still linear in the text.
///
/// The search is unanchored, as JSON Schema wants, and the text is read as Unicode scalars
/// from its UTF-8, with a fast path for ASCII. The verdict is the one NSRegularExpression
/// (ICU) gives, which is the engine this replaces, and not always ECMA 262's:
/// - `.` matches any scalar except LF, VT, FF, CR, U+0085, U+2028 and U+2029, and an astral
///   character such as "😀" is one scalar (ECMA without the `u` flag sees two code units);
/// - `$` holds at the end and also before a final line terminator (or CR LF), so
///   `^[0-9]{4}$` accepts "2024\n";
/// - `\s` is the `White_Space` property (U+0085 yes, U+FEFF no);
/// - `\d \D \w \W` are Unicode classes in ICU; the matcher knows them only on ASCII and
///   returns `nil` for any other text, so the caller asks the regex engine.
final class SchemaPatternMatcher: @unchecked Sendable {
  // Immutable after init; the table is only read, so sharing across threads is safe.

  /// The largest DFA built before falling back to NFA simulation.
  static let maximumStates = 4096
  static let maximumTableSize = 1 << 20

  private let program: SchemaPatternProgram
  private let usesUnicodeClasses: Bool
  /// Laid out as: the class of each ASCII byte (128), the kind of each state (0 live,
  /// 1 accepting, 2 dead), then the transitions, `[state][class][atEnd]`.
  private let table: UnsafeMutablePointer<Int32>?
  private let kindsOffset: Int
  private let transitionsOffset: Int
  /// The initial state for a text where `$` does not and does hold at position 0.
  private let initialStates: (Int, Int)

  /// A matcher for `source`, or `nil` when the pattern is outside the subset.
  init?(_ source: String) {
    var parser = SchemaPatternParser(source)
    guard let node = parser.parse(), let program = SchemaPatternProgram(node) else { return nil }
    self.program = program
    self.usesUnicodeClasses = parser.usesUnicodeClasses
    if let dfa = Self.buildDFA(program) {
      let classCount = program.classCount
      let stateCount = dfa.kinds.count
      kindsOffset = 128
      transitionsOffset = kindsOffset + stateCount
      let size = transitionsOffset + stateCount * classCount * 2
      let table = UnsafeMutablePointer<Int32>.allocate(capacity: size)
      for byte in 0..<128 { table[byte] = Int32(program.classOf(UInt32(byte))) }
      for (state, kind) in dfa.kinds.enumerated() { table[kindsOffset + state] = kind }
      for (index, target) in dfa.transitions.enumerated() {
        table[transitionsOffset + index] = target
      }
      self.table = table
      initialStates = dfa.initial
    } else {
      table = nil
      kindsOffset = 0
      transitionsOffset = 0
      initialStates = (0, 0)
    }
  }

  deinit {
    table?.deallocate()
  }

  /// Whether the pattern matches anywhere in `text`, or `nil` when only the regex engine can
  /// tell (a pattern with `\d \D \w \W` on non-ASCII text).
  func matches(_ text: String) -> Bool? {
    guard table != nil else { return simulate(text) }
    if let verdict = text.utf8.withContiguousStorageIfAvailable({ run($0) }) { return verdict }
    var copy = text
    copy.makeContiguousUTF8()
    return copy.utf8.withContiguousStorageIfAvailable { run($0) } ?? simulate(text)
  }

  /// Whether the DFA was built (otherwise matching simulates the NFA).
  var isDeterministic: Bool { table != nil }

  private func run(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard let table else { return nil }
    let count = bytes.count
    guard count > 0, let base = bytes.baseAddress else {
      return table[kindsOffset + initialStates.1] == 1
    }
    let stride = program.classCount * 2
    var state = Self.endHolds(base, 0, count) ? initialStates.1 : initialStates.0
    var index = 0
    while true {
      let kind = table[kindsOffset + state]
      if kind != 0 { return kind == 1 }
      if index == count { return false }
      let byte = base[index]
      let scalarClass: Int
      if byte < 0x80 {
        scalarClass = Int(table[Int(byte)])
        index += 1
      } else {
        if usesUnicodeClasses { return nil }
        var value = UInt32(byte)
        let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        value &= length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07
        for offset in 1..<length { value = value << 6 | UInt32(base[index + offset] & 0x3F) }
        index += length
        scalarClass = program.classOf(value)
      }
      let atEnd = index + 3 >= count && Self.endHolds(base, index, count)
      state = Int(table[transitionsOffset + state * stride + scalarClass * 2 + (atEnd ? 1 : 0)])
    }
  }

  /// Whether ICU's `$` holds at byte `index` of `count` UTF-8 bytes: at the end, or before a
  /// line terminator that ends the text (but not between the CR and LF of a final CR LF).
  private static func endHolds(_ base: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Bool {
    switch count - index {
    case 0: return true
    case 1:
      let byte = base[index]
      guard byte >= 0x0A && byte <= 0x0D else { return false }
      return !(byte == 0x0A && index > 0 && base[index - 1] == 0x0D)
    case 2:
      // CR LF, or U+0085 as C2 85.
      return (base[index] == 0x0D && base[index + 1] == 0x0A)
        || (base[index] == 0xC2 && base[index + 1] == 0x85)
    case 3:
      // U+2028 and U+2029 as E2 80 A8 and E2 80 A9.
      return base[index] == 0xE2 && base[index + 1] == 0x80
        && (base[index + 2] == 0xA8 || base[index + 2] == 0xA9)
    default: return false
    }
  }

  /// Matches by running the NFA directly, for patterns whose DFA would be too large.
  private func simulate(_ text: String) -> Bool? {
    let scalars = Array(text.unicodeScalars)
    if usesUnicodeClasses, scalars.contains(where: { !$0.isASCII }) { return nil }
    var workspace = SchemaPatternClosure(size: program.operations.count)
    var state = workspace.closure(
      of: [program.start], in: program, atStart: true, atEnd: Self.endHolds(scalars, 0))
    for (index, scalar) in scalars.enumerated() {
      if state.matched { return true }
      state = workspace.step(
        state, on: program.classOf(scalar.value), in: program,
        atEnd: Self.endHolds(scalars, index + 1))
    }
    return state.matched
  }

  private static func endHolds(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
    let count = scalars.count
    switch count - index {
    case 0: return true
    case 1:
      let value = scalars[index].value
      guard SchemaPatternSet.lineTerminators.contains(value) else { return false }
      return !(value == 0x0A && index > 0 && scalars[index - 1] == "\r")
    case 2: return scalars[index] == "\r" && scalars[index + 1] == "\n"
    default: return false
    }
  }

  private struct DFA {
    var kinds: [Int32]
    var transitions: [Int32]
    var initial: (Int, Int)
  }

  /// The subset construction, or `nil` when the DFA would pass the size limits.
  private static func buildDFA(_ program: SchemaPatternProgram) -> DFA? {
    let classCount = program.classCount
    var workspace = SchemaPatternClosure(size: program.operations.count)
    var states: [SchemaPatternStateSet] = []
    var numbers: [SchemaPatternStateSet: Int] = [:]
    func number(_ state: SchemaPatternStateSet) -> Int {
      if let known = numbers[state] { return known }
      states.append(state)
      numbers[state] = states.count - 1
      return states.count - 1
    }
    let initial = (
      number(workspace.closure(of: [program.start], in: program, atStart: true, atEnd: false)),
      number(workspace.closure(of: [program.start], in: program, atStart: true, atEnd: true))
    )
    var transitions: [Int32] = []
    var current = 0
    while current < states.count {
      guard states.count <= maximumStates, transitions.count <= maximumTableSize else {
        return nil
      }
      let state = states[current]
      for scalarClass in 0..<classCount {
        for atEnd in [false, true] {
          if state.matched {
            // Never read: the search stops at an accepting state.
            transitions.append(Int32(current))
          } else {
            let next = workspace.step(state, on: scalarClass, in: program, atEnd: atEnd)
            transitions.append(Int32(number(next)))
          }
        }
      }
      current += 1
    }
    // A state is dead when no accepting state can follow it; the search stops there too.
    var predecessors = Array(repeating: [Int](), count: states.count)
    for (index, target) in transitions.enumerated() {
      predecessors[Int(target)].append(index / (classCount * 2))
    }
    var live = states.map(\.matched)
    var pending = states.indices.filter { live[$0] }
    while let state = pending.popLast() {
      for source in predecessors[state] where !live[source] {
        live[source] = true
        pending.append(source)
      }
    }
    let kinds: [Int32] = states.indices.map { states[$0].matched ? 1 : live[$0] ? 0 : 2 }
    return DFA(kinds: kinds, transitions: transitions, initial: initial)
  }
}
