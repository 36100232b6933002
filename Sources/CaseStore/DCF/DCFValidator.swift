import CaseJSON
import Foundation

/// The kind of DCF a document says it is (`case.type`).
package enum DCFKind: String, Sendable, Equatable, Codable {
  /// A first-hearing file.
  case firstHearing = "FirstHearingDCF"
  /// A breach-of-bail file.
  case breachOfBail = "BobDCF"
  /// Neither (or no `case.type`).
  case unknown

  /// The kind `document` declares.
  package init(document: JSONValue) {
    let type = document.dcfObject?.dcfObject("case")?.dcfString("type")
    self = type.flatMap(DCFKind.init(rawValue:)).flatMap { $0 == .unknown ? nil : $0 } ?? .unknown
  }
}

/// What validating one DCF document found.
package struct DCFValidationReport: Equatable, Sendable {
  /// The kind the document declares.
  package var kind: DCFKind
  /// Every error: schema violations (rule = the JSON Schema keyword), business-rule breaches
  /// (rule = the rule's `RuleName`, or `NGAPOnly`) and receiver checks (`dangling-reference`,
  /// `duplicate-id`, `invalid-date`, `date-order`, `youth-parent-guardian`). Messages name
  /// fields and rules, never values from the document.
  package var problems: [InputProblem]
  /// Remarks that are not errors, such as `crown-court-file`.
  package var notes: [String]

  /// Creates a report.
  package init(kind: DCFKind, problems: [InputProblem], notes: [String]) {
    self.kind = kind
    self.problems = problems
    self.notes = notes
  }

  /// Whether the document has no problems.
  package var isValid: Bool { problems.isEmpty }

  /// The problems as an `invalid` input error for `file`, or `nil` when there are none.
  package func error(file: String) -> InputError? {
    problems.isEmpty ? nil : InputError(code: .invalid, file: file, problems: problems)
  }
}

/// Validates DCF 1.2.2 documents: schema, business rules and receiver checks.
package struct DCFValidator: Sendable {
  /// The schema and rules used.
  package let rulePack: DCFRulePack

  /// Creates a validator for `rulePack`.
  package init(rulePack: DCFRulePack) {
    self.rulePack = rulePack
  }

  /// Validates a parsed document; every check runs even when the schema fails, so one pass
  /// shows every problem.
  package func validate(_ document: JSONValue) -> DCFValidationReport {
    let kind = DCFKind(document: document)
    var problems = schemaProblems(document, kind: kind)
    let walk = DCFDocumentWalk(document: document, index: rulePack.index)
    problems += DCFBusinessRuleCheck(plan: rulePack.plan)
      .problems(in: walk)
    let receiver = DCFReceiverCheck(plan: rulePack.plan).run(on: walk)
    problems += receiver.problems
    return DCFValidationReport(kind: kind, problems: problems, notes: receiver.notes)
  }

  /// Schema violations, against the definition `case.type` names when there is one.
  ///
  /// A document that the schema accepts but whose `case` does not fit the definition its
  /// `type` names (the schema lets either definition's `type` say either kind) gets one
  /// `kind-mismatch` problem.
  private func schemaProblems(_ document: JSONValue, kind: DCFKind) -> [InputProblem] {
    let general = rulePack.schema.validate(document)
    let specific = rulePack.kindSchemas[kind]?.validate(document)
    if general.isEmpty, let specific, !specific.isEmpty {
      return [
        InputProblem(
          path: "$.case.type", rule: "kind-mismatch",
          message: "the case does not fit the definition its type names")
      ]
    }
    var violations = general
    if !general.isEmpty, let specific, !specific.isEmpty { violations = specific }
    return violations.flatMap(Self.leaves).map { violation in
      InputProblem(
        path: violation.instancePath.description, rule: violation.keyword,
        message: violation.message)
    }
  }

  /// Reads, parses and validates the file at `url`.
  ///
  /// - Throws: `InputError` `unreadable` when the file cannot be read, `malformed` when it is
  ///   not well-formed UTF-8 JSON (with the line and column). Problems in a well-formed file are
  ///   in the report, not thrown.
  package func validate(fileAt url: URL) throws(InputError) -> DCFValidationReport {
    validate(try Self.read(url))
  }

  /// Reads and parses a DCF file with the default (XML-safe) limits.
  static func read(_ url: URL) throws(InputError) -> JSONValue {
    try InputFile.parse(url)
  }

  /// A violation's most specific parts: for `oneOf`/`anyOf`, the nearest alternative's own
  /// violations, so that the path points at the offending member rather than the union.
  static func leaves(_ violation: SchemaViolation) -> [SchemaViolation] {
    violation.causes.isEmpty ? [violation] : violation.causes.flatMap(leaves)
  }
}
