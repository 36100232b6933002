import CaseStore
import Foundation

/// Generates realistic synthetic cases for benchmarks and load tests.
///
/// The output is deterministic for a seed: the same seed and count give the same cases.
/// Every case is valid records JSON with about a hundred records (people, offences,
/// witnesses, statements, exhibits with continuity, interviews, unused material). All
/// names and details are invented from fixed word lists.
package struct SyntheticCases {
  private var random: SplitMix64

  package init(seed: UInt64) {
    random = SplitMix64(seed: seed)
  }

  static let given = [
    "Alex", "Bethan", "Carys", "Dafydd", "Eleri", "Gareth", "Hannah", "Iwan", "Jamie", "Lowri",
    "Megan", "Rhys", "Sam", "Tomos", "Zara",
  ]
  static let family = [
    "Ashdown", "Bryn", "Castell", "Dale", "Evans-Example", "Fenwick", "Glyn", "Harlow", "Ifan",
    "Jones-Sample", "Kerr", "Llewellyn", "Morgan-Test", "Norris", "Owen",
  ]
  static let offences: [(String, String, ModeOfTrial)] = [
    ("TH68010", "Theft from a shop", .eitherWay), ("TH68036", "Burglary dwelling", .eitherWay),
    ("CJ88116", "Common assault", .summaryOnly),
    ("OF61016", "Assault occasioning actual bodily harm", .eitherWay),
    ("TH68023", "Robbery", .indictableOnly), ("RT88227", "Drive with excess alcohol", .summaryOnly),
  ]

  /// The next case; `serial` becomes the URN's serial number.
  package mutating func nextCase(serial: Int) -> CaseRecord {
    let urn = String(format: "%02dSY%05d26", 1 + serial / 100_000 % 99, serial % 100_000)
    var people: [Person] = []
    func name() -> PersonName { PersonName(given: [pick(Self.given)], family: pick(Self.family)) }
    people.append(
      Person(
        id: "P1", roles: [.defendant], name: name(), dateOfBirth: date(year: 1960...2005),
        occupation: "Unemployed"))
    people.append(
      Person(
        id: "P2", roles: [.officerInCase], name: name(), rank: "PC",
        collarNumber: "\(1000 + next(9000))"))
    people.append(
      Person(
        id: "P3", roles: [.disclosureOfficer], name: name(), rank: "DC",
        collarNumber: "\(1000 + next(9000))"))
    for index in 4...9 {
      people.append(
        Person(
          id: "P\(index)", roles: [index == 4 ? .victim : .civilianWitness], name: name(),
          dateOfBirth: date(year: 1940...2008),
          address: "\(1 + next(200)) Example Street, Sampletown",
          phone: "07700 900\(String(format: "%03d", next(1000)))",
          email: "witness\(index)@example.org"))
    }
    let offenceDate = date(year: 2026...2026, months: 1...6)
    var offences: [Offence] = []
    for index in 1...3 {
      let (code, title, mode) = pick(Self.offences)
      offences.append(
        Offence(
          id: "O\(index)", defendant: "P1", cjsCode: code, title: title,
          wording:
            "On \(offenceDate) at Sampletown stole goods to the value of £\(next(900)).\(next(90) + 10) belonging to the victim.",
          from: offenceDate, modeOfTrial: mode,
          anticipatedPlea: next(2) == 0 ? .guilty : .notGuilty,
          chargeDate: offenceDate, victims: ["P4"]))
    }
    let custody = [
      CustodyRecord(
        id: "C1", defendant: "P1", status: .conditionalBail, since: offenceDate,
        bailConditions: ["Not to contact the victim"], firstHearing: offenceDate + "T10:00",
        court: "Sampletown Magistrates' Court")
    ]
    var witnesses: [Witness] = []
    for index in 4...9 {
      witnesses.append(
        Witness(
          id: "W\(index)", person: "P\(index)", kind: index == 4 ? .victim : .civilian,
          key: index < 7,
          datesToAvoid: [date(year: 2027...2027)]))
    }
    var exhibits: [Exhibit] = []
    for index in 1...15 {
      let continuity = (0..<3).map { step in
        ContinuityEvent(
          at: offenceDate + "T1\(step):00",
          action: ["seized", "booked into store", "sent for analysis"][step], from: "P2", to: "P3")
      }
      exhibits.append(
        Exhibit(
          id: "E\(index)", reference: "SY/\(index)",
          description: "Item \(index) recovered at the scene", producedBy: "P2",
          seizedAt: offenceDate + "T09:30", seizedFrom: "Scene", continuity: continuity))
    }
    var statements: [Statement] = []
    for index in 1...10 {
      statements.append(
        Statement(
          id: "S\(index)", witness: "W\(4 + (index - 1) % 6)", date: offenceDate,
          text:
            "I am a witness to the events. Yr wyf yn dyst. I saw the defendant take items worth £\(next(500)). "
            + String(repeating: "Further detail. ", count: 1 + next(20)),
          exhibits: index <= 5 ? ["E\(index)"] : []))
    }
    let interviews = [
      Interview(
        id: "I1", interviewee: "P1", type: .audio, date: offenceDate + "T15:00",
        summary: "No comment interview."),
      Interview(
        id: "I2", interviewee: "P1", type: .video, date: offenceDate + "T17:00",
        summary: "Admitted presence, denied theft."),
    ]
    let unused = (1...10).map { index in
      UnusedItem(
        id: "U\(index)", description: "Unused item \(index)",
        sensitivity: index % 5 == 0 ? .sensitive : .nonSensitive,
        reason: index % 5 == 0 ? "Public interest immunity" : nil)
    }
    return CaseRecord(
      urn: urn, title: "R v \(people[0].name.family)",
      summary: "Synthetic case \(serial) for load tests.",
      people: people, offences: offences, custody: custody, witnesses: witnesses,
      statements: statements,
      exhibits: exhibits, interviews: interviews, unused: unused)
  }

  private mutating func next(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

  private mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

  private mutating func date(year: ClosedRange<Int>, months: ClosedRange<Int> = 1...12) -> String {
    let y = year.lowerBound + next(year.count)
    let m = months.lowerBound + next(months.count)
    return String(format: "%04d-%02d-%02d", y, m, 1 + next(28))
  }
}

/// A small, fast, seedable pseudo-random generator (SplitMix64), for reproducible samples.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
