import Testing

@testable import CaseXML

@Suite struct CanonicalXMLWriterTests {
  private func write(_ body: (inout CanonicalXMLWriter) throws -> Void) throws -> String {
    var writer = CanonicalXMLWriter(namespaces: ["": "urn:example:1", "x": "urn:example:x"])
    try body(&writer)
    return String(decoding: try writer.finish(), as: UTF8.self)
  }

  @Test func sortsAttributesAndDeclaresNamespacesOnTheRoot() throws {
    let text = try write { writer in
      try writer.start("root", ["b": "2", "a": "1", "skipped": nil])
      try writer.element("leaf", ["z": "last", "m": "mid"], text: "value")
      try writer.end()
    }
    #expect(
      text == """
        <?xml version="1.0" encoding="UTF-8"?>
        <root xmlns="urn:example:1" xmlns:x="urn:example:x" a="1" b="2">
          <leaf m="mid" z="last">value</leaf>
        </root>

        """)
  }

  @Test func escapesTextAndAttributesLikeCanonicalXML() throws {
    let text = try write { writer in
      try writer.start("root", ["q": "say \"hi\"\t&\n<x>"])
      try writer.element("t", text: "a < b & c > d\r\n£ Cymraeg: ŵ ŷ")
      try writer.end()
    }
    #expect(text.contains(#"q="say &quot;hi&quot;&#x9;&amp;&#xA;&lt;x>""#))
    #expect(text.contains("<t>a &lt; b &amp; c &gt; d&#xD;\n£ Cymraeg: ŵ ŷ</t>"))
  }

  @Test func writesEmptyElementsSelfClosedAndOmitsNilText() throws {
    let text = try write { writer in
      try writer.start("root")
      try writer.start("empty")
      try writer.end()
      try writer.element("absent", text: nil)
      try writer.element("blank", text: "")
      try writer.empty("marker", ["id": "M1"])
    }
    #expect(text.contains("<empty/>"))
    #expect(!text.contains("absent"))
    #expect(text.contains("<blank/>"))
    #expect(text.contains(#"<marker id="M1"/>"#))
    #expect(text.hasSuffix("</root>\n"))
  }

  @Test(arguments: ["\u{0}", "\u{1B}", "\u{FFFE}", "\u{FFFF}"])
  func refusesCharactersXMLCannotCarry(_ character: String) throws {
    #expect(throws: XMLWriterError.self) {
      _ = try write { writer in try writer.element("root", text: "bad\(character)") }
    }
  }

  @Test func refusesBadNamesAndUnbalancedCalls() throws {
    #expect(throws: XMLWriterError.self) { _ = try write { try $0.start("1bad") } }
    #expect(throws: XMLWriterError.self) { _ = try write { try $0.end() } }
    #expect(throws: XMLWriterError.self) { _ = try write { _ in } }
    #expect(throws: XMLWriterError.self) {
      _ = try write { writer in
        try writer.element("a", text: "1")
        try writer.element("b", text: "2")
      }
    }
  }
}
