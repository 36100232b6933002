import CaseStore

/// A day of the week, numbered as ISO 8601 numbers them (Monday 1 to Sunday 7).
package enum Weekday: Int, CaseIterable, Sendable {
  case monday = 1
  case tuesday
  case wednesday
  case thursday
  case friday
  case saturday
  case sunday

  /// Saturday or Sunday.
  package var isWeekend: Bool { self == .saturday || self == .sunday }
}

/// Day arithmetic on calendar dates of the proleptic Gregorian calendar.
///
/// Every operation is plain integer arithmetic on a day number (days since 0001-01-01), so
/// it does not depend on time zones, locales or Foundation's `Calendar`. Results that would
/// leave the years 1 to 9999, which ``ISODate`` can hold, are `nil`.
extension ISODate {
  /// Days from 0001-01-01 (day 0) to this date.
  package var dayNumber: Int {
    let previousYears = year - 1
    let leapDays = previousYears / 4 - previousYears / 100 + previousYears / 400
    var days = previousYears * 365 + leapDays
    for earlier in Self.monthRange(before: month) {
      days += Self.daysIn(month: earlier, year: year)
    }
    return days + day - 1
  }

  /// The date with the given day number (days since 0001-01-01); `nil` outside years 1–9999.
  package init?(dayNumber: Int) {
    // 3 652 058 is 9999-12-31.
    guard (0...3_652_058).contains(dayNumber) else { return nil }
    // 146 097 days make 400 Gregorian years; the estimate is at most a year off.
    var year = dayNumber * 400 / 146_097 + 1
    while year > 1, Self.firstDayNumber(ofYear: year) > dayNumber { year -= 1 }
    while Self.firstDayNumber(ofYear: year + 1) <= dayNumber { year += 1 }
    var remaining = dayNumber - Self.firstDayNumber(ofYear: year)
    var month = 1
    while remaining >= Self.daysIn(month: month, year: year) {
      remaining -= Self.daysIn(month: month, year: year)
      month += 1
    }
    self.init(year: year, month: month, day: remaining + 1)
  }

  /// The day of the week.
  package var weekday: Weekday {
    // 0001-01-01 (proleptic Gregorian) was a Monday.
    Weekday(rawValue: dayNumber % 7 + 1) ?? .monday
  }

  /// The date `days` days later (earlier when negative); `nil` outside years 1–9999.
  package func adding(days: Int) -> ISODate? {
    let (target, overflow) = dayNumber.addingReportingOverflow(days)
    return overflow ? nil : ISODate(dayNumber: target)
  }

  /// The number of days from `self` to `date`: positive when `date` is later, 0 on the same
  /// day.
  package func days(until date: ISODate) -> Int {
    date.dayNumber - dayNumber
  }

  /// The same day of the month `months` calendar months later (earlier when negative),
  /// clamped to the last day of a shorter month: 31 August plus 6 months is 28 (or 29)
  /// February; `nil` outside years 1–9999.
  package func adding(months: Int) -> ISODate? {
    let (monthIndex, overflow) = (year * 12 + month - 1).addingReportingOverflow(months)
    guard !overflow, monthIndex >= 12 else { return nil }
    let newYear = monthIndex / 12
    let newMonth = monthIndex % 12 + 1
    guard (1...9999).contains(newYear) else { return nil }
    let newDay = min(day, Self.daysIn(month: newMonth, year: newYear))
    return ISODate(year: newYear, month: newMonth, day: newDay)
  }

  /// Day number of the first of January of `year`.
  private static func firstDayNumber(ofYear year: Int) -> Int {
    let previousYears = year - 1
    return previousYears * 365 + previousYears / 4 - previousYears / 100 + previousYears / 400
  }

  /// The months of a year before `month`, as a range that is empty for January.
  private static func monthRange(before month: Int) -> Range<Int> {
    1..<max(1, month)
  }
}
