import CaseJSON

/// A DCF mapped into the record model, with remarks about what did not map as written.
package struct DCFMapping: Equatable, Sendable {
  /// The case.
  package var record: CaseRecord
  /// What was adjusted or left out (a URN suffix, property not recovered, …); no personal data.
  package var notes: [String]
}

/// Maps a valid DCF 1.2.2 document (FirstHearingDCF or BobDCF) into a `CaseRecord`.
///
/// Ids are assigned in document order (`P1…` people, `O1…` offences, `C1…` custody, `W1…`
/// witnesses, `I1…` interviews, `E1…` exhibits), so the same document always maps to the
/// same records. People are defendants, then witnesses and victims, then the officer in the
/// case, the signatory (role `supervisor`) and the common-law disclosure reporting officer
/// (role `disclosure-officer`); an officer who appears more than once (same collar number and
/// surname) is one person with several roles. Validate the document first: the mapper
/// trusts the schema and throws only when a fact it needs is missing or cannot be read.
package enum DCFMapper {
  /// The case a valid DCF describes.
  package static func map(_ document: JSONValue, file: String = "") throws(InputError)
    -> CaseRecord
  {
    try mapWithNotes(document, file: file).record
  }

  /// The case a valid DCF describes, with notes on what was adjusted or left out.
  package static func mapWithNotes(_ document: JSONValue, file: String = "") throws(InputError)
    -> DCFMapping
  {
    guard let theCase = document.dcfObject?.dcfObject("case") else {
      throw DCFMappingBuilder.failure(file, "$.case", "the document has no case object")
    }
    var builder = DCFMappingBuilder(theCase: theCase, file: file)
    return try builder.build()
  }
}

/// The state of one mapping: records built so far and notes.
struct DCFMappingBuilder {
  let theCase: JSONObject
  let file: String
  let casePath = JSONPath.root.appending(key: "case")
  var notes: [String] = []
  var people: [Person] = []
  var witnesses: [Witness] = []
  var offences: [Offence] = []
  var custody: [CustodyRecord] = []
  var interviews: [Interview] = []
  var exhibits: [Exhibit] = []
  /// Person ids of officers by `collar|surname`, so that one officer is one person.
  var officers: [String: String] = [:]
  /// Person ids of victims by normalised name, for linking offences to victims.
  var victims: [(key: String, person: String)] = []

  init(theCase: JSONObject, file: String) {
    self.theCase = theCase
    self.file = file
  }

  static func failure(_ file: String, _ path: String, _ message: String) -> InputError {
    InputError(
      code: .invalid, file: file,
      problems: [InputProblem(path: path, rule: "dcf-mapping", message: message)])
  }

  func failure(_ path: JSONPath, _ message: String) -> InputError {
    Self.failure(file, path.description, message)
  }

  mutating func build() throws(InputError) -> DCFMapping {
    let urn = try normalisedURN()
    guard let documentDate = theCase.dcfString("date").flatMap(DCFDate.parse) else {
      throw failure(casePath.appending(key: "date"), "date is missing or not an ISO 8601 date")
    }
    let oic = theCase.dcfObject("officer_in_the_case")
    let defendantIDs = try addDefendants()
    try addWitnesses(officerInCase: oic.map(Self.officerKey))
    let oicID = try addOfficer(oic, role: .officerInCase, member: "officer_in_the_case")
    _ = try addOfficer(
      theCase.dcfObject("signatory_name"), role: .supervisor, member: "signatory_name")
    _ = try addOfficer(
      theCase.dcfObject("common_law_disclosure")?.dcfObject("reporting_officer"),
      role: .disclosureOfficer, member: "common_law_disclosure.reporting_officer")
    try addOffences(defendants: defendantIDs)
    addCustodyAndInterviews(defendants: defendantIDs, documentDate: documentDate)
    addExhibits(producer: oicID, officer: oic)
    let record = CaseRecord(
      urn: urn, title: title(), summary: theCase.dcfString("brief_description_of_case") ?? "",
      markers: theCase.dcfStrings("case_markers"), people: people, offences: offences,
      custody: custody, witnesses: witnesses, exhibits: exhibits, interviews: interviews)
    return DCFMapping(record: record, notes: notes)
  }

  /// The case's URN in the record model's form.
  ///
  /// The model allows an optional two-digit suffix. A one-digit DCF suffix (`-1`) becomes
  /// two digits (`-01`); the DCF's `-M` and a breach-of-bail file's letter suffix (`-AB`) have
  /// no place in the model and are dropped, with a note.
  mutating func normalisedURN() throws(InputError) -> String {
    let path = casePath.appending(key: "pti_urn")
    guard let written = theCase.dcfString("pti_urn") else {
      throw failure(path, "pti_urn is missing")
    }
    let base = String(written.prefix(11))
    let suffix = written.dropFirst(11)
    let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
    let isUpper: (Character) -> Bool = { $0.isASCII && $0.isUppercase }
    var urn = base
    if suffix.isEmpty {
      urn = base
    } else if suffix.count == 3, suffix.first == "-", suffix.dropFirst().allSatisfy(isDigit) {
      urn = base + suffix
    } else if suffix.count == 2, suffix.first == "-", suffix.dropFirst().allSatisfy(isDigit) {
      urn = base + "-0" + suffix.dropFirst()
      notes.append("pti_urn: the one-digit suffix was written with two digits")
    } else if suffix == "-M" {
      notes.append("pti_urn: the suffix -M has no place in the record model and was dropped")
    } else if suffix.count == 3, suffix.first == "-", suffix.dropFirst().allSatisfy(isUpper) {
      notes.append(
        "pti_urn: the breach-of-bail letter suffix has no place in the record model and was "
          + "dropped")
    } else {
      throw failure(path, "pti_urn is not a URN with an optional -NN, -M or -XX suffix")
    }
    guard URN(urn) != nil else {
      throw failure(path, "pti_urn is not a URN (2 digits, 2 letters, 7 digits)")
    }
    return urn
  }

  /// "R v SURNAME", every defendant's surname in document order.
  func title() -> String {
    let surnames = theCase.dcfObjects("defendants").compactMap {
      $0.object.dcfObject("name")?.dcfString("surname")?.uppercased()
    }
    switch surnames.count {
    case 0: return "R v UNKNOWN"
    case 1: return "R v \(surnames[0])"
    default:
      return "R v " + surnames.dropLast().joined(separator: ", ") + " and "
        + (surnames.last ?? "")
    }
  }
}
