/// One problem libxml2 found in a document or a schema, as a value.
///
/// Messages come from libxml2 and name elements, attributes and schema types; they can
/// quote a short value from the document, so callers must not log them where case data is
/// forbidden (a findings report for the document's owner is fine).
package struct XMLIssue: Equatable, Sendable, CustomStringConvertible {
  package enum Severity: String, Sendable {
    case warning
    case error
    case fatal
  }

  /// The file (or the name given for in-memory bytes) the issue is in.
  package var file: String
  /// 1-based line; 0 when libxml2 did not say.
  package var line: Int
  /// 1-based column; 0 when libxml2 did not say.
  package var column: Int
  package var severity: Severity
  /// libxml2's message, trimmed, without the trailing newline.
  package var message: String

  package init(file: String, line: Int, column: Int, severity: Severity, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
  }

  /// `file:line:col: message`, the form compilers and CI systems read.
  package var description: String {
    "\(file):\(line):\(column): \(severity == .warning ? "warning: " : "")\(message)"
  }
}
