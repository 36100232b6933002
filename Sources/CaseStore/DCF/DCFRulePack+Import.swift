import CaseJSON

extension DCFRulePack {
  /// Whether `value` looks like a DCF: an object with `schema_version` and `case`.
  package static func recognises(_ value: JSONValue) -> Bool {
    guard let object = value.dcfObject else { return false }
    return object["schema_version"] != nil && object["case"] != nil
  }

  /// Validates a parsed DCF: schema, business rules and receiver checks.
  package func validate(_ document: JSONValue) -> DCFValidationReport {
    DCFValidator(rulePack: self).validate(document)
  }

  /// Validates a parsed DCF and maps it into a case.
  ///
  /// - Returns: the case and notes (the validator's notes, then the mapper's).
  /// - Throws: `InputError` `invalid` with every problem when the document is not valid, or
  ///   when a fact the mapper needs cannot be read.
  package func convert(_ value: JSONValue, file: String) throws(InputError) -> (
    record: CaseRecord, notes: [String]
  ) {
    let report = DCFValidator(rulePack: self).validate(value)
    if let error = report.error(file: file) { throw error }
    let mapping = try DCFMapper.mapWithNotes(value, file: file)
    return (mapping.record, report.notes + mapping.notes)
  }
}
