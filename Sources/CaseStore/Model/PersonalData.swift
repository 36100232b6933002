/// The fields of the record model that hold personal data, and how each may be disclosed.
///
/// This list is the single source of truth: the store records it in its
/// `data_classification` table, the records JSON Schema marks the same fields with
/// `"x-personal-data"`, and redaction for the defence and the court works from it.
package enum PersonalData {
  /// How a personal field is treated in a recipient's view.
  package enum Treatment: String, Sendable, Codable {
    /// Identifies a person (a name); shown to recipients who may see the person.
    case identifying
    /// A contact detail or date of birth: withheld from defence and court views
    /// (a defendant's own date of birth excepted).
    case contact
    /// Never leaves the building (dates a witness cannot attend, sensitive reasons).
    case restricted
  }

  /// A personal data field: the record kind (table), the field (column) and its treatment.
  package struct Field: Hashable, Sendable {
    package let record: String
    package let field: String
    package let treatment: Treatment
  }

  /// Every personal data field in the model.
  package static let fields: [Field] = [
    Field(record: "cases", field: "title", treatment: .identifying),
    Field(record: "people", field: "name", treatment: .identifying),
    Field(record: "people", field: "aliases", treatment: .identifying),
    Field(record: "people", field: "date_of_birth", treatment: .contact),
    Field(record: "people", field: "gender", treatment: .contact),
    Field(record: "people", field: "address", treatment: .contact),
    Field(record: "people", field: "phone", treatment: .contact),
    Field(record: "people", field: "email", treatment: .contact),
    Field(record: "people", field: "occupation", treatment: .contact),
    Field(record: "witnesses", field: "dates_to_avoid", treatment: .restricted),
    Field(record: "witnesses", field: "special_measures", treatment: .restricted),
    Field(record: "unused_items", field: "reason", treatment: .restricted),
    Field(record: "custody", field: "bail_conditions", treatment: .identifying),
  ]
}
