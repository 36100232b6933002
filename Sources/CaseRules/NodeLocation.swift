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

  /// The path to `node`; `memo` keeps the paths already written in this document, so
  /// siblings and descendants reuse their ancestors' paths.
  func path(to node: XMLTreeNode, memo: inout [XMLTreeNode: String]) -> String {
    guard node.kind != .document else { return "/" }
    if let known = memo[node] { return known }
    var prefix = ""
    if let parent = node.parent, parent.kind != .document {
      prefix = path(to: parent, memo: &memo)
    }
    let path = prefix + "/" + step(node)
    memo[node] = path
    return path
  }

  /// The path to `node`, without a memo.
  func path(to node: XMLTreeNode) -> String {
    var memo: [XMLTreeNode: String] = [:]
    return path(to: node, memo: &memo)
  }

  private func step(_ node: XMLTreeNode) -> String {
    switch node.kind {
    case .element:
      return "\(name(node))[\(node.positionAmongLikeSiblings)]"
    case .attribute:
      guard let uri = node.namespaceURI else { return "@\(node.localName)" }
      return "@"
        + (prefixes[uri].map { "\($0):\(node.localName)" }
          ?? "*[local-name()='\(node.localName)']")
    case .text: return "text()[\(node.positionAmongLikeSiblings)]"
    case .comment: return "comment()[\(node.positionAmongLikeSiblings)]"
    case .processingInstruction:
      return "processing-instruction()[\(node.positionAmongLikeSiblings)]"
    default: return "node()"
    }
  }

  private func name(_ node: XMLTreeNode) -> String {
    guard let uri = node.namespaceURI else { return node.localName }
    if let prefix = prefixes[uri] { return "\(prefix):\(node.localName)" }
    return "*[local-name()='\(node.localName)' and namespace-uri()='\(uri)']"
  }
}
