import CaseXML

/// Where a schema element was written, for messages.
struct SourceLocation: Sendable, Hashable {
  let file: String
  let line: Int
}

/// A piece of an assert's, report's or diagnostic's message.
enum MessagePart {
  case text(String)
  /// `sch:value-of select="…"`.
  case valueOf(XPathExpression)
  /// `sch:name` (the context node's name) or `sch:name path="…"`.
  case name(XPathExpression?)
}

/// A compiled `sch:let`.
struct CompiledLet {
  let name: String
  let value: XPathExpression
  let source: SourceLocation
}

/// A compiled `sch:assert` or `sch:report`.
struct CompiledCheck {
  let kind: Finding.Kind
  let id: String?
  let severity: Severity
  let see: String?
  let test: XPathExpression
  let message: [MessagePart]
  /// The template text for `rules explain` (`value-of` shown as `{select}`).
  let template: String
  let diagnostics: [String]
  let source: SourceLocation
}

/// A compiled `sch:rule` (an abstract rule's content is already copied into each rule that
/// extends it).
struct CompiledRule {
  let id: String?
  let context: String
  /// Every node the context pattern matches.
  let selection: XPathExpression
  let lets: [CompiledLet]
  let checks: [CompiledCheck]
  let source: SourceLocation
}

/// A compiled `sch:pattern`.
struct CompiledPattern {
  let id: String?
  let title: String?
  let rationale: [String]
  let lets: [CompiledLet]
  let rules: [CompiledRule]
  /// The union of the rules' selections, which yields matched nodes in document order.
  let selection: XPathExpression?
  let source: SourceLocation
}

/// A compiled `sch:phase`.
struct CompiledPhase {
  let id: String
  let active: [String]
  let lets: [CompiledLet]
}

/// A phase as callers see it.
package struct PhaseInfo: Sendable, Equatable {
  package let id: String
  /// The ids of the patterns the phase makes active.
  package let patterns: [String]
}

/// One assert or report as `rules list` and `rules explain` show it.
package struct RuleInfo: Sendable, Equatable {
  package let id: String?
  package let severity: Severity
  package let kind: Finding.Kind
  package let test: String
  /// The message template, with `value-of` shown as `{select}` and `name` as `{name}`.
  package let message: String
  package let see: String?
  package let pattern: String?
  package let patternTitle: String?
  /// The pattern's `sch:p` paragraphs.
  package let rationale: [String]
  package let context: String
  /// The phases whose active patterns include this rule's pattern.
  package let phases: [String]
  package let file: String
  package let line: Int
}

extension RuleInfo {
  /// The same check reached through another rule (an abstract rule extended twice).
  func merging(context other: String, phases more: [String]) -> RuleInfo {
    RuleInfo(
      id: id, severity: severity, kind: kind, test: test, message: message, see: see,
      pattern: pattern, patternTitle: patternTitle, rationale: rationale,
      context: context == other ? context : "\(context) | \(other)",
      phases: phases + more.filter { !phases.contains($0) }, file: file, line: line)
  }
}
