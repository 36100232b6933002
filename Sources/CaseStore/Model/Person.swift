/// A person or organisation who takes part in the case, with every role they hold in it.
package struct Person: Codable, Equatable, Sendable {
  package var id: String
  package var roles: [PersonRole]
  /// The person's name; for an organisation, `family` holds the organisation's name.
  package var name: PersonName
  /// Other names the person is known by (personal data).
  package var aliases: [PersonName]
  /// `true` when this party is an organisation (a shop, a company) rather than a person.
  package var isOrganisation: Bool
  /// ISO 8601 date of birth (personal data).
  package var dateOfBirth: String?
  package var gender: String?
  /// Postal address (personal data, a contact detail).
  package var address: String?
  /// Telephone number (personal data, a contact detail).
  package var phone: String?
  /// Email address (personal data, a contact detail).
  package var email: String?
  package var occupation: String?
  /// Police rank, for officers.
  package var rank: String?
  /// Collar or warrant number, for officers.
  package var collarNumber: String?

  package init(
    id: String, roles: [PersonRole], name: PersonName, aliases: [PersonName] = [],
    isOrganisation: Bool = false, dateOfBirth: String? = nil, gender: String? = nil,
    address: String? = nil, phone: String? = nil, email: String? = nil,
    occupation: String? = nil, rank: String? = nil, collarNumber: String? = nil
  ) {
    self.id = id
    self.roles = roles
    self.name = name
    self.aliases = aliases
    self.isOrganisation = isOrganisation
    self.dateOfBirth = dateOfBirth
    self.gender = gender
    self.address = address
    self.phone = phone
    self.email = email
    self.occupation = occupation
    self.rank = rank
    self.collarNumber = collarNumber
  }
}

/// A person's name as the national formats hold it: given names in order and a family name.
package struct PersonName: Codable, Equatable, Sendable {
  package var title: String?
  package var given: [String]
  package var family: String

  package init(title: String? = nil, given: [String], family: String) {
    self.title = title
    self.given = given
    self.family = family
  }
}

/// A role a person holds in a case.
package enum PersonRole: String, Codable, CaseIterable, Sendable {
  case defendant
  case victim
  case civilianWitness = "civilian-witness"
  case expertWitness = "expert-witness"
  case policeWitness = "police-witness"
  case officerInCase = "officer-in-case"
  case disclosureOfficer = "disclosure-officer"
  case supervisor
}

extension Person {
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try c.decode(String.self, forKey: .id), roles: try c.decodeList(.roles),
      name: try c.decode(PersonName.self, forKey: .name), aliases: try c.decodeList(.aliases),
      isOrganisation: try c.decodeFlag(.isOrganisation, default: false),
      dateOfBirth: try c.decodeIfPresent(String.self, forKey: .dateOfBirth),
      gender: try c.decodeIfPresent(String.self, forKey: .gender),
      address: try c.decodeIfPresent(String.self, forKey: .address),
      phone: try c.decodeIfPresent(String.self, forKey: .phone),
      email: try c.decodeIfPresent(String.self, forKey: .email),
      occupation: try c.decodeIfPresent(String.self, forKey: .occupation),
      rank: try c.decodeIfPresent(String.self, forKey: .rank),
      collarNumber: try c.decodeIfPresent(String.self, forKey: .collarNumber))
  }
}

extension PersonName {
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      title: try c.decodeIfPresent(String.self, forKey: .title),
      given: try c.decodeList(.given), family: try c.decode(String.self, forKey: .family))
  }
}
