import CaseAssembly
import CaseStore
import Foundation
import Testing

@Suite("The case document is byte-reproducible")
struct CaseDocumentReproducibilityTests {
  /// The sample whose document is kept as a golden file: the richest one (expert,
  /// interpreter, continuity chains, a recorded statement, a video interview, custody time
  /// limits, sensitive and edited unused material).
  static let goldenSample = "indictable-only.json"
  static let goldenAsOf = "2026-12-05"
  static let golden = CaseDocumentFixtures.root.appendingPathComponent(
    "Tests/CaseAssemblyTests/Golden/indictable-only-2026-12-05.xml")

  @Test func theSameStoreAndAsOfDateGiveTheSameBytes() throws {
    let samples = try CaseDocumentFixtures.sampleFiles()
    let first = try SampleStore(samples: samples)
    let second = try SampleStore(samples: samples.reversed())
    for sample in samples.map(\.lastPathComponent) {
      let once = try first.document(sample, asOf: "2026-12-05")
      let twice = try first.document(sample, asOf: "2026-12-05")
      let elsewhere = try second.document(sample, asOf: "2026-12-05")
      #expect(once == twice, "\(sample) differs between two exports")
      #expect(once == elsewhere, "\(sample) differs between two stores")
    }
  }

  /// Between two as-of dates that cross no birthday and no expiry, only `asOf` and each
  /// `daysRemaining` change, and each `daysRemaining` falls by exactly one.
  @Test func anotherAsOfDateChangesOnlyDaysRemaining() throws {
    let samples = try CaseDocumentFixtures.sampleFiles()
    let store = try SampleStore(samples: samples)
    var limits = 0
    for sample in samples.map(\.lastPathComponent) {
      let before = String(
        decoding: try store.document(sample, asOf: "2026-12-05"), as: UTF8.self)
      let after = String(decoding: try store.document(sample, asOf: "2026-12-06"), as: UTF8.self)
      #expect(before != after)
      let pattern = #/daysRemaining="(-?[0-9]+)"/#
      let old = before.matches(of: pattern).compactMap { Int($0.output.1) }
      let new = after.matches(of: pattern).compactMap { Int($0.output.1) }
      #expect(old.count == new.count)
      #expect(zip(old, new).allSatisfy { $0 - 1 == $1 }, "\(sample): \(old) then \(new)")
      limits += old.count
      func masked(_ text: String) -> String {
        text.replacing(pattern, with: { _ in #"daysRemaining="N""# })
          .replacingOccurrences(of: #"asOf="2026-12-05""#, with: #"asOf="D""#)
          .replacingOccurrences(of: #"asOf="2026-12-06""#, with: #"asOf="D""#)
      }
      #expect(masked(before) == masked(after), "\(sample) changed beyond daysRemaining")
    }
    #expect(limits > 10)
  }

  /// Compares one sample's document with the committed golden file byte for byte.
  ///
  /// After an intended change to the document, regenerate the golden file with
  /// `CASEFILE_UPDATE_GOLDEN=1 swift test --filter CaseDocumentReproducibilityTests`
  /// and review the diff before committing it.
  @Test func oneSampleMatchesItsGoldenFile() throws {
    let store = try SampleStore(
      samples: [
        CaseDocumentFixtures.root.appendingPathComponent("Samples/records/\(Self.goldenSample)")
      ])
    let document = try store.document(Self.goldenSample, asOf: Self.goldenAsOf)
    if ProcessInfo.processInfo.environment["CASEFILE_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(
        at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(document).write(to: Self.golden)
    }
    let expected = try Array(Data(contentsOf: Self.golden))
    #expect(
      document == expected,
      "the document differs from \(Self.golden.lastPathComponent); if the change is intended, regenerate it with CASEFILE_UPDATE_GOLDEN=1"
    )
  }

  @Test func writingTheSameRecordTwiceGivesTheSameBytes() throws {
    let record = try CaseDocumentFixtures.sampleRecord("multi-defendant-mixed-pleas.json")
    let asOf = try CaseDocumentFixtures.date("2026-12-05")
    let holidays = try CaseDocumentFixtures.holidays()
    let writer = CaseDocumentWriter()
    #expect(
      try writer.write(record, asOf: asOf, holidays: holidays)
        == writer.write(record, asOf: asOf, holidays: holidays))
  }
}
