import CaseStore
import Foundation

/// Text and JSON renderings of command results: text for people, JSON for programs.
package enum Rendering {
  /// Encodes a value as pretty, key-sorted JSON with a final newline.
  package static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }

  /// The case list as an aligned table.
  package static func caseTable(_ cases: [CaseSummary]) -> String {
    guard !cases.isEmpty else {
      return "no cases in this store; `casefile import FILE` adds some\n"
    }
    let header = ["URN", "DEFS", "OFFS", "WITS", "STMTS", "EXHS", "UNUSED", "MEDIA", "UPDATED"]
    let rows = cases.map { summary in
      [
        summary.urn, "\(summary.defendants)", "\(summary.offences)", "\(summary.witnesses)",
        "\(summary.statements)", "\(summary.exhibits)", "\(summary.unused)", "\(summary.media)",
        summary.updatedAt,
      ]
    }
    return table([header] + rows) + "\(cases.count) case\(cases.count == 1 ? "" : "s")\n"
  }

  /// Rows padded into columns.
  static func table(_ rows: [[String]]) -> String {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { column in
      rows.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0
    }
    return rows.map { row in
      row.enumerated().map { column, cell in
        column == row.count - 1
          ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }

  /// What an import did, one line per file.
  /// Where an import's time went: `import --timings`, one line, on standard error.
  package static func timingsLine(_ outcome: ImportCommands.Outcome) -> String {
    let timings = outcome.timings
    let elapsed = seconds(outcome.elapsed)
    func share(_ part: Duration) -> String {
      let percent = elapsed > 0 ? 100 * seconds(part) / elapsed : 0
      return "\(fixed(seconds(part), 3)) s (\(fixed(percent, 1))%)"
    }
    return "timings: import \(fixed(elapsed, 3)) s; saving \(share(timings.total)); "
      + "audit log \(share(timings.audit)) for \(timings.auditEntries) entries; "
      + "search index \(share(timings.searchIndex))"
  }

  private static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }

  private static func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
  }

  package static func importLine(_ result: ImportResult) -> String {
    var line =
      "imported \(result.file) (\(result.format.rawValue)): \(result.urns.joined(separator: ", ")), "
    line += "\(result.records) records"
    if result.mediaStored > 0 { line += ", \(result.mediaStored) media stored" }
    if !result.replaced.isEmpty { line += ", replaced \(result.replaced.joined(separator: ", "))" }
    return line
  }

  /// The DCF validation result for people.
  package static func dcfText(_ reports: [DCFFileReport]) -> String {
    var out = ""
    for report in reports {
      if report.valid {
        out += "\(report.file): valid \(report.kind ?? "DCF")\n"
      } else {
        let error = InputError(
          code: report.readable ? .invalid : .malformed, file: report.file,
          problems: report.problems)
        out += error.lines.joined(separator: "\n") + "\n"
        out +=
          "\(report.file): invalid, \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")\n"
      }
      for note in report.notes { out += "\(report.file): note: \(note)\n" }
    }
    return out
  }
}
