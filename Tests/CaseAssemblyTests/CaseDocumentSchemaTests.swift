import CaseAssembly
import CaseStore
import Foundation
import Testing

@Suite("The case document is valid against its schema and its references resolve")
struct CaseDocumentSchemaTests {
  @Test(
    .enabled(
      if: PythonDocumentChecker.isAvailable,
      "python3 with xmlschema is not installed (pip install xmlschema) — schema checks skipped"))
  func everySampleIsValidAndEveryReferenceResolves() throws {
    let samples = try CaseDocumentFixtures.sampleFiles()
    #expect(samples.count >= 9)
    let store = try SampleStore(samples: samples)
    let output = store.directory.appendingPathComponent("documents")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    var files: [URL] = []
    for sample in samples {
      let file = output.appendingPathComponent(sample.lastPathComponent + ".xml")
      try Data(store.document(sample.lastPathComponent, asOf: "2026-12-05")).write(to: file)
      files.append(file)
    }
    let reports = try PythonDocumentChecker.check(files)
    #expect(reports.count == files.count)
    for file in files {
      let report = try #require(reports[file.path], "no report for \(file.lastPathComponent)")
      #expect(report.schema.isEmpty, "\(file.lastPathComponent): \(report.schema)")
      #expect(report.references.isEmpty, "\(file.lastPathComponent): \(report.references)")
      #expect(report.checkedReferences > 0, "\(file.lastPathComponent) has no references")
    }
  }

  @Test func theSchemaMarksExactlyThePersonalDataFieldsOfTheModel() throws {
    let text = try String(contentsOf: CaseDocumentFixtures.schema, encoding: .utf8)
    let pattern =
      #/<meta:personalData\s+record="([a-z_]+)"\s+field="([a-z_]+)"\s+treatment="([a-z]+)"\s*/>/#
    var marked: Set<String> = []
    for match in text.matches(of: pattern) {
      let field = "\(match.output.1).\(match.output.2): \(match.output.3)"
      #expect(marked.insert(field).inserted, "\(field) is marked twice")
    }
    let model = PersonalData.fields.map { "\($0.record).\($0.field): \($0.treatment.rawValue)" }
    #expect(marked == Set(model))
  }

  @Test func theSchemaDeclaresTheDocumentNamespaceAndVersion() throws {
    let text = try String(contentsOf: CaseDocumentFixtures.schema, encoding: .utf8)
    #expect(text.contains(#"targetNamespace="\#(CaseDocumentWriter.namespace)""#))
    #expect(text.contains(#"elementFormDefault="qualified""#))
    #expect(text.contains(#"fixed="\#(CaseDocumentWriter.schemaVersion)""#))
    #expect(CaseDocumentWriter.schemaFileName == CaseDocumentFixtures.schema.lastPathComponent)
  }

  /// Every element and type declaration carries its own documentation.
  @Test func everyDeclarationIsDocumented() throws {
    let text = try String(contentsOf: CaseDocumentFixtures.schema, encoding: .utf8)
    let declaration = #/<xs:(element|complexType|simpleType|attribute|enumeration)\s[^>]*>/#
    var count = 0
    for match in text.matches(of: declaration) {
      count += 1
      let tag = String(text[match.range])
      let after = text[match.range.upperBound...].drop { $0.isWhitespace }
      #expect(
        !tag.hasSuffix("/>") && after.hasPrefix("<xs:annotation>"),
        "\(tag) is not followed by its annotation")
      let annotation = after.prefix { _ in true }
      let end = annotation.range(of: "</xs:annotation>")?.lowerBound ?? annotation.endIndex
      #expect(
        annotation[..<end].contains("<xs:documentation>"), "\(tag) has no xs:documentation")
    }
    #expect(count > 100)
  }
}
