import CaseAssembly
import CaseRules
import CaseStore
import Foundation

/// Renders every form template for every sample case, and checks the file types data
/// against the forms, the rule pack and its phases.
struct TemplateRendering {
  let directories: TemplatesValidation.Directories
  /// The templates, schemas and file types, or the problem that stopped them loading.
  let resources: Result<DocumentResources, any Error>

  init(directories: TemplatesValidation.Directories) {
    self.directories = directories
    let context = CaseFileContext(
      store: nil, user: "templates-validate", schemasDirectory: directories.schemas.path)
    resources = Result {
      try DocumentResources(context, templatesDirectory: directories.templates.path)
    }
  }

  private var formsFolder: URL {
    directories.templates.appendingPathComponent(DocumentsCommands.formsFolder)
  }

  func problems() -> [TemplatesValidation.Problem] {
    let resources: DocumentResources
    switch self.resources {
    case .success(let loaded): resources = loaded
    case .failure(let error): return [problem(loading: error)]
    }
    let holidays: BankHolidayCalendar
    let format: RecordsFormat
    do {
      holidays = try CaseDocumentCommands.bankHolidays(
        templatesDirectory: directories.templates.path)
      format = try RecordsFormat(schemasDirectory: directories.schemas)
    } catch {
      return [.init(file: directories.templates.path, line: nil, message: "\(error)")]
    }
    var problems: [TemplatesValidation.Problem] = []
    for sample in samples() {
      let cases: [CaseRecord]
      do {
        cases = try format.read(InputFile.parse(sample), file: sample.path).cases
      } catch {
        problems.append(
          .init(file: sample.path, line: nil, message: "the sample cannot be read: \(error)"))
        continue
      }
      for record in cases {
        problems += render(record, sample: sample.lastPathComponent, resources, holidays)
      }
    }
    return problems
  }

  private func render(
    _ record: CaseRecord, sample: String, _ resources: DocumentResources,
    _ holidays: BankHolidayCalendar
  ) -> [TemplatesValidation.Problem] {
    var problems: [TemplatesValidation.Problem] = []
    do {
      let facts = try CaseFacts.compute(
        for: record, asOf: try CaseDocumentCommands.todayUTC(), holidays: holidays)
      let view = try DocumentViewBuilder.build(
        record, facts: facts, fileType: "validation", stage: RulesCommands.defaultStage)
      var rendered: [RenderedDocument] = []
      for form in FormCatalog.forms {
        do {
          if form.perStatement {
            for statement in view.statements {
              rendered.append(
                try resources.library.render(
                  form, view: view, statement: statement, disclosable: true))
            }
          } else {
            rendered.append(try resources.library.render(form, view: view, disclosable: true))
          }
        } catch let error {
          problems.append(problem(error, sample: sample, urn: record.urn))
        }
      }
      _ = try resources.library.renderIndex(view: view, documents: rendered)
    } catch let error as DocumentError {
      problems.append(problem(error, sample: sample, urn: record.urn))
    } catch {
      problems.append(.init(file: sample, line: nil, message: "case \(record.urn): \(error)"))
    }
    return problems
  }

  /// Every file type names forms with a template and a schema, a deciding rule that is in
  /// the pack, and stages that are the pack's phases.
  func fileTypeProblems(schematron: Schematron?) -> [TemplatesValidation.Problem] {
    let resources: DocumentResources
    switch self.resources {
    case .success(let loaded): resources = loaded
    case .failure(let error):
      // The file types are read with the templates: a broken one is reported here too.
      let problem = problem(loading: error)
      return problem.file.hasSuffix(".json") ? [problem] : []
    }
    let folder = directories.templates.appendingPathComponent(DocumentsCommands.fileTypesFolder)
    let schemas = directories.schemas.appendingPathComponent(DocumentsCommands.schemasFolder)
    let ruleIDs = Set(schematron?.rules.compactMap(\.id) ?? [])
    let phases = Set(schematron?.phases.map(\.id) ?? [])
    var problems: [TemplatesValidation.Problem] = []
    for type in resources.fileTypes.types {
      let file = folder.appendingPathComponent("\(type.fileType).json").path
      if schematron != nil, !ruleIDs.contains(type.decidedBy) {
        problems.append(
          .init(
            file: file, line: nil, message: "decidedBy \(type.decidedBy) is not a rule of the pack")
        )
      }
      for (stage, entries) in type.stages.sorted(by: { $0.key < $1.key }) {
        if schematron != nil, !phases.contains(stage) {
          problems.append(
            .init(file: file, line: nil, message: "stage \(stage) is not a phase of the pack"))
        }
        for entry in entries {
          guard let form = FormCatalog.form(named: entry.form) else {
            problems.append(
              .init(file: file, line: nil, message: "\(stage): \(entry.form) is not a known form"))
            continue
          }
          if !FileManager.default.fileExists(
            atPath: formsFolder.appendingPathComponent(form.templateFile).path)
          {
            problems.append(
              .init(
                file: file, line: nil,
                message: "\(stage): \(entry.form) has no template \(form.templateFile)"))
          }
          if !FileManager.default.fileExists(
            atPath: schemas.appendingPathComponent(form.schemaFile).path)
          {
            problems.append(
              .init(
                file: file, line: nil,
                message: "\(stage): \(entry.form) has no schema \(form.schemaFile)"))
          }
        }
      }
    }
    return problems
  }

  private func samples() -> [URL] {
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: directories.samples.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted().map {
      directories.samples.appendingPathComponent($0)
    }
  }

  private func problem(_ error: DocumentError, sample: String, urn: String)
    -> TemplatesValidation.Problem
  {
    .init(
      file: error.template.map { formsFolder.appendingPathComponent($0).path } ?? formsFolder.path,
      line: error.line, message: "sample \(sample) (case \(urn)): \(error.message)")
  }

  private func problem(_ error: any Error, sample: String, urn: String)
    -> TemplatesValidation.Problem
  {
    if let error = error as? DocumentError { return problem(error, sample: sample, urn: urn) }
    return .init(file: sample, line: nil, message: "case \(urn): \(error)")
  }

  private func problem(loading error: any Error) -> TemplatesValidation.Problem {
    let text = "\(error)"
    // File types errors start with the file's name ("gap.json: …").
    if let colon = text.firstIndex(of: ":"), text[..<colon].hasSuffix(".json"),
      !text[..<colon].contains("/")
    {
      let name = String(text[..<colon])
      return .init(
        file: directories.templates.appendingPathComponent(DocumentsCommands.fileTypesFolder)
          .appendingPathComponent(name).path, line: nil,
        message: String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }
    // Loading errors start with the file that is broken ("/path/file.mustache:12: …").
    let head = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
    let parts = head.split(separator: ":")
    if parts.count >= 2, let line = Int(parts[1]) {
      return .init(file: String(parts[0]), line: line, message: text)
    }
    return .init(file: directories.templates.path, line: nil, message: text)
  }
}
