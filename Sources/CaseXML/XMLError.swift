/// Why CaseXML could not do its job: the module's one error type.
///
/// Invalid documents are not errors (validation returns ``XMLIssue`` values); these are
/// the cases where there is no answer: the bytes cannot be read or parsed, the schema does
/// not compile, an XPath expression is malformed.
package struct XMLError: Error, Equatable, Sendable, CustomStringConvertible {
  package enum Code: String, Sendable {
    /// The file could not be opened or read.
    case unreadable
    /// The input is larger than the limit.
    case tooLarge
    /// The bytes are not well-formed XML (includes invalid UTF-8, excessive depth).
    case malformed
    /// The document has a DOCTYPE, which casefile refuses in XML it receives.
    case doctypeRefused
    /// A schema, or a document it includes or imports, cannot be loaded or compiled.
    case schemaUnusable
    /// A resource outside the allowed local files was asked for (network, unlisted path).
    case resourceRefused
    /// An XPath expression does not compile.
    case xpathSyntax
    /// An XPath expression failed while being evaluated.
    case xpathEvaluation
  }

  package let code: Code
  /// What went wrong and what to do, naming the file; never case data.
  package let message: String
  /// The file concerned, when there is one.
  package let file: String?
  /// Every issue libxml2 reported on the way.
  package let issues: [XMLIssue]

  package init(_ code: Code, _ message: String, file: String? = nil, issues: [XMLIssue] = []) {
    self.code = code
    self.message = message
    self.file = file
    self.issues = issues
  }

  package var description: String {
    var text = message
    for issue in issues.prefix(20) { text += "\n  \(issue)" }
    if issues.count > 20 { text += "\n  … \(issues.count - 20) more" }
    return text
  }
}
