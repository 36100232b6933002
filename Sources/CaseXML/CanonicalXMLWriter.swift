/// Writes XML in one canonical form, so the same content always gives the same bytes.
///
/// The form: UTF-8, an XML declaration, namespace declarations on the root element only
/// (sorted by prefix, the default namespace first), every other attribute sorted by name,
/// two-space indentation for element-only content, text-only elements on one line,
/// no mixed content, and a final newline. Attribute and text values are escaped the way
/// Canonical XML escapes them (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#x9;`, `&#xA;`,
/// `&#xD;`). Characters XML 1.0 cannot carry are refused with ``XMLWriterError``.
///
/// The writer does not call libxml2: it is pure Swift and keeps only the open-element
/// stack and the output bytes.
package struct CanonicalXMLWriter {
  /// One open element: its name and whether anything has been written inside it.
  private struct OpenElement {
    let name: String
    var hasChildren: Bool
  }

  private var output: [UInt8] = []
  private var stack: [OpenElement] = []
  private var namespaces: [(prefix: String, uri: String)]
  private var rootWritten = false

  /// Creates a writer whose root element declares `namespaces` (prefix `""` is the
  /// default namespace).
  package init(namespaces: [String: String] = [:]) {
    self.namespaces = namespaces.map { (prefix: $0.key, uri: $0.value) }
      .sorted { $0.prefix.utf8.lexicographicallyPrecedes($1.prefix.utf8) }
    output.reserveCapacity(1 << 14)
    append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
  }

  /// Opens an element; attributes whose value is `nil` are left out.
  package mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:])
    throws
  {
    try openTag(name, attributes, selfClosing: false)
    stack.append(OpenElement(name: name, hasChildren: false))
  }

  /// Closes the innermost open element.
  package mutating func end() throws {
    guard let element = stack.popLast() else {
      throw XMLWriterError(.unbalanced, "end() without an open element")
    }
    if element.hasChildren {
      indent(stack.count)
      append("</\(element.name)>")
    } else {
      output.removeLast()  // the ">" of the start tag
      append("/>")
    }
  }

  /// Writes a leaf element holding `text`; writes nothing when `text` is `nil`.
  package mutating func element(
    _ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String?
  ) throws {
    guard let text else { return }
    try openTag(name, attributes, selfClosing: text.isEmpty)
    guard !text.isEmpty else { return }
    try escape(text, inAttribute: false, element: name)
    append("</\(name)>")
  }

  /// Writes an empty element carrying only attributes.
  package mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String?>)
    throws
  {
    try openTag(name, attributes, selfClosing: true)
  }

  /// Closes every open element and returns the document's bytes.
  package mutating func finish() throws -> [UInt8] {
    guard rootWritten else { throw XMLWriterError(.unbalanced, "no root element written") }
    while !stack.isEmpty { try end() }
    append("\n")
    return output
  }

  private mutating func openTag(
    _ name: String, _ attributes: KeyValuePairs<String, String?>, selfClosing: Bool
  ) throws {
    guard XMLCharacters.isName(name) else {
      throw XMLWriterError(.invalidName, "'\(name)' is not an XML name")
    }
    if stack.isEmpty {
      guard !rootWritten else {
        throw XMLWriterError(.unbalanced, "a second root element <\(name)>")
      }
      rootWritten = true
    } else {
      stack[stack.count - 1].hasChildren = true
      indent(stack.count)
    }
    append("<\(name)")
    if stack.isEmpty {
      for namespace in namespaces {
        append(namespace.prefix.isEmpty ? " xmlns=\"" : " xmlns:\(namespace.prefix)=\"")
        try escape(namespace.uri, inAttribute: true, element: name)
        append("\"")
      }
    }
    let present = attributes.compactMap { key, value in value.map { (key, $0) } }
      .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    for (key, value) in present {
      guard XMLCharacters.isName(key) else {
        throw XMLWriterError(.invalidName, "'\(key)' is not an XML attribute name")
      }
      append(" \(key)=\"")
      try escape(value, inAttribute: true, element: name)
      append("\"")
    }
    append(selfClosing ? "/>" : ">")
  }

  private mutating func indent(_ depth: Int) {
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
  }

  private mutating func append(_ text: String) {
    output.append(contentsOf: text.utf8)
  }

  private mutating func escape(_ text: String, inAttribute: Bool, element: String) throws {
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": append("&amp;")
      case "<": append("&lt;")
      case ">" where !inAttribute: append("&gt;")
      case "\"" where inAttribute: append("&quot;")
      case "\t" where inAttribute: append("&#x9;")
      case "\n" where inAttribute: append("&#xA;")
      case "\r": append("&#xD;")
      default:
        guard XMLCharacters.isAllowed(scalar) else {
          throw XMLWriterError(
            .invalidCharacter,
            "U+\(String(scalar.value, radix: 16, uppercase: true)) cannot appear in XML (in <\(element)>)"
          )
        }
        output.append(contentsOf: String(scalar).utf8)
      }
    }
  }
}

/// Why ``CanonicalXMLWriter`` could not write a document.
package struct XMLWriterError: Error, CustomStringConvertible {
  package enum Code: Sendable {
    case invalidCharacter
    case invalidName
    case unbalanced
  }
  package let code: Code
  package let message: String

  init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  package var description: String { message }
}
