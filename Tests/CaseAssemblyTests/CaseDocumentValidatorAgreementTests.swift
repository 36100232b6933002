import CaseAssembly
import CaseStore
import CaseXML
import Foundation
import Testing

/// Our libxml2 validator (`XMLSchemaSet`) and Python's `xmlschema` must agree on the case
/// document: both accept every sample's document and both refuse each broken one.
@Suite("Our XSD validator and xmlschema agree on the case document")
struct CaseDocumentValidatorAgreementTests {
  /// Broken variants of the indictable-only sample's document: a name, the text replaced and
  /// its replacement.
  static let breakages: [(String, String, String)] = [
    ("dangling exhibit reference", #"<exhibitRef ref="E1"/>"#, #"<exhibitRef ref="E99"/>"#),
    ("evidence naming a person", #"<evidenceRef ref="S1"/>"#, #"<evidenceRef ref="P1"/>"#),
    ("witness naming a statement", #"person="P2""#, #"person="S1""#),
    ("duplicate id across kinds", #"<unusedItem id="U1""#, #"<unusedItem id="S1""#),
    ("duplicate exhibit reference", #"reference="CW/2""#, #"reference="CW/1""#),
    ("unknown schedule", #"schedule="MG6C""#, #"schedule="MG6X""#),
    ("unknown mode of trial", #"modeOfTrial="either-way""#, #"modeOfTrial="summary""#),
    ("wrong schema version", #"schemaVersion="1""#, #"schemaVersion="2""#),
    ("impossible date", #"asOf="2026-12-05""#, #"asOf="2026-02-30""#),
    ("missing flag", #" key="true""#, ""),
    ("element out of order", "<markers/>", ""),
  ]

  /// Every sample's document (valid) and every broken variant, written to a directory.
  struct Documents {
    let store: SampleStore
    var valid: [URL] = []
    var broken: [URL] = []

    init() throws {
      let samples = try CaseDocumentFixtures.sampleFiles()
      store = try SampleStore(samples: samples)
      let output = store.directory.appendingPathComponent("documents")
      try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
      for sample in samples {
        let file = output.appendingPathComponent(sample.lastPathComponent + ".xml")
        try Data(store.document(sample.lastPathComponent, asOf: "2026-12-05")).write(to: file)
        valid.append(file)
      }
      let text = String(
        decoding: try store.document("indictable-only.json", asOf: "2026-12-05"), as: UTF8.self)
      for (index, (name, original, replacement)) in breakages.enumerated() {
        #expect(text.contains(original), "\(name): the sample no longer holds \(original)")
        let file = output.appendingPathComponent("broken-\(index).xml")
        try Data(text.replacingOccurrences(of: original, with: replacement).utf8).write(to: file)
        broken.append(file)
      }
    }
  }

  @Test func ourValidatorAcceptsEverySampleAndRefusesEachBrokenDocument() throws {
    let schema = try XMLSchemaSet(contentsOf: CaseDocumentFixtures.schema.path)
    let documents = try Documents()
    for file in documents.valid {
      let issues = try schema.validate(file: file.path)
      #expect(issues.isEmpty, "\(file.lastPathComponent): \(issues)")
    }
    for (file, breakage) in zip(documents.broken, Self.breakages) {
      #expect(!(try schema.validate(file: file.path)).isEmpty, "ours accepted \(breakage.0)")
    }
  }

  @Test(
    .enabled(
      if: PythonDocumentChecker.isAvailable,
      "python3 with xmlschema is not installed (pip install xmlschema) — agreement not checked"))
  func xmlschemaGivesTheSameVerdictOnEveryDocument() throws {
    let schema = try XMLSchemaSet(contentsOf: CaseDocumentFixtures.schema.path)
    let documents = try Documents()
    let files = documents.valid + documents.broken
    let reports = try PythonDocumentChecker.check(files)
    for file in files {
      let ours = try schema.validate(file: file.path).isEmpty
      let theirs = try #require(reports[file.path], "no report for \(file.lastPathComponent)")
      #expect(
        ours == theirs.schema.isEmpty,
        "\(file.lastPathComponent): ours says valid=\(ours), xmlschema says \(theirs.schema)")
    }
    #expect(documents.valid.allSatisfy { reports[$0.path]?.schema.isEmpty == true })
  }
}
