import CaseJSON
import CaseStore

/// The bank holidays of England and Wales for a span of years, read from a data file.
///
/// Bank holidays are proclaimed year by year, and one-off holidays (a coronation, a state
/// funeral) are added at short notice, so they are data a force updates, never code:
/// `Templates/calendar/bank-holidays-england-wales.json`, generated and checked by
/// `scripts/gen_bank_holidays.py`. The file says which years it covers; a question about
/// any other year is an error, never a guess.
///
/// The file's shape:
///
/// ```json
/// {"region": "england-and-wales", "firstYear": 2015, "lastYear": 2035, "source": "…",
///  "holidays": [{"date": "2015-01-01", "name": "New Year’s Day"}, …]}
/// ```
///
/// Holidays are sorted by date, each date at most once, every date inside the covered years,
/// and every covered year has at least one holiday (a file cut short is refused).
package struct BankHolidayCalendar: Equatable, Sendable {
  /// One bank holiday.
  package struct Holiday: Equatable, Sendable {
    package var date: ISODate
    package var name: String

    package init(date: ISODate, name: String) {
      self.date = date
      self.name = name
    }
  }

  /// The only region this calendar serves; the custody time limit rules are those of
  /// England and Wales.
  package static let region = "england-and-wales"

  /// The first year the file covers.
  package let firstYear: Int
  /// The last year the file covers (inclusive).
  package let lastYear: Int
  /// Where the dates come from, as the file states it.
  package let source: String
  /// Every holiday, sorted by date.
  package let holidays: [Holiday]
  private let dates: Set<ISODate>

  /// Reads a bank holiday file.
  ///
  /// - Parameter jsonBytes: The file's bytes (UTF-8 JSON).
  /// - Throws: ``CalendarError`` with code ``CalendarError/Code/malformedCalendar`` and a
  ///   message naming the JSON path of the first problem found.
  package init(jsonBytes: [UInt8]) throws(CalendarError) {
    let document: JSONValue
    do {
      document = try JSONParser.parse(jsonBytes)
    } catch {
      throw Self.malformed("not valid JSON: \(error.description)")
    }
    guard case .object(let root) = document else {
      throw Self.malformed("the document must be a JSON object, not \(document.typeName)")
    }
    let known: Set<String> = ["region", "firstYear", "lastYear", "source", "holidays"]
    if let unknown = root.keys.first(where: { !known.contains($0) }) {
      throw Self.malformed("unknown member $.\(unknown)")
    }
    let region = try Self.string(root["region"], at: "$.region")
    guard region == Self.region else {
      throw Self.malformed(
        "$.region must be \"\(Self.region)\": the time limit rules are those of England and Wales"
      )
    }
    let firstYear = try Self.year(root["firstYear"], at: "$.firstYear")
    let lastYear = try Self.year(root["lastYear"], at: "$.lastYear")
    guard firstYear <= lastYear else {
      throw Self.malformed("$.firstYear (\(firstYear)) is after $.lastYear (\(lastYear))")
    }
    let source = try Self.string(root["source"], at: "$.source")
    guard case .array(let entries) = root["holidays"] ?? .null else {
      throw Self.malformed("$.holidays must be an array")
    }
    var holidays: [Holiday] = []
    holidays.reserveCapacity(entries.count)
    for (index, entry) in entries.enumerated() {
      let path = "$.holidays[\(index)]"
      let holiday = try Self.holiday(entry, at: path)
      guard (firstYear...lastYear).contains(holiday.date.year) else {
        throw Self.malformed(
          "\(path).date is outside the years \(firstYear)–\(lastYear) the file declares")
      }
      if let previous = holidays.last {
        guard previous.date != holiday.date else {
          throw Self.malformed("\(path).date \(holiday.date) is listed twice")
        }
        guard previous.date < holiday.date else {
          throw Self.malformed("\(path).date \(holiday.date) is out of order: sort by date")
        }
      }
      holidays.append(holiday)
    }
    let years = Set(holidays.map(\.date.year))
    if let missing = (firstYear...lastYear).first(where: { !years.contains($0) }) {
      throw Self.malformed(
        "the file declares \(firstYear)–\(lastYear) but lists no holiday in \(missing)")
    }
    self.firstYear = firstYear
    self.lastYear = lastYear
    self.source = source
    self.holidays = holidays
    self.dates = Set(holidays.map(\.date))
  }

  /// Whether the file covers the year of `date`.
  package func covers(_ date: ISODate) -> Bool {
    (firstYear...lastYear).contains(date.year)
  }

  /// Whether `date` is a bank holiday in England and Wales.
  ///
  /// - Throws: ``CalendarError`` with code ``CalendarError/Code/yearNotCovered`` when the
  ///   file does not cover the date's year.
  package func isBankHoliday(_ date: ISODate) throws(CalendarError) -> Bool {
    try requireCoverage(of: date)
    return dates.contains(date)
  }

  /// The holiday on `date`, if there is one.
  ///
  /// - Throws: ``CalendarError`` with code ``CalendarError/Code/yearNotCovered`` when the
  ///   file does not cover the date's year.
  package func holiday(on date: ISODate) throws(CalendarError) -> Holiday? {
    try requireCoverage(of: date)
    guard dates.contains(date) else { return nil }
    return holidays.first { $0.date == date }
  }

  /// Throws unless the file covers the year of `date`.
  package func requireCoverage(of date: ISODate) throws(CalendarError) {
    guard covers(date) else {
      throw CalendarError(
        .yearNotCovered,
        "the bank holiday file covers \(firstYear)–\(lastYear) but the year \(date.year) is "
          + "needed: extend Templates/calendar/bank-holidays-england-wales.json "
          + "(scripts/gen_bank_holidays.py) to cover \(date.year)")
    }
  }

  private static func malformed(_ detail: String) -> CalendarError {
    CalendarError(.malformedCalendar, "bank holiday file: \(detail)")
  }

  private static func string(_ value: JSONValue?, at path: String) throws(CalendarError)
    -> String
  {
    guard case .string(let text) = value ?? .null, !text.isEmpty else {
      throw malformed("\(path) must be a non-empty string")
    }
    return text
  }

  private static func year(_ value: JSONValue?, at path: String) throws(CalendarError) -> Int {
    guard case .number(let number) = value ?? .null, let year = Int(number.literal),
      (1...9999).contains(year)
    else {
      throw malformed("\(path) must be a whole year between 1 and 9999")
    }
    return year
  }

  private static func holiday(_ value: JSONValue, at path: String) throws(CalendarError)
    -> Holiday
  {
    guard case .object(let entry) = value else {
      throw malformed("\(path) must be an object with date and name")
    }
    if let unknown = entry.keys.first(where: { $0 != "date" && $0 != "name" }) {
      throw malformed("unknown member \(path).\(unknown)")
    }
    let text = try string(entry["date"], at: "\(path).date")
    guard let date = ISODate(text) else {
      throw malformed("\(path).date must be a real date written YYYY-MM-DD")
    }
    let name = try string(entry["name"], at: "\(path).name")
    return Holiday(date: date, name: name)
  }
}
