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

extension XMLTreeNode: Equatable {
  package static func == (lhs: XMLTreeNode, rhs: XMLTreeNode) -> Bool {
    lhs.pointer == rhs.pointer
  }
}
