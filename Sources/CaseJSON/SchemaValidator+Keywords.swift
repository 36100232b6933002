extension ValidationRun {
  mutating func checkNumber(_ spec: NodeSpec, _ number: JSONNumber, collect: Bool) -> Bool {
    var valid = true
    if let minimum = spec.minimum {
      let order = JSONNumber.compare(number, minimum)
      if order < 0 || (spec.exclusiveMinimum && order == 0) {
        guard collect else { return false }
        valid = false
        report(
          spec, "minimum",
          spec.exclusiveMinimum
            ? "the number must be greater than \(minimum)"
            : "the number must be at least \(minimum)")
      }
    }
    if let maximum = spec.maximum {
      let order = JSONNumber.compare(number, maximum)
      if order > 0 || (spec.exclusiveMaximum && order == 0) {
        guard collect else { return false }
        valid = false
        report(
          spec, "maximum",
          spec.exclusiveMaximum
            ? "the number must be less than \(maximum)" : "the number must be at most \(maximum)")
      }
    }
    if let divisor = spec.multipleOf, !number.isMultiple(of: divisor) {
      guard collect else { return false }
      valid = false
      report(spec, "multipleOf", "the number must be a multiple of \(divisor)")
    }
    return valid
  }

  mutating func checkString(_ spec: NodeSpec, _ string: String, collect: Bool) -> Bool {
    var valid = true
    if spec.minLength != nil || spec.maxLength != nil {
      let bytes = string.utf8.count
      // Code points lie between bytes / 4 and bytes; count only when that is not enough.
      let needsCount =
        (spec.minLength.map { bytes / 4 < $0 } ?? false)
        || (spec.maxLength.map { bytes > $0 } ?? false)
      let length = needsCount ? string.unicodeScalars.count : bytes
      if let minimum = spec.minLength, needsCount, length < minimum {
        guard collect else { return false }
        valid = false
        report(spec, "minLength", "the string must be at least \(minimum) characters long")
      }
      if let maximum = spec.maxLength, length > maximum {
        guard collect else { return false }
        valid = false
        report(spec, "maxLength", "the string must be at most \(maximum) characters long")
      }
    }
    if let pattern = spec.pattern, !pattern.matches(string) {
      guard collect else { return false }
      valid = false
      report(
        spec, "pattern",
        "the string does not match the pattern \(JSONString.quoted(pattern.source))")
    }
    if let format = spec.format, !FormatChecker.check(format, string) {
      guard collect else { return false }
      valid = false
      report(spec, "format", "the string is not a valid \(format.rawValue)")
    }
    return valid
  }

  mutating func checkArray(_ spec: NodeSpec, _ array: [JSONValue], collect: Bool) -> Bool {
    var valid = true
    if let minimum = spec.minItems, array.count < minimum {
      guard collect else { return false }
      valid = false
      report(spec, "minItems", "the array must have at least \(minimum) items")
    }
    if let maximum = spec.maxItems, array.count > maximum {
      guard collect else { return false }
      valid = false
      report(spec, "maxItems", "the array must have at most \(maximum) items")
    }
    if spec.uniqueItems, let (first, second) = JSONEquality.firstDuplicate(in: array) {
      guard collect else { return false }
      valid = false
      report(spec, "uniqueItems", "items \(first) and \(second) are equal; items must be unique")
    }
    switch spec.items {
    case .none:
      break
    case .single(let schema):
      for (offset, item) in array.enumerated()
      where !checkChild(schema, item, .index(offset), collect: collect) {
        guard collect else { return false }
        valid = false
      }
    case .tuple(let schemas):
      for (offset, item) in array.enumerated() {
        let schema: Int
        if offset < schemas.count {
          schema = schemas[offset]
        } else {
          switch spec.additionalItems {
          case .allowed:
            return valid
          case .forbidden:
            guard collect else { return false }
            report(
              spec, "additionalItems",
              "the array must have at most \(schemas.count) items; no additional items are allowed")
            return false
          case .schema(let extra):
            schema = extra
          }
        }
        if !checkChild(schema, item, .index(offset), collect: collect) {
          guard collect else { return false }
          valid = false
        }
      }
    }
    return valid
  }

  mutating func checkObject(_ spec: NodeSpec, _ object: JSONObject, collect: Bool) -> Bool {
    var valid = true
    if let minimum = spec.minProperties, object.count < minimum {
      guard collect else { return false }
      valid = false
      report(spec, "minProperties", "the object must have at least \(minimum) properties")
    }
    if let maximum = spec.maxProperties, object.count > maximum {
      guard collect else { return false }
      valid = false
      report(spec, "maxProperties", "the object must have at most \(maximum) properties")
    }
    for name in spec.required where object.position(of: name) == nil {
      guard collect else { return false }
      valid = false
      report(spec, "required", "the required property \(JSONString.quoted(name)) is missing")
    }
    for (name, rule) in spec.dependencies where object.position(of: name) != nil {
      switch rule {
      case .properties(let names):
        for needed in names where object.position(of: needed) == nil {
          guard collect else { return false }
          valid = false
          report(
            spec, "dependencies",
            "the property \(JSONString.quoted(needed)) is required when \(JSONString.quoted(name)) is present"
          )
        }
      case .schema(let schema):
        if !checkSame(schema, .object(object), collect: collect) {
          guard collect else { return false }
          valid = false
        }
      }
    }
    for (key, member) in object {
      var matched = false
      if let schema = spec.properties[key] {
        matched = true
        if !checkChild(schema, member, .key(key), collect: collect) {
          guard collect else { return false }
          valid = false
        }
      }
      for (pattern, schema) in spec.patternProperties where pattern.matches(key) {
        matched = true
        if !checkChild(schema, member, .key(key), collect: collect) {
          guard collect else { return false }
          valid = false
        }
      }
      if !matched {
        switch spec.additionalProperties {
        case .allowed:
          break
        case .forbidden:
          guard collect else { return false }
          valid = false
          path.append(.key(key))
          report(
            spec, "additionalProperties",
            "the property \(JSONString.quoted(key)) is not allowed here; remove it or check its spelling"
          )
          path.removeLast()
        case .schema(let schema):
          if !checkChild(schema, member, .key(key), collect: collect) {
            guard collect else { return false }
            valid = false
          }
        }
      }
    }
    return valid
  }
}
