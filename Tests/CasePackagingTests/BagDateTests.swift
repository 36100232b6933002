import Testing

@testable import CasePackaging

@Suite struct BagDateTests {
  @Test func baggingDateIsMidnightUTC() throws {
    #expect(try BagWriter.midnightUTC("1970-01-01") == 0)
    #expect(try BagWriter.midnightUTC("2026-11-26") == 1_795_651_200)
    #expect(throws: PackagingError.self) { try BagWriter.midnightUTC("2026-02-30") }
  }
}
