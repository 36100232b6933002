import CaseXML

/// A rule report as SVRL, the Schematron Validation Report Language of ISO/IEC 19757-3
/// Annex D, written in casefile's canonical XML form (so the same report gives the same
/// bytes).
///
/// ```xml
/// <svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl" phase="trial" title="…">
///   <svrl:ns-prefix-in-attribute-values prefix="cd" uri="urn:casefile:case-document:1"/>
///   <svrl:active-pattern document="06MC0771226" id="disclosure" name="Disclosure"/>
///   <svrl:fired-rule context="cd:caseDocument"/>
///   <svrl:failed-assert id="NFS-DISC-01" location="/cd:caseDocument[1]" role="error"
///       see="DGC6 5.2" test="cd:unused">
///     <svrl:diagnostic-reference diagnostic="why">
///       <svrl:text>…</svrl:text>
///     </svrl:diagnostic-reference>
///     <svrl:text>The file needs an SDC.</svrl:text>
///   </svrl:failed-assert>
/// </svrl:schematron-output>
/// ```
///
/// Each active pattern is followed by the rules that fired in it, each fired rule by the
/// failed asserts and successful reports it produced (matched by pattern, context and
/// location), as the Annex D grammar orders them.
package enum SVRLReport {
  /// The SVRL namespace.
  package static let namespace = "http://purl.oclc.org/dsdl/svrl"

  /// A namespace the schema declared with `sch:ns` (reported as
  /// `svrl:ns-prefix-in-attribute-values`, so locations and tests can be read).
  package struct Namespace: Sendable, Equatable {
    package var prefix: String
    package var uri: String

    package init(prefix: String, uri: String) {
      self.prefix = prefix
      self.uri = uri
    }
  }

  /// Writes `report` as an SVRL document.
  ///
  /// - Throws: ``XMLWriterError`` when a message holds a character XML cannot carry.
  package static func render(
    _ report: RuleReport, namespaces: [Namespace] = [], schemaVersion: String? = nil
  ) throws -> [UInt8] {
    var writer = CanonicalXMLWriter(namespaces: ["svrl": namespace])
    try writer.start(
      "svrl:schematron-output",
      ["title": report.title, "phase": report.phase, "schemaVersion": schemaVersion])
    for item in namespaces {
      try writer.empty(
        "svrl:ns-prefix-in-attribute-values", ["prefix": item.prefix, "uri": item.uri])
    }
    let plan = Plan(report)
    var patternIndex = 0
    var emittedPatterns = 0
    func emitPatterns(upTo end: Int) throws {
      while patternIndex < end {
        let pattern = report.activePatterns[patternIndex]
        try writer.empty(
          "svrl:active-pattern",
          ["id": pattern.id, "name": pattern.name, "document": report.document])
        patternIndex += 1
        emittedPatterns += 1
      }
    }
    for (index, fired) in report.firedRules.enumerated() {
      if let next = plan.patternOf[index] { try emitPatterns(upTo: next + 1) }
      if emittedPatterns == 0 { try emitPatterns(upTo: min(1, report.activePatterns.count)) }
      try writer.empty("svrl:fired-rule", ["id": fired.rule, "context": fired.context])
      for findingIndex in plan.findingsOf[index] {
        try write(report.findings[findingIndex], to: &writer)
      }
    }
    try emitPatterns(upTo: report.activePatterns.count)
    let unplaced = plan.unplaced.map { report.findings[$0] }
    if !unplaced.isEmpty && emittedPatterns == 0 {
      try writer.empty(
        "svrl:active-pattern", ["id": unplaced[0].pattern, "document": report.document])
    }
    var lastContext: String?
    for finding in unplaced {
      if finding.context != lastContext {
        try writer.empty("svrl:fired-rule", ["context": finding.context])
        lastContext = finding.context
      }
      try write(finding, to: &writer)
    }
    try writer.end()
    return try writer.finish()
  }

  private static func write(_ finding: Finding, to writer: inout CanonicalXMLWriter) throws {
    let name =
      finding.kind == .failedAssert ? "svrl:failed-assert" : "svrl:successful-report"
    try writer.start(
      name,
      [
        "id": finding.rule.isEmpty ? nil : finding.rule, "location": finding.location,
        "test": finding.test, "role": finding.severity.rawValue, "see": finding.see,
      ])
    for diagnostic in finding.diagnostics {
      try writer.start("svrl:diagnostic-reference", ["diagnostic": diagnostic.id])
      try writer.element("svrl:text", text: diagnostic.text)
      try writer.end()
    }
    try writer.element("svrl:text", text: finding.message)
    try writer.end()
  }

  /// Where each fired rule and finding goes: the active pattern a fired rule belongs to
  /// (when its pattern id names one) and the fired rule each finding came from.
  private struct Plan {
    /// For each fired rule, the index of its active pattern, when known.
    var patternOf: [Int?]
    /// For each fired rule, the indices of its findings, in order.
    var findingsOf: [[Int]]
    /// Findings no fired rule accounts for, in order.
    var unplaced: [Int] = []

    init(_ report: RuleReport) {
      let fired = report.firedRules
      var patternOf: [Int?] = []
      var current = 0
      for rule in fired {
        let patterns = report.activePatterns
        if let id = rule.pattern,
          let found = patterns.indices.dropFirst(current).first(where: { patterns[$0].id == id })
        {
          current = found
          patternOf.append(found)
        } else {
          patternOf.append(nil)
        }
      }
      self.patternOf = patternOf
      findingsOf = Array(repeating: [], count: fired.count)
      func matches(_ rule: RuleReport.FiredRule, _ finding: Finding) -> Bool {
        rule.pattern == finding.pattern && rule.context == finding.context
          && rule.location == finding.location
      }
      var cursor = 0
      for (index, finding) in report.findings.enumerated() {
        let ahead = fired.indices.dropFirst(cursor).first { matches(fired[$0], finding) }
        guard let target = ahead ?? fired.indices.first(where: { matches(fired[$0], finding) })
        else {
          unplaced.append(index)
          continue
        }
        cursor = target
        findingsOf[target].append(index)
      }
    }
  }
}
