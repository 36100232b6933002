import CaseStore

/// The calendar facts of a case that XPath 1.0 cannot compute: ages and time limits.
///
/// They are computed here, in Swift, for one as-of date, and written into the canonical case
/// document, so any standard Schematron engine checking that document gives the same
/// answer. The facts depend only on the record, the as-of date and the bank holiday file;
/// nothing reads the clock.
package struct CaseFacts: Equatable, Sendable {
  /// The day the facts were computed for.
  package var asOf: ISODate
  /// One entry per person with the defendant role, in case order.
  package var defendants: [DefendantFacts]
  /// One entry per offence, in case order.
  package var offences: [OffenceFacts]

  package init(asOf: ISODate, defendants: [DefendantFacts], offences: [OffenceFacts]) {
    self.asOf = asOf
    self.defendants = defendants
    self.offences = offences
  }

  /// Computes the facts of a case as they stand on `asOf`.
  ///
  /// - A defendant's age is in whole years on `asOf`; a youth is under 18 on that day.
  /// - An offence's age is the defendant's age on the offence's first day.
  /// - A summary-only offence has the six-month limit for laying the information, counted
  ///   from its first day (see ``TimeLimitFact/sixMonthLimit(offenceDate:asOf:)``).
  /// - An offence whose defendant has a custody record with status `custody` has a custody
  ///   time limit for its mode of trial, counted from the earliest such record's `since`
  ///   date (see ``TimeLimitFact/custodyTimeLimit(start:days:asOf:holidays:)``).
  ///
  /// - Parameters:
  ///   - record: The case.
  ///   - asOf: The day to compute the facts for.
  ///   - holidays: The bank holidays of England and Wales.
  /// - Returns: The facts, defendants and offences in case order.
  /// - Throws: ``CalendarError``: ``CalendarError/Code/invalidRecordDate`` when a record
  ///   holds a date that is not `YYYY-MM-DD` (the message names the record, never the
  ///   date), ``CalendarError/Code/yearNotCovered`` when a custody time limit falls in a
  ///   year the bank holiday file does not cover.
  package static func compute(
    for record: CaseRecord, asOf: ISODate, holidays: BankHolidayCalendar
  ) throws(CalendarError) -> CaseFacts {
    var birthDates: [String: ISODate] = [:]
    var defendants: [DefendantFacts] = []
    for person in record.people {
      let birth = try person.dateOfBirth.map { text throws(CalendarError) in
        try parse(text, field: "dateOfBirth", of: "person \(person.id)")
      }
      if let birth, birthDates[person.id] == nil { birthDates[person.id] = birth }
      guard person.roles.contains(.defendant) else { continue }
      let age = birth.map { $0.years(until: asOf) }
      defendants.append(
        DefendantFacts(person: person.id, ageAsOf: age, youth: age.map { $0 < 18 }))
    }

    var remandDates: [String: ISODate] = [:]
    for custody in record.custody where custody.status == .custody {
      let since = try parse(custody.since, field: "since", of: "custody record \(custody.id)")
      if let earlier = remandDates[custody.defendant], earlier <= since { continue }
      remandDates[custody.defendant] = since
    }

    var offences: [OffenceFacts] = []
    for offence in record.offences {
      let from = try parse(offence.from, field: "from", of: "offence \(offence.id)")
      let sixMonthLimit: TimeLimitFact? =
        offence.modeOfTrial == .summaryOnly
        ? try TimeLimitFact.sixMonthLimit(offenceDate: from, asOf: asOf) : nil
      var custodyTimeLimit: TimeLimitFact?
      if let remanded = remandDates[offence.defendant] {
        custodyTimeLimit = try TimeLimitFact.custodyTimeLimit(
          start: remanded, days: TimeLimitFact.custodyTimeLimitDays(for: offence.modeOfTrial),
          asOf: asOf, holidays: holidays)
      }
      offences.append(
        OffenceFacts(
          offence: offence.id, defendant: offence.defendant,
          ageAtOffence: birthDates[offence.defendant].map { $0.years(until: from) },
          sixMonthLimit: sixMonthLimit, custodyTimeLimit: custodyTimeLimit))
    }
    return CaseFacts(asOf: asOf, defendants: defendants, offences: offences)
  }

  private static func parse(_ text: String, field: String, of owner: String)
    throws(CalendarError) -> ISODate
  {
    guard let date = ISODate(text) else {
      throw CalendarError(
        .invalidRecordDate, "\(owner): \(field) is not a date written YYYY-MM-DD")
    }
    return date
  }
}

/// The calendar facts of one defendant.
package struct DefendantFacts: Equatable, Sendable {
  /// The person's id.
  package var person: String
  /// Age in whole years on the as-of date; `nil` when the date of birth is unknown.
  package var ageAsOf: Int?
  /// Whether the defendant is under 18 on the as-of date; `nil` when the date of birth is
  /// unknown.
  package var youth: Bool?

  package init(person: String, ageAsOf: Int?, youth: Bool?) {
    self.person = person
    self.ageAsOf = ageAsOf
    self.youth = youth
  }
}

/// The calendar facts of one offence.
package struct OffenceFacts: Equatable, Sendable {
  /// The offence's id.
  package var offence: String
  /// The defendant's person id.
  package var defendant: String
  /// The defendant's age in whole years on the offence's first day; `nil` when the date of
  /// birth is unknown.
  package var ageAtOffence: Int?
  /// The six-month limit for laying the information; only for summary-only offences.
  package var sixMonthLimit: TimeLimitFact?
  /// The custody time limit; only when the defendant is remanded in custody.
  package var custodyTimeLimit: TimeLimitFact?

  package init(
    offence: String, defendant: String, ageAtOffence: Int?, sixMonthLimit: TimeLimitFact?,
    custodyTimeLimit: TimeLimitFact?
  ) {
    self.offence = offence
    self.defendant = defendant
    self.ageAtOffence = ageAtOffence
    self.sixMonthLimit = sixMonthLimit
    self.custodyTimeLimit = custodyTimeLimit
  }
}
