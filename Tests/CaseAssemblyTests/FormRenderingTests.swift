import CaseAssembly
import CaseStore
import CaseXML
import Foundation
import Testing

@Suite("Form rendering")
struct FormRenderingTests {
  @Test("every form renders for every sample and matches its schema (our validator)")
  func everyFormRendersForEverySample() throws {
    let library = try FormFixtures.library()
    for sample in try CaseDocumentFixtures.sampleFiles() {
      let record = try CaseDocumentFixtures.sampleRecord(sample.lastPathComponent)
      let documents = try FormFixtures.renderAll(FormFixtures.view(record), library: library)
      let statements = record.statements.count
      #expect(documents.count == FormCatalog.forms.count - 1 + statements + 1)
      #expect(documents.last?.name == "index.html")
    }
  }

  @Test("every rendered form is valid for Python xmlschema too")
  func pythonAgrees() throws {
    guard PythonDocumentChecker.isAvailable else { return }
    let library = try FormFixtures.library()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "casefile-forms-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var pairs: [String] = []
    for sample in try CaseDocumentFixtures.sampleFiles() {
      let record = try CaseDocumentFixtures.sampleRecord(sample.lastPathComponent)
      for document in try FormFixtures.renderAll(FormFixtures.view(record), library: library)
      where document.mediaType == "application/xml" {
        let file = directory.appendingPathComponent("\(record.urn)-\(document.name)")
        try Data(document.bytes).write(to: file)
        let form = try #require(FormCatalog.form(named: document.form))
        pairs += [file.path, FormFixtures.schemaFile(form).path]
      }
    }
    let script = """
      import sys, xmlschema
      args = sys.argv[1:]
      schemas = {}
      bad = 0
      for document, schema in zip(args[0::2], args[1::2]):
          if schema not in schemas:
              schemas[schema] = xmlschema.XMLSchema(schema)
          errors = list(schemas[schema].iter_errors(document))
          if errors:
              bad += 1
              print(document, errors[0].reason)
      print("checked", len(args) // 2, "invalid", bad)
      sys.exit(1 if bad else 0)
      """
    let scriptFile = directory.appendingPathComponent("check.py")
    try Data(script.utf8).write(to: scriptFile)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", scriptFile.path] + pairs
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
  }

  @Test("one sample's forms match their golden files byte for byte")
  func goldenForms() throws {
    let library = try FormFixtures.library()
    let record = try CaseDocumentFixtures.sampleRecord("ngap-summary.json")
    let golden = FormFixtures.root.appendingPathComponent(
      "Tests/CaseAssemblyTests/Golden/forms/ngap-summary")
    let update = ProcessInfo.processInfo.environment["CASEFILE_UPDATE_GOLDEN"] == "1"
    if update {
      try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
    }
    for document in try FormFixtures.renderAll(FormFixtures.view(record), library: library) {
      let file = golden.appendingPathComponent(document.name)
      if update {
        try Data(document.bytes).write(to: file)
        continue
      }
      let expected = try Array(Data(contentsOf: file))
      #expect(
        expected == document.bytes,
        "\(document.name) differs; regenerate with CASEFILE_UPDATE_GOLDEN=1 and review the diff")
    }
  }

  @Test("an unclosed Mustache section fails naming the template and line")
  func unclosedSectionNamesTemplateAndLine() throws {
    let text = "<?xml version=\"1.0\"?>\n<mg5>\n{{#people}}\n<p/>\n</mg5>\n"
    do {
      _ = try FormLibrary(templates: ["MG5.xml.mustache": text], schemas: [:])
      Issue.record("the broken template was accepted")
    } catch {
      #expect(error.code == .templateSyntax)
      #expect(error.template == "MG5.xml.mustache")
      #expect(error.line != nil)
    }
  }

  @Test("an unclosed XML tag fails naming the template and line")
  func unclosedXMLTagNamesTemplateAndLine() throws {
    var texts = try FormFixtures.templateTexts()
    texts["MG5.xml.mustache"] = try #require(texts["MG5.xml.mustache"])
      .replacingOccurrences(of: "</caseTitle>", with: "")
    let library = try FormLibrary(templates: texts, schemas: FormFixtures.schemas())
    let record = try CaseDocumentFixtures.sampleRecord("gap-summary.json")
    let form = try #require(FormCatalog.form(named: "MG5"))
    do {
      _ = try library.render(form, view: FormFixtures.view(record), disclosable: true)
      Issue.record("the broken template rendered")
    } catch let error as DocumentError {
      #expect(error.code == .invalidOutput)
      #expect(error.template == "MG5.xml.mustache")
      #expect(error.line != nil)
      #expect(error.description.hasPrefix("MG5.xml.mustache:"))
    }
  }

  @Test("a field rendered unescaped into invalid XML fails naming the template and line")
  func unescapedFieldNamesTemplateAndLine() throws {
    var texts = try FormFixtures.templateTexts()
    texts["MG5.xml.mustache"] = try #require(texts["MG5.xml.mustache"])
      .replacingOccurrences(
        of: "<summary>{{summary}}</summary>", with: "<summary>{{{summary}}}</summary>")
    let library = try FormLibrary(templates: texts, schemas: FormFixtures.schemas())
    var record = try CaseDocumentFixtures.sampleRecord("gap-summary.json")
    record.summary = "Cost < £5 & rising"
    let form = try #require(FormCatalog.form(named: "MG5"))
    let lines = try #require(texts["MG5.xml.mustache"]).split(
      separator: "\n", omittingEmptySubsequences: false)
    let summaryLine = try #require(lines.firstIndex { $0.contains("{{{summary}}}") }) + 1
    do {
      _ = try library.render(form, view: FormFixtures.view(record), disclosable: true)
      Issue.record("the invalid output was accepted")
    } catch let error as DocumentError {
      #expect(error.code == .invalidOutput)
      #expect(error.template == "MG5.xml.mustache")
      #expect(error.line == summaryLine)
      #expect(!error.description.contains("rising"))
    }
  }

  @Test("a template whose output does not match its schema fails naming the template and line")
  func schemaMismatchNamesTemplateAndLine() throws {
    var texts = try FormFixtures.templateTexts()
    let original = try #require(texts["MG12.xml.mustache"])
    texts["MG12.xml.mustache"] = original.replacingOccurrences(
      of: "<caseTitle>{{title}}</caseTitle>", with: "<caseName>{{title}}</caseName>")
    let lines = try #require(texts["MG12.xml.mustache"]).split(
      separator: "\n", omittingEmptySubsequences: false)
    let changed = try #require(lines.firstIndex { $0.contains("<caseName>") }) + 1
    let library = try FormLibrary(templates: texts, schemas: FormFixtures.schemas())
    let record = try CaseDocumentFixtures.sampleRecord("gap-summary.json")
    let form = try #require(FormCatalog.form(named: "MG12"))
    do {
      _ = try library.render(form, view: FormFixtures.view(record), disclosable: true)
      Issue.record("the output that does not match its schema was accepted")
    } catch let error as DocumentError {
      #expect(error.code == .invalidOutput)
      #expect(error.template == "MG12.xml.mustache")
      #expect(error.line == changed)
      #expect(error.message.contains("mg12-v1.xsd"))
    }
  }

  @Test("escaping makes markup characters, Welsh and £ safe XML")
  func escapingKeepsTextIntact() throws {
    let library = try FormFixtures.library()
    var record = try CaseDocumentFixtures.sampleRecord("gap-summary.json")
    record.summary = "A <b> & \"quoted\" 'text' — £240, Caerfyrddin, ŵ ŷ"
    let form = try #require(FormCatalog.form(named: "MG5"))
    let document = try library.render(form, view: FormFixtures.view(record), disclosable: true)
    let text = String(decoding: document.bytes, as: UTF8.self)
    #expect(text.contains("A &lt;b&gt; &amp; &quot;quoted&quot; &#39;text&#39; — £240"))
  }

  @Test("a character XML cannot carry is refused before rendering, naming record and field")
  func refusesControlCharacters() throws {
    var record = try CaseDocumentFixtures.sampleRecord("gap-summary.json")
    record.people[0].address = "1 Road\u{01}"
    do {
      _ = try FormFixtures.view(record)
      Issue.record("the control character was accepted")
    } catch let error as DocumentError {
      #expect(error.code == .invalidCharacter)
      #expect(error.message.contains(record.people[0].id))
      #expect(error.message.contains("address"))
    }
  }
}
