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
}
