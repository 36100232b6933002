import CaseXML

/// `casefile schema validate`: XSD validation of any XML files, for the liaison and for CI.
package enum SchemaCommands {
  /// Compiles the schema once and validates every file against it, two at a time, the
  /// reports in the order given. Throws only when the schema itself is unusable.
  package static func validate(schema: String, catalog: String?, files: [String]) throws
    -> SchemaValidationReport
  {
    let set = try XMLSchemaSet(contentsOf: schema, catalog: catalog)
    let results = OrderedPrefetch(count: files.count, lookahead: 4) { index in
      SchemaFileReport(file: files[index], schema: set)
    }
    var reports: [SchemaFileReport] = []
    while let next = results.next() {
      if case .success(let report) = next { reports.append(report) }
    }
    return SchemaValidationReport(schema: set.mainFile, files: reports)
  }
}

/// The outcome of validating files against one schema (the `--format json` shape).
package struct SchemaValidationReport: Codable, Sendable {
  package struct Summary: Codable, Sendable {
    package var valid: Int
    package var invalid: Int
    package var unreadable: Int
  }

  package var schema: String
  package var files: [SchemaFileReport]
  package var summary: Summary

  init(schema: String, files: [SchemaFileReport]) {
    self.schema = schema
    self.files = files
    self.summary = Summary(
      valid: files.filter(\.valid).count,
      invalid: files.filter { $0.readable && !$0.valid }.count,
      unreadable: files.filter { !$0.readable }.count)
  }
}

/// One file's validation result.
package struct SchemaFileReport: Codable, Sendable {
  package struct Issue: Codable, Sendable {
    package var line: Int
    package var column: Int
    package var severity: String
    package var message: String
  }

  package var file: String
  /// `false` when the file could not be read, is not well-formed or has a DOCTYPE; its
  /// issues then say why.
  package var readable: Bool
  package var valid: Bool
  package var issues: [Issue]

  init(file: String, schema: XMLSchemaSet) {
    self.file = file
    do {
      let found = try schema.validate(file: file)
      readable = true
      issues = found.map(Self.issue)
      valid = !found.contains { $0.severity != .warning }
    } catch {
      readable = false
      valid = false
      let detail = error.issues.map(Self.issue).map { issue in
        var issue = issue
        issue.message = "not well-formed XML: " + issue.message
        return issue
      }
      issues =
        detail.isEmpty || error.code == .doctypeRefused
        ? [Issue(line: 0, column: 0, severity: "fatal", message: error.message)] : detail
    }
  }

  private static func issue(_ issue: XMLIssue) -> Issue {
    Issue(
      line: issue.line, column: issue.column, severity: issue.severity.rawValue,
      message: issue.message)
  }
}

extension Rendering {
  /// Every issue as `file:line:col: message`, then a one-line summary.
  package static func schemaText(_ report: SchemaValidationReport) -> String {
    var text = ""
    for file in report.files {
      for issue in file.issues {
        let kind = issue.severity == "warning" ? "warning: " : ""
        if issue.line == 0 && issue.message.hasPrefix(file.file) {
          text += "\(issue.message)\n"
        } else {
          text += "\(file.file):\(issue.line):\(issue.column): \(kind)\(issue.message)\n"
        }
      }
    }
    let summary = report.summary
    text +=
      "\(report.files.count) file\(report.files.count == 1 ? "" : "s") checked against "
      + "\(report.schema): \(summary.valid) valid, \(summary.invalid) invalid, "
      + "\(summary.unreadable) unreadable\n"
    return text
  }
}
