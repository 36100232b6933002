/// One validation of one instance: the current instance path and the violations found.
///
/// Paths are kept as a stack of components and turned into ``JSONPath`` values only when a
/// violation is reported, so a valid instance costs no path strings.
struct ValidationRun {
  let nodes: [CompiledNode]
  var path: [JSONPath.Component] = []
  var violations: [SchemaViolation] = []
  /// How many schemas have been applied to the current instance value without descending;
  /// more than the number of nodes means a `$ref` loop that never consumes the instance.
  var sameInstanceDepth = 0

  init(nodes: [CompiledNode]) {
    self.nodes = nodes
    path.reserveCapacity(32)
  }

  mutating func report(
    _ spec: NodeSpec, _ keyword: String, _ message: String, causes: [SchemaViolation] = []
  ) {
    violations.append(
      SchemaViolation(
        instancePath: JSONPath(path), schemaPath: spec.pointer + "/" + keyword, keyword: keyword,
        message: message, causes: causes))
  }

  /// Applies another schema to the same instance value (allOf, $ref, ...).
  mutating func checkSame(_ index: Int, _ value: JSONValue, collect: Bool) -> Bool {
    sameInstanceDepth += 1
    defer { sameInstanceDepth -= 1 }
    if sameInstanceDepth > nodes.count + 1 {
      if collect {
        report(
          nodes[index].spec, "$ref",
          "the schema refers to itself without validating anything; the schema must be fixed")
      }
      return false
    }
    return check(index, value, collect: collect)
  }

  /// Applies a schema to a member or element of the current instance.
  mutating func checkChild(
    _ index: Int, _ value: JSONValue, _ component: JSONPath.Component, collect: Bool
  )
    -> Bool
  {
    let savedDepth = sameInstanceDepth
    sameInstanceDepth = 0
    path.append(component)
    let valid = check(index, value, collect: collect)
    path.removeLast()
    sameInstanceDepth = savedDepth
    return valid
  }

  /// Checks `value` against node `index`; with `collect` false it stops at the first
  /// problem and reports nothing.
  mutating func check(_ index: Int, _ value: JSONValue, collect: Bool) -> Bool {
    let node = nodes[index]
    if let target = node.spec.ref { return checkSame(target, value, collect: collect) }
    var valid = true
    if let types = node.spec.types, !types.accepts(value) {
      guard collect else { return false }
      valid = false
      let expected = types.names.joined(separator: " or ")
      report(node.spec, "type", "expected \(expected), found \(value.typeName)")
    }
    if let allowed = node.spec.enumValues, !allowed.contains(where: { $0 == value }) {
      guard collect else { return false }
      valid = false
      report(
        node.spec, "enum", "the value is not one of the allowed values: \(Self.listValues(allowed))"
      )
    }
    switch value {
    case .number(let number) where node.spec.hasNumberKeywords:
      valid = checkNumber(node.spec, number, collect: collect) && valid
    case .string(let string) where node.spec.hasStringKeywords:
      valid = checkString(node.spec, string, collect: collect) && valid
    case .array(let array) where node.spec.hasArrayKeywords:
      valid = checkArray(node.spec, array, collect: collect) && valid
    case .object(let object) where node.spec.hasObjectKeywords:
      valid = checkObject(node.spec, object, collect: collect) && valid
    default:
      break
    }
    if !valid && !collect { return false }
    if node.spec.hasCombinators {
      valid = checkCombinators(node.spec, value, collect: collect) && valid
    }
    return valid
  }

  static func listValues(_ values: [JSONValue]) -> String {
    let shown = values.prefix(12).map { describeSchemaValue($0) }.joined(separator: ", ")
    return values.count > 12 ? shown + ", … (\(values.count) in all)" : shown
  }

  /// A schema-side value for a message (schema values are not case data).
  static func describeSchemaValue(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): flag ? "true" : "false"
    case .number(let number): number.literal
    case .string(let string): JSONString.quoted(string)
    case .array: "[…]"
    case .object: "{…}"
    }
  }
}
