import CaseAssembly
import CaseStore
import Foundation
import Testing

/// Shared fixtures of the calendar tests: the committed bank holiday file and date parsing.
enum CalendarFixtures {
  /// The repository root, found from this file's path.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let holidayFile = repositoryRoot.appendingPathComponent(
    "Templates/calendar/bank-holidays-england-wales.json")

  /// The committed bank holiday file, parsed.
  static func calendar() throws -> BankHolidayCalendar {
    try BankHolidayCalendar(jsonBytes: Array(Data(contentsOf: holidayFile)))
  }

  /// A date from `YYYY-MM-DD`; the test fails when the text is not a date.
  static func date(
    _ text: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> ISODate {
    try #require(ISODate(text), "not a date: \(text)", sourceLocation: sourceLocation)
  }

  /// A bank holiday file covering `years` with only New Year's Day in each.
  static func minimalCalendar(years: ClosedRange<Int>) throws -> BankHolidayCalendar {
    let entries = years.map { #"{"date": "\#($0)-01-01", "name": "New Year’s Day"}"# }
    let text = """
      {"region": "england-and-wales", "firstYear": \(years.lowerBound), \
      "lastYear": \(years.upperBound), "source": "test",
      "holidays": [\(entries.joined(separator: ", "))]}
      """
    return try BankHolidayCalendar(jsonBytes: Array(text.utf8))
  }

  /// The `python3` on the search path, if there is one.
  static let python3: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/python3" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  /// Runs the generator script at `script` with `--check`; returns its exit status.
  static func runGeneratorCheck(script: URL) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(python3))
    process.arguments = [script.path, "--check"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }
}

@Suite("Bank holiday calendar")
struct CalendarBankHolidayTests {
  /// The lists published at https://www.gov.uk/bank-holidays (England and Wales), typed in
  /// by hand as the oracle.
  static let published: [(year: Int, dates: [String])] = [
    (
      2019,
      [
        "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26",
        "2019-12-25", "2019-12-26",
      ]
    ),
    (
      2020,
      [
        "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31",
        "2020-12-25", "2020-12-28",
      ]
    ),
    (
      2022,
      [
        "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
        "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
      ]
    ),
    (
      2023,
      [
        "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
        "2023-08-28", "2023-12-25", "2023-12-26",
      ]
    ),
    (
      2024,
      [
        "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
        "2024-12-25", "2024-12-26",
      ]
    ),
    (
      2025,
      [
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
        "2025-12-25", "2025-12-26",
      ]
    ),
  ]

  @Test(arguments: published)
  func matchesTheGovUKPublishedList(year: Int, dates: [String]) throws {
    let calendar = try CalendarFixtures.calendar()
    let expected = try Set(dates.map { try CalendarFixtures.date($0) })
    let listed = Set(calendar.holidays.map(\.date).filter { $0.year == year })
    #expect(listed == expected)
    var day = try CalendarFixtures.date("\(year)-01-01")
    while day.year == year {
      #expect(try calendar.isBankHoliday(day) == expected.contains(day), "\(day)")
      day = try #require(day.adding(days: 1))
    }
  }

  @Test(arguments: [
    (2015, "2015-04-05"), (2016, "2016-03-27"), (2017, "2017-04-16"), (2018, "2018-04-01"),
    (2019, "2019-04-21"), (2020, "2020-04-12"), (2021, "2021-04-04"), (2022, "2022-04-17"),
    (2023, "2023-04-09"), (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"),
    (2027, "2027-03-28"), (2028, "2028-04-16"), (2029, "2029-04-01"), (2030, "2030-04-21"),
    (2031, "2031-04-13"), (2032, "2032-03-28"), (2033, "2033-04-17"), (2034, "2034-04-09"),
    (2035, "2035-03-25"), (1961, "1961-04-02"), (2000, "2000-04-23"), (2008, "2008-03-23"),
    (2038, "2038-04-25"), (2285, "2285-03-22"),
  ])
  func computesEasterSunday(year: Int, easter: String) throws {
    #expect(ISODate.easterSunday(year: year) == (try CalendarFixtures.date(easter)))
  }

  @Test func hasNoEasterOutsideTheGregorianYears() {
    #expect(ISODate.easterSunday(year: 1582) == nil)
    #expect(ISODate.easterSunday(year: 10_000) == nil)
  }

  @Test func listsGoodFridayAndEasterMondayEveryYear() throws {
    let calendar = try CalendarFixtures.calendar()
    for year in calendar.firstYear...calendar.lastYear {
      let easter = try #require(ISODate.easterSunday(year: year))
      #expect(try calendar.holiday(on: #require(easter.adding(days: -2)))?.name == "Good Friday")
      #expect(try calendar.holiday(on: #require(easter.adding(days: 1)))?.name == "Easter Monday")
    }
  }

  @Test func listsEightToTenHolidaysEveryYearNoneAtAWeekend() throws {
    let calendar = try CalendarFixtures.calendar()
    #expect(calendar.firstYear == 2015)
    #expect(calendar.lastYear == 2035)
    for year in calendar.firstYear...calendar.lastYear {
      let inYear = calendar.holidays.filter { $0.date.year == year }
      #expect((8...10).contains(inYear.count), "\(year)")
      #expect(inYear.allSatisfy { !$0.date.weekday.isWeekend }, "\(year)")
    }
    #expect(calendar.holidays.map(\.date) == calendar.holidays.map(\.date).sorted())
  }

  @Test(arguments: [
    ("2021-12-27", "Christmas Day (substitute day)"), ("2021-12-28", "Boxing Day (substitute day)"),
    ("2022-12-26", "Boxing Day"), ("2022-12-27", "Christmas Day (substitute day)"),
    ("2020-12-28", "Boxing Day (substitute day)"),
    ("2022-01-03", "New Year’s Day (substitute day)"),
    ("2023-01-02", "New Year’s Day (substitute day)"),
    ("2027-12-27", "Christmas Day (substitute day)"),
    ("2032-12-28", "Boxing Day (substitute day)"), ("2033-12-27", "Christmas Day (substitute day)"),
    ("2022-09-19", "Bank holiday for the State Funeral of Queen Elizabeth II"),
    ("2023-05-08", "Bank holiday for the coronation of King Charles III"),
  ])
  func namesSubstituteAndOneOffDays(date: String, name: String) throws {
    let calendar = try CalendarFixtures.calendar()
    #expect(try calendar.holiday(on: CalendarFixtures.date(date))?.name == name)
  }

  @Test(arguments: [
    ("2015-01-01", true), ("2014-12-31", false), ("2035-12-31", true), ("2036-01-01", false),
  ])
  func coversOnlyTheDeclaredYears(date: String, covered: Bool) throws {
    let calendar = try CalendarFixtures.calendar()
    let day = try CalendarFixtures.date(date)
    #expect(calendar.covers(day) == covered)
    if covered {
      _ = try calendar.isBankHoliday(day)
    } else {
      let error = try #require(throws: CalendarError.self) { try calendar.isBankHoliday(day) }
      #expect(error.code == .yearNotCovered)
      #expect(error.message.contains("\(day.year)"))
      #expect(error.message.contains("extend"))
    }
  }

  static let valid = #"{"region": "england-and-wales", "firstYear": 2024, "lastYear": 2024, "#
  static let holiday = #""holidays": [{"date": "2024-01-01", "name": "New Year’s Day"}]"#

  @Test(arguments: [
    ("", "not valid JSON"),
    ("{", "not valid JSON"),
    ("[]", "must be a JSON object"),
    (valid + #""source": "x", "holidays": [], "extra": 1}"#, "unknown member $.extra"),
    (
      #"{"region": "scotland", "firstYear": 2024, "lastYear": 2024, "source": "x", "#
        + holiday + "}", "$.region"
    ),
    (
      #"{"region": "england-and-wales", "firstYear": "2024", "lastYear": 2024, "source": "x", "#
        + holiday + "}", "$.firstYear must be a whole year"
    ),
    (
      #"{"region": "england-and-wales", "firstYear": 2024.5, "lastYear": 2024, "source": "x", "#
        + holiday + "}", "$.firstYear must be a whole year"
    ),
    (
      #"{"region": "england-and-wales", "firstYear": 2025, "lastYear": 2024, "source": "x", "#
        + holiday + "}", "is after $.lastYear"
    ),
    (valid + holiday + "}", "$.source must be a non-empty string"),
    (valid + #""source": "x"}"#, "$.holidays must be an array"),
    (valid + #""source": "x", "holidays": [1]}"#, "$.holidays[0] must be an object"),
    (
      valid + #""source": "x", "holidays": [{"date": "2024-02-30", "name": "x"}]}"#,
      "$.holidays[0].date must be a real date"
    ),
    (
      valid + #""source": "x", "holidays": [{"date": "2024-01-01"}]}"#,
      "$.holidays[0].name must be a non-empty string"
    ),
    (
      valid + #""source": "x", "holidays": [{"date": "2024-01-01", "name": "x", "note": "y"}]}"#,
      "unknown member $.holidays[0].note"
    ),
    (
      valid + #""source": "x", "holidays": [{"date": "2025-01-01", "name": "x"}]}"#,
      "$.holidays[0].date is outside the years 2024–2024"
    ),
    (
      valid
        + #""source": "x", "holidays": [{"date": "2024-05-06", "name": "x"}, "#
        + #"{"date": "2024-01-01", "name": "y"}]}"#,
      "$.holidays[1].date 2024-01-01 is out of order"
    ),
    (
      valid
        + #""source": "x", "holidays": [{"date": "2024-01-01", "name": "x"}, "#
        + #"{"date": "2024-01-01", "name": "y"}]}"#,
      "$.holidays[1].date 2024-01-01 is listed twice"
    ),
    (
      #"{"region": "england-and-wales", "firstYear": 2024, "lastYear": 2025, "source": "x", "#
        + holiday + "}", "lists no holiday in 2025"
    ),
  ])
  func refusesAMalformedFile(json: String, problem: String) {
    let error = #expect(throws: CalendarError.self) {
      try BankHolidayCalendar(jsonBytes: Array(json.utf8))
    }
    #expect(error?.code == .malformedCalendar)
    #expect(error?.message.contains(problem) == true, "\(error?.message ?? "no error")")
  }

  @Test func readsAMinimalFile() throws {
    let calendar = try BankHolidayCalendar(
      jsonBytes: Array((Self.valid + #""source": "x", "# + Self.holiday + "}").utf8))
    #expect(calendar.firstYear == 2024)
    #expect(calendar.source == "x")
    #expect(
      calendar.holidays == [
        .init(date: try CalendarFixtures.date("2024-01-01"), name: "New Year’s Day")
      ])
  }

  @Test(.enabled(if: CalendarFixtures.python3 != nil, "python3 is not installed"))
  func committedFileMatchesItsGenerator() throws {
    let script = CalendarFixtures.repositoryRoot.appendingPathComponent(
      "scripts/gen_bank_holidays.py")
    #expect(try CalendarFixtures.runGeneratorCheck(script: script) == 0)
  }

  @Test(.enabled(if: CalendarFixtures.python3 != nil, "python3 is not installed"))
  func generatorCheckFailsOnAHandEdit() throws {
    let manager = FileManager.default
    let root = manager.temporaryDirectory.appendingPathComponent(
      "casefile-calendar-\(UUID().uuidString)")
    defer { try? manager.removeItem(at: root) }
    let scripts = root.appendingPathComponent("scripts")
    let calendarDirectory = root.appendingPathComponent("Templates/calendar")
    try manager.createDirectory(at: scripts, withIntermediateDirectories: true)
    try manager.createDirectory(at: calendarDirectory, withIntermediateDirectories: true)
    let script = scripts.appendingPathComponent("gen_bank_holidays.py")
    try manager.copyItem(
      at: CalendarFixtures.repositoryRoot.appendingPathComponent("scripts/gen_bank_holidays.py"),
      to: script)
    let text = try String(contentsOf: CalendarFixtures.holidayFile, encoding: .utf8)
    let edited = text.replacingOccurrences(of: "2024-08-26", with: "2024-08-27")
    #expect(edited != text)
    let copy = calendarDirectory.appendingPathComponent("bank-holidays-england-wales.json")
    try Data(text.utf8).write(to: copy)
    #expect(try CalendarFixtures.runGeneratorCheck(script: script) == 0)
    try Data(edited.utf8).write(to: copy)
    #expect(try CalendarFixtures.runGeneratorCheck(script: script) == 1)
  }
}
