import CaseJSON
import Foundation
import Testing

@testable import CaseStore

@Suite("DCF rule pack")
struct DCFRulePackTests {
  @Test func loadsEveryRuleAndNGAPAttribute() throws {
    let pack = try DCFTestSupport.pack()
    #expect(pack.dependantRules.count == 54)
    #expect(pack.ngapOnly.count == 5)
  }

  @Test func missingDirectoryIsUnreadable() {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("dcf-none-\(UUID().uuidString)")
    #expect(Self.loadError(directory)?.code == .unreadable)
  }

  @Test func brokenRulesFileIsMalformedAndNamed() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("dcf-pack-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let schema = DCFTestSupport.referenceDirectory.appendingPathComponent(
      DCFRulePack.schemaFileName)
    try FileManager.default.copyItem(
      at: schema, to: directory.appendingPathComponent(DCFRulePack.schemaFileName))
    let rules = directory.appendingPathComponent(DCFRulePack.rulesFileName)
    for broken in ["{\"DependantAttributes\": [", "{\"DependantAttributes\": [{\"RuleName\": 1}]}"]
    {
      try Data(broken.utf8).write(to: rules)
      let error = try #require(Self.loadError(directory))
      #expect(error.code == .malformed)
      #expect(error.file == rules.path)
    }
  }

  static func loadError(_ directory: URL) -> InputError? {
    do {
      _ = try DCFRulePack(directory: directory)
      return nil
    } catch {
      return error
    }
  }
}
