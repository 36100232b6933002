import CaseAssembly
import CaseStore
import Testing

@Suite("Case facts")
struct CaseFactsTests {
  static func person(
    _ id: String, _ roles: [PersonRole], born dateOfBirth: String? = nil
  ) -> Person {
    Person(
      id: id, roles: roles, name: PersonName(given: ["Test"], family: id),
      dateOfBirth: dateOfBirth)
  }

  static func offence(_ id: String, _ defendant: String, _ from: String, _ mode: ModeOfTrial)
    -> Offence
  {
    Offence(
      id: id, defendant: defendant, cjsCode: "TH68010", title: "Theft", wording: "Stole",
      from: from, modeOfTrial: mode, anticipatedPlea: .notGuilty)
  }

  /// Two defendants remanded or bailed, a victim and a witness who is also a defendant.
  static let sample = CaseRecord(
    urn: "01AB1234524", title: "R v Test", summary: "A test case.",
    people: [
      person("P1", [.defendant], born: "2007-03-15"),
      person("P2", [.victim], born: "1990-01-01"),
      person("P3", [.defendant]),
      person("P4", [.civilianWitness, .defendant], born: "1980-06-30"),
    ],
    offences: [
      offence("O1", "P1", "2024-01-20", .summaryOnly),
      offence("O2", "P1", "2024-01-21", .eitherWay),
      offence("O3", "P3", "2024-02-01", .indictableOnly),
      offence("O4", "P4", "2024-02-02", .indictableOnly),
    ],
    custody: [
      CustodyRecord(id: "C1", defendant: "P1", status: .custody, since: "2024-03-04"),
      CustodyRecord(id: "C2", defendant: "P1", status: .custody, since: "2024-03-01"),
      CustodyRecord(id: "C3", defendant: "P3", status: .conditionalBail, since: "2024-02-02"),
      CustodyRecord(id: "C4", defendant: "P4", status: .custody, since: "2024-02-05"),
    ])

  @Test func computesTheFactsOfASmallCase() throws {
    let calendar = try CalendarFixtures.calendar()
    let asOf = try CalendarFixtures.date("2024-04-01")
    let facts = try CaseFacts.compute(for: Self.sample, asOf: asOf, holidays: calendar)
    let date = { (text: String) throws -> ISODate in try CalendarFixtures.date(text) }
    let expected = CaseFacts(
      asOf: asOf,
      defendants: [
        DefendantFacts(person: "P1", ageAsOf: 17, youth: true),
        DefendantFacts(person: "P3", ageAsOf: nil, youth: nil),
        DefendantFacts(person: "P4", ageAsOf: 43, youth: false),
      ],
      offences: [
        OffenceFacts(
          offence: "O1", defendant: "P1", ageAtOffence: 16,
          sixMonthLimit: TimeLimitFact(
            start: try date("2024-01-20"), days: nil, expiry: try date("2024-07-20"),
            asOf: asOf),
          custodyTimeLimit: TimeLimitFact(
            start: try date("2024-03-01"), days: 56, expiry: try date("2024-04-26"),
            asOf: asOf)),
        OffenceFacts(
          offence: "O2", defendant: "P1", ageAtOffence: 16, sixMonthLimit: nil,
          custodyTimeLimit: TimeLimitFact(
            start: try date("2024-03-01"), days: 70, expiry: try date("2024-05-10"),
            asOf: asOf)),
        OffenceFacts(
          offence: "O3", defendant: "P3", ageAtOffence: nil, sixMonthLimit: nil,
          custodyTimeLimit: nil),
        // 5 February + 182 days is Monday 5 August 2024, a working day.
        OffenceFacts(
          offence: "O4", defendant: "P4", ageAtOffence: 43, sixMonthLimit: nil,
          custodyTimeLimit: TimeLimitFact(
            start: try date("2024-02-05"), days: 182, expiry: try date("2024-08-05"),
            asOf: asOf)),
      ])
    #expect(facts == expected)
    #expect(facts.offences[0].sixMonthLimit?.daysRemaining == 110)
    #expect(facts.offences[0].custodyTimeLimit?.daysRemaining == 25)
    #expect(facts.offences[1].custodyTimeLimit?.daysRemaining == 39)
  }

  @Test(arguments: [
    // The 18th birthday itself: an adult.
    ("2006-05-10", "2024-05-10", 18, false),
    // The day before: still a youth.
    ("2006-05-10", "2024-05-09", 17, true),
    // Born on 29 February: 18 on 1 March in a common year, not on 28 February.
    ("2008-02-29", "2026-02-28", 17, true),
    ("2008-02-29", "2026-03-01", 18, false),
    ("2008-02-29", "2024-02-29", 16, true),
    ("2008-02-29", "2028-02-29", 20, false),
  ])
  func countsAgeInWholeYears(born: String, asOf: String, age: Int, youth: Bool) throws {
    let record = CaseRecord(
      urn: "01AB1234524", title: "R v Test", summary: "A test case.",
      people: [Self.person("P1", [.defendant], born: born)],
      offences: [Self.offence("O1", "P1", asOf, .eitherWay)])
    let facts = try CaseFacts.compute(
      for: record, asOf: CalendarFixtures.date(asOf), holidays: CalendarFixtures.calendar())
    #expect(facts.defendants == [DefendantFacts(person: "P1", ageAsOf: age, youth: youth)])
    #expect(facts.offences.map(\.ageAtOffence) == [age])
  }

  @Test func givesNoTimeLimitsToABailedDefendantsEitherWayOffence() throws {
    let record = CaseRecord(
      urn: "01AB1234524", title: "R v Test", summary: "A test case.",
      people: [Self.person("P1", [.defendant])],
      offences: [Self.offence("O1", "P1", "2024-01-01", .eitherWay)],
      custody: [
        CustodyRecord(id: "C1", defendant: "P1", status: .unconditionalBail, since: "2024-01-02")
      ])
    let facts = try CaseFacts.compute(
      for: record, asOf: CalendarFixtures.date("2024-01-03"),
      holidays: CalendarFixtures.calendar())
    #expect(facts.offences.first?.sixMonthLimit == nil)
    #expect(facts.offences.first?.custodyTimeLimit == nil)
  }

  @Test(arguments: [
    ("dateOfBirth", "person P1: dateOfBirth"), ("from", "offence O1: from"),
    ("since", "custody record C1: since"),
  ])
  func refusesAnUnreadableRecordDate(field: String, problem: String) throws {
    let bad = "15/03/2007"
    var record = CaseRecord(
      urn: "01AB1234524", title: "R v Test", summary: "A test case.",
      people: [Self.person("P1", [.defendant], born: "2007-03-15")],
      offences: [Self.offence("O1", "P1", "2024-01-20", .summaryOnly)],
      custody: [CustodyRecord(id: "C1", defendant: "P1", status: .custody, since: "2024-03-01")])
    switch field {
    case "dateOfBirth": record.people[0].dateOfBirth = bad
    case "from": record.offences[0].from = bad
    default: record.custody[0].since = bad
    }
    let calendar = try CalendarFixtures.calendar()
    let asOf = try CalendarFixtures.date("2024-04-01")
    let error = try #require(throws: CalendarError.self) {
      try CaseFacts.compute(for: record, asOf: asOf, holidays: calendar)
    }
    #expect(error.code == .invalidRecordDate)
    #expect(error.message.contains(problem))
    #expect(!error.message.contains(bad))
  }

  @Test func refusesACustodyTimeLimitBeyondTheBankHolidayFile() throws {
    let record = CaseRecord(
      urn: "01AB1234524", title: "R v Test", summary: "A test case.",
      people: [Self.person("P1", [.defendant])],
      offences: [Self.offence("O1", "P1", "2035-11-20", .indictableOnly)],
      custody: [CustodyRecord(id: "C1", defendant: "P1", status: .custody, since: "2035-11-21")])
    let calendar = try CalendarFixtures.calendar()
    let asOf = try CalendarFixtures.date("2035-11-22")
    let error = try #require(throws: CalendarError.self) {
      try CaseFacts.compute(for: record, asOf: asOf, holidays: calendar)
    }
    #expect(error.code == .yearNotCovered)
    #expect(error.message.contains("2036"))
  }
}
