extension ValidationRun {
  mutating func checkCombinators(_ spec: NodeSpec, _ value: JSONValue, collect: Bool) -> Bool {
    var valid = true
    for schema in spec.allOf where !checkSame(schema, value, collect: collect) {
      guard collect else { return false }
      valid = false
    }
    if !spec.anyOf.isEmpty {
      var matched = false
      for schema in spec.anyOf where checkSame(schema, value, collect: false) {
        matched = true
        break
      }
      if !matched {
        guard collect else { return false }
        valid = false
        reportNoAlternative(spec, "anyOf", spec.anyOf, value)
      }
    }
    if !spec.oneOf.isEmpty {
      var matches: [Int] = []
      for (offset, schema) in spec.oneOf.enumerated() where checkSame(schema, value, collect: false)
      {
        matches.append(offset)
        if matches.count > 1 && !collect { return false }
      }
      if matches.isEmpty {
        guard collect else { return false }
        valid = false
        reportNoAlternative(spec, "oneOf", spec.oneOf, value)
      } else if matches.count > 1 {
        valid = false
        let names = matches.map { label(spec.oneOf[$0], offset: $0) }.joined(separator: ", ")
        report(
          spec, "oneOf",
          "the value matches \(matches.count) alternatives (\(names)) but must match exactly one")
      }
    }
    if let schema = spec.not, checkSame(schema, value, collect: false) {
      guard collect else { return false }
      valid = false
      report(spec, "not", "the value must not match the schema under \"not\"")
    }
    return valid
  }

  func label(_ index: Int, offset: Int) -> String {
    nodes[index].spec.label ?? "alternative \(offset)"
  }

  /// The node a chain of `$ref`s ends at.
  func resolved(_ index: Int) -> NodeSpec {
    var current = nodes[index].spec
    var steps = 0
    while let next = current.ref, steps <= nodes.count {
      current = nodes[next].spec
      steps += 1
    }
    return current
  }

  /// Reports that no alternative matched, naming those tried and explaining the closest.
  ///
  /// The closest alternative is the one whose `type` property's enum accepts the
  /// instance's `type` member (the DCF's discriminator), else the one with fewest violations.
  mutating func reportNoAlternative(
    _ spec: NodeSpec, _ keyword: String, _ branches: [Int], _ value: JSONValue
  ) {
    let names = branches.enumerated().map { label($0.element, offset: $0.offset) }
    var chosen: Int?
    if case .object(let object) = value, let discriminator = object["type"] {
      for (offset, branch) in branches.enumerated() {
        let target = resolved(branch)
        if let typeSchema = target.properties["type"],
          let allowed = resolved(typeSchema).enumValues,
          allowed.contains(where: { $0 == discriminator })
        {
          chosen = offset
          break
        }
      }
    }
    var best: [SchemaViolation] = []
    if let chosen {
      best = collectViolations(branches[chosen], value)
    } else {
      for (offset, branch) in branches.enumerated() {
        let found = collectViolations(branch, value)
        if chosen == nil || found.count < best.count {
          chosen = offset
          best = found
        }
      }
    }
    var message =
      "the value matches none of the alternatives (tried: \(names.joined(separator: ", ")))"
    if let chosen {
      message += "; closest is \(names[chosen]), see its violations"
    }
    report(spec, keyword, message, causes: best)
  }

  mutating func collectViolations(_ index: Int, _ value: JSONValue) -> [SchemaViolation] {
    let saved = violations
    violations = []
    _ = checkSame(index, value, collect: true)
    let found = violations
    violations = saved
    return found
  }
}

/// JSON equality helpers for `uniqueItems`.
enum JSONEquality {
  /// A hash consistent with ``JSONValue``'s equality (numbers by value, objects unordered).
  static func hash(_ value: JSONValue, into hasher: inout Hasher) {
    switch value {
    case .null: hasher.combine(0)
    case .bool(let flag): hasher.combine(flag ? 1 : 2)
    case .number(let number):
      hasher.combine(3)
      hasher.combine(number)
    case .string(let string):
      hasher.combine(4)
      for scalar in string.unicodeScalars { hasher.combine(scalar.value) }
    case .array(let array):
      hasher.combine(5)
      hasher.combine(array.count)
      for item in array { hash(item, into: &hasher) }
    case .object(let object):
      hasher.combine(6)
      var combined = 0
      for (key, member) in object {
        var inner = Hasher()
        inner.combine(key)
        hash(member, into: &inner)
        combined ^= inner.finalize()
      }
      hasher.combine(combined)
    }
  }

  /// The indices of the first pair of equal items, if any.
  static func firstDuplicate(in array: [JSONValue]) -> (Int, Int)? {
    if array.count < 2 { return nil }
    if array.count <= 16 {
      for second in 1..<array.count {
        for first in 0..<second where array[first] == array[second] { return (first, second) }
      }
      return nil
    }
    var buckets: [Int: [Int]] = [:]
    var found: (Int, Int)?
    for (offset, item) in array.enumerated() {
      var hasher = Hasher()
      hash(item, into: &hasher)
      let key = hasher.finalize()
      if let candidates = buckets[key] {
        for earlier in candidates where array[earlier] == item {
          if found == nil || (earlier, offset) < (found ?? (0, 0)) { found = (earlier, offset) }
        }
      }
      buckets[key, default: []].append(offset)
      if found != nil { return found }
    }
    return found
  }
}
