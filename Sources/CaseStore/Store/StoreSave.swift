import Foundation
import GRDB

extension SQLiteCaseStore {
  /// Saves cases in one immediate transaction, with one audit entry per case.
  ///
  /// Either every case is written or none is. With `.insertOnly` a URN already in the store
  /// throws ``StoreError/Code/caseExists``; with `.replace` the old case and all its records
  /// are deleted first. Every media object a case names must already be in the media store.
  @discardableResult
  package func saveCases(
    _ cases: [CaseRecord], mode: SaveMode, audit: AuditContext
  ) throws -> SaveSummary {
    do {
      var urns = Set<String>()
      for record in cases where !urns.insert(record.urn).inserted {
        throw StoreError(
          .invalidCase,
          "the case \(record.urn) appears twice in one save: keep one copy; nothing was written")
      }
      let now = storeTimestamp()
      let clock = ContinuousClock()
      var summary = SaveSummary(cases: 0, records: 0, replaced: [])
      let total = try clock.measure {
        try database.inTransaction(.immediate) { db in
          // Checked under the write lock, so that `removeUnreferencedMedia` cannot remove an
          // object between this check and the commit.
          let mediaSizes = try storedMediaSizes(for: cases)
          var writer = try CaseWriter(db: db, now: now, mediaSizes: mediaSizes)
          summary = SaveSummary(cases: 0, records: 0, replaced: [])
          for record in cases {
            let replaced = try writer.save(record, mode: mode)
            if replaced { summary.replaced.append(record.urn) }
            summary.cases += 1
            summary.records += record.recordCount
            summary.timings.audit += try clock.measure {
              try writer.audit(record, replaced: replaced, mode: mode, context: audit)
            }
            summary.timings.auditEntries += 1
          }
          summary.timings.searchIndex = try clock.measure {
            try SearchIndexSource.index(db, caseIDs: writer.savedCaseIDs)
          }
          return .commit
        }
      }
      summary.timings.total = total
      return summary
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// Removes media objects that no stored case refers to, such as those a failed import added.
  ///
  /// Runs under the store's write lock, so a concurrent save that refers to one of the
  /// objects either commits first (and the object stays) or finds it gone and fails.
  /// Returns the hashes of the objects removed.
  @discardableResult
  package func removeUnreferencedMedia(_ hashes: [String]) throws -> [String] {
    do {
      var removed: [String] = []
      try database.inTransaction(.immediate) { db in
        let referenced = try db.cachedStatement(
          sql: "SELECT EXISTS (SELECT 1 FROM case_media WHERE sha256 = ?)")
        for sha256 in hashes {
          let hash = sha256.lowercased()
          guard try Bool.fetchOne(referenced, arguments: [hash]) == false else { continue }
          try db.execute(sql: "DELETE FROM media_objects WHERE sha256 = ?", arguments: [hash])
          if media.contains(hash) {
            try media.remove(hash)
            removed.append(hash)
          }
        }
        return .commit
      }
      return removed
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// The size of every media object the cases name, read from the media store.
  ///
  /// Throws when an object is missing, or when a case gives a size the file does not have.
  private func storedMediaSizes(for cases: [CaseRecord]) throws -> [String: Int64] {
    var sizes: [String: Int64] = [:]
    for record in cases {
      for object in record.media {
        guard let sha256 = object.sha256 else { continue }
        let size: Int64
        if let known = sizes[sha256] {
          size = known
        } else {
          guard let stored = media.size(of: sha256) else {
            throw StoreError(
              .mediaMissing,
              "case \(record.urn) media \(object.id) names an object that is not in the media "
                + "store: import the media file with the case; nothing was written")
          }
          size = stored
          sizes[sha256] = stored
        }
        if let given = object.size, given != size {
          throw StoreError(
            .mediaMismatch,
            "case \(record.urn) media \(object.id) gives a size of \(given) bytes but the stored "
              + "object has \(size): correct the size; nothing was written")
        }
      }
    }
    return sizes
  }
}

/// Writes cases row by row inside one transaction, with prepared statements.
///
/// Each statement is prepared once per save. References between records (an offence's
/// defendant, a statement's witness) are resolved through per-case maps from the record's
/// id in the model to its row id, filled from `lastInsertedRowID` as rows are inserted.
private struct CaseWriter {
  let db: Database
  let now: String
  let mediaSizes: [String: Int64]

  let findCase: GRDB.Statement
  let deleteCase: GRDB.Statement
  let insertCase: GRDB.Statement
  let insertPerson: GRDB.Statement
  let insertRole: GRDB.Statement
  let insertOffence: GRDB.Statement
  let insertCustody: GRDB.Statement
  let insertWitness: GRDB.Statement
  let insertMediaObject: GRDB.Statement
  let insertMedia: GRDB.Statement
  let insertStatement: GRDB.Statement
  let insertStatementExhibit: GRDB.Statement
  let insertExhibit: GRDB.Statement
  let insertContinuity: GRDB.Statement
  let insertExhibitMedia: GRDB.Statement
  let insertInterview: GRDB.Statement
  let insertInterviewMedia: GRDB.Statement
  let insertUnused: GRDB.Statement

  /// Media objects already given a `media_objects` row during this save.
  var recordedObjects = Set<String>()
  /// The row ids of the cases written, for the search index.
  var savedCaseIDs: [Int64] = []

  init(db: Database, now: String, mediaSizes: [String: Int64]) throws {
    self.db = db
    self.now = now
    self.mediaSizes = mediaSizes
    func statement(_ sql: String) throws -> GRDB.Statement { try db.cachedStatement(sql: sql) }
    findCase = try statement("SELECT id, created_at FROM cases WHERE urn = ?")
    deleteCase = try statement("DELETE FROM cases WHERE id = ?")
    insertCase = try statement(
      """
      INSERT INTO cases (urn, title, summary, markers, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?)
      """)
    insertPerson = try statement(
      """
      INSERT INTO people (case_id, ref, position, name, aliases, is_organisation,
        date_of_birth, gender, address, phone, email, occupation, rank, collar_number)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    insertRole = try statement(
      "INSERT INTO person_roles (person_id, position, role) VALUES (?, ?, ?)")
    insertOffence = try statement(
      """
      INSERT INTO offences (case_id, ref, position, defendant_id, cjs_code, title, wording,
        from_date, to_date, mode_of_trial, anticipated_plea, charge_date, police_may_charge,
        victims, committed_on_bail, points_to_prove)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    insertCustody = try statement(
      """
      INSERT INTO custody (case_id, ref, position, defendant_id, status, since, remand_sought,
        bail_conditions, first_hearing, court, breach_of_bail)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    insertWitness = try statement(
      """
      INSERT INTO witnesses (case_id, ref, position, person_id, kind, key, special_measures,
        dates_to_avoid, interpreter)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    insertMediaObject = try statement(
      """
      INSERT INTO media_objects (sha256, size, stored_at) VALUES (?, ?, ?)
      ON CONFLICT (sha256) DO NOTHING
      """)
    insertMedia = try statement(
      """
      INSERT INTO case_media (case_id, ref, position, file, sha256, media_type, size, description)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """)
    insertStatement = try statement(
      """
      INSERT INTO statements (case_id, ref, position, witness_id, date, text, media_id)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """)
    insertStatementExhibit = try statement(
      "INSERT INTO statement_exhibits (statement_id, position, exhibit_id) VALUES (?, ?, ?)")
    insertExhibit = try statement(
      """
      INSERT INTO exhibits (case_id, ref, position, reference, description, produced_by_id,
        seized_at, seized_from)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """)
    insertContinuity = try statement(
      """
      INSERT INTO continuity_events (exhibit_id, position, at, action, from_person_id,
        to_person_id, location)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """)
    insertExhibitMedia = try statement(
      "INSERT INTO exhibit_media (exhibit_id, position, media_id) VALUES (?, ?, ?)")
    insertInterview = try statement(
      """
      INSERT INTO interviews (case_id, ref, position, interviewee_id, type, date, summary)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """)
    insertInterviewMedia = try statement(
      "INSERT INTO interview_media (interview_id, position, media_id) VALUES (?, ?, ?)")
    insertUnused = try statement(
      """
      INSERT INTO unused_items (case_id, ref, position, description, sensitivity, reason)
      VALUES (?, ?, ?, ?, ?, ?)
      """)
  }

  /// Writes one case; returns `true` when it replaced a case with the same URN.
  mutating func save(_ record: CaseRecord, mode: SaveMode) throws -> Bool {
    var createdAt = now
    var replaced = false
    if let existing = try Row.fetchOne(findCase, arguments: [record.urn]) {
      guard mode == .replace else {
        throw StoreError(
          .caseExists,
          "case \(record.urn) is already in the store: import with --replace to replace it; "
            + "nothing was written")
      }
      createdAt = existing["created_at"] ?? now
      let existingID: Int64 = existing["id"]
      try deleteCase.execute(arguments: [existingID])
      replaced = true
    }
    try insertCase.execute(arguments: [
      record.urn, record.title, record.summary, StoreColumns.encode(record.markers), createdAt,
      now,
    ])
    let caseID = db.lastInsertedRowID
    savedCaseIDs.append(caseID)
    var refs = References(urn: record.urn)
    try insertPeople(record.people, caseID: caseID, refs: &refs)
    try insertOffences(record.offences, caseID: caseID, refs: refs)
    try insertCustody(record.custody, caseID: caseID, refs: refs)
    try insertWitnesses(record.witnesses, caseID: caseID, refs: &refs)
    try insertMedia(record.media, caseID: caseID, refs: &refs)
    try insertExhibits(record.exhibits, caseID: caseID, refs: &refs)
    try insertStatements(record.statements, caseID: caseID, refs: refs)
    try insertInterviews(record.interviews, caseID: caseID, refs: refs)
    for (position, item) in record.unused.enumerated() {
      try insertUnused.execute(arguments: [
        caseID, item.id, position, item.description, item.sensitivity.rawValue, item.reason,
      ])
    }
    return replaced
  }

  /// Appends the audit entry for one saved case: counts and codes, never case content.
  func audit(_ record: CaseRecord, replaced: Bool, mode: SaveMode, context: AuditContext) throws {
    var detail = "records=\(record.recordCount) mode=\(mode == .replace ? "replace" : "insert")"
    detail += " replaced=\(replaced)"
    if let source = context.source { detail += " source=\(source)" }
    if let subject = context.subject { detail += " \(subject)" }
    try AuditChain.append(
      db, at: now, user: context.user, action: context.action, urn: record.urn,
      detail: detail, reason: context.reason)
  }

  private func insertPeople(_ people: [Person], caseID: Int64, refs: inout References) throws {
    for (position, person) in people.enumerated() {
      try insertPerson.execute(arguments: [
        caseID, person.id, position, StoreColumns.encode(person.name),
        StoreColumns.encode(person.aliases), person.isOrganisation, person.dateOfBirth,
        person.gender, person.address, person.phone, person.email, person.occupation,
        person.rank, person.collarNumber,
      ])
      let personID = db.lastInsertedRowID
      try refs.add(person.id, personID, to: \.people, kind: "person")
      for (rolePosition, role) in person.roles.enumerated() {
        try insertRole.execute(arguments: [personID, rolePosition, role.rawValue])
      }
    }
  }

  private func insertOffences(_ offences: [Offence], caseID: Int64, refs: References) throws {
    for (position, offence) in offences.enumerated() {
      try insertOffence.execute(arguments: [
        caseID, offence.id, position,
        refs.resolve(offence.defendant, in: \.people, kind: "person", from: offence.id),
        offence.cjsCode, offence.title, offence.wording, offence.from, offence.to,
        offence.modeOfTrial.rawValue, offence.anticipatedPlea.rawValue, offence.chargeDate,
        offence.policeMayCharge, StoreColumns.encode(offence.victims), offence.committedOnBail,
        StoreColumns.encode(offence.pointsToProve),
      ])
    }
  }

  private func insertCustody(
    _ custody: [CustodyRecord], caseID: Int64, refs: References
  ) throws {
    for (position, entry) in custody.enumerated() {
      try insertCustody.execute(arguments: [
        caseID, entry.id, position,
        refs.resolve(entry.defendant, in: \.people, kind: "person", from: entry.id),
        entry.status.rawValue, entry.since, entry.remandSought,
        StoreColumns.encode(entry.bailConditions), entry.firstHearing, entry.court,
        entry.breachOfBail,
      ])
    }
  }

  private func insertWitnesses(
    _ witnesses: [Witness], caseID: Int64, refs: inout References
  ) throws {
    for (position, witness) in witnesses.enumerated() {
      try insertWitness.execute(arguments: [
        caseID, witness.id, position,
        refs.resolve(witness.person, in: \.people, kind: "person", from: witness.id),
        witness.kind.rawValue, witness.key, StoreColumns.encode(witness.specialMeasures),
        StoreColumns.encode(witness.datesToAvoid), witness.interpreter,
      ])
      try refs.add(witness.id, db.lastInsertedRowID, to: \.witnesses, kind: "witness")
    }
  }

  private mutating func insertMedia(
    _ media: [MediaObject], caseID: Int64, refs: inout References
  ) throws {
    for (position, object) in media.enumerated() {
      if let sha256 = object.sha256, !recordedObjects.contains(sha256) {
        guard let size = mediaSizes[sha256] else {
          throw StoreError(.mediaMissing, "media \(object.id) is not in the media store")
        }
        try insertMediaObject.execute(arguments: [sha256, size, now])
        recordedObjects.insert(sha256)
      }
      try insertMedia.execute(arguments: [
        caseID, object.id, position, object.file, object.sha256, object.mediaType, object.size,
        object.description,
      ])
      try refs.add(object.id, db.lastInsertedRowID, to: \.media, kind: "media object")
    }
  }

  private func insertExhibits(
    _ exhibits: [Exhibit], caseID: Int64, refs: inout References
  ) throws {
    for (position, exhibit) in exhibits.enumerated() {
      try insertExhibit.execute(arguments: [
        caseID, exhibit.id, position, exhibit.reference, exhibit.description,
        refs.resolve(exhibit.producedBy, in: \.people, kind: "person", from: exhibit.id),
        exhibit.seizedAt, exhibit.seizedFrom,
      ])
      let exhibitID = db.lastInsertedRowID
      try refs.add(exhibit.id, exhibitID, to: \.exhibits, kind: "exhibit")
      for (eventPosition, event) in exhibit.continuity.enumerated() {
        try insertContinuity.execute(arguments: [
          exhibitID, eventPosition, event.at, event.action,
          refs.resolveOptional(event.from, in: \.people, kind: "person", from: exhibit.id),
          refs.resolveOptional(event.to, in: \.people, kind: "person", from: exhibit.id),
          event.location,
        ])
      }
      for (mediaPosition, media) in exhibit.media.enumerated() {
        try insertExhibitMedia.execute(arguments: [
          exhibitID, mediaPosition,
          refs.resolve(media, in: \.media, kind: "media object", from: exhibit.id),
        ])
      }
    }
  }

  private func insertStatements(
    _ statements: [Statement], caseID: Int64, refs: References
  ) throws {
    for (position, statement) in statements.enumerated() {
      try insertStatement.execute(arguments: [
        caseID, statement.id, position,
        refs.resolve(statement.witness, in: \.witnesses, kind: "witness", from: statement.id),
        statement.date, statement.text,
        refs.resolveOptional(
          statement.media, in: \.media, kind: "media object", from: statement.id),
      ])
      let statementID = db.lastInsertedRowID
      for (exhibitPosition, exhibit) in statement.exhibits.enumerated() {
        try insertStatementExhibit.execute(arguments: [
          statementID, exhibitPosition,
          refs.resolve(exhibit, in: \.exhibits, kind: "exhibit", from: statement.id),
        ])
      }
    }
  }

  private func insertInterviews(
    _ interviews: [Interview], caseID: Int64, refs: References
  ) throws {
    for (position, interview) in interviews.enumerated() {
      try insertInterview.execute(arguments: [
        caseID, interview.id, position,
        refs.resolve(interview.interviewee, in: \.people, kind: "person", from: interview.id),
        interview.type.rawValue, interview.date, interview.summary,
      ])
      let interviewID = db.lastInsertedRowID
      for (mediaPosition, media) in interview.media.enumerated() {
        try insertInterviewMedia.execute(arguments: [
          interviewID, mediaPosition,
          refs.resolve(media, in: \.media, kind: "media object", from: interview.id),
        ])
      }
    }
  }
}

/// The row ids of one case's records, by their ids in the model.
private struct References {
  let urn: String
  var people: [String: Int64] = [:]
  var witnesses: [String: Int64] = [:]
  var exhibits: [String: Int64] = [:]
  var media: [String: Int64] = [:]

  init(urn: String) {
    self.urn = urn
  }

  /// Records the row id of a record; throws when the case already used the id.
  mutating func add(
    _ ref: String, _ rowID: Int64, to map: WritableKeyPath<References, [String: Int64]>,
    kind: String
  ) throws {
    guard self[keyPath: map].updateValue(rowID, forKey: ref) == nil else {
      throw StoreError(
        .invalidCase,
        "case \(urn) has two records with the id \(ref): give each \(kind) its own id; "
          + "nothing was written")
    }
  }

  /// The row id of the record `ref` names; throws when the case holds no such record.
  func resolve(
    _ ref: String, in map: KeyPath<References, [String: Int64]>, kind: String, from source: String
  ) throws -> Int64 {
    guard let rowID = self[keyPath: map][ref] else {
      throw StoreError(
        .invalidCase,
        "case \(urn) record \(source) refers to \(kind) \(ref), which the case does not hold: "
          + "correct the reference; nothing was written")
    }
    return rowID
  }

  /// Like `resolve(_:in:kind:from:)` for an optional reference; `nil` stays `nil`.
  func resolveOptional(
    _ ref: String?, in map: KeyPath<References, [String: Int64]>, kind: String,
    from source: String
  ) throws -> Int64? {
    guard let ref else { return nil }
    return try resolve(ref, in: map, kind: kind, from: source)
  }
}
