/// An OASIS XML Catalog (1.1): maps the URIs a schema set names to local files.
///
/// Supported entries: `uri`, `system`, `public`, `rewriteURI`, `rewriteSystem`,
/// `uriSuffix`, `systemSuffix`, `group`, `nextCatalog` (local files only) and `xml:base`.
/// Exact matches win over rewrites, the longest rewrite prefix wins, and the longest
/// suffix wins, as the specification orders them. `delegate*` entries are ignored: they
/// only point at further catalogs for a prefix, which `nextCatalog` covers locally.
package struct XMLCatalog: Sendable {
  static let namespace = "urn:oasis:names:tc:entity:xmlns:xml:catalog"

  private var exact: [String: String] = [:]
  private var rewrites: [(prefix: String, replacement: String)] = []
  private var suffixes: [(suffix: String, target: String)] = []
  /// Every catalog file read (the main one and any `nextCatalog`).
  package private(set) var files: [String] = []

  /// Reads the catalog at `path` and the local catalogs it chains to.
  package init(contentsOf path: String, limits: XMLLimits = .default) throws(XMLError) {
    guard let start = LocalPath.from(path.hasPrefix("/") ? path : LocalPath.absolute(path))
    else {
      throw XMLError(.unreadable, "\(path): not a local catalog file", file: path)
    }
    var pending = [start]
    while let next = pending.first {
      pending.removeFirst()
      guard !files.contains(next) else { continue }
      files.append(next)
      let tree = try XMLTree.parse(file: next, limits: limits, doctype: .tolerate)
      guard let root = tree.root, root.localName == "catalog",
        root.namespaceURI == Self.namespace
      else {
        throw XMLError(
          .schemaUnusable, "\(next): not an OASIS XML catalog (<catalog> in \(Self.namespace))",
          file: next)
      }
      read(root, base: next, chained: &pending)
    }
  }

  private mutating func read(_ element: XMLTreeNode, base: String, chained: inout [String]) {
    for entry in element.elements where entry.namespaceURI == Self.namespace {
      let entryBase =
        entry.attribute("base", namespace: "http://www.w3.org/XML/1998/namespace")
        .flatMap { LocalPath.resolve($0.hasSuffix("/") ? $0 + "_" : $0, against: base) } ?? base
      func target(_ name: String) -> String? {
        entry.attribute(name).flatMap { LocalPath.resolve($0, against: entryBase) }
      }
      switch entry.localName {
      case "uri":
        if let name = entry.attribute("name"), let uri = target("uri") { exact[name] = uri }
      case "system":
        if let id = entry.attribute("systemId"), let uri = target("uri") { exact[id] = uri }
      case "public":
        if let id = entry.attribute("publicId"), let uri = target("uri") { exact[id] = uri }
      case "rewriteURI", "rewriteSystem":
        let key = entry.localName == "rewriteURI" ? "uriStartString" : "systemIdStartString"
        if let prefix = entry.attribute(key), let replacement = entry.attribute("rewritePrefix") {
          let resolved = LocalPath.resolve(replacement, against: entryBase) ?? replacement
          rewrites.append((prefix, resolved.hasSuffix("/") ? resolved : resolved + "/"))
        }
      case "uriSuffix", "systemSuffix":
        let key = entry.localName == "uriSuffix" ? "uriSuffix" : "systemIdSuffix"
        if let suffix = entry.attribute(key), let uri = target("uri") {
          suffixes.append((suffix, uri))
        }
      case "group":
        read(entry, base: entryBase, chained: &chained)
      case "nextCatalog":
        if let next = target("catalog") { chained.append(next) }
      default:
        continue
      }
    }
  }

  /// The local path `uri` maps to, or nil when the catalog has no entry for it.
  package func resolve(_ uri: String) -> String? {
    if let hit = exact[uri] { return hit }
    let rewrite = rewrites.filter { uri.hasPrefix($0.prefix) }
      .max { $0.prefix.count < $1.prefix.count }
    if let rewrite {
      var rest = String(uri.dropFirst(rewrite.prefix.count))
      while rest.hasPrefix("/") { rest.removeFirst() }
      return LocalPath.from(rewrite.replacement + rest)
    }
    return suffixes.filter { uri.hasSuffix($0.suffix) }
      .max { $0.suffix.count < $1.suffix.count }?.target
  }
}
