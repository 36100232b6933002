import CLibXML2

/// Gathers the errors libxml2 reports through its structured error callbacks.
///
/// A collector is handed to libxml2 as an opaque pointer: through a parser context's
/// `_private` field for parser errors, and as the callback data for schema and XPath
/// errors. The C callbacks below turn each `xmlError` into an ``XMLIssue``.
final class IssueCollector {
  /// The name used for issues when libxml2 gives no file.
  let file: String
  private(set) var issues: [XMLIssue] = []
  /// The well-formedness issues among ``issues`` (those the parser itself raised).
  private(set) var parserIssues: [XMLIssue] = []
  /// Set when the SAX hook stopped the parser because the document has a DOCTYPE.
  var doctypeLine: Int?
  /// Set when a streaming limit stopped the parser (the well-formedness issue is recorded).
  var stopped = false
  /// Bytes of character data since the last tag, for the streaming text-node limit.
  var textRun = 0
  /// The parser whose position is used for errors raised without one (streamed validation).
  var parser: xmlParserCtxtPtr?
  /// Issues beyond this many are counted but not kept.
  let limit: Int
  private(set) var dropped = 0

  init(file: String, limit: Int = 1_000) {
    self.file = file
    self.limit = limit
  }

  var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

  static func from(_ pointer: UnsafeMutableRawPointer?) -> IssueCollector? {
    guard let pointer else { return nil }
    return Unmanaged<IssueCollector>.fromOpaque(pointer).takeUnretainedValue()
  }

  var hasErrors: Bool { issues.contains { $0.severity != .warning } || dropped > 0 }

  func add(_ issue: XMLIssue) {
    guard issues.count < limit else {
      dropped += 1
      return
    }
    issues.append(issue)
  }

  /// Records a limit the parser ran into; the caller stops feeding it. (Stopping libxml2
  /// from inside a `characters` callback crashes 2.9.14, so it is not done here.)
  func stop(_ parser: xmlParserCtxtPtr, _ message: String) {
    let issue = XMLIssue(
      file: file, line: Int(casefile_parser_line(parser)),
      column: Int(casefile_parser_column(parser)), severity: .fatal, message: message)
    parserIssues.append(issue)
    add(issue)
    stopped = true
  }

  func record(_ error: UnsafePointer<xmlError>, fromParser: Bool = false) {
    let raw = error.pointee
    let severity: XMLIssue.Severity =
      switch raw.level {
      case XML_ERR_WARNING: .warning
      case XML_ERR_FATAL: .fatal
      default: .error
      }
    var line = Int(raw.line)
    var column = Int(raw.int2)
    if line == 0, let node = raw.node?.assumingMemoryBound(to: xmlNode.self) {
      line = Int(xmlGetLineNo(node))
    }
    if line == 0, let parser {
      line = Int(casefile_parser_line(parser))
      column = Int(casefile_parser_column(parser))
    }
    let message =
      raw.message.map { String(cString: $0) } ?? Self.xpathMessage(raw)
      ?? "libxml2 error \(raw.code)"
    let origin = raw.file.map { String(cString: $0) } ?? file
    let issue = XMLIssue(
      file: origin.isEmpty ? file : origin, line: line, column: column, severity: severity,
      message: message.trimmingTrailingWhitespace)
    if fromParser && parserIssues.count < limit { parserIssues.append(issue) }
    add(issue)
  }

  /// libxml2 2.9 raises XPath errors through a context's callback without a message: its
  /// text, by code (`xmlXPathErrorMessages`), and where in the expression it happened.
  static func xpathMessage(_ error: xmlError) -> String? {
    guard error.domain == Int32(XML_FROM_XPATH.rawValue) else { return nil }
    let messages = [
      "ok", "number encoding", "unfinished literal", "start of literal",
      "expected $ for a variable reference", "undefined variable", "invalid predicate",
      "invalid expression", "missing closing curly brace", "unregistered function",
      "invalid operand", "invalid type", "invalid number of arguments", "invalid context size",
      "invalid context position", "memory allocation error", "syntax error", "resource error",
      "sub-resource error", "undefined namespace prefix", "encoding error",
      "character out of XML range", "invalid or incomplete context", "stack usage error",
      "forbidden variable", "operation limit exceeded", "recursion limit exceeded",
    ]
    let index = Int(error.code) - Int(XML_XPATH_EXPRESSION_OK.rawValue)
    guard messages.indices.contains(index) else { return nil }
    guard error.str1 != nil else { return messages[index] }
    return "\(messages[index]) at character \(error.int1 + 1)"
  }

  /// The C callback for errors raised by a parser context (`xmlSAXHandler.serror`): the
  /// collector is found through the context's `_private` field.
  static let parserCallback: xmlStructuredErrorFunc = { _, error in
    guard let error, let context = error.pointee.ctxt else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    IssueCollector.from(parser.pointee._private)?.record(error, fromParser: true)
  }

  /// The C callback for errors whose data pointer is the collector itself (schema parser,
  /// schema validator, XPath context).
  static let dataCallback: xmlStructuredErrorFunc = { data, error in
    guard let error else { return }
    IssueCollector.from(data)?.record(error)
  }
}

extension String {
  var trimmingTrailingWhitespace: String {
    var text = Substring(self)
    while let last = text.last, last.isWhitespace { text = text.dropLast() }
    return String(text)
  }
}
