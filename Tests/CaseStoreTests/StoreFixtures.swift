import Crypto
import Foundation
import GRDB
import Testing

@testable import CaseStore

/// A fresh directory for one test, inside the test's scratch root (see `.temporaryDirectory`).
struct TemporaryDirectory: Sendable {
  /// The scratch root of the running test, removed with its contents when the test ends.
  @TaskLocal static var root: URL?

  let url: URL

  init() throws {
    let root = try #require(Self.root, "the test needs the .temporaryDirectory trait")
    url = root.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// A path inside the directory.
  func path(_ name: String) -> URL { url.appendingPathComponent(name) }

  /// Writes a file inside the directory and returns its URL.
  @discardableResult
  func write(_ name: String, _ content: String) throws -> URL {
    let file = path(name)
    try Data(content.utf8).write(to: file)
    return file
  }
}

/// Gives each test function a scratch directory that is removed when the test ends.
struct TemporaryDirectoryTrait: TestTrait, SuiteTrait, TestScoping {
  var isRecursive: Bool { true }

  func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    guard !test.isSuite else { return try await function() }
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("casefile-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    try await TemporaryDirectory.$root.withValue(root) { try await function() }
  }
}

extension Trait where Self == TemporaryDirectoryTrait {
  /// A scratch directory for each test, removed afterwards.
  static var temporaryDirectory: Self { Self() }
}

/// Fixtures shared by the store's tests: stores, cases and helpers.
enum StoreFixtures {
  static let audit = AuditContext(user: "tester", action: "import", source: "cases.json")

  /// A new store in a fresh temporary directory.
  static func store() throws -> (TemporaryDirectory, SQLiteCaseStore) {
    let directory = try TemporaryDirectory()
    let store = try SQLiteCaseStore.create(at: directory.path("casefile.sqlite"))
    return (directory, store)
  }

  /// Lower-case hex SHA-256 of some bytes.
  static func sha256(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
  }

  /// Personal data in the rich case, for searching audit rows and messages.
  static let personalValues = [
    "Gwenllian", "Ap Rhys", "Llewellyn", "Smithson", "12 Heol y Castell, Caerdydd", "1990-04-01",
    "07700 900123", "gwen@example.org", "Baker", "1 Main Street", "2025-03-03", "screen",
  ]

  /// A case that uses every field of every record and every case of every enumeration.
  ///
  /// Media objects carry `sha256` and `size` for the content in `media`, so the media must
  /// be ingested before the case is saved.
  static func richCase(
    urn: String = "01AB1234526", media: [(id: String, sha256: String, size: Int64)]
  ) -> CaseRecord {
    let roles = PersonRole.allCases
    var people: [Person] = [
      Person(
        id: "P1", roles: [.defendant, .victim],
        name: PersonName(title: "Ms", given: ["Gwenllian", "Mair"], family: "Ap Rhys"),
        aliases: [
          PersonName(given: ["Gwen"], family: "Llewellyn"),
          PersonName(title: "Dr", given: [], family: "Smithson \"Smithy\" \\ \u{7}"),
        ],
        dateOfBirth: "1990-04-01", gender: "female", address: "12 Heol y Castell, Caerdydd",
        phone: "07700 900123", email: "gwen@example.org", occupation: "Baker £"),
      Person(
        id: "ORG1", roles: [.victim], name: PersonName(given: [], family: "Corner Shop Ltd"),
        isOrganisation: true, address: "1 Main Street"),
      Person(
        id: "OFF1", roles: [.officerInCase, .disclosureOfficer, .policeWitness],
        name: PersonName(title: "PC", given: ["Alex"], family: "Jones"), rank: "PC",
        collarNumber: "1234"),
    ]
    for (index, role) in roles.enumerated() {
      people.append(
        Person(
          id: "R\(index)", roles: [role],
          name: PersonName(given: ["Role\(index)"], family: "Holder\(index)")))
    }
    let offences = ModeOfTrial.allCases.enumerated().flatMap { modeIndex, mode in
      AnticipatedPlea.allCases.enumerated().map { pleaIndex, plea in
        Offence(
          id: "O\(modeIndex)\(pleaIndex)", defendant: "P1", cjsCode: "TH68010",
          title: "Theft from a shop", wording: "On 1 January stole goods to the value of £12.50",
          from: "2025-01-01", to: pleaIndex == 0 ? nil : "2025-01-02", modeOfTrial: mode,
          anticipatedPlea: plea, chargeDate: pleaIndex == 1 ? "2025-01-05" : nil,
          policeMayCharge: modeIndex != 2, victims: pleaIndex == 2 ? [] : ["ORG1", "P1"],
          committedOnBail: pleaIndex == 1,
          pointsToProve: [
            PointToProve(point: "Appropriation", evidence: ["S1", "E1"]),
            PointToProve(point: "Dishonesty", evidence: []),
          ])
      }
    }
    let custody = CustodyStatus.allCases.enumerated().map { index, status in
      CustodyRecord(
        id: "C\(index)", defendant: "P1", status: status, since: "2025-01-05",
        remandSought: index == 0,
        bailConditions: index == 1 ? ["Curfew 19:00–07:00", "Reside"] : [],
        firstHearing: index == 0 ? "2025-01-06T10:00:00Z" : nil,
        court: index == 0 ? "Cardiff Magistrates' Court" : nil,
        breachOfBail: index == 1 ? "Breached curfew" : nil)
    }
    let witnesses = WitnessKind.allCases.enumerated().map { index, kind in
      Witness(
        id: "W\(index)", person: index == 0 ? "P1" : "R\(index)", kind: kind, key: index < 2,
        specialMeasures: index == 0 ? ["screen", "live link"] : [],
        datesToAvoid: index == 0 ? ["2025-03-03", "2025-03-04"] : [],
        interpreter: index == 0 ? "Welsh" : nil)
    }
    let mediaObjects = media.enumerated().map { index, object in
      MediaObject(
        id: object.id, file: "media/\(object.id).bin", sha256: object.sha256,
        mediaType: index == 0 ? "video/mp4" : "application/pdf",
        size: index == 0 ? object.size : nil, description: index == 0 ? "CCTV" : nil)
    }
    let firstMedia = media.first?.id
    let exhibits = [
      Exhibit(
        id: "E1", reference: "AJ/1", description: "CCTV footage", producedBy: "OFF1",
        seizedAt: "2025-01-01T12:00:00Z", seizedFrom: "Corner Shop",
        continuity: [
          ContinuityEvent(
            at: "2025-01-01T12:00:00Z", action: "seized", from: "ORG1", to: "OFF1",
            location: "Corner Shop"),
          ContinuityEvent(at: "2025-01-01T14:00:00Z", action: "booked into store"),
        ],
        media: media.map(\.id)),
      Exhibit(id: "E2", reference: "AJ/2", description: "Receipt", producedBy: "OFF1"),
    ]
    let statements = [
      Statement(
        id: "S1", witness: "W0", date: "2025-01-02", text: "I saw it.\nDiolch.",
        exhibits: ["E2", "E1"]),
      Statement(id: "S2", witness: "W3", date: "2025-01-03", media: firstMedia),
    ]
    let interviews = InterviewType.allCases.enumerated().map { index, type in
      Interview(
        id: "I\(index)", interviewee: "P1", type: type, date: "2025-01-05T09:00:00Z",
        summary: index == 0 ? "No comment" : nil, media: index == 1 ? media.map(\.id) : [])
    }
    let unused = Sensitivity.allCases.enumerated().map { index, sensitivity in
      UnusedItem(
        id: "U\(index)", description: "Item \(index)", sensitivity: sensitivity,
        reason: index == 0 ? nil : "Informant")
    }
    return CaseRecord(
      urn: urn, title: "R v Ap Rhys", summary: "Shop theft; £12.50 of goods.",
      markers: ["DomesticViolence", "Hate"], people: people, offences: offences,
      custody: custody, witnesses: witnesses, statements: statements, exhibits: exhibits,
      interviews: interviews, unused: unused, media: mediaObjects)
  }

  /// A small case with one of each common record and no media; `index` makes the URN.
  static func smallCase(_ index: Int, prefix: String = "01AB") -> CaseRecord {
    let serial = String(format: "%05d", index % 100_000)
    return CaseRecord(
      urn: "\(prefix)\(serial)25", title: "R v Person \(index)", summary: "Case \(index)",
      people: [
        Person(id: "P1", roles: [.defendant], name: PersonName(given: ["A"], family: "Person")),
        Person(id: "P2", roles: [.civilianWitness], name: PersonName(given: ["B"], family: "W")),
      ],
      offences: [
        Offence(
          id: "O1", defendant: "P1", cjsCode: "TH68010", title: "Theft", wording: "Stole",
          from: "2025-01-01", modeOfTrial: .eitherWay, anticipatedPlea: .guilty)
      ],
      witnesses: [Witness(id: "W1", person: "P2", kind: .civilian, key: true)],
      statements: [Statement(id: "S1", witness: "W1", date: "2025-01-02", text: "Saw it")])
  }

  /// A generated case of about `records` records, shaped like a real file, for timing.
  static func generatedCase(_ index: Int, prefix: String = "02CD") -> CaseRecord {
    var record = smallCase(index, prefix: prefix)
    record.people = (1...15).map { number in
      Person(
        id: "P\(number)", roles: number <= 2 ? [.defendant] : [.civilianWitness, .victim],
        name: PersonName(
          title: "Mx", given: ["Given\(number)", "Middle"], family: "Family\(index)"),
        dateOfBirth: "1980-01-01", address: "\(number) Long Road, Town, AB1 2CD",
        phone: "07700 900\(number)")
    }
    record.offences = (1...10).map { number in
      Offence(
        id: "O\(number)", defendant: number % 2 == 0 ? "P1" : "P2", cjsCode: "TH68010",
        title: "Theft from a shop",
        wording: "Stole goods to the value of £\(number).00 from a shop",
        from: "2025-01-01", modeOfTrial: .eitherWay, anticipatedPlea: .notGuilty,
        victims: ["P3"], pointsToProve: [PointToProve(point: "Appropriation", evidence: ["S1"])])
    }
    record.custody = (1...5).map { number in
      CustodyRecord(
        id: "C\(number)", defendant: "P1", status: .conditionalBail, since: "2025-01-05",
        bailConditions: ["Curfew"])
    }
    record.witnesses = (1...10).map { number in
      Witness(id: "W\(number)", person: "P\(number + 3)", kind: .civilian, key: number == 1)
    }
    record.statements = (1...10).map { number in
      Statement(
        id: "S\(number)", witness: "W\(number)", date: "2025-01-02",
        text: String(repeating: "I saw the defendant take the goods. ", count: 4),
        exhibits: ["E\(number)"])
    }
    record.exhibits = (1...20).map { number in
      Exhibit(
        id: "E\(number)", reference: "AB/\(number)", description: "Exhibit \(number)",
        producedBy: "P3", seizedAt: "2025-01-01T12:00:00Z",
        continuity: [ContinuityEvent(at: "2025-01-01T12:00:00Z", action: "seized", to: "P3")])
    }
    record.interviews = (1...5).map { number in
      Interview(id: "I\(number)", interviewee: "P1", type: .audio, date: "2025-01-05T09:00:00Z")
    }
    record.unused = (1...5).map { number in
      UnusedItem(id: "U\(number)", description: "Unused \(number)", sensitivity: .nonSensitive)
    }
    return record
  }

  /// Every row of every table, as text, for proving that nothing changed.
  static func dump(_ store: SQLiteCaseStore) throws -> [String] {
    try store.database.read { db in
      let tables = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      var lines: [String] = []
      for table in tables {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
          lines.append("\(table): \(row.description)")
        }
      }
      return lines
    }
  }

  /// SHA-256 of the database file and its write-ahead log, after a checkpoint.
  static func fileHash(_ store: SQLiteCaseStore) throws -> String {
    try store.checkpoint()
    var data = try Data(contentsOf: store.url)
    let wal = URL(fileURLWithPath: store.url.path + "-wal")
    if FileManager.default.fileExists(atPath: wal.path) { data += try Data(contentsOf: wal) }
    return sha256(data)
  }
}
