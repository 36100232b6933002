import CaseXML
import Foundation

/// An ISO Schematron schema (ISO/IEC 19757-3, XPath 1.0 query binding), compiled once and run
/// on any number of documents.
///
/// Supported: `schema`, `ns`, `title`, `p`, `phase`/`active` (`defaultPhase`, `#ALL`),
/// `pattern` (including abstract patterns with `is-a` and `param`), `rule` with `context`
/// (the first rule of a pattern whose context matches a node wins), `assert`, `report`,
/// `let` at schema, phase, pattern and rule level, `value-of`, `name`, `emph`/`dir`/`span`,
/// `diagnostics`/`diagnostic`, local `include`, abstract rules with `extends`, and `@role`
/// (error, warning, info), `@id`, `@see` on asserts and reports (falling back to the
/// rule's). Expressions are evaluated with CaseXML's XPath layer on libxml2, never with
/// libxml2's own Schematron module. A compiled schema is immutable; each run makes its own
/// XPath context, so runs on different threads do not share state (compiled expressions
/// cache function lookups, so give each thread its own `Schematron`).
package final class Schematron {
  package let file: String
  package let title: String?
  package let defaultPhase: String?
  package let phases: [PhaseInfo]
  package let rules: [RuleInfo]
  /// Every file read (the main one and those it includes).
  package let files: [String]

  /// The `sch:ns` declarations: prefix to namespace URI.
  package let namespaces: [String: String]
  let lets: [CompiledLet]
  let patterns: [CompiledPattern]
  let compiledPhases: [CompiledPhase]
  let diagnostics: [String: [MessagePart]]
  let location: NodeLocation

  /// Reads, expands and compiles the schema at `path`.
  package init(contentsOf path: String) throws(RulesError) {
    let absolute = SchematronSource.resolve(path, against: Self.currentDirectoryFile)
    var compiler = SchematronCompiler()
    try compiler.compile(absolute)
    file = absolute
    title = compiler.title
    defaultPhase = compiler.defaultPhase
    files = compiler.files
    namespaces = compiler.namespaces
    lets = compiler.lets
    patterns = compiler.patterns
    compiledPhases = compiler.phases
    diagnostics = compiler.diagnostics
    location = NodeLocation(namespaces: compiler.namespaces)
    phases = compiler.phases.map { PhaseInfo(id: $0.id, patterns: $0.active) }
    rules = Self.ruleInfos(patterns: compiler.patterns, phases: compiler.phases)
  }

  /// A file name in the current directory, for resolving a relative path against it.
  private static var currentDirectoryFile: String {
    FileManager.default.currentDirectoryPath + "/."
  }

  /// One entry per assert or report as written: an abstract rule's checks, copied into
  /// every rule that extends it, are listed once with the contexts (and phases) of all.
  private static func ruleInfos(patterns: [CompiledPattern], phases: [CompiledPhase])
    -> [RuleInfo]
  {
    var infos: [RuleInfo] = []
    var index: [SourceLocation: Int] = [:]
    for pattern in patterns {
      let inPhases = phases.filter { phase in pattern.id.map(phase.active.contains) ?? false }
        .map(\.id)
      for rule in pattern.rules {
        for check in rule.checks {
          if let seen = index[check.source] {
            infos[seen] = infos[seen].merging(context: rule.context, phases: inPhases)
            continue
          }
          index[check.source] = infos.count
          infos.append(
            RuleInfo(
              id: check.id, severity: check.severity, kind: check.kind, test: check.test.source,
              message: check.template, see: check.see, pattern: pattern.id,
              patternTitle: pattern.title, rationale: pattern.rationale, context: rule.context,
              phases: inPhases, file: check.source.file, line: check.source.line))
        }
      }
    }
    return infos
  }

  /// The patterns `phase` makes active: a named phase's, or all of them for `#ALL` (and for
  /// nil or `#DEFAULT` when the schema names no default phase).
  func activePatterns(_ phase: String?) throws(RulesError) -> (String, [CompiledPattern]) {
    let chosen = phase ?? defaultPhase ?? "#ALL"
    if chosen == "#ALL" { return ("#ALL", patterns) }
    if chosen == "#DEFAULT" { return try activePatterns(defaultPhase ?? "#ALL") }
    guard let found = compiledPhases.first(where: { $0.id == chosen }) else {
      let known = (compiledPhases.map(\.id) + ["#ALL"]).joined(separator: ", ")
      throw RulesError(
        .unknownPhase, "\(file): there is no phase \"\(chosen)\"; the phases are \(known)")
    }
    return (chosen, patterns.filter { pattern in pattern.id.map(found.active.contains) ?? false })
  }

  /// The phase a run with `phase` uses: the phase itself, the default phase, or `#ALL`.
  ///
  /// - Throws: ``RulesError/Code/unknownPhase`` when the schema has no such phase.
  package func phaseName(_ phase: String?) throws(RulesError) -> String {
    try activePatterns(phase).0
  }

  func phaseLets(_ phase: String) -> [CompiledLet] {
    compiledPhases.first { $0.id == phase }?.lets ?? []
  }
}
