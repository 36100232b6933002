import Foundation
import Testing

/// Foundation's `XMLDocument` turns on libxml2's recover mode and, with default options,
/// read a local file through an external entity here: no source file may use it.
@Suite struct XMLImportPolicyTests {
  @Test func noSourceFileUsesFoundationXML() throws {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
    let files = try #require(FileManager.default.enumerator(atPath: sources.path))
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
    #expect(files.count > 20)
    for file in files {
      let text = try String(
        contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      #expect(!text.contains("FoundationXML"), "\(file) imports FoundationXML")
      #expect(!text.contains("XMLDocument("), "\(file) uses Foundation's XMLDocument")
      #expect(!text.contains("XMLParser("), "\(file) uses Foundation's XMLParser")
    }
  }

  @Test func onlyCaseXMLImportsLibxml2() throws {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
    let files = try #require(FileManager.default.enumerator(atPath: sources.path))
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
    for file in files where !file.hasPrefix("CaseXML/") {
      let text = try String(
        contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      #expect(!text.contains("import CLibXML2"), "\(file) imports libxml2 directly")
    }
  }
}
