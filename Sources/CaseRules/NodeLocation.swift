import CaseXML

/// Writes an XPath 1.0 path that selects exactly one node, for a finding's `location`.
///
/// Elements are written `prefix:name[n]` with the schema's own prefix for their namespace,
/// or `*[local-name()='name' and namespace-uri()='…'][n]` when the schema declares none;
/// attributes `@name`; text nodes `text()[n]`. Positions count same-named siblings.
struct NodeLocation {
  /// Namespace URI to the prefix the schema declared for it.
  let prefixes: [String: String]

  init(namespaces: [String: String]) {
    var prefixes: [String: String] = [:]
    for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) where prefixes[uri] == nil {
      prefixes[uri] = prefix
    }
    self.prefixes = prefixes
  }

  func path(to node: XMLTreeNode) -> String {
    var steps: [String] = []
    var current: XMLTreeNode? = node
    while let step = current, step.kind != .document {
      steps.append(self.step(step))
      current = step.parent
    }
    return steps.isEmpty ? "/" : "/" + steps.reversed().joined(separator: "/")
  }

  private func step(_ node: XMLTreeNode) -> String {
    switch node.kind {
    case .element:
      let position =
        node.precedingSiblings.filter {
          $0.kind == .element && $0.localName == node.localName
            && $0.namespaceURI == node.namespaceURI
        }.count + 1
      return "\(name(node))[\(position)]"
    case .attribute:
      guard let uri = node.namespaceURI else { return "@\(node.localName)" }
      return "@"
        + (prefixes[uri].map { "\($0):\(node.localName)" } ?? "*[local-name()='\(node.localName)']")
    case .text:
      let position = node.precedingSiblings.filter { $0.kind == .text }.count + 1
      return "text()[\(position)]"
    case .comment:
      return "comment()[\(node.precedingSiblings.filter { $0.kind == .comment }.count + 1)]"
    case .processingInstruction:
      let position = node.precedingSiblings.filter { $0.kind == .processingInstruction }.count
      return "processing-instruction()[\(position + 1)]"
    default:
      return "node()"
    }
  }

  private func name(_ node: XMLTreeNode) -> String {
    guard let uri = node.namespaceURI else { return node.localName }
    if let prefix = prefixes[uri] { return "\(prefix):\(node.localName)" }
    return "*[local-name()='\(node.localName)' and namespace-uri()='\(uri)']"
  }
}
