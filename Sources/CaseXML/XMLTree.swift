import CLibXML2

/// A parsed XML document: libxml2's tree, owned, freed on deinit.
///
/// Parse with ``parse(bytes:name:limits:)`` or ``parse(file:limits:)``: never touches the
/// network, never loads a DTD or expands an entity, refuses any DOCTYPE, keeps libxml2's
/// depth (256) and text-node (10 MB) limits, and refuses inputs over ``XMLLimits/maxBytes``
/// before parsing. A tree is not thread-safe; use it from one thread at a time.
package final class XMLTree {
  let document: xmlDocPtr
  /// The file name or label the tree was parsed from (used in messages).
  package let name: String

  private init(document: xmlDocPtr, name: String) {
    self.document = document
    self.name = name
  }

  deinit { xmlFreeDoc(document) }

  /// Parses `bytes` (calls `xmlCtxtReadMemory` on a context with our SAX hooks).
  package static func parse(
    bytes: [UInt8], name: String, limits: XMLLimits = .default, doctype: DoctypePolicy = .refuse
  ) throws(XMLError) -> XMLTree {
    LibXML.prepare()
    guard bytes.count <= limits.maxBytes else { throw XMLInput.tooLarge(name, limits) }
    try EncodingGate.check(bytes[...], name: name)
    guard let parser = xmlNewParserCtxt() else {
      throw XMLError(.malformed, "\(name): libxml2 could not allocate a parser", file: name)
    }
    defer { xmlFreeParserCtxt(parser) }
    let collector = IssueCollector(file: name, limit: limits.maxIssues)
    ParseOptions.install(collector, on: parser, doctype: doctype)
    let document = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
          xmlCtxtReadMemory(parser, $0, Int32(buffer.count), name, nil, ParseOptions.safe)
        }
      }
    }
    collector.parser = nil
    guard let document, !ParseOptions.failed(collector, parser) else {
      if let document { xmlFreeDoc(document) }
      throw ParseOptions.failure(collector)
    }
    return XMLTree(document: document, name: name)
  }

  /// Reads and parses a file, refusing it unread when it is over the size limit.
  package static func parse(
    file path: String, limits: XMLLimits = .default, doctype: DoctypePolicy = .refuse
  ) throws(XMLError) -> XMLTree {
    try parse(
      bytes: XMLInput.read(path, limits: limits), name: path, limits: limits, doctype: doctype)
  }

  /// The document element.
  package var root: XMLTreeNode? {
    xmlDocGetRootElement(document).map { XMLTreeNode(tree: self, pointer: $0) }
  }

  /// The document in Canonical XML 1.0 without comments (`xmlC14NDocDumpMemory`): the same
  /// content gives the same bytes whatever its attribute order, quoting or namespace
  /// declaration style.
  package func canonicalBytes(exclusive: Bool = false) throws(XMLError) -> [UInt8] {
    var output: UnsafeMutablePointer<xmlChar>?
    let mode = Int32(exclusive ? XML_C14N_EXCLUSIVE_1_0.rawValue : XML_C14N_1_0.rawValue)
    // C14N reports through libxml2's per-thread error handler, not a context: catch it there.
    let collector = IssueCollector(file: name)
    xmlSetStructuredErrorFunc(collector.opaque, IssueCollector.dataCallback)
    let length = xmlC14NDocDumpMemory(document, nil, mode, nil, 0, &output)
    xmlSetStructuredErrorFunc(nil, nil)
    guard length >= 0, let output else {
      throw XMLError(
        .malformed,
        "\(name): the document cannot be canonicalised (Canonical XML refuses, for example, "
          + "relative namespace URIs)", file: name, issues: collector.issues)
    }
    defer { casefile_xml_free(output) }
    return Array(UnsafeBufferPointer(start: output, count: Int(length)))
  }
}
