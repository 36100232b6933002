/// Walks a schema set's `xs:include`, `xs:import`, `xs:redefine` and `xs:override` graph
/// before libxml2 compiles it, so that every file it will open is known, local and listed.
///
/// Each schema document is parsed with CaseXML's own parser (entities never substituted,
/// no DTD loaded). A `schemaLocation` is looked up in the catalog first, then resolved
/// against the including document; anything that is not a local file is refused with a
/// message that says how to map it.
struct SchemaSetScan {
  static let xsdNamespace = "http://www.w3.org/2001/XMLSchema"
  private static let references: Set<String> = ["include", "import", "redefine", "override"]

  /// Every schema document of the set, the main one first.
  private(set) var files: [String] = []

  init(main: String, catalog: XMLCatalog?, limits: XMLLimits) throws(XMLError) {
    var pending = [main]
    while !pending.isEmpty {
      let path = pending.removeFirst()
      guard !files.contains(path) else { continue }
      files.append(path)
      let tree = try Self.load(path, limits: limits)
      guard let root = tree.root, root.localName == "schema",
        root.namespaceURI == Self.xsdNamespace
      else {
        throw XMLError(
          .schemaUnusable, "\(path): not an XML Schema (no <xs:schema> root element)",
          file: path)
      }
      for child in root.elements
      where child.namespaceURI == Self.xsdNamespace && Self.references.contains(child.localName) {
        guard let location = child.attribute("schemaLocation") else { continue }
        pending.append(
          try Self.locate(location, from: path, line: child.line, catalog: catalog))
      }
    }
  }

  private static func load(_ path: String, limits: XMLLimits) throws(XMLError) -> XMLTree {
    do {
      return try XMLTree.parse(file: path, limits: limits, doctype: .tolerate)
    } catch {
      throw XMLError(
        error.code == .malformed ? .schemaUnusable : error.code,
        error.code == .malformed ? "\(path): the schema is not well-formed XML" : error.message,
        file: path, issues: error.issues)
    }
  }

  static func locate(_ location: String, from base: String, line: Int, catalog: XMLCatalog?)
    throws(XMLError) -> String
  {
    if let mapped = catalog?.resolve(location) { return mapped }
    if let local = LocalPath.resolve(location, against: base) {
      if let mapped = catalog?.resolve(local) { return mapped }
      return local
    }
    throw XMLError(
      .resourceRefused,
      "\(base):\(line): the schema refers to \(location), which is not a local file; "
        + "casefile never fetches schemas over the network: save a copy beside the schema and "
        + "map the URI to it in an XML catalog (catalog.xml beside the main schema, or --catalog)",
      file: base)
  }
}
