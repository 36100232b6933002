import CaseStore

/// `casefile erase`: a case removed for good, with a tombstone in the audit log.
package enum EraseCommands {
  /// Erases the case (see ``SQLiteCaseStore/eraseCase(urn:user:reason:)``). When users are
  /// registered, only a supervisor may erase.
  ///
  /// - Returns: A line for people: what was erased, counts only.
  package static func erase(_ context: CaseFileContext, urn: String, reason: String) throws
    -> String
  {
    guard URN(urn) != nil else {
      throw KitError.usage("\(urn) is not a valid URN (for example 01AB1234526)")
    }
    let store = try context.openStore()
    try UsersCommands.require("supervisor", for: "erase", urn: urn, context: context, store: store)
    let summary = try store.eraseCase(urn: urn, user: context.user, reason: reason)
    return "erased \(urn): \(summary.records) records, \(summary.mediaRemoved) media files "
      + "removed; tombstone in the audit log"
  }

  /// The name an erased person keeps, so that the case still holds together.
  package static let erasedName = PersonName(given: [], family: "[erased]")

  /// Erases one person's personal data from a case for good: every personal-data field of
  /// the person (``PersonalData/fields``: name and aliases, date of birth, gender, address,
  /// telephone, email, occupation) and of their witness record (dates to avoid, special
  /// measures). The name becomes ``erasedName``; the person's id and roles, their
  /// statements, exhibits and the rest of the case stay (statements are evidence: erase the
  /// case to remove them). The case is saved as an edit is, with an `erase-person` audit
  /// entry naming the person by id, then the search index is merged and the database
  /// vacuumed so the old values are gone from the files. Only a supervisor may erase when
  /// users are registered.
  ///
  /// - Throws: ``KitError/usage(_:)`` for a defendant (the case is about them: erase the
  ///   case); ``KitError/notFound(_:)`` for an unknown person; ``KitError/badInput(_:)``
  ///   when the person is already erased.
  package static func erasePerson(
    _ context: CaseFileContext, urn: String, person id: String, reason: String
  ) throws -> String {
    guard URN(urn) != nil else {
      throw KitError.usage("\(urn) is not a valid URN (for example 01AB1234526)")
    }
    let editor = try CaseEditor(context)
    try UsersCommands.require(
      "supervisor", for: "erase", urn: urn, context: context, store: editor.store)
    let fields = try editor.edit(
      urn, action: "erase-person", reason: reason, subject: "person=\(id)"
    ) { record in
      try erase(person: id, in: &record)
    }
    try editor.store.purgeOverwrittenData()
    return "erased person \(id) of \(urn): \(fields) personal data fields; "
      + "tombstone in the audit log"
  }

  /// Clears the person's personal data in the record; returns how many fields held some.
  static func erase(person id: String, in record: inout CaseRecord) throws -> Int {
    guard let index = record.people.firstIndex(where: { $0.id == id }) else {
      throw KitError.notFound("case \(record.urn) has no person \(id)")
    }
    let person = record.people[index]
    guard !person.roles.contains(.defendant) else {
      throw KitError.usage(
        "\(id) is a defendant in case \(record.urn): the case is about them, so erase the "
          + "whole case instead (casefile erase \(record.urn) --reason ...)")
    }
    let held: [Bool] = [
      person.name != erasedName, !person.aliases.isEmpty, person.dateOfBirth != nil,
      person.gender != nil, person.address != nil, person.phone != nil, person.email != nil,
      person.occupation != nil,
    ]
    var count = held.filter { $0 }.count
    record.people[index] = Person(
      id: person.id, roles: person.roles, name: erasedName, isOrganisation: person.isOrganisation,
      rank: person.rank, collarNumber: person.collarNumber)
    for witness in record.witnesses.indices where record.witnesses[witness].person == id {
      count += record.witnesses[witness].specialMeasures.isEmpty ? 0 : 1
      count += record.witnesses[witness].datesToAvoid.isEmpty ? 0 : 1
      record.witnesses[witness].specialMeasures = []
      record.witnesses[witness].datesToAvoid = []
    }
    guard count > 0 else {
      throw KitError.badInput("person \(id) of case \(record.urn) is already erased")
    }
    return count
  }
}
