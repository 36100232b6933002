/// A failure to build, render or validate a document.
///
/// Messages name templates, lines, record ids and fields, never case data.
package struct DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong.
  package enum Code: String, Sendable {
    /// A template is missing from the library.
    case missingTemplate
    /// A form has no schema in the library.
    case missingSchema
    /// A template does not parse as Mustache.
    case templateSyntax
    /// A template rendered a document that is not well-formed XML or does not match its
    /// schema.
    case invalidOutput
    /// A record holds a character XML cannot carry.
    case invalidCharacter
    /// The file types data is malformed or inconsistent.
    case fileTypes
  }

  package let code: Code
  package let message: String
  /// The template the failure is in, when it is about a template.
  package let template: String?
  /// The template's line (from 1), when known.
  package let line: Int?

  package init(_ code: Code, _ message: String, template: String? = nil, line: Int? = nil) {
    self.code = code
    self.message = message
    self.template = template
    self.line = line
  }

  package var description: String {
    switch (template, line) {
    case (let template?, let line?): return "\(template):\(line): \(message)"
    case (let template?, nil): return "\(template): \(message)"
    default: return message
    }
  }
}
