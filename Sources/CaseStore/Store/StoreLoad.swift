import GRDB

extension SQLiteCaseStore {
  /// The whole case with every record, in the order it was saved; `nil` for an unknown URN.
  package func loadCase(urn: String) throws -> CaseRecord? {
    do {
      return try database.read { db in try CaseReader(db: db).load(urn: urn) }
    } catch {
      throw StoreError.wrapping(error)
    }
  }
}

/// Reads one case back from its rows, turning row ids back into the model's record ids.
private struct CaseReader {
  let db: Database

  func load(urn: String) throws -> CaseRecord? {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT id, urn, title, summary, markers FROM cases WHERE urn = ?",
        arguments: [urn])
    else { return nil }
    let caseID: Int64 = try value(row, "id")
    var record = CaseRecord(
      urn: try value(row, "urn"), title: try value(row, "title"),
      summary: try value(row, "summary"),
      markers: try StoreColumns.decode([String].self, from: value(row, "markers")))
    var people: [Int64: String] = [:]
    record.people = try loadPeople(caseID: caseID, refs: &people)
    record.offences = try loadOffences(caseID: caseID, people: people)
    record.custody = try loadCustody(caseID: caseID, people: people)
    var witnesses: [Int64: String] = [:]
    record.witnesses = try loadWitnesses(caseID: caseID, people: people, refs: &witnesses)
    var media: [Int64: String] = [:]
    record.media = try loadMedia(caseID: caseID, refs: &media)
    var exhibits: [Int64: String] = [:]
    record.exhibits = try loadExhibits(
      caseID: caseID, people: people, media: media, refs: &exhibits)
    record.statements = try loadStatements(
      caseID: caseID, witnesses: witnesses, media: media, exhibits: exhibits)
    record.interviews = try loadInterviews(caseID: caseID, people: people, media: media)
    record.unused = try rows(
      "SELECT ref, description, sensitivity, reason FROM unused_items", caseID: caseID
    ).map { row in
      UnusedItem(
        id: try value(row, "ref"), description: try value(row, "description"),
        sensitivity: try enumValue(row, "sensitivity"), reason: row["reason"])
    }
    return record
  }

  private func loadPeople(caseID: Int64, refs: inout [Int64: String]) throws -> [Person] {
    var roles: [Int64: [PersonRole]] = [:]
    let roleRows = try Row.fetchAll(
      db,
      sql: """
        SELECT r.person_id, r.role FROM person_roles r JOIN people p ON p.id = r.person_id
        WHERE p.case_id = ? ORDER BY r.person_id, r.position
        """, arguments: [caseID])
    for row in roleRows {
      roles[try value(row, "person_id"), default: []].append(try enumValue(row, "role"))
    }
    return try rows(
      """
      SELECT id, ref, name, aliases, is_organisation, date_of_birth, gender, address, phone,
        email, occupation, rank, collar_number FROM people
      """, caseID: caseID
    ).map { row in
      let id: Int64 = try value(row, "id")
      let ref: String = try value(row, "ref")
      refs[id] = ref
      return Person(
        id: ref, roles: roles[id] ?? [],
        name: try StoreColumns.decode(PersonName.self, from: value(row, "name")),
        aliases: try StoreColumns.decode([PersonName].self, from: value(row, "aliases")),
        isOrganisation: try value(row, "is_organisation"), dateOfBirth: row["date_of_birth"],
        gender: row["gender"], address: row["address"], phone: row["phone"],
        email: row["email"], occupation: row["occupation"], rank: row["rank"],
        collarNumber: row["collar_number"])
    }
  }

  private func loadOffences(caseID: Int64, people: [Int64: String]) throws -> [Offence] {
    try rows(
      """
      SELECT ref, defendant_id, cjs_code, title, wording, from_date, to_date, mode_of_trial,
        anticipated_plea, charge_date, police_may_charge, victims, committed_on_bail,
        points_to_prove FROM offences
      """, caseID: caseID
    ).map { row in
      Offence(
        id: try value(row, "ref"), defendant: try ref(row, "defendant_id", in: people),
        cjsCode: try value(row, "cjs_code"), title: try value(row, "title"),
        wording: try value(row, "wording"), from: try value(row, "from_date"),
        to: row["to_date"], modeOfTrial: try enumValue(row, "mode_of_trial"),
        anticipatedPlea: try enumValue(row, "anticipated_plea"),
        chargeDate: row["charge_date"], policeMayCharge: try value(row, "police_may_charge"),
        victims: try StoreColumns.decode([String].self, from: value(row, "victims")),
        committedOnBail: try value(row, "committed_on_bail"),
        pointsToProve: try StoreColumns.decode(
          [PointToProve].self, from: value(row, "points_to_prove")))
    }
  }

  private func loadCustody(caseID: Int64, people: [Int64: String]) throws -> [CustodyRecord] {
    try rows(
      """
      SELECT ref, defendant_id, status, since, remand_sought, bail_conditions, first_hearing,
        court, breach_of_bail FROM custody
      """, caseID: caseID
    ).map { row in
      CustodyRecord(
        id: try value(row, "ref"), defendant: try ref(row, "defendant_id", in: people),
        status: try enumValue(row, "status"), since: try value(row, "since"),
        remandSought: try value(row, "remand_sought"),
        bailConditions: try StoreColumns.decode(
          [String].self, from: value(row, "bail_conditions")),
        firstHearing: row["first_hearing"], court: row["court"],
        breachOfBail: row["breach_of_bail"])
    }
  }

  private func loadWitnesses(
    caseID: Int64, people: [Int64: String], refs: inout [Int64: String]
  ) throws -> [Witness] {
    try rows(
      """
      SELECT id, ref, person_id, kind, key, special_measures, dates_to_avoid, interpreter
      FROM witnesses
      """, caseID: caseID
    ).map { row in
      let ref: String = try value(row, "ref")
      refs[try value(row, "id")] = ref
      return Witness(
        id: ref, person: try self.ref(row, "person_id", in: people),
        kind: try enumValue(row, "kind"), key: try value(row, "key"),
        specialMeasures: try StoreColumns.decode(
          [String].self, from: value(row, "special_measures")),
        datesToAvoid: try StoreColumns.decode([String].self, from: value(row, "dates_to_avoid")),
        interpreter: row["interpreter"])
    }
  }

  private func loadMedia(caseID: Int64, refs: inout [Int64: String]) throws -> [MediaObject] {
    try rows(
      "SELECT id, ref, file, sha256, media_type, size, description FROM case_media",
      caseID: caseID
    ).map { row in
      let ref: String = try value(row, "ref")
      refs[try value(row, "id")] = ref
      return MediaObject(
        id: ref, file: try value(row, "file"), sha256: row["sha256"],
        mediaType: try value(row, "media_type"), size: row["size"],
        description: row["description"])
    }
  }

  private func loadExhibits(
    caseID: Int64, people: [Int64: String], media: [Int64: String],
    refs: inout [Int64: String]
  ) throws -> [Exhibit] {
    var continuity: [Int64: [ContinuityEvent]] = [:]
    let eventRows = try Row.fetchAll(
      db,
      sql: """
        SELECT c.exhibit_id, c.at, c.action, c.from_person_id, c.to_person_id, c.location
        FROM continuity_events c JOIN exhibits e ON e.id = c.exhibit_id
        WHERE e.case_id = ? ORDER BY c.exhibit_id, c.position
        """, arguments: [caseID])
    for row in eventRows {
      let event = ContinuityEvent(
        at: try value(row, "at"), action: try value(row, "action"),
        from: try optionalRef(row, "from_person_id", in: people),
        to: try optionalRef(row, "to_person_id", in: people), location: row["location"])
      continuity[try value(row, "exhibit_id"), default: []].append(event)
    }
    let exhibitMedia = try joined(
      """
      SELECT j.exhibit_id, j.media_id FROM exhibit_media j JOIN exhibits e ON e.id = j.exhibit_id
      WHERE e.case_id = ? ORDER BY j.exhibit_id, j.position
      """, caseID: caseID, refs: media)
    return try rows(
      """
      SELECT id, ref, reference, description, produced_by_id, seized_at, seized_from
      FROM exhibits
      """, caseID: caseID
    ).map { row in
      let id: Int64 = try value(row, "id")
      let ref: String = try value(row, "ref")
      refs[id] = ref
      return Exhibit(
        id: ref, reference: try value(row, "reference"),
        description: try value(row, "description"),
        producedBy: try self.ref(row, "produced_by_id", in: people),
        seizedAt: row["seized_at"], seizedFrom: row["seized_from"],
        continuity: continuity[id] ?? [], media: exhibitMedia[id] ?? [])
    }
  }

  private func loadStatements(
    caseID: Int64, witnesses: [Int64: String], media: [Int64: String],
    exhibits: [Int64: String]
  ) throws -> [Statement] {
    let produced = try joined(
      """
      SELECT j.statement_id, j.exhibit_id FROM statement_exhibits j
      JOIN statements s ON s.id = j.statement_id
      WHERE s.case_id = ? ORDER BY j.statement_id, j.position
      """, caseID: caseID, refs: exhibits)
    return try rows(
      "SELECT id, ref, witness_id, date, text, media_id FROM statements", caseID: caseID
    ).map { row in
      Statement(
        id: try value(row, "ref"), witness: try ref(row, "witness_id", in: witnesses),
        date: try value(row, "date"), text: row["text"],
        media: try optionalRef(row, "media_id", in: media),
        exhibits: produced[try value(row, "id")] ?? [])
    }
  }

  private func loadInterviews(
    caseID: Int64, people: [Int64: String], media: [Int64: String]
  ) throws -> [Interview] {
    let recordings = try joined(
      """
      SELECT j.interview_id, j.media_id FROM interview_media j
      JOIN interviews i ON i.id = j.interview_id
      WHERE i.case_id = ? ORDER BY j.interview_id, j.position
      """, caseID: caseID, refs: media)
    return try rows(
      "SELECT id, ref, interviewee_id, type, date, summary FROM interviews", caseID: caseID
    ).map { row in
      Interview(
        id: try value(row, "ref"), interviewee: try ref(row, "interviewee_id", in: people),
        type: try enumValue(row, "type"), date: try value(row, "date"),
        summary: row["summary"], media: recordings[try value(row, "id")] ?? [])
    }
  }

  // MARK: - Helpers

  /// The rows of one case's records of a table, in saved order; `select` names the columns.
  private func rows(_ select: String, caseID: Int64) throws -> [Row] {
    try Row.fetchAll(db, sql: select + " WHERE case_id = ? ORDER BY position", arguments: [caseID])
  }

  /// A join table read as owner row id → the referenced records' ids, in saved order.
  private func joined(
    _ sql: String, caseID: Int64, refs: [Int64: String]
  ) throws -> [Int64: [String]] {
    var result: [Int64: [String]] = [:]
    for row in try Row.fetchAll(db, sql: sql, arguments: [caseID]) {
      result[try value(row, 0), default: []].append(try ref(row, 1, in: refs))
    }
    return result
  }

  /// A non-null column's value; a null where the schema forbids one means a damaged store.
  private func value<Value: DatabaseValueConvertible>(
    _ row: Row, _ column: String
  ) throws -> Value {
    guard let value = row[column] as Value? else { throw damaged() }
    return value
  }

  private func value<Value: DatabaseValueConvertible>(_ row: Row, _ index: Int) throws -> Value {
    guard let value = row[index] as Value? else { throw damaged() }
    return value
  }

  /// An enumeration stored as its raw value.
  private func enumValue<Value: RawRepresentable>(
    _ row: Row, _ column: String
  ) throws -> Value where Value.RawValue == String {
    guard let raw = row[column] as String?, let value = Value(rawValue: raw) else {
      throw damaged()
    }
    return value
  }

  /// The model id of the record a foreign key column points at.
  private func ref(_ row: Row, _ column: String, in refs: [Int64: String]) throws -> String {
    guard let id = row[column] as Int64?, let ref = refs[id] else { throw damaged() }
    return ref
  }

  private func ref(_ row: Row, _ index: Int, in refs: [Int64: String]) throws -> String {
    guard let id = row[index] as Int64?, let ref = refs[id] else { throw damaged() }
    return ref
  }

  /// Like `ref(_:_:in:)` for a nullable foreign key.
  private func optionalRef(
    _ row: Row, _ column: String, in refs: [Int64: String]
  ) throws -> String? {
    guard let id = row[column] as Int64? else { return nil }
    guard let ref = refs[id] else { throw damaged() }
    return ref
  }

  private func damaged() -> StoreError {
    StoreError(
      .io, "the store holds a record it cannot read: the store is damaged; restore it from a backup"
    )
  }
}
