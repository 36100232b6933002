import Foundation

/// A fast matcher for `pattern` keywords in a subset of the ECMA 262 syntax (see
/// ``SchemaPatternParser``).
///
/// The pattern becomes a Thompson NFA and then, when that stays small, a DFA built up front,
/// so a match costs one table look-up per scalar whatever the pattern: there is no
/// backtracking, and no pattern is exponential. A pattern whose DFA would be too large runs
/// as an NFA simulation instead, which is still linear in the text.
///
/// The search is unanchored, as JSON Schema wants, and the verdict is ECMA 262's (no flags),
/// not ICU's:
/// - `$` holds only at the end of the text, so `^[0-9]{4}$` refuses "2024\n";
/// - `.` matches anything but LF, CR, U+2028 and U+2029;
/// - `\s` is ECMA's WhiteSpace and LineTerminator (U+FEFF yes, U+0085 no);
/// - `\d` is `[0-9]` and `\w` is `[A-Za-z0-9_]`, ASCII only.
///
/// One difference is deliberate: the text is read as Unicode scalars (code points), not as
/// UTF-16 code units, so `.` or `[^a]` takes an astral character such as "😀" whole, where
/// ECMA 262 without the `u` flag would see two code units. That is what validators built on
/// code-point engines (Python's `jsonschema`, for one) do, and it is what the regex engine
/// fallback (ICU) does too.
final class SchemaPatternMatcher: @unchecked Sendable {
  // Immutable after init; the table is only read, so sharing across threads is safe.

  /// The largest DFA built before falling back to NFA simulation.
  static let maximumStates = 4096
  static let maximumTableSize = 1 << 20
  /// The most instructions the subset construction may visit: about a millisecond's work
  /// in a release build. The patterns in our schemas need a few thousand.
  static let maximumWork = 250_000

  private let program: SchemaPatternProgram
  /// The first 128 entries are twice the class of each ASCII byte; then come the rows of the
  /// live states, two entries (`$` does not and does hold) per class. An entry names the
  /// next state: the offset of its row, or ``accepting`` or ``dead``.
  private let table: UnsafeMutablePointer<Int32>?
  /// The initial state for a text where `$` does not and does hold at position 0.
  private let initialStates: (Int, Int)

  private static let accepting = -1
  private static let dead = -2

  /// A matcher for `source`, or `nil` when the pattern is outside the subset.
  init?(_ source: String) {
    var parser = SchemaPatternParser(source)
    guard let node = parser.parse(), let program = SchemaPatternProgram(node) else { return nil }
    self.program = program
    guard let dfa = Self.buildDFA(program) else {
      table = nil
      initialStates = (Self.dead, Self.dead)
      return
    }
    let stride = program.classCount * 2
    var names: [Int] = []
    var rows = 0
    for kind in dfa.kinds {
      switch kind {
      case .live:
        names.append(128 + rows * stride)
        rows += 1
      case .accepting: names.append(Self.accepting)
      case .dead: names.append(Self.dead)
      }
    }
    let table = UnsafeMutablePointer<Int32>.allocate(capacity: 128 + rows * stride)
    for byte in 0..<128 { table[byte] = Int32(program.classOf(UInt32(byte)) * 2) }
    for (state, kind) in dfa.kinds.enumerated() where kind == .live {
      for entry in 0..<stride {
        table[names[state] + entry] = Int32(names[dfa.transitions[state * stride + entry]])
      }
    }
    self.table = table
    initialStates = (names[dfa.initial.0], names[dfa.initial.1])
  }

  deinit {
    table?.deallocate()
  }

  /// The matcher for `source`, shared: a schema repeats its patterns (records-v1 has its
  /// identifier pattern 25 times), and building the DFA costs about as much as compiling the
  /// NSRegularExpression.
  static func shared(_ source: String) -> SchemaPatternMatcher? {
    cache.lock.lock()
    defer { cache.lock.unlock() }
    if let known = cache.matchers[source] { return known }
    let matcher = SchemaPatternMatcher(source)
    if cache.matchers.count < Cache.capacity { cache.matchers[source] = matcher }
    return matcher
  }

  private final class Cache: @unchecked Sendable {
    // `matchers` is only touched under `lock`.
    static let capacity = 512
    let lock = NSLock()
    var matchers: [String: SchemaPatternMatcher?] = [:]
  }

  private static let cache = Cache()

  /// Whether the pattern matches anywhere in `text`.
  func matches(_ text: String) -> Bool {
    guard let table else { return simulate(text) }
    if let verdict = text.utf8.withContiguousStorageIfAvailable({ run($0, table) }) {
      return verdict
    }
    var copy = text
    copy.makeContiguousUTF8()
    return copy.utf8.withContiguousStorageIfAvailable { run($0, table) } ?? simulate(text)
  }

  /// Whether the DFA was built (otherwise matching simulates the NFA).
  var isDeterministic: Bool { table != nil }

  private func run(_ bytes: UnsafeBufferPointer<UInt8>, _ table: UnsafeMutablePointer<Int32>)
    -> Bool
  {
    let count = bytes.count
    guard count > 0, let base = bytes.baseAddress else {
      return initialStates.1 == Self.accepting
    }
    // `$` holds only at the end of the text.
    var state = initialStates.0
    var index = 0
    while state >= 0 {
      if index == count { return false }
      let byte = base[index]
      var entry: Int
      if byte < 0x80 {
        entry = state + Int(table[Int(byte)])
        index += 1
      } else {
        var value = UInt32(byte)
        let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        value &= length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07
        for offset in 1..<length { value = value << 6 | UInt32(base[index + offset] & 0x3F) }
        index += length
        entry = state + program.classOf(value) * 2
      }
      if index == count { entry += 1 }
      state = Int(table[entry])
    }
    return state == Self.accepting
  }

  /// Matches by running the NFA directly, for patterns whose DFA would be too large.
  private func simulate(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    var workspace = SchemaPatternClosure(size: program.operations.count)
    var state = workspace.closure(
      of: [program.start], in: program, atStart: true, atEnd: scalars.isEmpty)
    for (index, scalar) in scalars.enumerated() {
      if state.matched { return true }
      state = workspace.step(
        state, on: program.classOf(scalar.value), in: program, atEnd: index + 1 == scalars.count)
    }
    return state.matched
  }

  private enum StateKind {
    case live
    case accepting
    /// No accepting state can follow.
    case dead
  }

  private struct DFA {
    var kinds: [StateKind]
    var transitions: [Int]
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
    var transitions: [Int] = []
    var current = 0
    while current < states.count {
      guard
        states.count <= maximumStates, transitions.count <= maximumTableSize,
        workspace.work <= maximumWork
      else {
        return nil
      }
      let state = states[current]
      for scalarClass in 0..<classCount {
        for atEnd in [false, true] {
          if state.matched {
            // Never read: the search stops at an accepting state.
            transitions.append(current)
          } else {
            let next = workspace.step(state, on: scalarClass, in: program, atEnd: atEnd)
            transitions.append(number(next))
          }
        }
      }
      current += 1
    }
    // A state is dead when no accepting state can follow it; the search stops there too.
    var predecessors = Array(repeating: [Int](), count: states.count)
    for (index, target) in transitions.enumerated() {
      predecessors[target].append(index / (classCount * 2))
    }
    var live = states.map(\.matched)
    var pending = states.indices.filter { live[$0] }
    while let state = pending.popLast() {
      for source in predecessors[state] where !live[source] {
        live[source] = true
        pending.append(source)
      }
    }
    let kinds: [StateKind] = states.indices.map {
      states[$0].matched ? .accepting : live[$0] ? .live : .dead
    }
    return DFA(kinds: kinds, transitions: transitions, initial: initial)
  }
}
