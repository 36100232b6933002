import Foundation
import Testing

@testable import CaseXML

@Suite struct XMLTreeTests {
  @Test func parsesElementsAttributesAndLineNumbers() throws {
    let tree = try XMLTree.parse(
      bytes: Array("<a xmlns='urn:x'>\n  <b id='1'>£ Cymraeg ŵ</b>\n</a>".utf8), name: "t.xml")
    let root = try #require(tree.root)
    #expect(root.localName == "a")
    #expect(root.namespaceURI == "urn:x")
    let child = try #require(root.elements.first)
    #expect(child.attribute("id") == "1")
    #expect(child.stringValue == "£ Cymraeg ŵ")
    #expect(child.line == 2)
  }

  @Test func refusesAnExternalEntityWithoutReadingTheFile() throws {
    let scratch = try Scratch()
    let secret = try scratch.write("secret.txt", "CANARY-SECRET-4711")
    let hostile = """
      <?xml version="1.0"?>
      <!DOCTYPE a [<!ENTITY x SYSTEM "file://\(secret)">]>
      <a>&x;</a>
      """
    let error = try #require(throws: XMLError.self) {
      _ = try XMLTree.parse(bytes: Array(hostile.utf8), name: "xxe.xml")
    }
    #expect(error.code == .doctypeRefused)
    #expect(error.message.hasPrefix("xxe.xml:2:"))
    #expect(!"\(error)".contains("CANARY"))
  }

  @Test(arguments: [
    #"<!DOCTYPE a SYSTEM "http://127.0.0.1:9/evil.dtd"><a/>"#,
    #"<!DOCTYPE a PUBLIC "-//X//Y" "https://example.invalid/x.dtd"><a/>"#,
    """
    <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
    <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
    <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><lolz>&lol3;</lolz>
    """,
    #"<!DOCTYPE a [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><a/>"#,
  ])
  func refusesEveryDoctype(_ text: String) throws {
    let error = try #require(throws: XMLError.self) {
      _ = try XMLTree.parse(bytes: Array(text.utf8), name: "hostile.xml")
    }
    #expect(error.code == .doctypeRefused)
  }

  @Test func refusesDeepNestingWithLibxml2sDepthLimit() throws {
    let depth = 10_000
    let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
    let error = try #require(throws: XMLError.self) {
      _ = try XMLTree.parse(bytes: Array(text.utf8), name: "deep.xml")
    }
    #expect(error.code == .malformed)
    #expect(error.issues.contains { $0.message.contains("depth") })
  }

  @Test func refusesAFileOverTheLimitWithoutReadingIt() throws {
    let scratch = try Scratch()
    let path = scratch.path("huge.xml")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("<a>".utf8)))
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 200 << 20)  // a sparse 200 MB file
    try handle.close()
    let error = try #require(throws: XMLError.self) { _ = try XMLTree.parse(file: path) }
    #expect(error.code == .tooLarge)
    #expect(error.message.contains("64 MiB"))
  }

  @Test func reportsInvalidUTF8WithItsLine() throws {
    let bytes = Array("<a>\n<b>".utf8) + [0xC3, 0x28] + Array("</b></a>".utf8)
    let error = try #require(throws: XMLError.self) {
      _ = try XMLTree.parse(bytes: bytes, name: "bad.xml")
    }
    #expect(error.code == .malformed)
    #expect(error.message.hasPrefix("bad.xml:2:"))
  }

  @Test func reportsMalformedXMLWithLineAndColumn() throws {
    let error = try #require(throws: XMLError.self) {
      _ = try XMLTree.parse(bytes: Array("<a>\n  <b></c>\n</a>".utf8), name: "m.xml")
    }
    #expect(error.code == .malformed)
    let issue = try #require(error.issues.first)
    #expect(issue.line == 2 && issue.column > 0)
  }

  @Test func refusesAnUndeclaredEntityReference() throws {
    #expect(throws: XMLError.self) {
      _ = try XMLTree.parse(bytes: Array("<a>&ext;</a>".utf8), name: "e.xml")
    }
  }

  @Test func reportsAMissingFileAsUnreadable() throws {
    let error = try #require(throws: XMLError.self) {
      _ = try XMLTree.parse(file: "/nonexistent/casefile/x.xml")
    }
    #expect(error.code == .unreadable)
  }

  @Test func canonicalBytesIgnoreAttributeOrderAndQuoting() throws {
    let first = try XMLTree.parse(
      bytes: Array(#"<a xmlns="urn:x" b='2' a="1"><c/></a>"#.utf8), name: "1")
    let second = try XMLTree.parse(
      bytes: Array(#"<a a='1'  xmlns='urn:x' b="2"><c></c></a>"#.utf8), name: "2")
    #expect(try first.canonicalBytes() == second.canonicalBytes())
    #expect(
      String(decoding: try first.canonicalBytes(), as: UTF8.self)
        == #"<a xmlns="urn:x" a="1" b="2"><c></c></a>"#)
  }

  @Test func refusesToCanonicaliseARelativeNamespaceURIWithAClearError() throws {
    let tree = try XMLTree.parse(
      bytes: Array(#"<a xmlns="relative uri"><b/></a>"#.utf8), name: "rel.xml")
    let error = try #require(throws: XMLError.self) { _ = try tree.canonicalBytes() }
    #expect(error.message.contains("rel.xml"))
    #expect(!error.issues.isEmpty)
  }

  @Test(arguments: [
    Array(#"<?xml version="1.0" encoding="UTF-7"?><a/>"#.utf8),
    Array(#"<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\#u{E9}</a>"#.utf8),
    [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0x2F, 0x00, 0x3E, 0x00],
  ])
  func refusesDocumentsThatAreNotUTF8(_ bytes: [UInt8]) throws {
    let error = try #require(throws: XMLError.self) {
      _ = try XMLTree.parse(bytes: bytes, name: "enc.xml")
    }
    #expect(error.code == .malformed)
    #expect(error.message.contains("UTF-8 XML only"))
  }

  @Test func acceptsUTF8WithAByteOrderMarkAndAnyCaseOfTheName() throws {
    let text = #"<?xml version="1.0" encoding="utf-8"?><a>£</a>"#
    let tree = try XMLTree.parse(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), name: "bom.xml")
    #expect(tree.root?.stringValue == "£")
  }
}
