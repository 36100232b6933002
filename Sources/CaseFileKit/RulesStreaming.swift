import CaseRules

/// `casefile rules run` in text or JSON, written one document at a time.
///
/// The output is byte for byte what ``Rendering/rulesRun(_:as:warningsFail:)`` writes for
/// the same documents, but no document's findings are kept once written, so memory stays
/// flat for thousands of documents.
package enum RulesStreaming {
  /// Checks `documents` and hands each piece of the report to `write` as it is ready.
  ///
  /// - Returns: The number of error findings over every document.
  package static func run(
    schematron: String, documents: [String], phase: String?, format: RulesFormat,
    write: @escaping (String) -> Void
  ) throws -> Int {
    var totals = RunTotals()
    var header: String?
    if format == .json {
      let (file, phaseRun) = try RulesCommands.phaseName(schematron: schematron, phase: phase)
      header = JSONReport.documentsHeader(schematron: file, phase: phaseRun)
    }
    // Documents that cannot be read are named once every other document is written; the
    // report is closed first, so standard output always holds a whole report.
    var unreadable: (any Error)?
    do {
      _ = try RulesCommands.run(schematron: schematron, documents: documents, phase: phase) {
        document in
        if let pending = header {
          write(pending)
          header = nil
        }
        write(
          format == .json
            ? JSONReport.documentEntry(document, index: totals.documents)
            : TextReport.block(document))
        totals.add(document)
      }
    } catch let error as KitError where totals.documents > 0 {
      unreadable = error
    }
    switch format {
    case .json: write(JSONReport.documentsFooter(totals))
    default: if totals.documents != 1 { write(TextReport.total(totals)) }
    }
    if let unreadable { throw unreadable }
    return totals.errors
  }
}
