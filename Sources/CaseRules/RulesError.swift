/// Why a Schematron schema could not be loaded or run: the module's one error type.
///
/// Findings are values (``Finding``); this is for "no answer": the schema cannot be read or
/// compiled, a phase does not exist, an XPath fails while being evaluated.
package struct RulesError: Error, Equatable, Sendable, CustomStringConvertible {
  package enum Code: String, Sendable {
    /// A schema file cannot be read.
    case unreadable
    /// A schema file is not well-formed XML.
    case malformed
    /// The schema breaks a Schematron rule (unknown element, missing attribute, shadowed
    /// `let`, unknown `extends` target, unsupported query binding, …).
    case invalidSchema
    /// An XPath expression in the schema does not compile.
    case xpathSyntax
    /// An XPath expression failed while a document was checked.
    case xpathEvaluation
    /// The phase asked for is not in the schema.
    case unknownPhase
    /// `sch:include` files include each other.
    case includeLoop
  }

  package let code: Code
  /// What is wrong, starting with `file:line:` when there is one.
  package let message: String
  package let file: String?
  package let line: Int?

  package init(_ code: Code, _ message: String, file: String? = nil, line: Int? = nil) {
    self.code = code
    self.file = file
    self.line = line
    if let file {
      self.message = "\(file):\(line.map(String.init) ?? "0"): \(message)"
    } else {
      self.message = message
    }
  }

  package var description: String { message }
}
