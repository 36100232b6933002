import Foundation

/// Turns a draft-04 schema document (and any local documents it references) into a table
/// of ``CompiledNode``s, resolving `$ref` and `id`.
final class SchemaCompiler {
  /// A place `$ref`s can start from: a whole document or a subschema with an `id`.
  struct Anchor {
    var fileKey: String
    var tokens: [String]
    var value: JSONValue
    var base: String
  }

  struct Pending {
    var index: Int
    var value: JSONValue
    var fileKey: String
    var tokens: [String]
    var base: String
  }

  let baseDirectory: URL?
  var specs: [NodeSpec] = []
  var locationIndex: [String: Int] = [:]
  var documents: [String: Anchor] = [:]
  var rootFileKey = ""
  var queue: [Pending] = []

  init(baseDirectory: URL?) {
    self.baseDirectory = baseDirectory?.standardizedFileURL
  }

  static let defaultBase = "urn:casefile:schema"

  func compileRoot(_ root: JSONValue, baseURI: String?) throws(JSONSchemaError) -> Int {
    var base =
      baseURI ?? baseDirectory?.appendingPathComponent("schema.json").absoluteString
      ?? Self.defaultBase
    base = URIResolver.stripFragment(base)
    rootFileKey = base
    documents[base] = Anchor(fileKey: base, tokens: [], value: root, base: base)
    try registerAnchors(root, fileKey: base, tokens: [], base: base)
    let index = try nodeIndex(for: root, fileKey: base, tokens: [], base: base)
    try drainQueue()
    return index
  }

  func finish() -> [CompiledNode] {
    specs.map { spec in
      spec.computeFlags()
      return CompiledNode(spec)
    }
  }

  // MARK: Locations

  func pointerText(fileKey: String, tokens: [String]) -> String {
    let pointer = "#" + tokens.map { "/" + $0.replacingTildeAndSlash() }.joined()
    return fileKey == rootFileKey ? pointer : fileKey + pointer
  }

  func nodeIndex(for value: JSONValue, fileKey: String, tokens: [String], base: String)
    throws(JSONSchemaError)
    -> Int
  {
    let key = fileKey + pointerText(fileKey: "", tokens: tokens)
    if let existing = locationIndex[key] { return existing }
    let index = specs.count
    let spec = NodeSpec()
    spec.pointer = pointerText(fileKey: fileKey, tokens: tokens)
    if tokens.count >= 2, tokens[tokens.count - 2] == "definitions", let last = tokens.last {
      spec.label = last
    }
    specs.append(spec)
    locationIndex[key] = index
    queue.append(Pending(index: index, value: value, fileKey: fileKey, tokens: tokens, base: base))
    return index
  }

  func drainQueue() throws(JSONSchemaError) {
    while let pending = queue.popLast() {
      try compile(pending)
    }
  }

  /// The keywords whose values are subschemas, maps of subschemas, or arrays of subschemas.
  static let schemaKeywords: Set<String> = ["not", "additionalItems", "additionalProperties"]
  static let schemaArrayKeywords: Set<String> = ["allOf", "anyOf", "oneOf"]
  static let schemaMapKeywords: Set<String> = [
    "properties", "patternProperties", "definitions", "dependencies",
  ]

  /// Records every subschema with an `id` so that `$ref`s can find it.
  func registerAnchors(_ value: JSONValue, fileKey: String, tokens: [String], base: String)
    throws(JSONSchemaError)
  {
    var stack: [(JSONValue, [String], String)] = [(value, tokens, base)]
    while let (current, currentTokens, currentBase) = stack.popLast() {
      guard case .object(let object) = current else { continue }
      if object["$ref"] != nil { continue }
      var nodeBase = currentBase
      if case .string(let id)? = object["id"] {
        nodeBase = URIResolver.resolve(id, against: currentBase)
        let document = URIResolver.stripFragment(nodeBase)
        let anchor = Anchor(fileKey: fileKey, tokens: currentTokens, value: current, base: nodeBase)
        if nodeBase.contains("#"), !nodeBase.hasSuffix("#") {
          documents[nodeBase] = anchor
        } else if documents[document] == nil {
          documents[document] = anchor
        }
      }
      for (key, child) in object {
        if Self.schemaKeywords.contains(key) {
          stack.append((child, currentTokens + [key], nodeBase))
        } else if key == "items" {
          if case .array(let list) = child {
            for (offset, item) in list.enumerated() {
              stack.append((item, currentTokens + [key, String(offset)], nodeBase))
            }
          } else {
            stack.append((child, currentTokens + [key], nodeBase))
          }
        } else if Self.schemaArrayKeywords.contains(key), case .array(let list) = child {
          for (offset, item) in list.enumerated() {
            stack.append((item, currentTokens + [key, String(offset)], nodeBase))
          }
        } else if Self.schemaMapKeywords.contains(key), case .object(let map) = child {
          for (name, item) in map {
            stack.append((item, currentTokens + [key, name], nodeBase))
          }
        }
      }
    }
  }

  // MARK: Keywords

  func compile(_ pending: Pending) throws(JSONSchemaError) {
    let spec = specs[pending.index]
    let here = spec.pointer
    func error(_ keyword: String, _ message: String) -> JSONSchemaError {
      JSONSchemaError(schemaPath: here + "/" + keyword, message: message)
    }
    guard case .object(let object) = pending.value else {
      throw JSONSchemaError(schemaPath: here, message: "a schema must be a JSON object")
    }
    if let ref = object["$ref"] {
      guard case .string(let reference) = ref else { throw error("$ref", "$ref must be a string") }
      spec.ref = try resolveReference(reference, base: pending.base, at: here + "/$ref")
      if spec.label == nil, let target = spec.ref { spec.label = specs[target].label }
      specs[pending.index] = spec
      return
    }
    var base = pending.base
    if case .string(let id)? = object["id"] { base = URIResolver.resolve(id, against: base) }

    func sub(_ value: JSONValue, _ path: [String]) throws(JSONSchemaError) -> Int {
      guard case .object = value else {
        throw JSONSchemaError(
          schemaPath: here + "/" + path.map { $0.replacingTildeAndSlash() }.joined(separator: "/"),
          message: "a schema must be a JSON object")
      }
      return try nodeIndex(
        for: value, fileKey: pending.fileKey, tokens: pending.tokens + path, base: base)
    }
    func count(_ keyword: String) throws(JSONSchemaError) -> Int? {
      guard let value = object[keyword] else { return nil }
      guard case .number(let number) = value, let integer = number.int64, integer >= 0 else {
        throw error(keyword, "\(keyword) must be a non-negative integer")
      }
      return Int(clamping: integer)
    }
    func flag(_ keyword: String) throws(JSONSchemaError) -> Bool {
      guard let value = object[keyword] else { return false }
      guard case .bool(let flag) = value else {
        throw error(keyword, "\(keyword) must be true or false")
      }
      return flag
    }
    func number(_ keyword: String) throws(JSONSchemaError) -> JSONNumber? {
      guard let value = object[keyword] else { return nil }
      guard case .number(let number) = value else {
        throw error(keyword, "\(keyword) must be a number")
      }
      return number
    }
    func schemaList(_ keyword: String) throws(JSONSchemaError) -> [Int] {
      guard let value = object[keyword] else { return [] }
      guard case .array(let list) = value, !list.isEmpty else {
        throw error(keyword, "\(keyword) must be a non-empty array of schemas")
      }
      var indices: [Int] = []
      for (offset, item) in list.enumerated() {
        indices.append(try sub(item, [keyword, String(offset)]))
      }
      return indices
    }
    func additional(_ keyword: String) throws(JSONSchemaError) -> AdditionalRule {
      switch object[keyword] {
      case nil, .bool(true)?: return .allowed
      case .bool(false)?: return .forbidden
      case .object?:
        guard let value = object[keyword] else { return .allowed }
        return .schema(try sub(value, [keyword]))
      default: throw error(keyword, "\(keyword) must be a boolean or a schema")
      }
    }
    func pattern(_ source: String, _ keyword: String) throws(JSONSchemaError) -> CompiledPattern {
      do {
        return try CompiledPattern(source)
      } catch {
        throw JSONSchemaError(
          schemaPath: here + "/" + keyword,
          message: "not a valid regular expression; fix the pattern")
      }
    }

    if let value = object["type"] {
      var names: [String] = []
      switch value {
      case .string(let name): names = [name]
      case .array(let list):
        for item in list {
          guard case .string(let name) = item else {
            throw error("type", "type must be a string or strings")
          }
          names.append(name)
        }
      default: throw error("type", "type must be a string or an array of strings")
      }
      var types: TypeSet = []
      for name in names {
        guard let type = TypeSet.names.first(where: { $0.0 == name })?.1 else {
          throw error(
            "type",
            "unknown type \(JSONString.quoted(name)); use null, boolean, integer, number, string, array or object"
          )
        }
        types.insert(type)
      }
      spec.types = types
    }
    if let value = object["enum"] {
      guard case .array(let list) = value, !list.isEmpty else {
        throw error("enum", "enum must be a non-empty array")
      }
      spec.enumValues = list
    }
    spec.minimum = try number("minimum")
    spec.maximum = try number("maximum")
    spec.exclusiveMinimum = try flag("exclusiveMinimum")
    spec.exclusiveMaximum = try flag("exclusiveMaximum")
    if let divisor = try number("multipleOf") {
      guard JSONNumber.compare(divisor, JSONNumber(0)) > 0 else {
        throw error("multipleOf", "multipleOf must be greater than 0")
      }
      spec.multipleOf = divisor
    }
    spec.minLength = try count("minLength")
    spec.maxLength = try count("maxLength")
    if let value = object["pattern"] {
      guard case .string(let source) = value else {
        throw error("pattern", "pattern must be a string")
      }
      spec.pattern = try pattern(source, "pattern")
    }
    if case .string(let name)? = object["format"] { spec.format = SchemaFormat(rawValue: name) }

    if let value = object["items"] {
      switch value {
      case .object: spec.items = .single(try sub(value, ["items"]))
      case .array(let list):
        var indices: [Int] = []
        for (offset, item) in list.enumerated() {
          indices.append(try sub(item, ["items", String(offset)]))
        }
        spec.items = .tuple(indices)
      default: throw error("items", "items must be a schema or an array of schemas")
      }
    }
    spec.additionalItems = try additional("additionalItems")
    spec.minItems = try count("minItems")
    spec.maxItems = try count("maxItems")
    spec.uniqueItems = try flag("uniqueItems")

    if let value = object["properties"] {
      guard case .object(let map) = value else {
        throw error("properties", "properties must be an object")
      }
      for (name, item) in map { spec.properties[name] = try sub(item, ["properties", name]) }
    }
    if let value = object["patternProperties"] {
      guard case .object(let map) = value else {
        throw error("patternProperties", "patternProperties must be an object")
      }
      for (source, item) in map {
        let compiled = try pattern(source, "patternProperties/" + source.replacingTildeAndSlash())
        spec.patternProperties.append((compiled, try sub(item, ["patternProperties", source])))
      }
    }
    spec.additionalProperties = try additional("additionalProperties")
    if let value = object["required"] {
      guard case .array(let list) = value, !list.isEmpty else {
        throw error("required", "required must be a non-empty array of property names")
      }
      for item in list {
        guard case .string(let name) = item else {
          throw error("required", "required must list strings")
        }
        spec.required.append(name)
      }
    }
    spec.minProperties = try count("minProperties")
    spec.maxProperties = try count("maxProperties")
    if let value = object["dependencies"] {
      guard case .object(let map) = value else {
        throw error("dependencies", "dependencies must be an object")
      }
      for (name, item) in map {
        switch item {
        case .object:
          spec.dependencies.append((name, .schema(try sub(item, ["dependencies", name]))))
        case .array(let list):
          var names: [String] = []
          for entry in list {
            guard case .string(let property) = entry else {
              throw error("dependencies", "a property dependency must list strings")
            }
            names.append(property)
          }
          spec.dependencies.append((name, .properties(names)))
        default:
          throw error(
            "dependencies", "each dependency must be a schema or an array of property names")
        }
      }
    }
    spec.allOf = try schemaList("allOf")
    spec.anyOf = try schemaList("anyOf")
    spec.oneOf = try schemaList("oneOf")
    if let value = object["not"] { spec.not = try sub(value, ["not"]) }
    if let value = object["definitions"] {
      guard case .object(let map) = value else {
        throw error("definitions", "definitions must be an object")
      }
      for (name, item) in map { _ = try sub(item, ["definitions", name]) }
    }
    specs[pending.index] = spec
  }

  // MARK: References

  func resolveReference(_ reference: String, base: String, at schemaPath: String)
    throws(JSONSchemaError) -> Int
  {
    let absolute = URIResolver.resolve(reference, against: base)
    let document = URIResolver.stripFragment(absolute)
    var fragment = ""
    if let hash = absolute.firstIndex(of: "#") {
      fragment = String(absolute[absolute.index(after: hash)...])
    }
    guard let decoded = fragment.removingPercentEncoding else {
      throw JSONSchemaError(
        schemaPath: schemaPath, message: "the $ref fragment has invalid percent-encoding")
    }
    if !decoded.isEmpty, !decoded.hasPrefix("/") {
      guard let anchor = documents[absolute] else {
        throw JSONSchemaError(
          schemaPath: schemaPath,
          message: "no subschema has the id \(JSONString.quoted(reference)); fix the $ref")
      }
      return try nodeIndex(
        for: anchor.value, fileKey: anchor.fileKey, tokens: anchor.tokens, base: anchor.base)
    }
    let anchor: Anchor
    if let known = documents[document] {
      anchor = known
    } else {
      anchor = try loadDocument(document, at: schemaPath)
    }
    var value = anchor.value
    var tokens = anchor.tokens
    let pointerTokens =
      decoded.isEmpty
      ? []
      : decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    for rawToken in pointerTokens {
      let token = rawToken.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(
        of: "~0", with: "~")
      tokens.append(token)
      switch value {
      case .object(let object):
        if let child = object[token] {
          value = child
          continue
        }
      case .array(let list):
        if let offset = Int(token), list.indices.contains(offset) {
          value = list[offset]
          continue
        }
      default: break
      }
      throw JSONSchemaError(
        schemaPath: schemaPath,
        message:
          "the $ref \(JSONString.quoted(reference)) points at nothing in its document; fix the JSON Pointer"
      )
    }
    guard case .object = value else {
      throw JSONSchemaError(
        schemaPath: schemaPath,
        message: "the $ref \(JSONString.quoted(reference)) does not point at a schema object")
    }
    return try nodeIndex(for: value, fileKey: anchor.fileKey, tokens: tokens, base: anchor.base)
  }

  /// Loads a referenced document from the base directory (never from a network).
  func loadDocument(_ uri: String, at schemaPath: String) throws(JSONSchemaError) -> Anchor {
    guard let baseDirectory else {
      throw JSONSchemaError(
        schemaPath: schemaPath,
        message: "the $ref needs another document (\(uri)) but no schema directory was given")
    }
    guard let relative = URIResolver.localPath(for: uri, baseDirectory: baseDirectory) else {
      throw JSONSchemaError(
        schemaPath: schemaPath,
        message: "the $ref document \(uri) is outside the schema directory; refused")
    }
    let file = baseDirectory.appendingPathComponent(relative)
    let data: Data
    do {
      data = try Data(contentsOf: file)
    } catch {
      throw JSONSchemaError(
        schemaPath: schemaPath,
        message: "cannot read the referenced schema \(relative) in the schema directory")
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(data, limits: .permissive)
    } catch {
      throw JSONSchemaError(
        schemaPath: schemaPath,
        message: "the referenced schema \(relative) is not valid JSON: \(error)")
    }
    let anchor = Anchor(fileKey: uri, tokens: [], value: value, base: uri)
    documents[uri] = anchor
    try registerAnchors(value, fileKey: uri, tokens: [], base: uri)
    return anchor
  }
}

/// Minimal RFC 3986 reference resolution for `id` and `$ref`.
enum URIResolver {
  static func stripFragment(_ uri: String) -> String {
    guard let hash = uri.firstIndex(of: "#") else { return uri }
    return String(uri[..<hash])
  }

  static func scheme(of uri: String) -> String? {
    guard let colon = uri.firstIndex(of: ":") else { return nil }
    let candidate = uri[..<colon]
    guard let first = candidate.first, first.isASCII, first.isLetter,
      candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
    else { return nil }
    return String(candidate)
  }

  static func resolve(_ reference: String, against base: String) -> String {
    if reference.isEmpty { return stripFragment(base) }
    if scheme(of: reference) != nil { return reference }
    let baseDocument = stripFragment(base)
    if reference.hasPrefix("#") { return baseDocument + reference }
    guard let baseScheme = scheme(of: baseDocument) else { return reference }
    let afterScheme = baseDocument.dropFirst(baseScheme.count + 1)
    if reference.hasPrefix("//") { return baseScheme + ":" + reference }
    var authority = ""
    var path = String(afterScheme)
    if afterScheme.hasPrefix("//") {
      let rest = afterScheme.dropFirst(2)
      let slash = rest.firstIndex(of: "/") ?? rest.endIndex
      authority = "//" + rest[..<slash]
      path = String(rest[slash...])
    }
    if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
    var merged: String
    if reference.hasPrefix("/") {
      merged = reference
    } else if let slash = path.lastIndex(of: "/") {
      merged = path[...slash] + reference
    } else {
      merged = (authority.isEmpty ? "" : "/") + reference
    }
    var fragment = ""
    if let hash = merged.firstIndex(of: "#") {
      fragment = String(merged[hash...])
      merged = String(merged[..<hash])
    }
    return baseScheme + ":" + authority + removeDotSegments(merged) + fragment
  }

  static func removeDotSegments(_ path: String) -> String {
    var output: [Substring] = []
    let segments = path.split(separator: "/", omittingEmptySubsequences: false)
    for (offset, segment) in segments.enumerated() {
      if segment == "." {
        if offset == segments.count - 1 { output.append("") }
      } else if segment == ".." {
        if output.count > 1 { output.removeLast() }
        if offset == segments.count - 1 { output.append("") }
      } else {
        output.append(segment)
      }
    }
    return output.joined(separator: "/")
  }

  /// The path of a referenced document relative to the base directory, or `nil` when it
  /// would leave that directory or uses an unsupported scheme.
  static func localPath(for uri: String, baseDirectory: URL) -> String? {
    var path: String
    if uri.hasPrefix("file://") {
      guard let url = URL(string: uri) else { return nil }
      let full = url.standardizedFileURL.path
      let root = baseDirectory.path.hasSuffix("/") ? baseDirectory.path : baseDirectory.path + "/"
      guard full.hasPrefix(root) else { return nil }
      path = String(full.dropFirst(root.count))
    } else if uri.hasPrefix("http://") || uri.hasPrefix("https://") {
      let rest = uri.drop(while: { $0 != ":" }).dropFirst(3)
      guard let slash = rest.firstIndex(of: "/") else { return nil }
      path = String(rest[rest.index(after: slash)...])
      if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
    } else {
      return nil
    }
    guard let decoded = path.removingPercentEncoding, !decoded.isEmpty else { return nil }
    let components = decoded.split(separator: "/")
    guard !components.contains(where: { $0 == ".." || $0 == "." }), !decoded.hasPrefix("/") else {
      return nil
    }
    return decoded
  }
}
