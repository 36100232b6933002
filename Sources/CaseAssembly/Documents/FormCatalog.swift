/// The forms casefile renders: name, title, template, schema and namespace of each.
///
/// The template of form `F` is `Templates/forms/F.xml.mustache`; its schema is
/// `Schemas/forms/f-v1.xsd` (lower case), namespace `urn:casefile:form:f:1`.
package struct FormDefinition: Hashable, Sendable {
  /// The form's name (`MG5`).
  package let name: String
  /// What the form is, as the National File Standard names it.
  package let title: String
  /// `true` for MG11: one document per statement.
  package let perStatement: Bool

  /// The schema version every form is at.
  package static let version = "1"

  /// The template file's name.
  package var templateFile: String { "\(name).xml.mustache" }
  /// The schema file's name.
  package var schemaFile: String { "\(name.lowercased())-v\(Self.version).xsd" }
  /// The schema's target namespace.
  package var namespace: String { "urn:casefile:form:\(name.lowercased()):\(Self.version)" }

  init(_ name: String, _ title: String, perStatement: Bool = false) {
    self.name = name
    self.title = title
    self.perStatement = perStatement
  }
}

/// Every form, in the order the HTML index lists them.
package enum FormCatalog {
  /// The HTML index's template file.
  package static let indexTemplate = "index.html.mustache"

  package static let forms: [FormDefinition] = [
    FormDefinition("MG3", "Report to crown prosecutor for charging decision"),
    FormDefinition("MG4", "Charge"),
    FormDefinition("MG5", "Case summary"),
    FormDefinition("MG6", "Case file information"),
    FormDefinition("MG6C", "Schedule of non-sensitive unused material"),
    FormDefinition("MG6D", "Schedule of sensitive unused material"),
    FormDefinition("MG6E", "Disclosure officer's report"),
    FormDefinition("SDC", "Streamlined disclosure certificate"),
    FormDefinition("MG7", "Remand application"),
    FormDefinition("MG8", "Breach of bail conditions"),
    FormDefinition("MG9", "Witness list"),
    FormDefinition("MG10", "Witness non-availability"),
    FormDefinition("MG11", "Witness statement", perStatement: true),
    FormDefinition("MG12", "Exhibit list"),
    FormDefinition("MG15", "Record of interview"),
    FormDefinition("MG18", "Offences taken into consideration"),
    FormDefinition("MG19", "Compensation"),
  ]

  /// The form named `name`, if casefile has it.
  package static func form(named name: String) -> FormDefinition? {
    forms.first { $0.name == name }
  }
}
