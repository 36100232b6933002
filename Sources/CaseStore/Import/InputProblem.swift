/// One problem found in an input file: where it is and what is wrong.
///
/// Problems are values: a validator returns every problem it finds, and the importer turns
/// a non-empty list into an `InputError`. Messages name fields and rules, never the values
/// found in the file, because the files hold personal data.
package struct InputProblem: Equatable, Sendable, Codable {
  /// The JSON path of the offending value, such as `$.cases[0].people[2].dateOfBirth`.
  package var path: String
  /// A short machine-readable name: a JSON Schema keyword (`required`), a DCF business
  /// rule name (`pnc_convictions`), or a casefile check (`dangling-reference`).
  package var rule: String
  /// What is wrong and what to do, without personal data.
  package var message: String
  /// 1-based line in the file, when known.
  package var line: Int?
  /// 1-based column in the file, when known.
  package var column: Int?

  package init(path: String, rule: String, message: String, line: Int? = nil, column: Int? = nil) {
    self.path = path
    self.rule = rule
    self.message = message
    self.line = line
    self.column = column
  }
}

/// A file could not be accepted: it is unreadable, malformed or invalid.
///
/// Carries the file name and every problem found; the CLI prints one line per problem and
/// exits 65 (bad input data) or 74 (the file could not be read).
package struct InputError: Error, Equatable, Sendable {
  package enum Code: String, Sendable, Codable {
    /// The file could not be read (missing, a directory, permission denied).
    case unreadable
    /// The bytes are not well-formed JSON (or not UTF-8).
    case malformed
    /// Well-formed, but breaks the format's schema or rules.
    case invalid
  }

  package var code: Code
  /// The file as the user named it.
  package var file: String
  package var problems: [InputProblem]

  package init(code: Code, file: String, problems: [InputProblem]) {
    self.code = code
    self.file = file
    self.problems = problems
  }

  /// One line per problem: `file:line:col: path: message [rule]`.
  package var lines: [String] {
    problems.map { problem in
      var location = file
      if let line = problem.line {
        location += ":\(line)"
        if let column = problem.column { location += ":\(column)" }
      }
      return "\(location): \(problem.path): \(problem.message) [\(problem.rule)]"
    }
  }
}
