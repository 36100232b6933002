import CaseRules

/// The rules of a Schematron schema as `casefile rules list` shows them (its `--format json`
/// shape).
package struct RuleCatalog: Codable, Sendable {
  /// One assert or report.
  package struct Rule: Codable, Sendable {
    /// The assert's or report's `@id`, or `null`.
    package var id: String?
    package var severity: String
    /// `assert` or `report`.
    package var kind: String
    /// The message template (`{select}` where a `value-of` goes).
    package var message: String
    package var see: String?
    package var pattern: String?
    package var patternTitle: String?
    /// The pattern's explanatory paragraphs.
    package var rationale: [String]
    package var context: String
    package var test: String
    package var phases: [String]
    package var file: String
    package var line: Int

    init(_ info: RuleInfo) {
      id = info.id
      severity = info.severity.rawValue
      kind = info.kind == .failedAssert ? "assert" : "report"
      message = info.message
      see = info.see
      pattern = info.pattern
      patternTitle = info.patternTitle
      rationale = info.rationale
      context = info.context
      test = info.test
      phases = info.phases
      file = info.file
      line = info.line
    }
  }

  package var schematron: String
  package var title: String?
  package var phases: [String]
  package var rules: [Rule]
}

/// One rule explained by `casefile rules explain`, with its fixtures as examples.
package struct RuleExplanation: Codable, Sendable {
  /// A fixture of the rule and what the rule says about it.
  package struct Fixture: Codable, Sendable {
    package var file: String
    /// The rule's findings on the fixture (none for a passing fixture).
    package var findings: [Finding]
    /// Why the fixture could not be checked, when it could not.
    package var problem: String?
  }

  package var schematron: String
  /// Every assert or report with the id (usually one).
  package var rules: [RuleCatalog.Rule]
  package var fixtures: [Fixture]
}
