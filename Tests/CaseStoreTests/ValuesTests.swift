import Testing

@testable import CaseStore

@Suite("Dates, date-times and URNs")
struct ValuesTests {
  @Test(arguments: ["2026-02-28", "2024-02-29", "2000-02-29", "1999-12-31", "2026-01-01"])
  func acceptsRealDates(_ text: String) throws {
    let date = try #require(ISODate(text))
    #expect(date.description == text)
  }

  @Test(arguments: [
    "2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "26-01-01",
    "2026-01-01T10:00", "", "2026/01/01",
  ])
  func refusesImpossibleDates(_ text: String) {
    #expect(ISODate(text) == nil)
  }

  @Test(arguments: [
    "2026-03-01T10:15", "2026-03-01T10:15:30", "2026-03-01T10:15:30.25Z",
    "2026-03-01T23:59:59+01:00", "2026-03-01T00:00Z",
  ])
  func acceptsDateTimes(_ text: String) {
    #expect(ISODateTime(text) != nil)
  }

  @Test(arguments: [
    "2026-03-01", "2026-03-01T24:00", "2026-03-01T10:60", "2026-02-30T10:00",
    "2026-03-01T10:15:30.1234567", "2026-03-01T10:15+1:00", "2026-03-01T10:15x",
  ])
  func refusesBadDateTimes(_ text: String) {
    #expect(ISODateTime(text) == nil)
  }

  @Test func computesAgeOnADate() throws {
    let born = try #require(ISODate("2009-06-15"))
    #expect(born.years(until: try #require(ISODate("2026-06-14"))) == 16)
    #expect(born.years(until: try #require(ISODate("2026-06-15"))) == 17)
  }

  @Test(arguments: ["01AB1234526", "63CD0000125", "01AB1234526-01", "99ZZ9999999"])
  func acceptsURNs(_ text: String) throws {
    let urn = try #require(URN(text))
    #expect(urn.description == text)
  }

  @Test(arguments: [
    "01ab1234526", "1AB1234526", "01AB123452", "01AB1234526-1", "01AB1234526-M", "01A11234526",
    "01AB1234526 ", "01AB12345267",
  ])
  func refusesBadURNs(_ text: String) {
    #expect(URN(text) == nil)
  }
}
