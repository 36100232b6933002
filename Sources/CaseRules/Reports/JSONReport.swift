import CaseJSON

/// Findings as JSON for programs.
///
/// `casefile check URN --format json` writes the shape DESIGN.md promises outside users,
/// keys in this order:
///
/// ```json
/// {"case": URN, "fileType": T, "stage": S,
///  "findings": [{"rule", "severity", "message", "location", "see"}],
///  "summary": {"errors": n, "warnings": n}}
/// ```
///
/// `fileType` and `see` are `null` when unknown. `casefile rules run` writes one
/// `{"document", "phase", "findings", "summary"}` object per document inside
/// `{"schematron", "phase", "documents", "summary"}`; `casefile check --all` writes one
/// case object per case inside `{"stage", "cases", "summary"}`.
package enum JSONReport {
  /// The `casefile check URN` object of one case.
  package static func caseCheck(_ document: CheckedDocument) -> String {
    caseObject(document).rendered() + "\n"
  }

  /// The `casefile check --all` object: every case, then the totals.
  package static func caseChecks(_ documents: [CheckedDocument], stage: String) -> String {
    let summary = totals(documents)
    return JSONValue.object([
      ("stage", .string(stage)),
      ("cases", .array(documents.map(caseObject))),
      (
        "summary",
        .object([
          ("cases", .number(documents.count)),
          ("casesWithErrors", .number(documents.filter { $0.errors > 0 }.count)),
          ("errors", .number(summary.errors)),
          ("warnings", .number(summary.warnings)),
        ])
      ),
    ]).rendered() + "\n"
  }

  /// The `casefile rules run` object: the schema, the phase asked for, every document.
  ///
  /// The same bytes as ``documentsHeader(schematron:phase:)``, then
  /// ``documentEntry(_:index:)`` for each document, then ``documentsFooter(_:)``, which
  /// `rules run` writes one document at a time so that memory stays flat.
  package static func documents(
    _ documents: [CheckedDocument], schematron: String, phase: String
  ) -> String {
    guard !documents.isEmpty else {
      return documentsHeader(schematron: schematron, phase: phase).dropLast(2) + "[],\n"
        + documentsFooter(RunTotals()).dropFirst("\n  ],\n".count)
    }
    var text = documentsHeader(schematron: schematron, phase: phase)
    var totals = RunTotals()
    for (index, document) in documents.enumerated() {
      text += documentEntry(document, index: index)
      totals.add(document)
    }
    return text + documentsFooter(totals)
  }

  /// The start of the `rules run` object, up to the opening of its documents array.
  package static func documentsHeader(schematron: String, phase: String) -> String {
    "{\n  \"schematron\": \(JSONString.quoted(schematron)),\n  \"phase\": "
      + "\(JSONString.quoted(phase)),\n  \"documents\": [\n"
  }

  /// One document of the `rules run` array; `index` 0 is the first.
  package static func documentEntry(_ document: CheckedDocument, index: Int) -> String {
    let object = JSONValue.object([
      ("document", .string(document.report.document)),
      ("phase", .string(document.report.phase)),
      ("findings", findingsArray(document.report.findings)),
      ("summary", summaryObject(document.errors, document.warnings)),
    ])
    return (index == 0 ? "" : ",\n") + "    " + object.rendered(indent: 2)
  }

  /// The end of the `rules run` object: the array's close and the totals.
  package static func documentsFooter(_ totals: RunTotals) -> String {
    let summary = JSONValue.object([
      ("documents", .number(totals.documents)),
      ("errors", .number(totals.errors)),
      ("warnings", .number(totals.warnings)),
    ])
    return "\n  ],\n  \"summary\": " + summary.rendered(indent: 1) + "\n}\n"
  }

  private static func caseObject(_ document: CheckedDocument) -> JSONValue {
    .object([
      ("case", .string(document.label)),
      ("fileType", document.fileType.map(JSONValue.string) ?? .null),
      ("stage", .string(document.report.phase)),
      ("findings", findingsArray(document.report.findings)),
      ("summary", summaryObject(document.errors, document.warnings)),
    ])
  }

  private static func findingsArray(_ findings: [Finding]) -> JSONValue {
    .array(
      findings.map { finding in
        .object([
          ("rule", .string(finding.rule)),
          ("severity", .string(finding.severity.rawValue)),
          ("message", .string(finding.message)),
          ("location", .string(finding.location)),
          ("see", finding.see.map(JSONValue.string) ?? .null),
        ])
      })
  }

  private static func summaryObject(_ errors: Int, _ warnings: Int) -> JSONValue {
    .object([("errors", .number(errors)), ("warnings", .number(warnings))])
  }

  private static func totals(_ documents: [CheckedDocument]) -> (errors: Int, warnings: Int) {
    (documents.map(\.errors).reduce(0, +), documents.map(\.warnings).reduce(0, +))
  }
}

/// A JSON value whose objects keep their keys in the order written, printed with two-space
/// indentation.
private indirect enum JSONValue {
  case string(String)
  case number(Int)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  func rendered(indent: Int = 0) -> String {
    var out = ""
    write(into: &out, indent: indent)
    return out
  }

  /// Appends the value, its nested lines indented two spaces per level below `indent`.
  func write(into out: inout String, indent: Int) {
    switch self {
    case .string(let text): JSONString.append(text, to: &out)
    case .number(let number): out += String(number)
    case .null: out += "null"
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      out += "[\n"
      for (index, item) in items.enumerated() {
        if index > 0 { out += ",\n" }
        Self.pad(&out, indent + 1)
        item.write(into: &out, indent: indent + 1)
      }
      out += "\n"
      Self.pad(&out, indent)
      out += "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { out += ",\n" }
        Self.pad(&out, indent + 1)
        JSONString.append(key, to: &out)
        out += ": "
        value.write(into: &out, indent: indent + 1)
      }
      out += "\n"
      Self.pad(&out, indent)
      out += "}"
    }
  }

  private static func pad(_ out: inout String, _ level: Int) {
    for _ in 0..<level { out += "  " }
  }
}

/// Running totals over checked documents, for the summary lines and objects.
package struct RunTotals: Sendable, Equatable {
  package var documents = 0
  package var withErrors = 0
  package var errors = 0
  package var warnings = 0
  package var infos = 0

  package init() {}

  package mutating func add(_ document: CheckedDocument) {
    documents += 1
    withErrors += document.errors > 0 ? 1 : 0
    errors += document.errors
    warnings += document.warnings
    infos += document.infos
  }
}
