import CLibXML2

/// Evaluates compiled ``XPathExpression``s on one ``XMLTree`` with namespace bindings,
/// variables and extension functions (`xmlXPathNewContext`, `xmlXPathRegisterNs`,
/// `xmlXPathRegisterVariableLookup`, `xmlXPathRegisterFuncLookup`,
/// `xmlXPathCompiledEval`).
///
/// Variables and functions are looked up through callbacks into this object, so they can
/// change between evaluations (a Schematron `let` binds a new value for each context
/// node). A context is used from one thread at a time.
package final class XPathContext {
  /// An extension function: receives its arguments, returns its value, throws to fail the
  /// evaluation with a message.
  package typealias Function = ([XPathValue]) throws -> XPathValue

  package let tree: XMLTree
  private let context: xmlXPathContextPtr
  private var variables: [QualifiedName: XPathValue] = [:]
  private var functions: [QualifiedName: Function] = [:]
  private var collector = IssueCollector(file: "XPath")
  /// The message of an error an extension function threw during the current evaluation.
  fileprivate var functionFailure: String?

  struct QualifiedName: Hashable {
    let namespace: String
    let name: String
  }

  package init(tree: XMLTree, namespaces: [String: String] = [:]) throws(XMLError) {
    LibXML.prepare()
    guard let context = xmlXPathNewContext(tree.document) else {
      throw XMLError(.xpathEvaluation, "libxml2 could not allocate an XPath context")
    }
    self.tree = tree
    self.context = context
    context.pointee.error = IssueCollector.dataCallback
    let opaque = Unmanaged.passUnretained(self).toOpaque()
    xmlXPathRegisterVariableLookup(context, Self.variableLookup, opaque)
    xmlXPathRegisterFuncLookup(context, Self.functionLookup, opaque)
    for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) {
      try bind(prefix: prefix, to: uri)
    }
  }

  deinit { xmlXPathFreeContext(context) }

  /// Binds `prefix` to the namespace `uri` for later evaluations.
  package func bind(prefix: String, to uri: String) throws(XMLError) {
    guard xmlXPathRegisterNs(context, prefix, uri) == 0 else {
      throw XMLError(.xpathEvaluation, "cannot bind the namespace prefix \"\(prefix)\"")
    }
  }

  /// Sets (or, with nil, removes) the variable `$name` (in `namespace`, when prefixed).
  package func setVariable(_ name: String, namespace: String = "", to value: XPathValue?) {
    variables[QualifiedName(namespace: namespace, name: name)] = value
  }

  /// Registers an extension function, called as `prefix:name(…)` with `prefix` bound to
  /// `namespace`.
  package func register(function name: String, namespace: String, _ body: @escaping Function) {
    functions[QualifiedName(namespace: namespace, name: name)] = body
  }

  /// Evaluates `expression` with `node` as the context node (the document node when nil).
  package func evaluate(_ expression: XPathExpression, at node: XMLTreeNode? = nil)
    throws(XMLError) -> XPathValue
  {
    collector = IssueCollector(file: "XPath")
    functionFailure = nil
    context.pointee.userData = collector.opaque
    let start =
      node?.pointer
      ?? UnsafeMutableRawPointer(tree.document)
      .assumingMemoryBound(to: xmlNode.self)
    context.pointee.node = start
    context.pointee.contextSize = 1
    context.pointee.proximityPosition = 1
    let result = xmlXPathCompiledEval(expression.compiled, context)
    defer { xmlXPathFreeObject(result) }
    guard let result, functionFailure == nil, !collector.hasErrors else {
      let reason = functionFailure ?? collector.issues.first?.message ?? "evaluation failed"
      throw XMLError(
        .xpathEvaluation, "XPath expression \"\(expression.source)\" failed: \(reason)",
        issues: collector.issues)
    }
    return value(of: result)
  }

  /// Evaluates `expression` and converts the result with XPath's `boolean()`.
  package func boolean(_ expression: XPathExpression, at node: XMLTreeNode? = nil)
    throws(XMLError) -> Bool
  {
    try evaluate(expression, at: node).boolean
  }

  /// Evaluates `expression` and converts the result with XPath's `string()`.
  package func string(_ expression: XPathExpression, at node: XMLTreeNode? = nil)
    throws(XMLError) -> String
  {
    try evaluate(expression, at: node).string
  }

  // MARK: libxml2 objects

  fileprivate func value(of object: xmlXPathObjectPtr) -> XPathValue {
    switch object.pointee.type {
    case XPATH_NODESET, XPATH_XSLT_TREE:
      var nodes: [XMLTreeNode] = []
      if let set = object.pointee.nodesetval, let table = set.pointee.nodeTab {
        for index in 0..<Int(set.pointee.nodeNr) {
          // Namespace nodes in a result are copies freed with the result: not returned.
          guard let node = table[index], node.pointee.type != XML_NAMESPACE_DECL else {
            continue
          }
          nodes.append(XMLTreeNode(tree: tree, pointer: node))
        }
      }
      return .nodes(nodes)
    case XPATH_BOOLEAN: return .boolean(object.pointee.boolval != 0)
    case XPATH_NUMBER: return .number(object.pointee.floatval)
    case XPATH_STRING:
      return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
    default:
      return .string(XPathConversion.string(of: object))
    }
  }

  fileprivate func object(for value: XPathValue) -> xmlXPathObjectPtr? {
    switch value {
    case .string(let text): return xmlXPathNewString(text)
    case .number(let number): return xmlXPathNewFloat(number)
    case .boolean(let flag): return xmlXPathNewBoolean(flag ? 1 : 0)
    case .nodes(let nodes):
      guard let object = xmlXPathNewNodeSet(nil) else { return nil }
      for node in nodes where node.tree === tree {
        xmlXPathNodeSetAdd(object.pointee.nodesetval, node.pointer)
      }
      return object
    }
  }

  private static func owner(_ data: UnsafeMutableRawPointer?) -> XPathContext? {
    guard let data else { return nil }
    return Unmanaged<XPathContext>.fromOpaque(data).takeUnretainedValue()
  }

  private static func qualified(_ name: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?)
    -> QualifiedName?
  {
    guard let name else { return nil }
    return QualifiedName(
      namespace: uri.map { String(cString: $0) } ?? "", name: String(cString: name))
  }

  private static let variableLookup: xmlXPathVariableLookupFunc = { data, name, uri in
    guard let owner = owner(data), let key = qualified(name, uri),
      let value = owner.variables[key]
    else { return nil }
    return owner.object(for: value)
  }

  private static let functionLookup: xmlXPathFuncLookupFunc = { data, name, uri in
    guard let owner = owner(data), let key = qualified(name, uri),
      owner.functions[key] != nil
    else { return nil }
    return XPathContext.trampoline
  }

  /// The one C function every extension function goes through: pops the arguments, calls
  /// the Swift closure registered under the called name, pushes its value.
  private static let trampoline: xmlXPathFunction = { parser, count in
    guard let parser, let context = parser.pointee.context,
      let owner = owner(context.pointee.funcLookupData),
      let key = qualified(context.pointee.function, context.pointee.functionURI),
      let body = owner.functions[key]
    else { return }
    var arguments: [XPathValue] = []
    for _ in 0..<max(0, Int(count)) {
      guard let popped = valuePop(parser) else { break }
      arguments.append(owner.value(of: popped))
      xmlXPathFreeObject(popped)
    }
    arguments.reverse()
    do {
      guard let result = owner.object(for: try body(arguments)) else { return }
      valuePush(parser, result)
    } catch {
      owner.functionFailure = "\(key.name)(): \(error)"
      xmlXPathErr(parser, Int32(XPATH_EXPR_ERROR.rawValue))
    }
  }
}

/// XPath's conversions for values libxml2 computes.
enum XPathConversion {
  /// `string()` of a number, as libxml2 formats it (`xmlXPathCastNumberToString`).
  static func string(_ number: Double) -> String {
    guard let text = xmlXPathCastNumberToString(number) else { return "" }
    defer { casefile_xml_free(text) }
    return String(cString: text)
  }

  static func string(of object: xmlXPathObjectPtr) -> String {
    guard let text = xmlXPathCastToString(object) else { return "" }
    defer { casefile_xml_free(text) }
    return String(cString: text)
  }
}
