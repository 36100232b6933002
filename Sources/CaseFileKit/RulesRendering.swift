import CaseRules
import Foundation

/// The report formats of `casefile check` and `casefile rules run`.
package enum RulesFormat: String, CaseIterable, Sendable {
  /// For people: one line per finding, then counts.
  case text
  /// For programs: DESIGN.md's `check` shape.
  case json
  /// ISO Schematron's report language (one document).
  case svrl
  /// JUnit XML for CI systems.
  case junit
}

extension Rendering {
  /// The report of `casefile check URN`.
  ///
  /// `warningsFail` makes warnings fail their JUnit test case.
  package static func check(
    _ outcome: RulesOutcome, as format: RulesFormat, warningsFail: Bool = false
  ) throws -> [UInt8] {
    switch format {
    case .text: return Array(TextReport.render(outcome.documents).utf8)
    case .json:
      return Array(outcome.documents.map(JSONReport.caseCheck).joined().utf8)
    case .svrl: return try svrl(outcome)
    case .junit:
      return try JUnitReport.render(
        outcome.documents, name: "casefile check", warningsFail: warningsFail)
    }
  }

  /// The report of `casefile check --all`: a table of every case, or JSON, or JUnit.
  ///
  /// - Throws: ``KitError/usage(_:)`` for SVRL, which describes one document.
  package static func checkAll(
    _ outcome: RulesOutcome, as format: RulesFormat, warningsFail: Bool = false
  ) throws -> [UInt8] {
    switch format {
    case .text: return Array(checkTable(outcome).utf8)
    case .json: return Array(JSONReport.caseChecks(outcome.documents, stage: outcome.phase).utf8)
    case .svrl: throw KitError.usage("SVRL describes one case; give a URN, or --format json")
    case .junit:
      return try JUnitReport.render(
        outcome.documents, name: "casefile check", warningsFail: warningsFail)
    }
  }

  /// The report of `casefile rules run`.
  ///
  /// - Throws: ``KitError/usage(_:)`` for SVRL of more than one document.
  package static func rulesRun(
    _ outcome: RulesOutcome, as format: RulesFormat, warningsFail: Bool = false
  ) throws -> [UInt8] {
    switch format {
    case .text: return Array(TextReport.render(outcome.documents).utf8)
    case .json:
      return Array(
        JSONReport.documents(
          outcome.documents, schematron: outcome.schematron, phase: outcome.phase
        ).utf8)
    case .svrl:
      guard outcome.documents.count == 1 else {
        throw KitError.usage("SVRL describes one document; give one, or use --format junit")
      }
      return try svrl(outcome)
    case .junit:
      return try JUnitReport.render(
        outcome.documents, name: "casefile rules run", warningsFail: warningsFail)
    }
  }

  private static func svrl(_ outcome: RulesOutcome) throws -> [UInt8] {
    guard let document = outcome.documents.first else {
      throw KitError.usage("SVRL describes one document; none was checked")
    }
    return try SVRLReport.render(document.report, namespaces: outcome.namespaces)
  }

  /// `casefile check --all`: one row per case (URN, file type, errors, warnings), then a
  /// count line.
  package static func checkTable(_ outcome: RulesOutcome) -> String {
    guard !outcome.documents.isEmpty else {
      return "no cases in this store; `casefile import FILE` adds some\n"
    }
    let rows = outcome.documents.map { document in
      [
        document.label, document.fileType ?? "-", String(document.errors),
        String(document.warnings),
      ]
    }
    let withErrors = outcome.documents.filter { $0.errors > 0 }.count
    let count = outcome.documents.count
    return table([["URN", "FILE TYPE", "ERRORS", "WARNINGS"]] + rows)
      + "\(count) case\(count == 1 ? "" : "s") checked at stage \(outcome.phase): "
      + "\(withErrors) with errors\n"
  }

  /// `casefile rules list`: one line per rule (id, severity, phases, message), then a count.
  package static func ruleList(_ catalog: RuleCatalog) -> String {
    let rows = catalog.rules.map { rule in
      [
        rule.id ?? "-", rule.severity,
        rule.phases.isEmpty ? "-" : rule.phases.joined(separator: ","),
        rule.message,
      ]
    }
    let count = catalog.rules.count
    return table([["RULE", "SEVERITY", "PHASES", "MESSAGE"]] + rows)
      + "\(count) rule\(count == 1 ? "" : "s") in \(catalog.schematron)\n"
  }

  /// `casefile rules explain`: what the rule checks, why, where it comes from, and its
  /// fixtures with what the rule says about each.
  package static func ruleExplanation(_ explanation: RuleExplanation) -> String {
    var text = ""
    for rule in explanation.rules {
      text += "\(rule.id ?? "-") (\(rule.severity), \(rule.kind))\n"
      text += "  message:   \(rule.message)\n"
      text += "  citation:  \(rule.see ?? "none")\n"
      text +=
        "  phases:    \(rule.phases.isEmpty ? "#ALL only" : rule.phases.joined(separator: ", "))\n"
      let pattern = [rule.pattern, rule.patternTitle.map { "(\($0))" }].compactMap { $0 }
      text += "  pattern:   \(pattern.isEmpty ? "-" : pattern.joined(separator: " "))\n"
      text += "  context:   \(rule.context)\n"
      text += "  test:      \(rule.test)\n"
      text += "  defined:   \(rule.file):\(rule.line)\n"
      if !rule.rationale.isEmpty {
        text += "  rationale:\n"
        text += rule.rationale.map { wrapped($0, indent: "    ") }.joined(separator: "\n")
      }
    }
    guard !explanation.fixtures.isEmpty else {
      return text + "  examples:  none (no fixtures under \(RulesCommands.fixturesFolder)/)\n"
    }
    text += "  examples:\n"
    for fixture in explanation.fixtures {
      if let problem = fixture.problem {
        text += "    \(fixture.file): cannot be checked: \(problem)\n"
      } else if fixture.findings.isEmpty {
        text += "    \(fixture.file): passes\n"
      } else {
        for finding in fixture.findings {
          text +=
            "    \(fixture.file): \(finding.severity.rawValue) at \(finding.location): "
            + "\(finding.message)\n"
        }
      }
    }
    return text
  }

  /// `text` broken into lines of at most `width` characters (longer words stay whole), each
  /// starting with `indent`.
  static func wrapped(_ text: String, indent: String, width: Int = 92) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
      if !line.isEmpty && indent.count + line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines.map { indent + $0 + "\n" }.joined()
  }
}
