import CaseAssembly
import CaseStore
import Testing

@Suite("Calendar day arithmetic")
struct CalendarArithmeticTests {
  @Test(arguments: [
    ("0001-01-01", 0), ("1970-01-01", 719_162), ("2015-01-01", 735_598),
    ("2035-12-31", 743_267), ("9999-12-31", 3_652_058),
  ])
  func numbersDaysFromTheFirstOfJanuaryOfYearOne(date: String, dayNumber: Int) throws {
    let day = try CalendarFixtures.date(date)
    #expect(day.dayNumber == dayNumber)
    #expect(ISODate(dayNumber: dayNumber) == day)
  }

  @Test func refusesDayNumbersOutsideTheYearsItCanHold() {
    #expect(ISODate(dayNumber: -1) == nil)
    #expect(ISODate(dayNumber: 3_652_059) == nil)
    #expect(ISODate(dayNumber: .max) == nil)
    #expect(ISODate(dayNumber: .min) == nil)
  }

  @Test func walksEveryDayFrom2015To2035InOrder() throws {
    var expected = try CalendarFixtures.date("2015-01-01")
    let start = expected.dayNumber
    var count = 0
    for year in 2015...2035 {
      for month in 1...12 {
        for day in 1...ISODate.daysIn(month: month, year: year) {
          let date = try #require(ISODate(year: year, month: month, day: day))
          #expect(date == expected)
          #expect(date.dayNumber == start + count)
          #expect(ISODate(dayNumber: start + count) == date)
          expected = try #require(expected.adding(days: 1))
          count += 1
        }
      }
    }
    #expect(count == 7670)
  }

  @Test(arguments: [
    ("2016-02-28", 1, "2016-02-29"), ("2016-02-29", 1, "2016-03-01"),
    ("2015-02-28", 1, "2015-03-01"), ("2024-12-31", 1, "2025-01-01"),
    ("2025-01-01", -1, "2024-12-31"), ("2020-01-01", 366, "2021-01-01"),
    ("2021-01-01", 365, "2022-01-01"), ("2032-02-28", 2, "2032-03-01"),
    ("2028-02-29", -365, "2027-03-01"), ("2015-01-01", 7669, "2035-12-31"),
    ("2024-03-01", -1, "2024-02-29"), ("2023-03-01", -1, "2023-02-28"),
    ("2020-02-29", 0, "2020-02-29"),
  ])
  func addsDays(from: String, days: Int, to: String) throws {
    let start = try CalendarFixtures.date(from)
    let end = try CalendarFixtures.date(to)
    #expect(start.adding(days: days) == end)
    #expect(start.days(until: end) == days)
    #expect(end.days(until: start) == -days)
  }

  @Test func refusesToLeaveTheYearsItCanHold() throws {
    #expect(try CalendarFixtures.date("9999-12-31").adding(days: 1) == nil)
    #expect(try CalendarFixtures.date("0001-01-01").adding(days: -1) == nil)
    #expect(try CalendarFixtures.date("0001-01-15").adding(months: -1) == nil)
    #expect(try CalendarFixtures.date("9999-12-15").adding(months: 1) == nil)
    #expect(try CalendarFixtures.date("2024-01-01").adding(days: .max) == nil)
    #expect(try CalendarFixtures.date("2024-01-01").adding(months: .max) == nil)
    #expect(try CalendarFixtures.date("2024-01-01").adding(months: .min) == nil)
  }

  @Test(arguments: [
    ("2024-02-01", "2024-03-01", 29), ("2025-02-01", "2025-03-01", 28),
    ("2024-01-01", "2020-01-01", -1461), ("2015-01-01", "2035-12-31", 7669),
  ])
  func countsDaysBetweenDates(from: String, to: String, days: Int) throws {
    #expect(try CalendarFixtures.date(from).days(until: CalendarFixtures.date(to)) == days)
  }

  @Test(arguments: [
    ("2016-02-29", Weekday.monday), ("2020-02-29", .saturday), ("2024-02-29", .thursday),
    ("2028-02-29", .tuesday), ("2032-02-29", .sunday), ("2015-01-01", .thursday),
    ("2035-12-31", .monday), ("2000-01-01", .saturday), ("1970-01-01", .thursday),
    ("2025-04-18", .friday), ("2024-06-05", .wednesday), ("0001-01-01", .monday),
  ])
  func knowsTheDayOfTheWeek(date: String, weekday: Weekday) throws {
    #expect(try CalendarFixtures.date(date).weekday == weekday)
  }

  @Test func callsOnlySaturdayAndSundayTheWeekend() {
    #expect(Weekday.allCases.filter(\.isWeekend) == [.saturday, .sunday])
  }

  @Test(arguments: [
    ("2024-08-31", 6, "2025-02-28"), ("2023-08-31", 6, "2024-02-29"),
    ("2024-01-31", 1, "2024-02-29"), ("2025-01-31", 1, "2025-02-28"),
    ("2024-03-31", -1, "2024-02-29"), ("2024-05-15", 12, "2025-05-15"),
    ("2024-11-30", 3, "2025-02-28"), ("2024-02-29", 12, "2025-02-28"),
    ("2024-02-29", 48, "2028-02-29"), ("2024-10-31", -13, "2023-09-30"),
    ("2024-07-15", 6, "2025-01-15"), ("2024-03-31", 6, "2024-09-30"),
    ("2024-12-31", 6, "2025-06-30"), ("2024-06-30", 0, "2024-06-30"),
  ])
  func addsCalendarMonthsClampingToTheMonthEnd(from: String, months: Int, to: String) throws {
    #expect(try CalendarFixtures.date(from).adding(months: months) == CalendarFixtures.date(to))
  }
}
