import Foundation
import Testing

@testable import CaseXML

@Suite struct XMLSchemaSetTests {
  static let typesSchema = """
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"
      xmlns:t="urn:t" elementFormDefault="qualified">
      <xs:simpleType name="Ref"><xs:restriction base="xs:string">
        <xs:pattern value="[A-Z]{2}/[0-9]+"/></xs:restriction></xs:simpleType>
    </xs:schema>
    """

  static let mainSchema = """
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:m"
      xmlns="urn:m" xmlns:t="urn:t" elementFormDefault="qualified">
      <xs:import namespace="urn:t" schemaLocation="%IMPORT%"/>
      <xs:include schemaLocation="parts/part.xsd"/>
      <xs:element name="exhibits"><xs:complexType><xs:sequence>
        <xs:element ref="exhibit" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
    """

  static let partSchema = """
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:m"
      xmlns="urn:m" xmlns:t="urn:t" elementFormDefault="qualified">
      <xs:import namespace="urn:t"/>
      <xs:element name="exhibit"><xs:complexType>
        <xs:attribute name="ref" type="t:Ref" use="required"/>
      </xs:complexType></xs:element>
    </xs:schema>
    """

  /// A main schema that includes `parts/part.xsd` and imports `importLocation`.
  private func schemaSet(_ scratch: Scratch, importLocation: String = "common/types.xsd")
    throws -> String
  {
    try scratch.write("common/types.xsd", Self.typesSchema)
    try scratch.write("parts/part.xsd", Self.partSchema)
    return try scratch.write(
      "main.xsd", Self.mainSchema.replacingOccurrences(of: "%IMPORT%", with: importLocation))
  }

  private func document(_ refs: [String]) -> [UInt8] {
    let items = refs.map { "  <exhibit ref=\"\($0)\"/>" }.joined(separator: "\n")
    return Array("<exhibits xmlns=\"urn:m\">\n\(items)\n</exhibits>\n".utf8)
  }

  @Test func compilesIncludesAndImportsFromLocalFiles() throws {
    let scratch = try Scratch()
    let schema = try XMLSchemaSet(contentsOf: try schemaSet(scratch))
    #expect(schema.files.count == 3)
    #expect(try schema.validate(bytes: document(["AB/1", "CD/22"]), name: "ok.xml").isEmpty)
  }

  @Test func returnsEveryIssueWithLineAndColumn() throws {
    let scratch = try Scratch()
    let schema = try XMLSchemaSet(contentsOf: try schemaSet(scratch))
    let issues = try schema.validate(bytes: document(["AB/1", "bad", "x"]), name: "bad.xml")
    #expect(issues.count == 2)
    #expect(issues.map(\.line) == [3, 4])
    #expect(issues.allSatisfy { $0.column > 0 && $0.file == "bad.xml" })
    #expect(issues[0].description.hasPrefix("bad.xml:3:"))
  }

  @Test func validatesFilesInChunksAndReusesTheCompiledSet() throws {
    let scratch = try Scratch()
    let schema = try XMLSchemaSet(contentsOf: try schemaSet(scratch))
    let refs = (0..<20_000).map { "AB/\($0)" }
    let big = try scratch.write("big.xml", String(decoding: document(refs), as: UTF8.self))
    #expect(try schema.validate(file: big).isEmpty)
    let broken = try scratch.write(
      "broken.xml", String(decoding: document(refs + ["nope"]), as: UTF8.self))
    #expect(try schema.validate(file: broken).map(\.line) == [20_002])
  }

  @Test func validatesConcurrentlyWithOneCompiledSet() async throws {
    let scratch = try Scratch()
    let schema = try XMLSchemaSet(contentsOf: try schemaSet(scratch))
    let good = document(["AB/1"])
    let bad = document(["zz"])
    let counts = await withTaskGroup(of: Int.self) { group in
      for index in 0..<40 {
        group.addTask {
          (try? schema.validate(bytes: index.isMultiple(of: 2) ? good : bad, name: "\(index)"))?
            .count ?? -1
        }
      }
      return await group.reduce(into: [Int]()) { $0.append($1) }
    }
    #expect(counts.filter { $0 == 0 }.count == 20)
    #expect(counts.filter { $0 == 1 }.count == 20)
  }

  @Test func refusesASchemaImportingAURL() throws {
    let scratch = try Scratch()
    let path = try schemaSet(scratch, importLocation: "http://127.0.0.1:9/types.xsd")
    let error = try #require(throws: XMLError.self) { _ = try XMLSchemaSet(contentsOf: path) }
    #expect(error.code == .resourceRefused)
    #expect(error.message.contains("http://127.0.0.1:9/types.xsd"))
    #expect(error.message.contains("catalog"))
  }

  @Test func mapsAURLToALocalCopyThroughACatalogBesideTheSchema() throws {
    let scratch = try Scratch()
    let path = try schemaSet(scratch, importLocation: "http://example.invalid/types.xsd")
    try scratch.write(
      "catalog.xml",
      """
      <catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
        <rewriteURI uriStartString="http://example.invalid/" rewritePrefix="common/"/>
      </catalog>
      """)
    let schema = try XMLSchemaSet(contentsOf: path)
    #expect(schema.files.contains(scratch.path("common/types.xsd")))
    #expect(try schema.validate(bytes: document(["AB/1"]), name: "ok.xml").isEmpty)
  }

  @Test func catalogUriEntriesAndGroupsResolve() throws {
    let scratch = try Scratch()
    let catalogPath = try scratch.write(
      "cat/catalog.xml",
      """
      <!DOCTYPE catalog PUBLIC "-//OASIS//DTD XML Catalogs V1.1//EN"
        "http://www.oasis-open.org/committees/entity/release/1.1/catalog.dtd">
      <catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
        <uri name="http://x.invalid/a.xsd" uri="local/a.xsd"/>
        <group xml:base="../other/">
          <system systemId="http://x.invalid/b.xsd" uri="b.xsd"/>
        </group>
        <uriSuffix uriSuffix="/c.xsd" uri="c.xsd"/>
      </catalog>
      """)
    let catalog = try XMLCatalog(contentsOf: catalogPath)
    #expect(catalog.resolve("http://x.invalid/a.xsd") == scratch.path("cat/local/a.xsd"))
    #expect(catalog.resolve("http://x.invalid/b.xsd") == scratch.path("other/b.xsd"))
    #expect(catalog.resolve("http://y.invalid/deep/c.xsd") == scratch.path("cat/c.xsd"))
    #expect(catalog.resolve("http://x.invalid/none.xsd") == nil)
  }

  @Test func neverLoadsTheSchemaAnInstanceNamesInSchemaLocation() throws {
    let scratch = try Scratch()
    let schema = try XMLSchemaSet(contentsOf: try schemaSet(scratch))
    let other = try scratch.write(
      "other.xsd",
      #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="x"/></xs:schema>"#
    )
    let text = """
      <exhibits xmlns="urn:m" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xsi:schemaLocation="urn:m file://\(other) urn:m http://127.0.0.1:9/x.xsd">
        <exhibit ref="AB/1"/></exhibits>
      """
    #expect(try schema.validate(bytes: Array(text.utf8), name: "loc.xml").isEmpty)
  }

  @Test func refusesADoctypeInADocumentBeingValidated() throws {
    let scratch = try Scratch()
    let schema = try XMLSchemaSet(contentsOf: try schemaSet(scratch))
    let text = #"<!DOCTYPE exhibits [<!ENTITY x SYSTEM "file:///etc/passwd">]><exhibits/>"#
    let error = try #require(throws: XMLError.self) {
      _ = try schema.validate(bytes: Array(text.utf8), name: "d.xml")
    }
    #expect(error.code == .doctypeRefused)
  }

  @Test func reportsAMalformedDocumentAsAnError() throws {
    let scratch = try Scratch()
    let schema = try XMLSchemaSet(contentsOf: try schemaSet(scratch))
    let error = try #require(throws: XMLError.self) {
      _ = try schema.validate(bytes: Array("<exhibits xmlns='urn:m'>\n<exhibit".utf8), name: "m")
    }
    #expect(error.code == .malformed)
    #expect(error.message.hasPrefix("m:2:"), "\(error.message) \(error.issues)")
  }

  @Test func reportsASchemaThatDoesNotCompile() throws {
    let scratch = try Scratch()
    let path = try scratch.write(
      "broken.xsd",
      """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:element name="a" type="undefinedType"/>
      </xs:schema>
      """)
    let error = try #require(throws: XMLError.self) { _ = try XMLSchemaSet(contentsOf: path) }
    #expect(error.code == .schemaUnusable)
    #expect(error.issues.contains { $0.line == 2 })
  }

  @Test func reportsAMissingIncludedSchema() throws {
    let scratch = try Scratch()
    let path = try scratch.write(
      "lonely.xsd",
      """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:include schemaLocation="missing.xsd"/>
      </xs:schema>
      """)
    let error = try #require(throws: XMLError.self) { _ = try XMLSchemaSet(contentsOf: path) }
    #expect(error.code == .unreadable)
    #expect(error.message.contains("missing.xsd"))
  }

  @Test func refusesAnExternalEntityInASchemaFile() throws {
    let scratch = try Scratch()
    let secret = try scratch.write("secret.txt", "CANARY")
    let path = try scratch.write(
      "entity.xsd",
      """
      <!DOCTYPE xs:schema [<!ENTITY leak SYSTEM "file://\(secret)">]>
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:annotation><xs:documentation>&leak;</xs:documentation></xs:annotation>
        <xs:element name="a"/>
      </xs:schema>
      """)
    let error = try #require(throws: XMLError.self) { _ = try XMLSchemaSet(contentsOf: path) }
    #expect(error.code == .resourceRefused)
    #expect(error.message.contains("secret.txt"))
    #expect(!"\(error)".contains("CANARY"))
  }

  @Test func refusesATextNodeOverLibxml2sLimitWhileStreaming() throws {
    let scratch = try Scratch()
    let path = try scratch.write(
      "text.xsd",
      """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:element name="a" type="xs:string"/>
      </xs:schema>
      """)
    let schema = try XMLSchemaSet(contentsOf: path)
    let text = "<a>" + String(repeating: "y", count: 10_000_001) + "</a>"
    let error = try #require(throws: XMLError.self) {
      _ = try schema.validate(bytes: Array(text.utf8), name: "long.xml")
    }
    #expect(error.code == .malformed)
    #expect(error.message.contains("longer than 10000000 bytes"))
    let fits = "<a>" + String(repeating: "y", count: 1_000_000) + "</a>"
    #expect(try schema.validate(bytes: Array(fits.utf8), name: "fits.xml").isEmpty)
  }
}
