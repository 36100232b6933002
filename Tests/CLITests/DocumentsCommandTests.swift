import CaseFileKit
import Foundation
import Testing

/// A store with every sample imported, for the documents tests.
private struct DocumentsFixture {
  let directory: TemporaryDirectory

  var store: [String] { ["--store", directory.store] }

  init() throws {
    directory = try storeWithEverySample()
  }

  func documents(_ arguments: [String]) throws -> BinaryRun {
    try runCasefile(["documents"] + arguments + store + ["--as-of", "2026-10-20"])
  }
}

@Suite("casefile documents renders a case's file for a recipient")
struct DocumentsCommandTests {
  @Test func cpsGetsTheFullFileWrittenToTheDirectory() throws {
    let fixture = try DocumentsFixture()
    let out = fixture.directory.url.appendingPathComponent("cps").path
    let run = try fixture.documents(["44PO0588226", "--for", "cps", "--out", out])
    #expect(run.status == 0, "\(run.stderr)")
    let names = run.stdout.split(separator: "\n").map(String.init)
    #expect(names.contains("MG6.xml") && names.contains("MG10.xml") && names.contains("SDC.xml"))
    #expect(names.last == "index.html")
    let written = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(Set(written) == Set(names))
  }

  @Test func defenceGetsOnlyDisclosableDocuments() throws {
    let fixture = try DocumentsFixture()
    let run = try fixture.documents(["06MC0771226", "--for", "defence"])
    #expect(run.status == 0, "\(run.stderr)")
    let names = run.stdout.split(separator: "\n").map(String.init)
    #expect(names.contains("MG6C.xml") && names.contains("MG9.xml"))
    for confidential in ["MG3.xml", "MG6.xml", "MG6D.xml", "MG6E.xml", "MG10.xml"] {
      #expect(!names.contains(confidential), "defence got \(confidential)")
    }
  }

  @Test func preChargeStageGivesTheMG3() throws {
    let fixture = try DocumentsFixture()
    // The case holds a sensitive unused item, so the full file needs a reason.
    let arguments = ["13LD0412726", "--for", "cps", "--stage", "pre-charge"]
    let refused = try fixture.documents(arguments)
    #expect(refused.status == 64)
    #expect(refused.stderr.contains("give --reason"))
    let run = try fixture.documents(arguments + ["--reason", "charging advice"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("MG3.xml\n"))
    // The defence's view leaves sensitive items out whole, so it needs no reason.
    let defence = try fixture.documents(
      ["13LD0412726", "--for", "defence", "--stage", "pre-charge"])
    #expect(defence.status == 0, "\(defence.stderr)")
  }

  @Test func badArgumentsAreUsageErrors() throws {
    let fixture = try DocumentsFixture()
    #expect(try fixture.documents(["44PO0588226", "--for", "press"]).status == 64)
    #expect(
      try fixture.documents(["44PO0588226", "--for", "cps", "--stage", "appeal"]).status == 64)
  }

  @Test func anUnknownCaseIsBadInput() throws {
    let fixture = try DocumentsFixture()
    let run = try fixture.documents(["99ZZ9999999", "--for", "cps"])
    #expect(run.status == 65)
  }
}
