import CLibXML2

/// A node of an ``XMLTree``; keeps its tree alive.
package struct XMLTreeNode {
  package enum Kind: Sendable, Equatable {
    case element
    case attribute
    case text
    case comment
    case processingInstruction
    case document
    case namespace
    case other
  }

  package let tree: XMLTree
  let pointer: xmlNodePtr

  init(tree: XMLTree, pointer: xmlNodePtr) {
    self.tree = tree
    self.pointer = pointer
  }

  package var kind: Kind {
    switch pointer.pointee.type {
    case XML_ELEMENT_NODE: .element
    case XML_ATTRIBUTE_NODE: .attribute
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: .text
    case XML_COMMENT_NODE: .comment
    case XML_PI_NODE: .processingInstruction
    case XML_DOCUMENT_NODE: .document
    case XML_NAMESPACE_DECL: .namespace
    default: .other
    }
  }

  /// The local name (no prefix); empty for nodes without a name.
  package var localName: String {
    guard kind != .namespace, kind != .document, let name = pointer.pointee.name else {
      return ""
    }
    return String(cString: name)
  }

  /// The name as written in the document, with its prefix (`cd:offence`), as XPath's
  /// `name()` gives it.
  package var qualifiedName: String {
    guard kind == .element || kind == .attribute, let ns = pointer.pointee.ns,
      let prefix = ns.pointee.prefix
    else { return localName }
    return "\(String(cString: prefix)):\(localName)"
  }

  /// The namespace URI of an element or attribute, if it has one.
  package var namespaceURI: String? {
    guard kind == .element || kind == .attribute, let ns = pointer.pointee.ns,
      let href = ns.pointee.href
    else { return nil }
    return String(cString: href)
  }

  /// The XPath string value (`xmlNodeGetContent`).
  package var stringValue: String {
    guard let content = xmlNodeGetContent(pointer) else { return "" }
    defer { casefile_xml_free(content) }
    return String(cString: content)
  }

  /// The line the node starts on (`xmlGetLineNo`), or 0.
  package var line: Int { max(0, Int(xmlGetLineNo(pointer))) }

  /// libxml2's path to the node (`xmlGetNodePath`), such as `/*/*[2]`.
  package var path: String {
    guard let path = xmlGetNodePath(pointer) else { return "" }
    defer { casefile_xml_free(path) }
    return String(cString: path)
  }

  /// The element children, in document order.
  package var elements: [XMLTreeNode] {
    var result: [XMLTreeNode] = []
    var child = pointer.pointee.children
    while let node = child {
      if node.pointee.type == XML_ELEMENT_NODE {
        result.append(XMLTreeNode(tree: tree, pointer: node))
      }
      child = node.pointee.next
    }
    return result
  }

  /// Every child node (elements, text, comments, processing instructions), in order.
  package var children: [XMLTreeNode] {
    var result: [XMLTreeNode] = []
    var child = pointer.pointee.children
    while let node = child {
      result.append(XMLTreeNode(tree: tree, pointer: node))
      child = node.pointee.next
    }
    return result
  }

  /// The parent node (an element, or the document node for the root element).
  package var parent: XMLTreeNode? {
    guard kind != .namespace, let parent = pointer.pointee.parent else { return nil }
    return XMLTreeNode(tree: tree, pointer: parent)
  }

  /// The siblings before this node, nearest first.
  package var precedingSiblings: [XMLTreeNode] {
    var result: [XMLTreeNode] = []
    var sibling = kind == .namespace ? nil : pointer.pointee.prev
    while let node = sibling {
      result.append(XMLTreeNode(tree: tree, pointer: node))
      sibling = node.pointee.prev
    }
    return result
  }

  /// The 1-based position among the preceding siblings of the same kind and, for elements,
  /// the same local name and namespace (what `name[n]`, `text()[n]` and the like select);
  /// walks libxml2's sibling pointers without copying names.
  package var positionAmongLikeSiblings: Int {
    guard kind != .namespace else { return 1 }
    let type = pointer.pointee.type
    let name = pointer.pointee.name
    let namespace = pointer.pointee.ns?.pointee.href
    var position = 1
    var sibling = pointer.pointee.prev
    while let node = sibling {
      if node.pointee.type == type {
        if type != XML_ELEMENT_NODE {
          position += 1
        } else if xmlStrEqual(node.pointee.name, name) != 0,
          xmlStrEqual(node.pointee.ns?.pointee.href, namespace) != 0
        {
          position += 1
        }
      }
      sibling = node.pointee.prev
    }
    return position
  }

  /// The namespace URI bound to `prefix` where this node is (`""` for the default
  /// namespace), following `xmlns` declarations up the tree (`xmlSearchNs`).
  package func namespaceURI(forPrefix prefix: String) -> String? {
    guard kind == .element,
      let ns = xmlSearchNs(tree.document, pointer, prefix.isEmpty ? nil : prefix),
      let href = ns.pointee.href
    else { return nil }
    return String(cString: href)
  }

  /// The value of the attribute `name` in namespace `namespace` (nil: no namespace).
  package func attribute(_ name: String, namespace: String? = nil) -> String? {
    guard kind == .element else { return nil }
    let value =
      if let namespace {
        xmlGetNsProp(pointer, name, namespace)
      } else {
        xmlGetNoNsProp(pointer, name)
      }
    guard let value else { return nil }
    defer { casefile_xml_free(value) }
    return String(cString: value)
  }
}

extension XMLTreeNode: Hashable {
  package static func == (lhs: XMLTreeNode, rhs: XMLTreeNode) -> Bool {
    lhs.pointer == rhs.pointer
  }

  package func hash(into hasher: inout Hasher) { hasher.combine(pointer) }
}
