import CaseJSON

extension DCFMappingBuilder {
  /// The record model's name for a DCF `PersonName`, `OfficerName` or `OrganisationName`.
  static func name(_ object: JSONObject) -> (name: PersonName, isOrganisation: Bool) {
    if let organisation = object.dcfString("organisation_name") {
      return (PersonName(given: [], family: organisation), true)
    }
    return (
      PersonName(given: object.dcfStrings("given_name"), family: object.dcfString("surname") ?? ""),
      false
    )
  }

  /// The key that identifies one officer: collar number and surname.
  static func officerKey(_ officer: JSONObject) -> String {
    (officer.dcfString("collar_number") ?? "") + "|"
      + (officer.dcfString("surname") ?? "").lowercased()
  }

  /// The key that matches a victim's name to the names an offence lists.
  static func victimKey(_ name: JSONObject) -> String {
    if let organisation = name.dcfString("organisation_name") {
      return "org|" + organisation.lowercased()
    }
    return "person|" + (name.dcfString("surname") ?? "").lowercased() + "|"
      + name.dcfStrings("given_name").map { $0.lowercased() }.joined(separator: " ")
  }

  /// The next id with `prefix` after `count` records.
  static func id(_ prefix: String, _ count: Int) -> String { "\(prefix)\(count + 1)" }

  /// The date part of an ISO date or date-time member, as `YYYY-MM-DD`.
  static func date(_ object: JSONObject, _ key: String) -> String? {
    object.dcfString(key).flatMap(DCFDate.parse)?.description
  }

  /// A DCF date-time member in the record model's form (`YYYY-MM-DDThh:mm…`).
  ///
  /// A zone written `±hhmm` gains its colon; a date without a time becomes midnight, with a
  /// note naming the member. Returns `nil` when the member is absent or not a date.
  mutating func dateTime(_ object: JSONObject, _ key: String) -> String? {
    guard let text = object.dcfString(key), let date = DCFDate.parse(text) else { return nil }
    if ISODateTime(text) != nil { return text }
    if text.utf8.count == 10 {
      notes.append("\(key): a date without a time was recorded as 00:00 on that date")
      return date.description + "T00:00"
    }
    var fixed = text
    if let sign = fixed.lastIndex(where: { $0 == "+" || $0 == "-" }),
      fixed.distance(from: sign, to: fixed.endIndex) == 5
    {
      fixed.insert(":", at: fixed.index(sign, offsetBy: 3))
    }
    return ISODateTime(fixed) != nil ? fixed : date.description + "T00:00"
  }

  /// Adds every defendant as a person; returns their ids in order.
  mutating func addDefendants() throws(InputError) -> [String] {
    var ids: [String] = []
    for (index, defendant) in theCase.dcfObjects("defendants") {
      guard let nameObject = defendant.dcfObject("name") else {
        throw failure(
          casePath.appending(key: "defendants").appending(index: index).appending(key: "name"),
          "the defendant has no name")
      }
      let id = Self.id("P", people.count)
      people.append(
        Person(
          id: id, roles: [.defendant], name: Self.name(nameObject).name,
          dateOfBirth: Self.date(defendant, "date_of_birth"),
          occupation: defendant.dcfString("occupation")))
      ids.append(id)
    }
    return ids
  }

  /// Adds every witness and victim as a person and a witness record.
  mutating func addWitnesses(officerInCase: String?) throws(InputError) {
    for (index, entry) in theCase.dcfObjects("witnesses") {
      let path = casePath.appending(key: "witnesses").appending(index: index)
      let type = entry.dcfString("type") ?? "StatementWitness"
      let isVictim = type == "PersonVictim" || type == "OrganisationVictim"
      let details =
        isVictim ? entry.dcfObject("victim")?.dcfObject("witness") : entry.dcfObject("witness")
      guard let nameObject = entry.dcfObject("name") else {
        throw failure(path.appending(key: "name"), "the witness has no name")
      }
      let (name, isOrganisation) = Self.name(nameObject)
      let policeTypes: Set<String> = ["police", "arresting_officer", "interviewing_officer"]
      let types = Set(
        entry.dcfStrings("witness_type")
          + (entry.dcfObject("victim")?.dcfStrings("witness_type") ?? []))
      let isOfficer =
        nameObject.dcfString("type") == "OfficerName" || !types.isDisjoint(with: policeTypes)
      let kind: WitnessKind
      let role: PersonRole
      switch type {
      case "PersonVictim", "OrganisationVictim": (kind, role) = (.victim, .victim)
      case "ExpertWitness": (kind, role) = (.expert, .expertWitness)
      default:
        if isOfficer, officerInCase == Self.officerKey(nameObject) {
          (kind, role) = (.officerInCase, .officerInCase)
        } else {
          (kind, role) = isOfficer ? (.police, .policeWitness) : (.civilian, .civilianWitness)
        }
      }
      let personID = addPerson(
        name: name, isOrganisation: isOrganisation, role: role,
        officer: nameObject.dcfString("type") == "OfficerName" ? nameObject : nil,
        dateOfBirth: Self.date(entry, "date_of_birth"))
      if isVictim { victims.append((Self.victimKey(nameObject), personID)) }
      witnesses.append(
        Witness(
          id: Self.id("W", witnesses.count), person: personID, kind: kind,
          key: isVictim || type == "StatementWitness",
          specialMeasures: details?.dcfBool("special_measures") == true ? ["requested"] : [],
          interpreter: interpreter(details)))
    }
  }

  private func interpreter(_ details: JSONObject?) -> String? {
    guard let details, details.dcfBool("interpreter_required") == true else { return nil }
    return details.dcfString("interpreter_language_or_dialect") ?? "unspecified"
  }

  /// Adds a person, or a role to an officer already added; returns the person's id.
  mutating func addPerson(
    name: PersonName, isOrganisation: Bool, role: PersonRole, officer: JSONObject?,
    dateOfBirth: String? = nil
  ) -> String {
    if let officer, let existing = officers[Self.officerKey(officer)],
      let position = people.firstIndex(where: { $0.id == existing })
    {
      if !people[position].roles.contains(role) { people[position].roles.append(role) }
      return existing
    }
    let id = Self.id("P", people.count)
    people.append(
      Person(
        id: id, roles: [role], name: name, isOrganisation: isOrganisation,
        dateOfBirth: dateOfBirth, rank: officer?.dcfString("rank"),
        collarNumber: officer?.dcfString("collar_number")))
    if let officer { officers[Self.officerKey(officer)] = id }
    return id
  }

  /// Adds the officer in `object` with `role`; returns the id, or `nil` when there is none.
  mutating func addOfficer(_ object: JSONObject?, role: PersonRole, member: String)
    throws(InputError)
    -> String?
  {
    guard let object else {
      if role == .officerInCase {
        throw failure(casePath.appending(key: member), "\(member) is missing")
      }
      return nil
    }
    return addPerson(
      name: Self.name(object).name, isOrganisation: false, role: role, officer: object)
  }
}
