/// Why a calendar fact could not be computed.
///
/// A time limit is never guessed: when the bank holiday file is malformed or does not cover
/// a year the computation needs, or a record holds a date that cannot be read, the
/// computation stops with this error. Messages name years, record ids and JSON paths, never
/// case data such as names or dates of birth.
package struct CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What kind of failure this was.
  package enum Code: String, Sendable, CaseIterable {
    /// The bank holiday file is not valid JSON or does not have the expected shape.
    case malformedCalendar
    /// A date falls in a year the bank holiday file does not cover.
    case yearNotCovered
    /// A record holds a date that is not an ISO 8601 calendar date.
    case invalidRecordDate
    /// A date computation left the years 1 to 9999.
    case dateOutOfRange
  }

  /// Where in the source an error was thrown.
  package struct SourceLocation: Sendable, Hashable {
    package var file: String
    package var line: Int

    package init(file: String, line: Int) {
      self.file = file
      self.line = line
    }
  }

  /// The kind of failure.
  package var code: Code
  /// What went wrong and what to do about it; never holds personal data.
  package var message: String
  /// Where the error was thrown.
  package var location: SourceLocation

  /// Creates an error, recording the caller's file and line.
  package init(_ code: Code, _ message: String, file: String = #fileID, line: Int = #line) {
    self.code = code
    self.message = message
    self.location = SourceLocation(file: file, line: line)
  }

  package var description: String { "\(code.rawValue): \(message)" }

  /// Two errors are equal when their code and message are; the location is left out.
  package static func == (lhs: CalendarError, rhs: CalendarError) -> Bool {
    lhs.code == rhs.code && lhs.message == rhs.message
  }
}
