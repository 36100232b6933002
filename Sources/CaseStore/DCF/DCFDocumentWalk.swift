import CaseJSON

/// One object of a DCF document, with the schema definition it is an instance of.
struct DCFTypedObject: Sendable {
  /// Where the object is.
  let path: JSONPath
  /// The object itself.
  let object: JSONObject
  /// The schema definition the object was matched to, or `nil` when none could be chosen.
  let definition: String?
  /// The properties the matched schema declares for this object.
  let declared: Set<String>
  /// The position in the walk's list of the nearest enclosing object, if any.
  let parent: Int?
}

/// Every object of a document, in document order, each matched to its schema definition.
///
/// The walk follows the schema down the document. Where the schema offers alternatives
/// (`oneOf`, `anyOf`), it picks the branch that the object's `type` member names, then a branch
/// whose `type` enumeration holds that value, then a branch whose required members are all
/// present and that declares every member the object has. Tuple-form `items` (a list of
/// schemas, as the DCF schema writes `defendants`) apply their last schema to every later
/// element, because that is what the format means, although draft-04 validates only the
/// listed positions.
struct DCFDocumentWalk: Sendable {
  /// The objects found, parents before children.
  private(set) var objects: [DCFTypedObject] = []
  private let index: DCFSchemaIndex

  /// Walks `document` against `index`'s root schema.
  init(document: JSONValue, index: DCFSchemaIndex) {
    self.index = index
    visit(document, schema: index.root, name: DCFSchemaIndex.rootName, path: .root, parent: nil)
  }

  /// The chain of enclosing objects of the object at `position`, nearest first, itself included.
  func chain(from position: Int) -> [DCFTypedObject] {
    var result: [DCFTypedObject] = []
    var current: Int? = position
    while let here = current {
      result.append(objects[here])
      current = objects[here].parent
    }
    return result
  }

  private mutating func visit(
    _ value: JSONValue, schema: JSONObject?, name: String?, path: JSONPath, parent: Int?
  ) {
    let shape = schema.map { self.shape(of: $0, name: name, for: value) }
    switch value {
    case .object(let object):
      let properties = shape?.properties ?? [:]
      objects.append(
        DCFTypedObject(
          path: path, object: object, definition: shape?.name, declared: Set(properties.keys),
          parent: parent))
      let me = objects.count - 1
      for (key, child) in object {
        let childSchema = properties[key].map { index.resolve($0) }
        visit(
          child, schema: childSchema?.node, name: childSchema?.name,
          path: path.appending(key: key), parent: me)
      }
    case .array(let items):
      for (position, item) in items.enumerated() {
        let itemSchema = shape?.itemSchema(at: position).map { index.resolve($0) }
        visit(
          item, schema: itemSchema?.node, name: itemSchema?.name,
          path: path.appending(index: position), parent: parent)
      }
    default:
      break
    }
  }

  /// What the walk needs from one schema node: its name, properties and items.
  private struct Shape {
    var name: String?
    var properties: [String: JSONObject]
    var items: JSONValue?

    func itemSchema(at position: Int) -> JSONObject? {
      switch items {
      case .object(let schema)?: return schema
      case .array(let list)?:
        guard !list.isEmpty else { return nil }
        return list[min(position, list.count - 1)].dcfObject
      default: return nil
      }
    }
  }

  private func shape(of schema: JSONObject, name: String?, for value: JSONValue) -> Shape {
    let resolved = index.resolve(schema)
    var shape = Shape(
      name: resolved.name ?? name, properties: index.properties(of: resolved.node),
      items: resolved.node["items"])
    let branches = resolved.node.dcfArray("oneOf") + resolved.node.dcfArray("anyOf")
    if !branches.isEmpty, let chosen = choose(among: branches, for: value) {
      shape.name = chosen.name ?? shape.name
      for (key, property) in index.properties(of: chosen.node) where shape.properties[key] == nil {
        shape.properties[key] = property
      }
      if shape.items == nil { shape.items = chosen.node["items"] }
    }
    return shape
  }

  private func choose(among branches: [JSONValue], for value: JSONValue) -> (
    name: String?, node: JSONObject
  )? {
    let candidates = branches.compactMap { $0.dcfObject.map { index.resolve($0) } }
    guard case .object(let object) = value else { return candidates.first }
    if let type = object.dcfString("type") {
      if let named = candidates.first(where: { $0.name == type }) { return named }
      if let listed = candidates.first(where: { candidate in
        let allowed = index.properties(of: candidate.node)["type"]?.dcfArray("enum") ?? []
        return allowed.contains(.string(type))
      }) {
        return listed
      }
    }
    return candidates.first { candidate in
      let declared = index.properties(of: candidate.node)
      let required = candidate.node.dcfStrings("required")
      let closed = candidate.node["additionalProperties"] == .bool(false)
      return required.allSatisfy { object[$0] != nil }
        && (!closed || object.keys.allSatisfy { declared[$0] != nil })
    }
  }
}
