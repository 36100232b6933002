import CaseAssembly
import CaseStore
import Foundation

/// `casefile deadlines`: custody time limits and six-month limits across every case.
package enum DeadlineCommands {
  /// One limit on one charge.
  package struct Deadline: Codable, Equatable, Sendable {
    package enum Kind: String, Codable, Sendable {
      /// A custody time limit (Prosecution of Offences (Custody Time Limits) Regulations 1987).
      case custodyTimeLimit = "custody-time-limit"
      /// The six-month limit for laying an information (Magistrates' Courts Act 1980 s.127).
      case sixMonthLimit = "six-month-limit"
    }

    package var urn: String
    /// The offence (charge) id in the case.
    package var offence: String
    package var cjsCode: String
    package var kind: Kind
    package var expiry: String
    package var daysRemaining: Int
    package var expired: Bool
  }

  /// Every live limit, soonest expiry first (then URN, then offence): a custody time limit
  /// while the defendant is remanded in custody, a six-month limit while a summary-only
  /// offence is not yet charged. With `within`, only those with at most that many days
  /// left (expired ones always). The listing is audited (counts only).
  package static func deadlines(
    _ context: CaseFileContext, asOf: ISODate, within: Int?, templatesDirectory: String?
  ) throws -> [Deadline] {
    let holidays = try CaseDocumentCommands.bankHolidays(templatesDirectory: templatesDirectory)
    let store = try context.openStore()
    var found: [Deadline] = []
    for summary in try store.caseSummaries() {
      let record = try StoreCommands.load(store, urn: summary.urn)
      let facts: CaseFacts
      do {
        facts = try CaseFacts.compute(for: record, asOf: asOf, holidays: holidays)
      } catch {
        throw KitError.badInput("case \(record.urn): \(error.message)")
      }
      for offence in facts.offences {
        guard let charge = record.offences.first(where: { $0.id == offence.offence }) else {
          continue
        }
        if let limit = offence.custodyTimeLimit {
          found.append(deadline(record.urn, charge, .custodyTimeLimit, limit))
        }
        if let limit = offence.sixMonthLimit, charge.chargeDate == nil {
          found.append(deadline(record.urn, charge, .sixMonthLimit, limit))
        }
      }
    }
    let listed =
      found
      .filter { within == nil || $0.expired || $0.daysRemaining <= (within ?? 0) }
      .sorted { ($0.expiry, $0.urn, $0.offence) < ($1.expiry, $1.urn, $1.offence) }
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "deadlines", urn: nil,
        detail: "asOf=\(asOf) within=\(within.map(String.init) ?? "all") listed=\(listed.count) "
          + "expired=\(listed.filter(\.expired).count)"))
    return listed
  }

  private static func deadline(
    _ urn: String, _ charge: Offence, _ kind: Deadline.Kind, _ limit: TimeLimitFact
  ) -> Deadline {
    Deadline(
      urn: urn, offence: charge.id, cjsCode: charge.cjsCode, kind: kind,
      expiry: limit.expiry.description, daysRemaining: limit.daysRemaining,
      expired: limit.expired)
  }
}

extension Rendering {
  /// One line per deadline: expiry, days left, case, charge, kind; then a count line.
  package static func deadlines(_ deadlines: [DeadlineCommands.Deadline], asOf: String) -> String {
    let rows =
      [["EXPIRY", "DAYS LEFT", "CASE", "CHARGE", "CJS CODE", "LIMIT"]]
      + deadlines.map { deadline in
        [
          deadline.expiry,
          deadline.expired
            ? "EXPIRED (\(deadline.daysRemaining))"
            : String(
              deadline.daysRemaining),
          deadline.urn, deadline.offence, deadline.cjsCode,
          deadline.kind == .custodyTimeLimit ? "custody time limit" : "six-month limit",
        ]
      }
    let expired = deadlines.filter(\.expired).count
    return table(rows)
      + "\(deadlines.count) deadline\(deadlines.count == 1 ? "" : "s") as of \(asOf), "
      + "\(expired) expired\n"
  }
}
