import CaseAssembly
import CaseStore
import Testing

@Suite("Calendar time limits")
struct CalendarTimeLimitTests {
  @Test(arguments: [
    (ModeOfTrial.summaryOnly, 56), (.eitherWay, 70), (.indictableOnly, 182),
  ])
  func custodyTimeLimitLengthFollowsModeOfTrial(mode: ModeOfTrial, days: Int) {
    #expect(TimeLimitFact.custodyTimeLimitDays(for: mode) == days)
  }

  /// (first remand, days, expiry): each row worked out by hand from a printed calendar.
  @Test(arguments: [
    // A Tuesday: no move; the first day is not counted (2 January + 56 days).
    ("2024-01-02", 56, "2024-02-27"),
    // 182 days to a Wednesday: no move.
    ("2024-01-03", 182, "2024-07-03"),
    // A Saturday moves to the Friday before.
    ("2024-03-02", 56, "2024-04-26"),
    // A Sunday moves to the Friday before.
    ("2024-03-03", 56, "2024-04-26"),
    // 70 days to Saturday 10 August 2024.
    ("2024-06-01", 70, "2024-08-09"),
    // Good Friday 18 April 2025 moves to Thursday.
    ("2025-02-21", 56, "2025-04-17"),
    // Easter Monday 21 April 2025: Sunday, Saturday and Good Friday too, so Thursday.
    ("2025-02-24", 56, "2025-04-17"),
    // Christmas Day on a Wednesday moves to Christmas Eve.
    ("2024-10-30", 56, "2024-12-24"),
    // Tuesday 27 December 2022 (Christmas substitute), Boxing Day, Sunday 25, Saturday 24:
    // a run of four, back to Friday 23 December.
    ("2022-10-18", 70, "2022-12-23"),
    // Summer bank holiday Monday 26 August 2024 and the weekend before.
    ("2024-07-01", 56, "2024-08-23"),
    // The coronation bank holiday, Monday 8 May 2023.
    ("2023-03-13", 56, "2023-05-05"),
    // New Year's Day 2030 (a Tuesday) moves to Monday 31 December 2029.
    ("2029-10-23", 70, "2029-12-31"),
  ])
  func custodyTimeLimitExpiresOnTheLastWorkingDay(start: String, days: Int, expiry: String)
    throws
  {
    let calendar = try CalendarFixtures.calendar()
    let remanded = try CalendarFixtures.date(start)
    let fact = try TimeLimitFact.custodyTimeLimit(
      start: remanded, days: days, asOf: remanded, holidays: calendar)
    #expect(fact.expiry == (try CalendarFixtures.date(expiry)))
    #expect(fact.start == remanded)
    #expect(fact.days == days)
    #expect(fact.daysRemaining == remanded.days(until: fact.expiry))
    #expect(!fact.expired)
  }

  @Test func goodFridayAndChristmasDayCountEvenWhenTheFileLeavesThemOut() throws {
    let calendar = try CalendarFixtures.minimalCalendar(years: 2015...2035)
    #expect(
      try TimeLimitFact.custodyExpiry(
        start: CalendarFixtures.date("2025-02-21"), days: 56, holidays: calendar)
        == CalendarFixtures.date("2025-04-17"))
    #expect(
      try TimeLimitFact.custodyExpiry(
        start: CalendarFixtures.date("2024-10-30"), days: 56, holidays: calendar)
        == CalendarFixtures.date("2024-12-24"))
    // Without the file's Easter Monday, 21 April 2025 is a working day.
    #expect(
      try TimeLimitFact.custodyExpiry(
        start: CalendarFixtures.date("2025-02-24"), days: 56, holidays: calendar)
        == CalendarFixtures.date("2025-04-21"))
  }

  @Test(arguments: [
    ("2025-04-16", false), ("2025-04-17", false), ("2025-04-18", true), ("2025-04-19", true),
    ("2025-04-20", true), ("2025-04-21", true), ("2025-04-22", false), ("2021-12-25", true),
    ("2021-12-27", true), ("2021-12-29", false), ("2023-05-08", true),
  ])
  func knowsWhichDaysAreNotWorkingDays(date: String, nonWorking: Bool) throws {
    let calendar = try CalendarFixtures.calendar()
    #expect(
      try TimeLimitFact.isNonWorkingDay(CalendarFixtures.date(date), holidays: calendar)
        == nonWorking)
  }

  @Test func custodyTimeLimitOutsideTheFileIsAnError() throws {
    let calendar = try CalendarFixtures.calendar()
    let error = try #require(throws: CalendarError.self) {
      try TimeLimitFact.custodyTimeLimit(
        start: CalendarFixtures.date("2035-12-01"), days: 56,
        asOf: CalendarFixtures.date("2035-12-01"), holidays: calendar)
    }
    #expect(error.code == .yearNotCovered)
    #expect(error.message.contains("2036"))
    #expect(error.message.contains("2015–2035"))
    #expect(error.message.contains("bank-holidays-england-wales.json"))
  }

  @Test func custodyTimeLimitRollingBackOutOfTheFileIsAnError() throws {
    // 2024 covered alone: an expiry on Saturday 4 January 2025 is not covered.
    let calendar = try CalendarFixtures.minimalCalendar(years: 2024...2024)
    let error = try #require(throws: CalendarError.self) {
      try TimeLimitFact.custodyExpiry(
        start: CalendarFixtures.date("2024-11-09"), days: 56, holidays: calendar)
    }
    #expect(error.code == .yearNotCovered)
    #expect(error.message.contains("2025"))
  }

  @Test(arguments: [
    ("2024-03-10", "2024-09-10"),
    // Month-end clamping, leap and common years.
    ("2023-08-31", "2024-02-29"), ("2024-08-31", "2025-02-28"), ("2024-03-31", "2024-09-30"),
    ("2024-12-31", "2025-06-30"), ("2024-07-15", "2025-01-15"),
    // A Saturday expiry does not move: the limit is not a custody time limit.
    ("2024-03-14", "2024-09-14"),
    // Nor does a bank holiday: 26 August 2024.
    ("2024-02-26", "2024-08-26"),
  ])
  func sixMonthLimitEndsOnTheSameDateSixMonthsLater(offence: String, expiry: String) throws {
    let from = try CalendarFixtures.date(offence)
    let fact = try TimeLimitFact.sixMonthLimit(offenceDate: from, asOf: from)
    #expect(fact.start == from)
    #expect(fact.days == nil)
    #expect(fact.expiry == (try CalendarFixtures.date(expiry)))
  }

  @Test(arguments: [
    ("2024-09-10", 0, false), ("2024-09-11", -1, true), ("2024-08-31", 10, false),
    ("2025-01-01", -113, true), ("2024-03-10", 184, false),
  ])
  func timeLimitCountsDaysRemainingFromTheAsOfDate(asOf: String, remaining: Int, expired: Bool)
    throws
  {
    let fact = try TimeLimitFact.sixMonthLimit(
      offenceDate: CalendarFixtures.date("2024-03-10"), asOf: CalendarFixtures.date(asOf))
    #expect(fact.daysRemaining == remaining)
    #expect(fact.expired == expired)
  }
}
