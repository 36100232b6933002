import CLibXML2

/// An XPath 1.0 expression compiled once (`xmlXPathCtxtCompile`) and evaluated any number of
/// times, on any document, through ``XPathContext``.
///
/// libxml2 caches function lookups inside a compiled expression while evaluating it, so an
/// expression is used by one thread at a time.
package final class XPathExpression {
  /// The expression's text.
  package let source: String
  let compiled: xmlXPathCompExprPtr

  /// Compiles `source`; throws ``XMLError/Code/xpathSyntax`` with libxml2's message.
  package init(_ source: String) throws(XMLError) {
    LibXML.prepare()
    let collector = IssueCollector(file: "XPath")
    guard let scratch = xmlXPathNewContext(nil) else {
      throw XMLError(.xpathSyntax, "libxml2 could not allocate an XPath context")
    }
    defer { xmlXPathFreeContext(scratch) }
    scratch.pointee.error = IssueCollector.dataCallback
    scratch.pointee.userData = collector.opaque
    guard let compiled = xmlXPathCtxtCompile(scratch, source) else {
      let reason = collector.issues.first?.message ?? "invalid expression"
      throw XMLError(
        .xpathSyntax, "XPath expression \"\(source)\" does not compile: \(reason)",
        issues: collector.issues)
    }
    self.source = source
    self.compiled = compiled
  }

  deinit { xmlXPathFreeCompExpr(compiled) }
}
