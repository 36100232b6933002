import CLibXML2
import Foundation

/// A compiled XSD schema set: the main schema with every document it includes or imports,
/// resolved from local files only, compiled once and reused for any number of documents.
///
/// Compilation calls `xmlSchemaParse`; validation streams the document through
/// `xmlSchemaSAXPlug` on a push parser (`xmlParseChunk`), so memory stays flat however large
/// or many the documents are, and each issue carries the line and column the parser had
/// reached. A compiled set is immutable and may be shared between threads; each validation
/// uses its own validation context.
package final class XMLSchemaSet: @unchecked Sendable {
  private let schema: xmlSchemaPtr
  /// The main schema file, as an absolute path.
  package let mainFile: String
  /// Every schema document in the set, the main one first.
  package let files: [String]
  /// The catalog used, if any.
  package let catalogFile: String?
  private let limits: XMLLimits

  /// Compiles the schema at `path`. A catalog is read from `catalog`, or from `catalog.xml`
  /// beside the main schema when that file exists.
  package init(contentsOf path: String, catalog: String? = nil, limits: XMLLimits = .default)
    throws(XMLError)
  {
    LibXML.prepare()
    let main = LocalPath.absolute(path)
    _ = try XMLInput.checkedSize(main, limits: limits)
    let catalogPath =
      catalog.map(LocalPath.absolute)
      ?? {
        let beside = URL(fileURLWithPath: main).deletingLastPathComponent()
          .appendingPathComponent("catalog.xml").path
        return FileManager.default.fileExists(atPath: beside) ? beside : nil
      }()
    let parsedCatalog = try catalogPath.map { path throws(XMLError) in
      try XMLCatalog(contentsOf: path, limits: limits)
    }
    let scan = try SchemaSetScan(main: main, catalog: parsedCatalog, limits: limits)
    let scope = ResourceGate.Scope(allowed: Set(scan.files), catalog: parsedCatalog)
    let collector = IssueCollector(file: main, limit: limits.maxIssues)
    let compiled: xmlSchemaPtr? = ResourceGate.with(scope) {
      guard let parser = xmlSchemaNewParserCtxt(main) else { return nil }
      defer { xmlSchemaFreeParserCtxt(parser) }
      xmlSchemaSetParserStructuredErrors(parser, IssueCollector.dataCallback, collector.opaque)
      return xmlSchemaParse(parser)
    }
    if let refused = scope.refused.first {
      if let compiled { xmlSchemaFree(compiled) }
      throw XMLError(
        .resourceRefused,
        "\(main): the schema set asked libxml2 to open \(refused), which is not one of its "
          + "schema documents; external entities and DTDs are never loaded",
        file: main, issues: collector.issues)
    }
    guard let compiled, !collector.hasErrors else {
      if let compiled { xmlSchemaFree(compiled) }
      throw XMLError(
        .schemaUnusable, "\(main): the schema does not compile", file: main,
        issues: collector.issues)
    }
    self.schema = compiled
    self.mainFile = main
    self.files = scan.files
    self.catalogFile = parsedCatalog?.files.first
    self.limits = limits
  }

  deinit { xmlSchemaFree(schema) }

  /// Validates the file at `path`, reading it in chunks; returns every issue (empty when
  /// valid). Throws when the file cannot be read, is too large, is not well-formed or has
  /// a DOCTYPE.
  package func validate(file path: String) throws(XMLError) -> [XMLIssue] {
    _ = try XMLInput.checkedSize(path, limits: limits)
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw XMLError(.unreadable, "\(path): cannot open the file", file: path)
    }
    defer { try? handle.close() }
    return try stream(name: path) { () throws(XMLError) -> [UInt8]? in
      do {
        guard let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty else { return nil }
        return [UInt8](chunk)
      } catch {
        throw XMLError(.unreadable, "\(path): cannot read the file", file: path)
      }
    }
  }

  /// Validates a document held in memory; `name` labels its issues.
  package func validate(bytes: [UInt8], name: String) throws(XMLError) -> [XMLIssue] {
    var offset = 0
    return try stream(name: name) { () throws(XMLError) -> [UInt8]? in
      guard offset < bytes.count else { return nil }
      let end = min(bytes.count, offset + (1 << 16))
      defer { offset = end }
      return Array(bytes[offset..<end])
    }
  }

  private func stream(name: String, next: () throws(XMLError) -> [UInt8]?) throws(XMLError)
    -> [XMLIssue]
  {
    LibXML.prepare()
    let collector = IssueCollector(file: name, limit: limits.maxIssues)
    var handler = xmlSAXHandler()
    handler.initialized = XML_SAX2_MAGIC
    handler.internalSubset = ParseOptions.refuseDoctype
    handler.serror = IssueCollector.parserCallback
    handler.characters = ParseOptions.countText
    handler.startElementNs = ParseOptions.startTag
    handler.endElementNs = ParseOptions.endTag
    guard let parser = xmlCreatePushParserCtxt(&handler, nil, nil, 0, name) else {
      throw XMLError(.malformed, "\(name): libxml2 could not allocate a parser", file: name)
    }
    defer { xmlFreeParserCtxt(parser) }
    xmlCtxtUseOptions(parser, ParseOptions.safe)
    parser.pointee._private = collector.opaque
    collector.parser = parser
    guard let validator = xmlSchemaNewValidCtxt(schema) else {
      throw XMLError(.malformed, "\(name): libxml2 could not allocate a validator", file: name)
    }
    defer { xmlSchemaFreeValidCtxt(validator) }
    xmlSchemaSetValidStructuredErrors(validator, IssueCollector.dataCallback, collector.opaque)
    guard let plug = casefile_schema_plug(validator, parser) else {
      throw XMLError(.malformed, "\(name): libxml2 could not start validation", file: name)
    }
    // The plug's own SAX block does not always carry our error hook over; set it again.
    parser.pointee.sax?.pointee.serror = IssueCollector.parserCallback
    var total = 0
    var readError: XMLError?
    while parser.pointee.disableSAX == 0 && !collector.stopped {
      let chunk: [UInt8]?
      do { chunk = try next() } catch {
        readError = error
        break
      }
      guard let chunk else { break }
      if total == 0 {
        do { try EncodingGate.check(chunk[...], name: name) } catch {
          readError = error
          break
        }
      }
      total += chunk.count
      guard total <= limits.maxBytes else {
        readError = XMLInput.tooLarge(name, limits)
        break
      }
      chunk.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) {
          _ = xmlParseChunk(parser, $0.baseAddress, Int32($0.count), 0)
        }
      }
    }
    if readError == nil && !collector.stopped { _ = xmlParseChunk(parser, nil, 0, 1) }
    xmlSchemaSAXUnplug(plug)
    collector.parser = nil
    if let readError { throw readError }
    guard !ParseOptions.failed(collector, parser) else { throw ParseOptions.failure(collector) }
    if xmlSchemaIsValid(validator) == 0 && !collector.hasErrors {
      collector.add(
        XMLIssue(
          file: name, line: 0, column: 0, severity: .error,
          message: "the document is not valid against \(mainFile)"))
    }
    return collector.issues
  }
}
