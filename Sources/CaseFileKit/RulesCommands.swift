import CaseAssembly
import CaseRules
import CaseStore
import CaseXML
import Foundation

/// `casefile check` and `casefile rules`: the National File Standard rule pack (ISO
/// Schematron) run over case documents, and any Schematron file run over any XML files.
package enum RulesCommands {
  /// The pack's main file, in `Templates/rules/` or in a force's `--rules` directory.
  package static let packFileName = "national-file-standard.sch"
  /// The workflow stages a case is checked at: the phases of the pack.
  package static let stages = ["pre-charge", "first-hearing", "trial"]
  /// The stage `casefile check` uses when none is given.
  package static let defaultStage = "first-hearing"
  /// The ids of the pack's info reports that name the file type (pre-charge, GAP, NGAP,
  /// Crown Court); each message starts `File type T:` and goes on with the reasoning.
  package static let fileTypeRules = [
    "NFS-TYPE-001", "NFS-TYPE-002", "NFS-TYPE-003", "NFS-TYPE-004",
  ]
  /// The folder beside the pack holding each rule's fixtures, one folder per rule id.
  package static let fixturesFolder = "tests"

  /// The pack's main file: `DIR/national-file-standard.sch` for `--rules DIR`, else
  /// `rules/national-file-standard.sch` in the Templates directory.
  ///
  /// - Throws: ``KitError/usage(_:)`` when the file is not there.
  package static func packFile(rulesDirectory: String?, templatesDirectory: String?) throws
    -> String
  {
    if let rulesDirectory {
      let file = URL(fileURLWithPath: rulesDirectory).appendingPathComponent(packFileName)
      guard FileManager.default.fileExists(atPath: file.path) else {
        throw KitError.usage("--rules \(rulesDirectory): no \(packFileName) there")
      }
      return file.path
    }
    let templates = try ResourceLocator.templatesDirectory(explicit: templatesDirectory)
    let file = templates.appendingPathComponent("rules").appendingPathComponent(packFileName)
    guard FileManager.default.fileExists(atPath: file.path) else {
      throw KitError.usage(
        "\(templates.path): no rules/\(packFileName) there; give --rules DIR")
    }
    return file.path
  }

  /// Checks that `stage` is one of ``stages``.
  ///
  /// - Throws: ``KitError/usage(_:)`` naming the stages.
  package static func requireStage(_ stage: String) throws {
    guard stages.contains(stage) else {
      throw KitError.usage(
        "unknown stage \"\(stage)\"; the stages are \(stages.joined(separator: ", "))")
    }
  }

  /// Checks one case at `stage`: builds its case document in memory exactly as `casefile
  /// export` does (validated against its schema), runs the pack's phase of that stage on it
  /// and records the check in the audit log.
  ///
  /// - Throws: ``KitError`` (usage for an unknown stage or a missing pack, bad input for an
  ///   unknown case), ``RulesError`` when the pack cannot be compiled or run,
  ///   ``StoreError`` when the store cannot be read.
  package static func check(
    _ context: CaseFileContext, urn: String, stage: String = defaultStage,
    rulesDirectory: String?, templatesDirectory: String? = nil, asOf: ISODate? = nil,
    reason: String? = nil
  ) throws -> RulesOutcome {
    try requireStage(stage)
    let pack = try Pack(rulesDirectory: rulesDirectory, templatesDirectory: templatesDirectory)
    let checker = try CaseChecker(
      context, pack: pack, stage: stage, asOf: asOf, templatesDirectory: templatesDirectory)
    let store = try context.openStore()
    let record = try StoreCommands.load(store, urn: urn)
    let document = try checker.check(record, store: store, reason: reason)
    return RulesOutcome(
      schematron: pack.schema.file, phase: stage, documents: [document],
      namespaces: pack.namespaces)
  }

  /// Checks every case in the store at `stage`, in URN order, the pack compiled once; each
  /// check is audited. Stops at the first case whose document cannot be built.
  package static func checkAll(
    _ context: CaseFileContext, stage: String = defaultStage, rulesDirectory: String?,
    templatesDirectory: String? = nil, asOf: ISODate? = nil, reason: String? = nil,
    progress: (Int, Int) -> Void = { _, _ in }
  ) throws -> RulesOutcome {
    try requireStage(stage)
    let pack = try Pack(rulesDirectory: rulesDirectory, templatesDirectory: templatesDirectory)
    let checker = try CaseChecker(
      context, pack: pack, stage: stage, asOf: asOf, templatesDirectory: templatesDirectory)
    let store = try context.openStore()
    let summaries = try store.caseSummaries()
    var documents: [CheckedDocument] = []
    for (index, summary) in summaries.enumerated() {
      let record = try StoreCommands.load(store, urn: summary.urn)
      documents.append(try checker.check(record, store: store, reason: reason))
      progress(index + 1, summaries.count)
    }
    return RulesOutcome(
      schematron: pack.schema.file, phase: stage, documents: documents,
      namespaces: pack.namespaces)
  }

  /// Runs any Schematron file on any XML files: the schema compiled once, each document
  /// parsed with CaseXML's safe parser (no DOCTYPE, no network) and checked at `phase`
  /// (nil: the schema's default phase, else `#ALL`).
  ///
  /// - Throws: ``RulesError`` when the schema cannot be read or compiled or the phase is
  ///   unknown; ``KitError/badInput(_:)`` naming every document that cannot be read or is not
  ///   well-formed (file and line), after trying them all.
  package static func run(
    schematron: String, documents: [String], phase: String?,
    each: ((CheckedDocument) throws -> Void)? = nil
  ) throws -> RulesOutcome {
    let pack = try Pack(file: schematron)
    _ = try pack.schema.phaseName(phase)
    let pool = SchematronPool(first: pack.schema)
    // Documents are parsed and checked two at a time, each worker with its own compiled copy
    // of the schema (compiled XPath is not shared between threads); results keep their order.
    let results = OrderedPrefetch(count: documents.count, lookahead: 4) {
      index -> Result<RuleReport, XMLError> in
      let tree: XMLTree
      do {
        tree = try XMLTree.parse(file: documents[index])
      } catch let error as XMLError {
        return .failure(error)
      }
      var report = try pool.with { schema in
        try schema.run(tree, phase: phase, document: documents[index])
      }
      // Only SVRL shows fired rules, and it takes one document: keep memory flat for many.
      if documents.count > 1 { report.firedRules = [] }
      return .success(report)
    }
    var checked: [CheckedDocument] = []
    var unreadable: [String] = []
    var phaseRun = phase ?? pack.schema.defaultPhase ?? "#ALL"
    while let next = results.next() {
      switch try next.get() {
      case .failure(let error): unreadable.append(error.description)
      case .success(let report):
        phaseRun = report.phase
        let document = CheckedDocument(report: report, rulesRun: pack.ruleIDs(phase: report.phase))
        // With `each`, every document goes to the caller as soon as it is checked, in order,
        // and is not kept: memory stays flat however many documents there are.
        if let each { try each(document) } else { checked.append(document) }
      }
    }
    guard unreadable.isEmpty else {
      throw KitError.badInput(unreadable.joined(separator: "\n"))
    }
    return RulesOutcome(
      schematron: pack.schema.file, phase: phaseRun, documents: checked,
      namespaces: pack.namespaces)
  }

  /// The schema file and the phase `rules run` reports for `phase` (a streamed header).
  package static func phaseName(schematron: String, phase: String?) throws
    -> (file: String, phase: String)
  {
    let schema = try Schematron(contentsOf: schematron)
    return (schema.file, try schema.phaseName(phase))
  }

  /// Every assert and report of the pack, in schema order.
  package static func list(rulesDirectory: String?, templatesDirectory: String? = nil) throws
    -> RuleCatalog
  {
    let pack = try Pack(rulesDirectory: rulesDirectory, templatesDirectory: templatesDirectory)
    return RuleCatalog(
      schematron: pack.schema.file, title: pack.schema.title,
      phases: pack.schema.phases.map(\.id), rules: pack.schema.rules.map(RuleCatalog.Rule.init))
  }

  /// One rule of the pack explained: its message, rationale, citation, severity and phases,
  /// and each of its fixtures (`tests/RULE-ID/*.xml` beside the pack) with what the rule
  /// says about it.
  ///
  /// - Throws: ``KitError/notFound(_:)`` when no assert or report has that id.
  package static func explain(
    _ id: String, rulesDirectory: String?, templatesDirectory: String? = nil
  ) throws -> RuleExplanation {
    let pack = try Pack(rulesDirectory: rulesDirectory, templatesDirectory: templatesDirectory)
    let rules = pack.schema.rules.filter { $0.id == id }
    guard !rules.isEmpty else {
      throw KitError.notFound(
        "no rule \(id) in \(pack.schema.file); `casefile rules list` shows the rules")
    }
    let folder = URL(fileURLWithPath: pack.schema.file).deletingLastPathComponent()
      .appendingPathComponent(fixturesFolder).appendingPathComponent(id)
    let names =
      ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".xml") }.sorted()
    let fixtures = names.map { name in
      let path = folder.appendingPathComponent(name).path
      do {
        let tree = try XMLTree.parse(file: path)
        let report = try pack.schema.run(tree, phase: "#ALL", document: path)
        return RuleExplanation.Fixture(
          file: path, findings: report.findings.filter { $0.rule == id }, problem: nil)
      } catch {
        let message = ExitStatus.message(for: error)
        return RuleExplanation.Fixture(
          file: path, findings: [],
          problem: message.split(separator: "\n").first.map(String.init) ?? message)
      }
    }
    return RuleExplanation(
      schematron: pack.schema.file, rules: rules.map(RuleCatalog.Rule.init), fixtures: fixtures)
  }
}

/// The result of running rules on one or more documents: what every renderer needs.
package struct RulesOutcome: Sendable {
  /// The Schematron file run (absolute).
  package var schematron: String
  /// The stage or phase run.
  package var phase: String
  /// Each document's report, in order.
  package var documents: [CheckedDocument]
  /// The namespaces the schema declared (for SVRL).
  package var namespaces: [SVRLReport.Namespace]

  /// The number of error findings across every document.
  package var errors: Int { documents.map(\.errors).reduce(0, +) }
}

/// A compiled Schematron schema and what the reports need from it.
struct Pack {
  let schema: Schematron
  let namespaces: [SVRLReport.Namespace]

  init(file: String) throws {
    schema = try Schematron(contentsOf: file)
    namespaces = schema.namespaces.sorted { $0.key < $1.key }
      .map { SVRLReport.Namespace(prefix: $0.key, uri: $0.value) }
  }

  init(rulesDirectory: String?, templatesDirectory: String?) throws {
    try self.init(
      file: RulesCommands.packFile(
        rulesDirectory: rulesDirectory, templatesDirectory: templatesDirectory))
  }

  /// The ids of the asserts and reports `phase` runs, in schema order.
  func ruleIDs(phase: String) -> [String] {
    schema.rules.filter { phase == "#ALL" || $0.phases.contains(phase) }.compactMap(\.id)
  }
}

/// What checking cases needs, loaded once: the pack and the case document exporter.
private struct CaseChecker {
  let pack: Pack
  let stage: String
  let exporter: CaseDocumentExporter
  let rulesRun: [String]

  init(
    _ context: CaseFileContext, pack: Pack, stage: String, asOf: ISODate?,
    templatesDirectory: String?
  ) throws {
    self.pack = pack
    self.stage = stage
    exporter = try CaseDocumentExporter(
      context, asOf: asOf ?? CaseDocumentCommands.todayUTC(),
      templatesDirectory: templatesDirectory)
    rulesRun = pack.ruleIDs(phase: stage)
  }

  /// Builds the case document, runs the stage's phase on it and audits the check.
  func check(_ record: CaseRecord, store: any CaseStoring, reason: String?) throws
    -> CheckedDocument
  {
    let bytes = try exporter.document(for: record)
    let tree = try XMLTree.parse(bytes: bytes, name: "case \(record.urn)")
    let report = try pack.schema.run(tree, phase: stage, document: record.urn)
    let document = CheckedDocument(
      report: report, caseURN: record.urn,
      fileType: CheckedDocument.fileType(in: report, rules: RulesCommands.fileTypeRules),
      rulesRun: rulesRun)
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: exporter.user, action: "check", urn: record.urn,
        detail:
          "stage=\(stage) errors=\(document.errors) warnings=\(document.warnings) "
          + "asOf=\(exporter.asOf) rules=\(URL(fileURLWithPath: pack.schema.file).lastPathComponent)",
        reason: reason))
    return document
  }
}
