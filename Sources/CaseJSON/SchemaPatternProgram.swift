/// A Thompson NFA for a parsed pattern, plus the partition of the scalars into classes that
/// every set in the pattern treats alike.
struct SchemaPatternProgram: Sendable {
  enum Operation: UInt8, Sendable {
    /// Consumes one scalar in `sets[first]`, then goes to `second`.
    case consume
    /// Goes to both `first` and `second`.
    case split
    /// Goes to `first` at the start of the text.
    case assertStart
    /// Goes to `first` at the end of the text.
    case assertEnd
    case match
  }

  /// The most instructions a program may have; `{n,m}` copies its operand, so a pattern such
  /// as `(a{1000}){1000}` would otherwise be enormous.
  static let maximumSize = 20_000

  private(set) var operations: [Operation] = []
  private(set) var first: [Int] = []
  private(set) var second: [Int] = []
  private(set) var sets: [SchemaPatternSet] = []
  private(set) var start = 0
  private var setIndices: [SchemaPatternSet: Int] = [:]

  /// Class boundaries: class `classOfInterval[i]` covers the scalars from `intervalStarts[i]`
  /// up to the next start.
  private(set) var intervalStarts: [UInt32] = []
  private(set) var classOfInterval: [Int] = []
  private(set) var classCount = 0
  /// `members[set][class]`: whether the set contains the class's scalars.
  private(set) var members: [[Bool]] = []

  init?(_ node: SchemaPatternNode) {
    let match = emit(.match, 0, 0)
    guard let entry = compile(node, next: match) else { return nil }
    start = entry
    partition()
  }

  private mutating func emit(_ operation: Operation, _ first: Int, _ second: Int) -> Int {
    operations.append(operation)
    self.first.append(first)
    self.second.append(second)
    return operations.count - 1
  }

  /// Emits `node` so that it continues at `next`; returns its entry.
  private mutating func compile(_ node: SchemaPatternNode, next: Int) -> Int? {
    guard operations.count < Self.maximumSize else { return nil }
    switch node {
    case .empty:
      return next
    case .set(let set):
      let index: Int
      if let known = setIndices[set] {
        index = known
      } else {
        index = sets.count
        sets.append(set)
        setIndices[set] = index
      }
      return emit(.consume, index, next)
    case .start:
      return emit(.assertStart, next, 0)
    case .end:
      return emit(.assertEnd, next, 0)
    case .sequence(let items):
      var entry = next
      for item in items.reversed() {
        guard let itemEntry = compile(item, next: entry) else { return nil }
        entry = itemEntry
      }
      return entry
    case .alternation(let branches):
      var entries: [Int] = []
      for branch in branches {
        guard let entry = compile(branch, next: next) else { return nil }
        entries.append(entry)
      }
      guard var entry = entries.last else { return next }
      for branchEntry in entries.dropLast().reversed() {
        entry = emit(.split, branchEntry, entry)
      }
      return entry
    case .repetition(let body, let min, let max):
      var entry: Int
      if let max {
        // `x{0,k}` nests as `(?:x(?:x(?:x)?)?)?`, which keeps the automaton small.
        entry = next
        for _ in 0..<(max - min) {
          guard let bodyEntry = compile(body, next: entry) else { return nil }
          entry = emit(.split, bodyEntry, next)
        }
      } else {
        let loop = emit(.split, 0, next)
        guard let bodyEntry = compile(body, next: loop) else { return nil }
        first[loop] = bodyEntry
        entry = loop
      }
      for _ in 0..<min {
        guard let bodyEntry = compile(body, next: entry) else { return nil }
        entry = bodyEntry
      }
      return entry
    }
  }

  /// Splits the scalars into intervals where every set is constant, and numbers the distinct
  /// membership patterns as classes.
  private mutating func partition() {
    var points: Set<UInt32> = [0]
    for set in sets {
      for range in set.ranges {
        points.insert(range.lowerBound)
        if range.upperBound < SchemaPatternSet.maximum { points.insert(range.upperBound + 1) }
      }
    }
    var classes: [[Bool]: Int] = [:]
    for point in points.sorted() {
      let signature = sets.map { $0.contains(point) }
      let index: Int
      if let known = classes[signature] {
        index = known
      } else {
        index = classes.count
        classes[signature] = index
      }
      if classOfInterval.last == index { continue }
      intervalStarts.append(point)
      classOfInterval.append(index)
    }
    classCount = classes.count
    members = Array(repeating: Array(repeating: false, count: classCount), count: sets.count)
    for (signature, index) in classes {
      for (set, isMember) in signature.enumerated() { members[set][index] = isMember }
    }
  }

  /// The class of a scalar value.
  func classOf(_ value: UInt32) -> Int {
    var low = 0
    var high = intervalStarts.count
    while high - low > 1 {
      let middle = (low + high) / 2
      if intervalStarts[middle] <= value { low = middle } else { high = middle }
    }
    return classOfInterval[low]
  }
}

/// The consume instructions reachable from some instructions without consuming, and whether
/// the match instruction is among them: one state of the subset construction.
struct SchemaPatternStateSet: Hashable {
  var consumers: [Int32]
  var matched: Bool
}

/// Scratch space for epsilon closures.
struct SchemaPatternClosure {
  private var marks: [UInt32]
  private var generation: UInt32 = 0
  private var stack: [Int] = []
  /// How many instructions the closures and steps have visited, to bound the subset
  /// construction.
  private(set) var work = 0

  init(size: Int) {
    marks = Array(repeating: 0, count: size)
  }

  /// The closure of `seeds` at a position where `^` holds if `atStart` and `$` if `atEnd`.
  mutating func closure(
    of seeds: [Int], in program: SchemaPatternProgram, atStart: Bool, atEnd: Bool
  ) -> SchemaPatternStateSet {
    generation &+= 1
    if generation == 0 {
      for index in marks.indices { marks[index] = 0 }
      generation = 1
    }
    var result = SchemaPatternStateSet(consumers: [], matched: false)
    stack.removeAll(keepingCapacity: true)
    stack.append(contentsOf: seeds.reversed())
    while let pc = stack.popLast() {
      if marks[pc] == generation { continue }
      marks[pc] = generation
      work += 1
      switch program.operations[pc] {
      case .consume: result.consumers.append(Int32(pc))
      case .match: result.matched = true
      case .split:
        stack.append(program.second[pc])
        stack.append(program.first[pc])
      case .assertStart: if atStart { stack.append(program.first[pc]) }
      case .assertEnd: if atEnd { stack.append(program.first[pc]) }
      }
    }
    result.consumers.sort()
    return result
  }

  /// The state after `state` consumes a scalar of class `scalarClass`, with a new search
  /// started at the following position.
  mutating func step(
    _ state: SchemaPatternStateSet, on scalarClass: Int, in program: SchemaPatternProgram,
    atEnd: Bool
  ) -> SchemaPatternStateSet {
    var seeds: [Int] = []
    work += state.consumers.count
    for pc in state.consumers {
      let index = Int(pc)
      if program.members[program.first[index]][scalarClass] { seeds.append(program.second[index]) }
    }
    seeds.append(program.start)
    return closure(of: seeds, in: program, atStart: false, atEnd: atEnd)
  }
}
