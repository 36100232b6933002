/// How serious a finding is: Schematron's `@role` on an assert or report.
package enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
  case error
  case warning
  case info

  /// Reads a `@role` value; anything other than warning or info (or no role) is an error,
  /// as an unknown role must never silently weaken a rule.
  package init(role: String?) {
    switch role?.lowercased() {
    case "warning", "warn": self = .warning
    case "info", "information", "informational": self = .info
    default: self = .error
    }
  }

  private var rank: Int {
    switch self {
    case .error: 0
    case .warning: 1
    case .info: 2
    }
  }

  package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One result of running a Schematron rule on a document: a failed assert or a successful
/// report, with its message filled in.
package struct Finding: Codable, Equatable, Sendable {
  package enum Kind: String, Codable, Sendable {
    /// An `assert` whose test was false.
    case failedAssert = "failed-assert"
    /// A `report` whose test was true.
    case successfulReport = "successful-report"
  }

  /// The assert's or report's `@id` (the rule id users see); empty when it has none.
  package var rule: String
  package var severity: Severity
  /// The message with `value-of` and `name` filled in, whitespace normalised.
  package var message: String
  /// An XPath to the context node, such as `/cd:caseDocument[1]/cd:offences[1]/cd:offence[2]`.
  package var location: String
  /// The `@see` citation, when given.
  package var see: String?
  package var kind: Kind
  /// The test expression, as written.
  package var test: String
  /// The pattern's `@id`, when it has one.
  package var pattern: String?
  /// The rule's `@context`, as written.
  package var context: String
  /// The diagnostics the assert or report named, filled in, in the order named.
  package var diagnostics: [Diagnostic]

  /// One filled-in `diagnostic`.
  package struct Diagnostic: Codable, Equatable, Sendable {
    package var id: String
    package var text: String

    package init(id: String, text: String) {
      self.id = id
      self.text = text
    }
  }

  package init(
    rule: String, severity: Severity, message: String, location: String, see: String?,
    kind: Kind, test: String, pattern: String?, context: String, diagnostics: [Diagnostic] = []
  ) {
    self.rule = rule
    self.severity = severity
    self.message = message
    self.location = location
    self.see = see
    self.kind = kind
    self.test = test
    self.pattern = pattern
    self.context = context
    self.diagnostics = diagnostics
  }
}

/// Everything one run of a Schematron schema on one document produced: the findings and,
/// for SVRL, which patterns were active and which rules fired where.
package struct RuleReport: Sendable, Equatable {
  /// A rule that fired on a context node (SVRL `fired-rule`).
  package struct FiredRule: Sendable, Equatable {
    package var pattern: String?
    package var rule: String?
    package var context: String
    package var location: String

    package init(pattern: String?, rule: String?, context: String, location: String) {
      self.pattern = pattern
      self.rule = rule
      self.context = context
      self.location = location
    }
  }

  /// An active pattern (SVRL `active-pattern`).
  package struct ActivePattern: Sendable, Equatable {
    package var id: String?
    package var name: String?

    package init(id: String?, name: String?) {
      self.id = id
      self.name = name
    }
  }

  /// The schema's `title`, when it has one.
  package var title: String?
  /// The phase run (`#ALL` when every pattern ran).
  package var phase: String
  /// The document checked (a file name or a label such as a URN).
  package var document: String
  package var activePatterns: [ActivePattern]
  /// Each (rule, node) pair that fired, in the order they fired.
  package var firedRules: [FiredRule]
  /// Findings in the order they were produced (pattern order, then document order).
  package var findings: [Finding]

  package init(
    title: String?, phase: String, document: String, activePatterns: [ActivePattern] = [],
    firedRules: [FiredRule] = [], findings: [Finding] = []
  ) {
    self.title = title
    self.phase = phase
    self.document = document
    self.activePatterns = activePatterns
    self.firedRules = firedRules
    self.findings = findings
  }

  /// The number of findings of `severity`.
  package func count(_ severity: Severity) -> Int {
    findings.filter { $0.severity == severity }.count
  }
}
