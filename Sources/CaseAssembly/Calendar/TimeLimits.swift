import CaseStore

/// A statutory time limit as the case document records it: what it counts from, when it
/// expires and how that stands on the day the facts were computed.
package struct TimeLimitFact: Equatable, Sendable {
  /// The date counted from (the offence date, or the date of the first remand in custody).
  package var start: ISODate
  /// The length of a custody time limit in days (56, 70 or 182); `nil` for the six-month
  /// limit, which is counted in calendar months.
  package var days: Int?
  /// The last day on which the step may still be taken.
  package var expiry: ISODate
  /// Days from the as-of date to ``expiry``: 0 on the day of expiry, negative once expired.
  package var daysRemaining: Int
  /// Whether the as-of date is after ``expiry``.
  package var expired: Bool

  /// A limit as it stands on `asOf`: ``daysRemaining`` and ``expired`` are derived from it.
  package init(start: ISODate, days: Int?, expiry: ISODate, asOf: ISODate) {
    self.init(
      start: start, days: days, expiry: expiry, daysRemaining: asOf.days(until: expiry),
      expired: asOf > expiry)
  }

  /// A limit from all its parts, as read back from a case document.
  package init(start: ISODate, days: Int?, expiry: ISODate, daysRemaining: Int, expired: Bool) {
    self.start = start
    self.days = days
    self.expiry = expiry
    self.daysRemaining = daysRemaining
    self.expired = expired
  }
}

extension TimeLimitFact {
  /// The time limit for laying an information for a summary-only offence.
  ///
  /// Magistrates' Courts Act 1980 s.127(1): a magistrates' court shall not try an
  /// information unless it was laid within six months from the time the offence was
  /// committed. "Months" are calendar months (Interpretation Act 1978 sch.1), and the day
  /// of the offence is not counted, so the last day on which the information may be laid is
  /// the same date of the month six months later: an offence on 10 March may be charged up
  /// to and including 10 September. When that month is shorter the limit ends on its last
  /// day (31 August plus six months is 28 February, or 29 February in a leap year). Weekends
  /// and bank holidays do not extend it.
  ///
  /// For an offence over a range of days the caller passes the first day (`Offence.from`):
  /// the conservative choice, since the limit can never be later than the one counted from
  /// the first day.
  ///
  /// - Parameters:
  ///   - offenceDate: The day of the offence (the first day of a range).
  ///   - asOf: The day the fact is computed for.
  /// - Returns: The limit, counted from `offenceDate`.
  /// - Throws: ``CalendarError`` with code ``CalendarError/Code/dateOutOfRange`` when the
  ///   limit would fall after the year 9999.
  package static func sixMonthLimit(offenceDate: ISODate, asOf: ISODate) throws(CalendarError)
    -> TimeLimitFact
  {
    guard let expiry = offenceDate.adding(months: 6) else {
      throw CalendarError(.dateOutOfRange, "six months after the offence date is after 9999")
    }
    return TimeLimitFact(start: offenceDate, days: nil, expiry: expiry, asOf: asOf)
  }

  /// The custody time limit, in days, for an offence of a mode of trial.
  ///
  /// Prosecution of Offences (Custody Time Limits) Regulations 1987 (SI 1987/299):
  /// 56 days for a summary-only offence (reg. 4(4)), 70 days for an either-way offence
  /// (reg. 4(2)) and 182 days for an indictable-only offence (reg. 5(6B)). The 56-day limit
  /// that applies to an either-way offence once the court decides on summary trial within
  /// 56 days (reg. 4(3)) is not modelled: 70 days is the limit until that decision.
  package static func custodyTimeLimitDays(for modeOfTrial: ModeOfTrial) -> Int {
    switch modeOfTrial {
    case .summaryOnly: 56
    case .eitherWay: 70
    case .indictableOnly: 182
    }
  }

  /// The custody time limit for an offence, counted from the first remand in custody.
  ///
  /// The period runs from the day of the first remand in custody, that day not counted, so
  /// an N-day limit expires at the end of the Nth day after it (`start + N days`). When that
  /// day is a Saturday, a Sunday, Christmas Day, Good Friday or a bank holiday in England
  /// and Wales, the limit is treated as expiring on the last preceding day that is none of
  /// those (reg. 9 of the 1987 Regulations). Good Friday and Christmas Day are computed as
  /// well as read from the file, so a file that left them out cannot move an expiry later.
  ///
  /// - Parameters:
  ///   - start: The day of the first remand in custody.
  ///   - days: The length of the limit (see ``custodyTimeLimitDays(for:)``).
  ///   - asOf: The day the fact is computed for.
  ///   - holidays: The bank holidays; must cover every year the expiry is looked for in.
  /// - Returns: The limit, counted from `start`.
  /// - Throws: ``CalendarError`` with code ``CalendarError/Code/yearNotCovered`` when the
  ///   expiry falls in a year the bank holiday file does not cover.
  package static func custodyTimeLimit(
    start: ISODate, days: Int, asOf: ISODate, holidays: BankHolidayCalendar
  ) throws(CalendarError) -> TimeLimitFact {
    let expiry = try custodyExpiry(start: start, days: days, holidays: holidays)
    return TimeLimitFact(start: start, days: days, expiry: expiry, asOf: asOf)
  }

  /// The expiry date of a custody time limit of `days` days from `start`; see
  /// ``custodyTimeLimit(start:days:asOf:holidays:)``.
  package static func custodyExpiry(start: ISODate, days: Int, holidays: BankHolidayCalendar)
    throws(CalendarError) -> ISODate
  {
    guard var expiry = start.adding(days: days) else {
      throw CalendarError(.dateOutOfRange, "the custody time limit would end outside 1–9999")
    }
    while try isNonWorkingDay(expiry, holidays: holidays) {
      guard let previous = expiry.adding(days: -1) else {
        throw CalendarError(.dateOutOfRange, "the custody time limit would end before year 1")
      }
      expiry = previous
    }
    return expiry
  }

  /// Whether a custody time limit may not expire on `date`: a Saturday, a Sunday, Christmas
  /// Day, Good Friday or a bank holiday in England and Wales.
  ///
  /// - Throws: ``CalendarError`` with code ``CalendarError/Code/yearNotCovered`` when the
  ///   bank holiday file does not cover the date's year.
  package static func isNonWorkingDay(_ date: ISODate, holidays: BankHolidayCalendar)
    throws(CalendarError) -> Bool
  {
    try holidays.requireCoverage(of: date)
    if date.weekday.isWeekend { return true }
    if date.month == 12, date.day == 25 { return true }
    if let easter = ISODate.easterSunday(year: date.year), easter.adding(days: -2) == date {
      return true
    }
    return try holidays.isBankHoliday(date)
  }
}

extension ISODate {
  /// Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/
  /// Butcher); `nil` outside years 1583–9999, where the Gregorian rule does not apply.
  package static func easterSunday(year: Int) -> ISODate? {
    guard (1583...9999).contains(year) else { return nil }
    let goldenNumber = year % 19
    let century = year / 100
    let yearOfCentury = year % 100
    let skippedLeapYears = century / 4
    let centuryRemainder = century % 4
    let moonCorrection = (century + 8) / 25
    let solarCorrection = (century - moonCorrection + 1) / 3
    let epact = (19 * goldenNumber + century - skippedLeapYears - solarCorrection + 15) % 30
    let leapQuarters = yearOfCentury / 4
    let leapRemainder = yearOfCentury % 4
    let weekdayOffset =
      (32 + 2 * centuryRemainder + 2 * leapQuarters - epact - leapRemainder) % 7
    let correction = (goldenNumber + 11 * epact + 22 * weekdayOffset) / 451
    let monthAndDay = epact + weekdayOffset - 7 * correction + 114
    return ISODate(year: year, month: monthAndDay / 31, day: monthAndDay % 31 + 1)
  }
}
