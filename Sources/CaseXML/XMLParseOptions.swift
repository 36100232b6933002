import CLibXML2

/// The limits and switches every parse in CaseXML runs with.
package struct XMLLimits: Sendable {
  /// Inputs larger than this are refused before any byte is parsed.
  package var maxBytes: Int
  /// Issues beyond this many are counted but not kept.
  package var maxIssues: Int

  package init(maxBytes: Int = 64 << 20, maxIssues: Int = 1_000) {
    self.maxBytes = maxBytes
    self.maxIssues = maxIssues
  }

  package static let `default` = XMLLimits()
}

/// What a parse does with a DOCTYPE.
package enum DoctypePolicy: Sendable {
  /// Stop at the DOCTYPE and fail: for every document casefile receives or validates.
  case refuse
  /// Read the internal subset but never substitute entities or load an external DTD: for
  /// a force's own schema and catalog files, which often carry a DOCTYPE (W3C's `xml.xsd`,
  /// OASIS catalogs). External entities still go through the resource gate.
  case tolerate
}

enum ParseOptions {
  /// `XML_PARSE_NONET` (no network), `XML_PARSE_BIG_LINES` (line numbers past 65,535),
  /// `XML_PARSE_IGNORE_ENC` (input is UTF-8 whatever it declares; ``EncodingGate`` refuses
  /// other declarations first).
  ///
  /// Deliberately absent: `XML_PARSE_NOENT` (substitutes entities and, with it, reads
  /// local files named by external entities even under NONET), `XML_PARSE_DTDLOAD`,
  /// `XML_PARSE_DTDATTR`, `XML_PARSE_XINCLUDE` and `XML_PARSE_HUGE` (which lifts the depth,
  /// text-size and entity-amplification limits). A DOCTYPE is refused outright by the SAX
  /// hook ``refuseDoctype`` before its internal subset is read.
  static let safe = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_IGNORE_ENC.rawValue)

  /// The SAX `internalSubset` hook: records where the DOCTYPE is and stops the parser, so
  /// no entity or DTD declaration is ever read.
  static let refuseDoctype: internalSubsetSAXFunc = { context, _, _, _ in
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    if let collector = IssueCollector.from(parser.pointee._private) {
      collector.doctypeLine = Int(casefile_parser_line(parser))
    }
    xmlStopParser(parser)
  }

  /// libxml2's own limit on one text node (`XML_MAX_TEXT_LENGTH`), which a tree-building
  /// parse enforces; streamed validation enforces it with ``countText``.
  static let maxTextLength = 10_000_000

  /// The streaming SAX `characters` hook: stops the parser when one text node exceeds
  /// ``maxTextLength``, as the tree-building parser would.
  static let countText: charactersSAXFunc = { context, _, length in
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let collector = IssueCollector.from(parser.pointee._private) else { return }
    collector.textRun += Int(length)
    if collector.textRun > maxTextLength, !collector.stopped {
      collector.stop(parser, "a text node is longer than \(maxTextLength) bytes")
    }
  }

  /// The streaming SAX start-tag hook: a new text node begins.
  static let startTag: startElementNsSAX2Func = { context, _, _, _, _, _, _, _, _ in
    resetText(context)
  }

  /// The streaming SAX end-tag hook: a new text node begins.
  static let endTag: endElementNsSAX2Func = { context, _, _, _ in resetText(context) }

  private static func resetText(_ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    IssueCollector.from(parser.pointee._private)?.textRun = 0
  }

  /// Points a parser context's SAX handler at our hooks and the collector.
  static func install(
    _ collector: IssueCollector, on parser: xmlParserCtxtPtr, doctype: DoctypePolicy = .refuse
  ) {
    parser.pointee._private = collector.opaque
    collector.parser = parser
    if let sax = parser.pointee.sax {
      if doctype == .refuse { sax.pointee.internalSubset = refuseDoctype }
      sax.pointee.externalSubset = nil
      sax.pointee.serror = IssueCollector.parserCallback
    }
  }

  /// The error to throw after a parse that failed or was stopped.
  static func failed(_ collector: IssueCollector, _ parser: xmlParserCtxtPtr) -> Bool {
    collector.doctypeLine != nil || collector.stopped || parser.pointee.wellFormed == 0
  }

  static func failure(_ collector: IssueCollector) -> XMLError {
    if let line = collector.doctypeLine {
      return XMLError(
        .doctypeRefused,
        "\(collector.file):\(line): the document has a DOCTYPE; casefile refuses DTDs and "
          + "entity declarations in XML it receives (remove the DOCTYPE)",
        file: collector.file)
    }
    let first = collector.parserIssues.first { $0.severity != .warning }
    return XMLError(
      .malformed,
      first.map { "\($0.file):\($0.line):\($0.column): not well-formed XML: \($0.message)" }
        ?? "\(collector.file): not well-formed XML",
      file: collector.file, issues: collector.parserIssues)
  }
}
