import CaseJSON
import Foundation
import Testing

@testable import CaseStore

@Suite("DCF mapping")
struct DCFMapperTests {
  @Test func firstHearingMapsPeopleOffencesAndWitnesses() throws {
    let mapping = try DCFMapper.mapWithNotes(try DCFFixtures.firstHearing())
    let record = mapping.record
    #expect(record.urn == "01XX0000126")
    #expect(record.title == "R v SAMPLE")
    #expect(record.markers == ["DomesticViolence"])
    #expect(record.people.map(\.id) == ["P1", "P2", "P3", "P4", "P5"])
    #expect(
      record.people.map(\.roles) == [
        [.defendant], [.victim], [.civilianWitness], [.officerInCase], [.supervisor],
      ])
    #expect(record.people[3].collarNumber == "1234")
    #expect(record.people[3].rank == "PC")
    #expect(record.witnesses.map(\.kind) == [.victim, .civilian, .officerInCase])
    #expect(record.witnesses.map(\.key) == [true, true, true])
    #expect(record.witnesses[0].specialMeasures == ["requested"])
    #expect(record.witnesses[0].interpreter == "Welsh")
    #expect(record.offences.map(\.cjsCode) == ["CJ88116", "TH68001"])
    #expect(record.offences.map(\.victims) == [["P2"], ["P2"]])
    #expect(record.offences[0].to == nil)
    #expect(record.offences[1].to == "2026-01-10")
    #expect(record.offences.allSatisfy { $0.modeOfTrial == .eitherWay })
    #expect(record.offences.allSatisfy { $0.anticipatedPlea == .notGuilty })
    #expect(record.custody.count == 1)
    #expect(record.custody[0].status == .conditionalBail)
    #expect(record.custody[0].since == "2026-01-11")
    #expect(record.custody[0].bailConditions.count == 1)
    #expect(record.custody[0].court == "Llandrindod Wells Magistrates' Court")
    #expect(record.interviews.map(\.type) == [.audio])
    #expect(record.interviews[0].summary?.hasPrefix("Admissions:") == true)
    #expect(record.exhibits.map(\.reference) == ["PO/1", "PO/2"])
    #expect(record.exhibits.allSatisfy { $0.producedBy == "P4" })
    #expect(record.media.isEmpty)
    #expect(mapping.notes.count == 2)
  }

  @Test func mappingIsDeterministic() throws {
    let document = try DCFFixtures.firstHearing()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let first = try encoder.encode(try DCFMapper.map(document))
    let second = try encoder.encode(try DCFMapper.map(try DCFFixtures.firstHearing()))
    #expect(first == second)
  }

  @Test func breachOfBailMapsCustodyAndOneOfficer() throws {
    let mapping = try DCFMapper.mapWithNotes(try DCFFixtures.breachOfBail())
    let record = mapping.record
    #expect(record.urn == "01XX0000226")
    #expect(mapping.notes.contains { $0.contains("letter suffix") })
    #expect(record.people.count == 2)
    #expect(record.people[1].roles == [.officerInCase, .supervisor])
    #expect(record.witnesses.map(\.kind) == [.officerInCase])
    #expect(record.offences.isEmpty)
    #expect(record.custody.first?.status == .custody)
    #expect(record.custody.first?.remandSought == true)
    #expect(record.custody.first?.breachOfBail == "Not at home during curfew.")
    #expect(record.custody.first?.since == "2026-03-02")
    #expect(record.interviews.map(\.type) == [.notInterviewed])
  }

  @Test(arguments: [
    ("01XX0000126", "01XX0000126", false), ("01XX0000126-12", "01XX0000126-12", false),
    ("01XX0000126-3", "01XX0000126-03", true), ("01XX0000126-M", "01XX0000126", true),
  ])
  func urnSuffixIsNormalised(_ written: String, _ expected: String, _ noted: Bool) throws {
    let document = try DCFTestSupport.setting(
      try DCFFixtures.firstHearing(), "case.pti_urn", "\"\(written)\"")
    let mapping = try DCFMapper.mapWithNotes(document)
    #expect(mapping.record.urn == expected)
    #expect(mapping.notes.contains { $0.hasPrefix("pti_urn") } == noted)
  }

  @Test func urnThatTheUnanchoredSchemaPatternLetsThroughIsRefused() throws {
    let document = try DCFTestSupport.setting(
      try DCFFixtures.firstHearing(), "case.pti_urn", "\"x01XX0000126\"")
    #expect(throws: InputError.self) { try DCFMapper.map(document) }
  }

  @Test func convertRefusesAnInvalidDocumentWithEveryProblem() throws {
    let pack = try DCFTestSupport.pack()
    let document = try DCFTestSupport.setting(
      try DCFFixtures.firstHearing(), "case.defendants.0.pnc_convictions", nil)
    #expect(DCFRulePack.recognises(document))
    do {
      _ = try pack.convert(document, file: "case.json")
      Issue.record("expected an invalid-file error")
    } catch {
      #expect(error.code == .invalid)
      #expect(error.problems.map(\.rule) == ["pnc_convictions"])
    }
    let converted = try pack.convert(try DCFFixtures.firstHearing(), file: "case.json")
    #expect(converted.record.people.count == 5)
  }
}
