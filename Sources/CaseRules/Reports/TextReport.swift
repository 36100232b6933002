/// Findings as text for people.
///
/// Each document gets a heading line (its URN or file name, the stage or phase, the file
/// type when known), one indented line per finding, errors first, then warnings, then
/// info, each as `severity rule-id location: message [see]`, and a count line. More than
/// one document ends with a total line.
///
/// ```
/// 01AB1234526 (stage first-hearing, file type NGAP)
///   error    NFS-DISC-01  /cd:caseDocument[1]/cd:unused[1]: the file needs an SDC [DGC6 5.2]
///   warning  NFS-OVER-03  /cd:caseDocument[1]/cd:statements[1]/cd:statement[4]: not key
///   1 error, 1 warning, 0 info
/// ```
package enum TextReport {
  /// Renders the checked documents, in the order given: ``block(_:)`` for each, then
  /// ``total(_:)`` when there is not exactly one.
  package static func render(_ documents: [CheckedDocument]) -> String {
    var text = ""
    var totals = RunTotals()
    for document in documents {
      text += block(document)
      totals.add(document)
    }
    return documents.count == 1 ? text : text + total(totals)
  }

  /// One document: its heading, its findings, its count line.
  package static func block(_ document: CheckedDocument) -> String {
    heading(document) + "\n" + findingLines(document.findingsBySeverity, indent: "  ") + "  "
      + counts(errors: document.errors, warnings: document.warnings, infos: document.infos)
      + "\n"
  }

  /// The total line over several documents.
  package static func total(_ totals: RunTotals) -> String {
    "\(plural(totals.documents, "document")) checked, \(totals.withErrors) with errors: "
      + counts(errors: totals.errors, warnings: totals.warnings, infos: totals.infos) + "\n"
  }

  /// The heading of one document: `URN (stage S, file type T)` or `file (phase P)`.
  static func heading(_ document: CheckedDocument) -> String {
    var details: [String] = []
    if document.caseURN != nil {
      details.append("stage \(document.report.phase)")
      details.append("file type \(document.fileType ?? "unknown")")
    } else {
      details.append("phase \(document.report.phase)")
    }
    return "\(document.label) (\(details.joined(separator: ", ")))"
  }

  /// One line per finding, the severity and rule id columns aligned.
  static func findingLines(_ findings: [Finding], indent: String) -> String {
    let ruleWidth = findings.map { ruleName($0).count }.max() ?? 0
    var text = ""
    for finding in findings {
      let severity = finding.severity.rawValue.padding(to: 7)
      let rule = ruleName(finding).padding(to: ruleWidth)
      var line = "\(indent)\(severity)  \(rule)  \(finding.location): \(finding.message)"
      if let see = finding.see, !see.isEmpty { line += " [\(see)]" }
      text += line + "\n"
    }
    return text
  }

  /// A finding's rule id, or `-` when the assert or report has none.
  static func ruleName(_ finding: Finding) -> String {
    finding.rule.isEmpty ? "-" : finding.rule
  }

  /// `2 errors, 1 warning, 0 info`.
  static func counts(errors: Int, warnings: Int, infos: Int) -> String {
    "\(plural(errors, "error")), \(plural(warnings, "warning")), \(infos) info"
  }

  /// `1 error`, `2 errors`.
  static func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }
}

extension String {
  /// The string padded with spaces to at least `width` characters.
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
