import CaseJSON
import CaseStore
import Foundation

/// The add and update commands a case builder uses to complete a case without editing JSON.
///
/// Every edit loads the case, changes it, runs the same checks as an import, and saves the
/// whole case in one transaction with an audit entry; a refused edit changes nothing.
package struct CaseEditor {
  let context: CaseFileContext
  let store: SQLiteCaseStore

  package init(_ context: CaseFileContext) throws {
    self.context = context
    self.store = try context.openStore()
  }

  /// Edits only some roles may make, by action: the disclosure schedules belong to the
  /// disclosure officer. Not enforced while no user is registered.
  package static let requiredRoles = [
    "add-unused": "disclosure-officer", "update-unused": "disclosure-officer",
  ]

  /// Applies `change` to the case and saves it; returns what `change` returned (a new id).
  @discardableResult
  package func edit<Result>(
    _ urn: String, action: String, reason: String? = nil, subject: String? = nil,
    _ change: (inout CaseRecord) throws -> Result
  ) throws -> Result {
    if let role = Self.requiredRoles[action] {
      try UsersCommands.require(role, for: action, urn: urn, context: context, store: store)
    }
    var record = try StoreCommands.load(store, urn: urn)
    let result = try change(&record)
    try checkLikeAnImport(record)
    try store.saveCases(
      [record], mode: .replace,
      audit: AuditContext(user: context.user, action: action, reason: reason, subject: subject))
    return result
  }

  /// Runs the edited case through exactly what `casefile import` runs (the records schema,
  /// decoding, the reference and date checks), so an edit can store nothing an import
  /// would refuse.
  func checkLikeAnImport(_ record: CaseRecord) throws {
    let encoded = try RecordsFormat.encode(RecordsDocument(cases: [record]))
    let value: JSONValue
    do {
      value = try JSONParser.parse(encoded)
    } catch {
      throw InputError(
        code: .invalid, file: "(command line)",
        problems: [
          InputProblem(path: "$", rule: "encode", message: "the edited case cannot be encoded")
        ])
    }
    _ = try context.recordsFormat().read(value, file: "(command line)")
  }

  /// Streams a media file into the store and returns its hash and size.
  package func ingest(_ file: String, expectedSHA256: String?) throws -> MediaIngest {
    let url = URL(fileURLWithPath: file)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw KitError.badInput("\(file): no such file")
    }
    return try store.media.ingest(fileAt: url, expectedSHA256: expectedSHA256)
  }
}

/// Finding records and making new ids inside a case.
extension CaseRecord {
  /// Every id used in the case, across all record kinds.
  package var allIds: Set<String> {
    var ids = Set(people.map(\.id))
    ids.formUnion(offences.map(\.id))
    ids.formUnion(custody.map(\.id))
    ids.formUnion(witnesses.map(\.id))
    ids.formUnion(statements.map(\.id))
    ids.formUnion(exhibits.map(\.id))
    ids.formUnion(interviews.map(\.id))
    ids.formUnion(unused.map(\.id))
    ids.formUnion(media.map(\.id))
    return ids
  }

  /// The first unused id of the form `prefix` + number (`W1`, `W2`, …).
  package func nextId(_ prefix: String) -> String {
    let used = allIds
    var number = 1
    while used.contains("\(prefix)\(number)") { number += 1 }
    return "\(prefix)\(number)"
  }

  /// The index of a record with `id` in a list, or a not-found error naming the kind.
  package func index<Record>(
    of id: String, in list: [Record], id key: (Record) -> String, kind: String
  ) throws -> Int {
    guard let index = list.firstIndex(where: { key($0) == id }) else {
      throw KitError.notFound("no \(kind) \(id) in case \(urn)")
    }
    return index
  }
}

extension CaseEditor {
  /// Streams a media file into the store and attaches it to the case (and a record).
  ///
  /// When the edit is refused, a media object this call added is removed again.
  package func attachMedia(
    _ urn: String, file: String, mediaType: String, description: String?, target: String?
  ) throws -> String {
    let ingest = try self.ingest(file, expectedSHA256: nil)
    var request = EditRequests.AttachMedia(file: file, ingest: ingest, mediaType: mediaType)
    request.description = description
    request.target = target
    do {
      return try edit(urn, action: "attach-media") { try request.apply(to: &$0) }
    } catch {
      if !ingest.alreadyPresent { _ = try? store.removeUnreferencedMedia([ingest.sha256]) }
      throw error
    }
  }
}
