import CaseXML

/// Findings as JUnit XML, the report format CI systems read.
///
/// One `testsuite` per document (named by its URN or file name), one `testcase` per rule
/// that ran (named by its id), in schema order, then one for each rule that reported but
/// was not listed as run. A rule with error findings gets a `failure` listing them;
/// warnings and info go to `system-out`, or warnings become failures when the caller
/// asks (`warningsFail`).
///
/// ```xml
/// <testsuites failures="1" name="casefile check" tests="2">
///   <testsuite errors="0" failures="1" name="06MC0771226" skipped="0" tests="2">
///     <testcase classname="06MC0771226" name="NFS-DISC-01">
///       <failure message="The file needs an SDC." type="error">error NFS-DISC-01 …</failure>
///     </testcase>
///     <testcase classname="06MC0771226" name="NFS-MG9-01"/>
///   </testsuite>
/// </testsuites>
/// ```
package enum JUnitReport {
  /// Writes every document as a test suite inside one `testsuites` element named `name`.
  ///
  /// - Throws: ``XMLWriterError`` when a message holds a character XML cannot carry.
  package static func render(
    _ documents: [CheckedDocument], name: String, warningsFail: Bool = false
  ) throws -> [UInt8] {
    let suites = documents.map { Suite($0, warningsFail: warningsFail) }
    var writer = CanonicalXMLWriter()
    try writer.start(
      "testsuites",
      [
        "name": name, "tests": String(suites.map(\.cases.count).reduce(0, +)),
        "failures": String(suites.map(\.failures).reduce(0, +)), "errors": "0",
      ])
    for suite in suites {
      try writer.start(
        "testsuite",
        [
          "name": suite.name, "tests": String(suite.cases.count),
          "failures": String(suite.failures), "errors": "0", "skipped": "0",
        ])
      for testCase in suite.cases {
        try writer.start("testcase", ["classname": suite.name, "name": testCase.name])
        if !testCase.failing.isEmpty {
          let first = testCase.failing[0]
          let more = testCase.failing.count > 1 ? " (and \(testCase.failing.count - 1) more)" : ""
          try writer.element(
            "failure", ["message": first.message + more, "type": first.severity.rawValue],
            text: lines(testCase.failing))
        }
        if !testCase.passing.isEmpty {
          try writer.element("system-out", text: lines(testCase.passing))
        }
        try writer.end()
      }
      try writer.end()
    }
    try writer.end()
    return try writer.finish()
  }

  /// One finding per line, as the text report writes them.
  private static func lines(_ findings: [Finding]) -> String {
    findings.map { finding in
      var line =
        "\(finding.severity.rawValue) \(TextReport.ruleName(finding)) \(finding.location): "
        + finding.message
      if let see = finding.see, !see.isEmpty { line += " [\(see)]" }
      return line
    }.joined(separator: "\n")
  }

  /// A document's test cases.
  private struct Suite {
    struct Case {
      var name: String
      var failing: [Finding] = []
      var passing: [Finding] = []
    }

    var name: String
    var cases: [Case]
    var failures: Int { cases.filter { !$0.failing.isEmpty }.count }

    init(_ document: CheckedDocument, warningsFail: Bool) {
      name = document.label
      var order: [String] = []
      var byName: [String: Case] = [:]
      func add(_ name: String) {
        guard byName[name] == nil else { return }
        order.append(name)
        byName[name] = Case(name: name)
      }
      for rule in document.rulesRun { add(rule) }
      for finding in document.report.findings {
        let name = finding.rule.isEmpty ? "\(finding.context): \(finding.test)" : finding.rule
        add(name)
        let fails = finding.severity == .error || (warningsFail && finding.severity == .warning)
        if fails {
          byName[name]?.failing.append(finding)
        } else {
          byName[name]?.passing.append(finding)
        }
      }
      cases = order.compactMap { byName[$0] }
    }
  }
}
