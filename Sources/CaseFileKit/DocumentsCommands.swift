import CaseAssembly
import CaseRules
import CaseStore
import CaseXML
import Foundation

/// `casefile documents`: a case's file rendered for one recipient, every XML document
/// validated against its form schema.
package enum DocumentsCommands {
  /// The folder of form templates inside the Templates directory.
  package static let formsFolder = "forms"
  /// The folder of file types inside the Templates directory.
  package static let fileTypesFolder = "file-types"
  /// The folder of form schemas inside the Schemas directory.
  package static let schemasFolder = "forms"
  /// The pack's reports that add documents to the main file type (remand, breach of bail).
  package static let additionRules = ["NFS-TYPE-005", "NFS-TYPE-006"]

  /// The rendered file of one case for one recipient at one stage.
  package struct Outcome: Sendable {
    package var urn: String
    package var fileType: String?
    package var stage: String
    package var recipient: Recipient
    /// The documents in file order, the HTML index last.
    package var documents: [RenderedDocument]
    /// What was withheld from this recipient (record id, field); never a value.
    package var redactions: [Redaction]
  }

  /// Loads the case, computes its facts, runs the rule pack's phase of `stage` for the file
  /// type (`casefile check`, audited; or takes the caller's `checked` outcome), picks the documents the file type lists for the stage,
  /// redacts the view for `recipient`, and renders and validates every document. Documents
  /// the file type does not let the recipient see are left out.
  ///
  /// - Throws: ``KitError`` (usage for an unknown stage or missing templates; bad input when
  ///   a template, a schema or the file types data is broken, naming the file and line),
  ///   ``RulesError``, ``StoreError``.
  package static func renderDocuments(
    _ context: CaseFileContext, urn: String, recipient: Recipient,
    stage: String = RulesCommands.defaultStage, asOf: ISODate? = nil,
    templatesDirectory: String? = nil, rulesDirectory: String? = nil, draft: Bool = false,
    checked: RulesOutcome? = nil
  ) throws -> Outcome {
    let asOf = try asOf ?? CaseDocumentCommands.todayUTC()
    // A caller that has just checked the case at this stage (`build`) passes its outcome,
    // so the rule pack runs (and is audited) once.
    let checked =
      try checked
      ?? RulesCommands.check(
        context, urn: urn, stage: stage, rulesDirectory: rulesDirectory,
        templatesDirectory: templatesDirectory, asOf: asOf,
        reason: "documents for \(recipient.rawValue)")
    guard let document = checked.documents.first else {
      throw KitError.notFound("case \(urn) was not checked")
    }
    let fired = Set(document.report.findings.map(\.rule))
    let store = try context.openStore()
    let record = try StoreCommands.load(store, urn: urn)
    let holidays = try CaseDocumentCommands.bankHolidays(templatesDirectory: templatesDirectory)
    let resources = try DocumentResources(context, templatesDirectory: templatesDirectory)
    do {
      let facts = try CaseFacts.compute(for: record, asOf: asOf, holidays: holidays)
      let full = try DocumentViewBuilder.build(
        record, facts: facts, fileType: document.fileType ?? "undecided", stage: stage)
      let entries = try resources.fileTypes.documents(
        fileType: document.fileType, firedRules: fired, stage: stage, view: full)
      var (view, redactions) = RecipientView.redact(full, for: recipient)
      view.draft = draft
      var rendered: [RenderedDocument] = []
      for entry in entries where !recipient.isRestricted || entry.disclosable {
        guard let form = FormCatalog.form(named: entry.form) else { continue }
        if form.perStatement {
          for statement in view.statements {
            rendered.append(
              try resources.library.render(
                form, view: view, statement: statement, disclosable: entry.disclosable))
          }
        } else {
          rendered.append(
            try resources.library.render(form, view: view, disclosable: entry.disclosable))
        }
      }
      rendered.append(try resources.library.renderIndex(view: view, documents: rendered))
      return Outcome(
        urn: record.urn, fileType: document.fileType, stage: stage, recipient: recipient,
        documents: rendered, redactions: redactions)
    } catch let error as CalendarError {
      throw KitError.badInput("case \(urn): \(error.message)")
    } catch let error as DocumentError {
      throw KitError.badInput(error.description)
    }
  }

  /// Records in the audit log that documents were rendered for a recipient (and written,
  /// when `written`): counts and codes only.
  package static func audit(
    _ outcome: Outcome, _ context: CaseFileContext, written: Bool, reason: String? = nil
  ) throws {
    try context.openStore().appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "documents", urn: outcome.urn,
        detail: "recipient=\(outcome.recipient.rawValue) stage=\(outcome.stage) "
          + "documents=\(outcome.documents.count) redacted=\(outcome.redactions.count) "
          + "written=\(written)", reason: reason))
  }

  /// The full file (`--for cps`) of a case holding sensitive unused material shows its
  /// MG6D, so producing it needs a reason (see ``StoreCommands/loadToRead(_:urn:action:reason:context:)``);
  /// restricted recipients never see sensitive items.
  package static func requireReason(
    _ context: CaseFileContext, urn: String, recipient: Recipient, reason: String?
  ) throws {
    guard !recipient.isRestricted else { return }
    let store = try context.openStore()
    _ = try StoreCommands.loadToRead(
      store, urn: urn, action: "documents", reason: reason, context: context)
  }

  /// Writes the documents to `directory` (each to a temporary name, then renamed).
  ///
  /// - Returns: The paths written, in order.
  package static func write(_ outcome: Outcome, to directory: String) throws -> [String] {
    let output = URL(fileURLWithPath: directory)
    do {
      try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    } catch {
      throw KitError.io("cannot create the directory \(directory)")
    }
    var written: [String] = []
    for document in outcome.documents {
      let file = output.appendingPathComponent(document.name)
      do {
        try Data(document.bytes).write(to: file, options: .atomic)
      } catch {
        throw KitError.io("cannot write \(file.path)")
      }
      written.append(file.path)
    }
    return written
  }
}

/// The templates, form schemas and file types, read from their directories once.
package struct DocumentResources: Sendable {
  package let library: FormLibrary
  package let fileTypes: FileTypeCatalog

  /// Reads `Templates/forms/*.mustache`, `Templates/file-types/*.json` and
  /// `Schemas/forms/*.xsd` (or a force's `--templates` and `--schemas` copies).
  ///
  /// - Throws: ``KitError/badInput(_:)`` naming the file (and line) that is broken,
  ///   ``KitError/io(_:)`` when one cannot be read.
  package init(_ context: CaseFileContext, templatesDirectory: String?) throws {
    let templates = try ResourceLocator.templatesDirectory(explicit: templatesDirectory)
    let schemas = try ResourceLocator.schemasDirectory(explicit: context.schemasDirectory)
    let formsDirectory = templates.appendingPathComponent(DocumentsCommands.formsFolder)
    var texts: [String: String] = [:]
    for name in try Self.list(formsDirectory, suffix: ".mustache") {
      texts[name] = String(
        decoding: try Self.read(formsDirectory.appendingPathComponent(name)), as: UTF8.self)
    }
    var compiled: [String: XMLSchemaSet] = [:]
    let schemaDirectory = schemas.appendingPathComponent(DocumentsCommands.schemasFolder)
    for form in FormCatalog.forms {
      let file = schemaDirectory.appendingPathComponent(form.schemaFile)
      guard FileManager.default.fileExists(atPath: file.path) else { continue }
      do {
        compiled[form.name] = try XMLSchemaSet(contentsOf: file.path)
      } catch {
        throw KitError.badInput("\(file.path): \(error.description)")
      }
    }
    let typesDirectory = templates.appendingPathComponent(DocumentsCommands.fileTypesFolder)
    var typeFiles: [(name: String, bytes: [UInt8])] = []
    for name in try Self.list(typesDirectory, suffix: ".json") {
      typeFiles.append((name, try Self.read(typesDirectory.appendingPathComponent(name))))
    }
    do {
      library = try FormLibrary(templates: texts, schemas: compiled)
      fileTypes = try FileTypeCatalog(files: typeFiles)
    } catch {
      throw KitError.badInput(error.description)
    }
  }

  static func list(_ directory: URL, suffix: String) throws -> [String] {
    do {
      return try FileManager.default.contentsOfDirectory(atPath: directory.path)
        .filter { $0.hasSuffix(suffix) }.sorted()
    } catch {
      throw KitError.usage("cannot list \(directory.path); give --templates DIR")
    }
  }

  static func read(_ file: URL) throws -> [UInt8] {
    do {
      return Array(try Data(contentsOf: file))
    } catch {
      throw KitError.io("cannot read \(file.path)")
    }
  }
}
