/// One document's rule report with what the report formats need beside it.
///
/// The renderers in this folder are pure: they turn checked documents into text, JSON,
/// SVRL or JUnit XML and never read or write files.
package struct CheckedDocument: Sendable, Equatable {
  /// What one run of the rules produced.
  package var report: RuleReport
  /// The case URN when the document is a case document (`casefile check`); `nil` for any
  /// other document (`casefile rules run`).
  package var caseURN: String?
  /// The file type the rule pack determined (such as `NGAP`), when known.
  package var fileType: String?
  /// The ids of the asserts and reports that ran (those of the active phase), in schema
  /// order: JUnit writes a test case for each.
  package var rulesRun: [String]

  package init(
    report: RuleReport, caseURN: String? = nil, fileType: String? = nil, rulesRun: [String] = []
  ) {
    self.report = report
    self.caseURN = caseURN
    self.fileType = fileType
    self.rulesRun = rulesRun
  }

  /// The name people know the document by: its URN, else the document's file name.
  package var label: String { caseURN ?? report.document }

  /// The number of error findings.
  package var errors: Int { report.count(.error) }
  /// The number of warning findings.
  package var warnings: Int { report.count(.warning) }
  /// The number of info findings.
  package var infos: Int { report.count(.info) }

  /// The findings grouped for people: errors, then warnings, then info, each group in the
  /// order the rules produced them.
  package var findingsBySeverity: [Finding] {
    Severity.allCases.flatMap { severity in
      report.findings.filter { $0.severity == severity }
    }
  }

  /// The file type named by a report of the pack: the first finding of one of `rules`,
  /// its message up to the first colon, without a leading "File type" (`"File type NGAP:
  /// anticipated plea not guilty on O2"` gives `NGAP`); `nil` when none of them reported.
  package static func fileType(in report: RuleReport, rules: [String]) -> String? {
    guard let finding = report.findings.first(where: { rules.contains($0.rule) }) else {
      return nil
    }
    let head = finding.message.split(
      separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0]
    var type = String(head).trimmingWhitespace
    let prefix = "file type "
    if type.lowercased().hasPrefix(prefix) {
      type = String(type.dropFirst(prefix.count)).trimmingWhitespace
    }
    return type.isEmpty ? nil : type
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  var trimmingWhitespace: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }),
      let end = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[start...end])
  }
}
