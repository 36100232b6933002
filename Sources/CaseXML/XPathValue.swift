import CLibXML2

/// The value of an XPath 1.0 expression: one of its four types.
package enum XPathValue {
  case nodes([XMLTreeNode])
  case string(String)
  case number(Double)
  case boolean(Bool)

  /// The XPath `string()` conversion.
  package var string: String {
    switch self {
    case .nodes(let nodes): nodes.first?.stringValue ?? ""
    case .string(let text): text
    case .number(let number): XPathConversion.string(number)
    case .boolean(let flag): flag ? "true" : "false"
    }
  }

  /// The XPath `number()` conversion.
  package var number: Double {
    switch self {
    case .number(let number): number
    case .boolean(let flag): flag ? 1 : 0
    case .nodes, .string: xmlXPathCastStringToNumber(string)
    }
  }

  /// The XPath `boolean()` conversion.
  package var boolean: Bool {
    switch self {
    case .nodes(let nodes): !nodes.isEmpty
    case .string(let text): !text.isEmpty
    case .number(let number): number != 0 && !number.isNaN
    case .boolean(let flag): flag
    }
  }

  /// The nodes of a node-set value; empty for the other types.
  package var nodeSet: [XMLTreeNode] {
    if case .nodes(let nodes) = self { return nodes }
    return []
  }
}
