import CaseJSON

/// The DCF schema's definitions, indexed so that each object in a document can be given the
/// definition that describes it.
///
/// The business rules name attributes, not paths. To decide where a rule applies, the
/// validator needs to know which definition each object of a document is an instance of and
/// which properties that definition declares. This index answers both, from the schema itself,
/// so that a new schema version needs no code change.
struct DCFSchemaIndex: Sendable {
  /// The name given to the schema's root (it is not one of the `definitions`).
  static let rootName = "$root"

  /// The schema's root object.
  let root: JSONObject
  /// Every definition by name, the root included under `rootName`.
  let definitions: [String: JSONObject]

  /// Indexes a parsed schema; anything but an object gives an empty index.
  init(schema: JSONValue) {
    let root = schema.dcfObject ?? JSONObject()
    var definitions: [String: JSONObject] = [:]
    for (name, value) in root.dcfObject("definitions") ?? JSONObject() {
      if let object = value.dcfObject { definitions[name] = object }
    }
    definitions[Self.rootName] = root
    self.root = root
    self.definitions = definitions
  }

  /// The names of the properties `definition` declares, including those of its `allOf` parts.
  func declaredProperties(of definition: String) -> Set<String> {
    guard let node = definitions[definition] else { return [] }
    return Set(properties(of: node).keys)
  }

  /// The names in `definition`'s `required` list.
  func requiredProperties(of definition: String) -> Set<String> {
    guard let node = definitions[definition] else { return [] }
    return Set(node.dcfStrings("required"))
  }

  /// The names of all definitions (the root included) that declare `property`.
  func definitions(declaring property: String) -> Set<String> {
    Set(definitions.keys.filter { declaredProperties(of: $0).contains(property) })
  }

  /// The schema of `property` wherever it is declared, for reading its type and enumeration.
  func propertySchemas(named property: String) -> [JSONObject] {
    definitions.keys.sorted().compactMap { name in
      guard let node = definitions[name], let schema = properties(of: node)[property] else {
        return nil
      }
      return resolve(schema).node
    }
  }

  /// Follows local `$ref`s (`#/definitions/Name`) from `node`, giving the definition name
  /// reached, if any, and the node at the end.
  func resolve(_ node: JSONObject) -> (name: String?, node: JSONObject) {
    var current = node
    var name: String?
    var hops = 0
    while let reference = current.dcfString("$ref"), hops < 32 {
      hops += 1
      let prefix = "#/definitions/"
      guard reference.hasPrefix(prefix) else { break }
      let target = String(reference.dropFirst(prefix.count))
      guard let next = definitions[target] else { break }
      name = target
      current = next
    }
    return (name, current)
  }

  /// The property schemas `node` declares, with those of its `allOf` parts.
  func properties(of node: JSONObject) -> [String: JSONObject] {
    var result: [String: JSONObject] = [:]
    for (key, value) in node.dcfObject("properties") ?? JSONObject() {
      if let schema = value.dcfObject { result[key] = schema }
    }
    for part in node.dcfArray("allOf") {
      guard let partNode = part.dcfObject else { continue }
      for (key, value) in properties(of: resolve(partNode).node) where result[key] == nil {
        result[key] = value
      }
    }
    return result
  }
}
