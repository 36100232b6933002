import CaseXML
import Foundation
import Mustache

/// The form templates and their schemas, parsed and compiled once; renders and validates
/// documents.
///
/// The kit reads the files and hands their contents here: this type does no I/O. Every
/// rendered XML document is parsed and validated against its form's schema before it is
/// returned; a document that is not well-formed or does not match fails naming the
/// template and the template line that produced the offending output line.
package struct FormLibrary: Sendable {
  private let templates: [String: (text: String, template: MustacheTemplate)]
  private let schemas: [String: XMLSchemaSet]

  /// Parses every template.
  ///
  /// - Parameters:
  ///   - templates: Template texts keyed by file name (`MG5.xml.mustache`).
  ///   - schemas: Compiled form schemas keyed by form name (`MG5`).
  /// - Throws: ``DocumentError/Code/templateSyntax`` naming the template and line when one
  ///   is not valid Mustache.
  package init(templates: [String: String], schemas: [String: XMLSchemaSet]) throws(DocumentError) {
    var parsed: [String: (text: String, template: MustacheTemplate)] = [:]
    for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
      parsed[name] = (text, try Self.parse(text, name: name))
    }
    self.templates = parsed
    self.schemas = schemas
  }

  /// Parses one template.
  static func parse(_ text: String, name: String) throws(DocumentError) -> MustacheTemplate {
    do {
      return try MustacheTemplate(string: text)
    } catch let error as MustacheTemplate.ParserError {
      throw DocumentError(
        .templateSyntax, "not a valid Mustache template (\(error.error))", template: name,
        line: error.context.lineNumber)
    } catch {
      throw DocumentError(.templateSyntax, "not a valid Mustache template", template: name)
    }
  }

  /// Renders `form` from `view` (for MG11, for `statement`) and validates it.
  package func render(
    _ form: FormDefinition, view: DocumentView, statement: StatementView? = nil,
    disclosable: Bool
  ) throws(DocumentError) -> RenderedDocument {
    guard let template = templates[form.templateFile] else {
      throw DocumentError(
        .missingTemplate, "no template for \(form.name)", template: form.templateFile)
    }
    guard let schema = schemas[form.name] else {
      throw DocumentError(.missingSchema, "no schema \(form.schemaFile) for \(form.name)")
    }
    var view = view
    view.form = FormView(
      name: form.name, title: form.title, version: FormDefinition.version,
      namespace: form.namespace)
    view.statement = statement
    let name = statement.map { "\(form.name)-\($0.id).xml" } ?? "\(form.name).xml"
    let bytes = Array(template.template.render(view).utf8)
    try Self.validate(
      bytes, name: name, schema: schema, templateName: form.templateFile,
      templateText: template.text)
    return RenderedDocument(
      name: name, mediaType: "application/xml", bytes: bytes, disclosable: disclosable,
      form: form.name)
  }

  /// Renders the HTML index listing `documents` and the case's media.
  package func renderIndex(view: DocumentView, documents: [RenderedDocument]) throws(DocumentError)
    -> RenderedDocument
  {
    guard let template = templates[FormCatalog.indexTemplate] else {
      throw DocumentError(
        .missingTemplate, "no index template", template: FormCatalog.indexTemplate)
    }
    var view = view
    view.documents = documents.map { document in
      IndexEntryView(
        name: document.name,
        title: FormCatalog.form(named: document.form)?.title ?? document.form,
        href: document.name, mediaType: document.mediaType)
    }
    return RenderedDocument(
      name: "index.html", mediaType: "text/html", bytes: Array(template.template.render(view).utf8),
      disclosable: true, form: "index")
  }

  /// Checks that `bytes` are well-formed XML matching `schema`.
  ///
  /// - Throws: ``DocumentError/Code/invalidOutput`` naming the template and the template
  ///   line that produced the first offending output line.
  package static func validate(
    _ bytes: [UInt8], name: String, schema: XMLSchemaSet, templateName: String,
    templateText: String
  ) throws(DocumentError) {
    let issues: [XMLIssue]
    do {
      _ = try XMLTree.parse(bytes: bytes, name: name)
      issues = try schema.validate(bytes: bytes, name: name)
    } catch {
      let issue = error.issues.first
      throw failure(
        "renders XML that is not well-formed", issue: issue, bytes: bytes,
        templateName: templateName, templateText: templateText)
    }
    if let issue = issues.first {
      throw failure(
        "renders XML that does not match \(schema.mainFile.split(separator: "/").last ?? "")",
        issue: issue, bytes: bytes, templateName: templateName, templateText: templateText)
    }
  }

  private static func failure(
    _ what: String, issue: XMLIssue?, bytes: [UInt8], templateName: String, templateText: String
  ) -> DocumentError {
    guard let issue else { return DocumentError(.invalidOutput, what, template: templateName) }
    let output = String(decoding: bytes, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
    let outputLine =
      issue.line >= 1 && issue.line <= output.count ? String(output[issue.line - 1]) : ""
    let line = TemplateLines.line(producing: outputLine, in: templateText)
    return DocumentError(
      .invalidOutput, "\(what) (output line \(issue.line): \(issue.message))",
      template: templateName, line: line)
  }
}

/// Maps a rendered line back to the template line that produced it.
enum TemplateLines {
  /// The first template line (from 1) whose literal text, with its tags as wildcards,
  /// matches `output` (both trimmed); `nil` when none does.
  static func line(producing output: String, in template: String) -> Int? {
    let target = output.trimmingSpaces
    let lines = template.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      let pieces = literalPieces(of: line.trimmingSpaces)
      guard pieces.contains(where: { !$0.isEmpty }) else { continue }
      if matches(target, pieces: pieces) { return index + 1 }
    }
    return nil
  }

  /// The text between tags; a line `a{{x}}b` gives `["a", "b"]`.
  static func literalPieces(of line: String) -> [String] {
    var pieces: [String] = []
    var rest = Substring(line)
    while let open = rest.range(of: "{{") {
      pieces.append(String(rest[..<open.lowerBound]))
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        rest = ""
        break
      }
      var after = close.upperBound
      if after < rest.endIndex, rest[after] == "}" { after = rest.index(after: after) }
      rest = rest[after...]
    }
    pieces.append(String(rest))
    return pieces
  }

  /// Whether `text` is the pieces in order with anything between them.
  static func matches(_ text: String, pieces: [String]) -> Bool {
    guard let first = pieces.first, text.hasPrefix(first) else { return false }
    var rest = Substring(text).dropFirst(first.count)
    for (index, piece) in pieces.enumerated().dropFirst() {
      if index == pieces.count - 1 { return rest.hasSuffix(piece) }
      guard let found = rest.range(of: piece) else { return false }
      rest = rest[found.upperBound...]
    }
    return rest.isEmpty
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }),
      let end = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[start...end])
  }
}
