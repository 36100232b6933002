import CaseAssembly
import CaseStore
import CaseXML
import Foundation
import Testing

/// Fixtures of the form tests: the committed templates, form schemas and file types, and
/// each sample's view.
enum FormFixtures {
  static let root = CaseDocumentFixtures.root
  static let asOf = "2026-10-20"

  /// The committed templates, keyed by file name.
  static func templateTexts() throws -> [String: String] {
    let directory = root.appendingPathComponent("Templates/forms")
    var texts: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
    where name.hasSuffix(".mustache") {
      texts[name] = try String(
        contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }
    return texts
  }

  /// The schema file of `form`.
  static func schemaFile(_ form: FormDefinition) -> URL {
    root.appendingPathComponent("Schemas/forms/\(form.schemaFile)")
  }

  /// Every form schema, compiled.
  static func schemas() throws -> [String: XMLSchemaSet] {
    var schemas: [String: XMLSchemaSet] = [:]
    for form in FormCatalog.forms {
      schemas[form.name] = try XMLSchemaSet(contentsOf: schemaFile(form).path)
    }
    return schemas
  }

  /// The library of the committed templates and schemas.
  static func library() throws -> FormLibrary {
    try FormLibrary(templates: templateTexts(), schemas: schemas())
  }

  /// The committed file types.
  static func fileTypes() throws -> FileTypeCatalog {
    let directory = root.appendingPathComponent("Templates/file-types")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".json") }
      .map { name in
        (name: name, bytes: Array(try Data(contentsOf: directory.appendingPathComponent(name))))
      }
    return try FileTypeCatalog(files: files)
  }

  /// The CPS view of a sample's first case.
  static func view(_ record: CaseRecord) throws -> DocumentView {
    let facts = try CaseFacts.compute(
      for: record, asOf: CaseDocumentFixtures.date(asOf),
      holidays: CaseDocumentFixtures.holidays())
    return try DocumentViewBuilder.build(record, facts: facts, fileType: "NGAP", stage: "trial")
  }

  /// Every form rendered from `view` (MG11 once per statement), plus the index.
  static func renderAll(
    _ view: DocumentView, library: FormLibrary, forms: [FormDefinition] = FormCatalog.forms
  ) throws -> [RenderedDocument] {
    var documents: [RenderedDocument] = []
    for form in forms {
      if form.perStatement {
        for statement in view.statements {
          documents.append(
            try library.render(form, view: view, statement: statement, disclosable: true))
        }
      } else {
        documents.append(try library.render(form, view: view, disclosable: true))
      }
    }
    documents.append(try library.renderIndex(view: view, documents: documents))
    return documents
  }
}
