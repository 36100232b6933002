import CaseFileKit
import CaseRules
import CaseStore
import CaseXML
import Foundation
import Testing

/// A small rule pack of our own (the shape of the National File Standard pack: the three
/// stages as phases, file-type info reports) for tests that must not depend on the real
/// pack's rules.
enum TestPack {
  static let schema = """
    <?xml version="1.0" encoding="UTF-8"?>
    <sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt"
      defaultPhase="first-hearing">
      <sch:title>Test pack</sch:title>
      <sch:ns prefix="cd" uri="urn:casefile:case-document:1"/>
      <sch:phase id="pre-charge"><sch:active pattern="file-type"/></sch:phase>
      <sch:phase id="first-hearing">
        <sch:active pattern="file-type"/><sch:active pattern="charging"/>
      </sch:phase>
      <sch:phase id="trial">
        <sch:active pattern="file-type"/><sch:active pattern="charging"/>
        <sch:active pattern="pleas"/>
      </sch:phase>
      <sch:pattern id="file-type">
        <sch:title>File type</sch:title>
        <sch:p>The file type decides what the file needs.</sch:p>
        <sch:rule context="/cd:caseDocument">
          <sch:report id="NFS-TYPE-002" role="info" see="DG6 GAP"
            test="not(cd:offences/cd:offence[@anticipatedPlea != 'guilty'])">File type GAP: \
    every anticipated plea is guilty.</sch:report>
          <sch:report id="NFS-TYPE-003" role="info" see="DG6 NGAP"
            test="cd:offences/cd:offence[@anticipatedPlea != 'guilty']">File type NGAP: \
    <sch:value-of select="count(cd:offences/cd:offence[@anticipatedPlea != 'guilty'])"/> \
    contested.</sch:report>
        </sch:rule>
      </sch:pattern>
      <sch:pattern id="charging">
        <sch:title>Charging</sch:title>
        <sch:p>A first-hearing file is for charged offences.</sch:p>
        <sch:p>Second paragraph.</sch:p>
        <sch:rule context="cd:offence">
          <sch:assert id="T-CHARGED" test="@chargeDate" see="Test guidance 1">Offence \
    <sch:value-of select="@id"/> has no charge date.</sch:assert>
        </sch:rule>
      </sch:pattern>
      <sch:pattern id="pleas">
        <sch:rule context="cd:offence[@anticipatedPlea = 'unknown']">
          <sch:report id="T-PLEA" role="warning" test="true()">Offence \
    <sch:value-of select="@id"/> has no anticipated plea.</sch:report>
        </sch:rule>
      </sch:pattern>
    </sch:schema>

    """

  /// The line of the schema holding `text`.
  static func line(of text: String) -> Int? {
    schema.split(separator: "\n", omittingEmptySubsequences: false)
      .firstIndex { $0.contains(text) }.map { $0 + 1 }
  }

  /// Writes the pack as `national-file-standard.sch` into `directory`.
  static func write(to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(schema.utf8).write(
      to: directory.appendingPathComponent("national-file-standard.sch"))
  }
}

/// A store holding a clean GAP case and a pre-charge case (errors at first hearing), and
/// the test pack in `rules/`.
struct CheckFixture {
  static let clean = "20BH0231926"
  static let failing = "13LD0412726"

  let directory: TemporaryDirectory
  var rules: URL { directory.url.appendingPathComponent("rules") }
  var store: [String] { ["--store", directory.store] }

  init() throws {
    directory = try TemporaryDirectory()
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    let samples = ["gap-summary.json", "pre-charge-mg3.json"].map {
      packageRoot.appendingPathComponent("Samples/records/\($0)").path
    }
    let imported = try runCasefile(["import", "--store", directory.store] + samples)
    #expect(imported.status == 0, "\(imported.stderr)")
    try TestPack.write(to: rules)
  }

  func check(_ arguments: [String]) throws -> BinaryRun {
    try runCasefile(
      ["check"] + arguments + ["--as-of", "2026-12-05", "--rules", rules.path] + store)
  }
}

@Suite("casefile check")
struct CheckCommandTests {
  @Test func aCaseWithoutErrorFindingsExitsZeroAndNamesItsFileType() throws {
    let fixture = try CheckFixture()
    let run = try fixture.check([CheckFixture.clean])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.isEmpty)
    #expect(
      run.stdout == """
        20BH0231926 (stage first-hearing, file type GAP)
          info     NFS-TYPE-002  /cd:caseDocument[1]: File type GAP: every anticipated plea is guilty. [DG6 GAP]
          0 errors, 0 warnings, 1 info

        """)
  }

  @Test func errorFindingsExitOne() throws {
    let fixture = try CheckFixture()
    let run = try fixture.check([CheckFixture.failing])
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("13LD0412726 (stage first-hearing, file type NGAP)\n"))
    #expect(
      run.stdout.contains(
        "  error    T-CHARGED     /cd:caseDocument[1]/cd:offences[1]/cd:offence[1]: "
          + "Offence O1 has no charge date. [Test guidance 1]\n"))
    #expect(run.stdout.hasSuffix("  2 errors, 0 warnings, 1 info\n"))
  }

  @Test func theStageChoosesThePacksPhase() throws {
    let fixture = try CheckFixture()
    let preCharge = try fixture.check([CheckFixture.failing, "--stage", "pre-charge"])
    #expect(preCharge.status == 0, "\(preCharge.stdout)\(preCharge.stderr)")
    #expect(preCharge.stdout.contains("(stage pre-charge, file type NGAP)"))
    let trial = try fixture.check([CheckFixture.failing, "--stage", "trial"])
    #expect(trial.status == 1)
    #expect(trial.stdout.contains("2 errors, 2 warnings, 1 info"))
    #expect(trial.stdout.contains("warning  T-PLEA"))
  }

  @Test(arguments: ["upgrade", "First-Hearing", ""])
  func anUnknownStageIsAUsageErrorListingTheStages(_ stage: String) throws {
    let fixture = try CheckFixture()
    let run = try fixture.check([CheckFixture.clean, "--stage", stage])
    #expect(run.status == 64)
    #expect(run.stderr.contains("pre-charge, first-hearing, trial"), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test func jsonFollowsTheDesignContract() throws {
    let fixture = try CheckFixture()
    let run = try fixture.check([CheckFixture.failing, "--format", "json"])
    #expect(run.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["case", "fileType", "stage", "findings", "summary"])
    #expect(object["case"] as? String == CheckFixture.failing)
    #expect(object["fileType"] as? String == "NGAP")
    #expect(object["stage"] as? String == "first-hearing")
    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(findings.count == 3)
    for finding in findings {
      #expect(Set(finding.keys) == ["rule", "severity", "message", "location", "see"])
    }
    let error = try #require(findings.first { $0["rule"] as? String == "T-CHARGED" })
    #expect(error["severity"] as? String == "error")
    #expect(error["location"] as? String == "/cd:caseDocument[1]/cd:offences[1]/cd:offence[1]")
    #expect(error["see"] as? String == "Test guidance 1")
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary == ["errors": 2, "warnings": 0])
    // The key order is the contract's.
    #expect(
      run.stdout.hasPrefix(
        "{\n  \"case\": \"13LD0412726\",\n  \"fileType\": \"NGAP\",\n  \"stage\": \"first-hearing\",\n"
      ))
  }

  @Test func svrlAndJUnitAreXML() throws {
    let fixture = try CheckFixture()
    let svrl = try fixture.check([CheckFixture.failing, "--format", "svrl"])
    #expect(svrl.status == 1)
    let tree = try XMLTree.parse(bytes: Array(svrl.stdout.utf8), name: "svrl")
    let root = try #require(tree.root)
    #expect(root.localName == "schematron-output")
    #expect(root.namespaceURI == SVRLReport.namespace)
    #expect(root.attribute("phase") == "first-hearing")
    #expect(svrl.stdout.contains(#"prefix="cd" uri="urn:casefile:case-document:1""#))
    #expect(svrl.stdout.components(separatedBy: "<svrl:failed-assert ").count == 3)

    let junit = try fixture.check([CheckFixture.failing, "--format", "junit"])
    #expect(junit.status == 1)
    let suites = try #require(
      try XMLTree.parse(bytes: Array(junit.stdout.utf8), name: "junit").root)
    #expect(suites.localName == "testsuites")
    let suite = try #require(suites.elements.first)
    #expect(suite.attribute("name") == CheckFixture.failing)
    #expect(
      suite.elements.compactMap { $0.attribute("name") } == [
        "NFS-TYPE-002", "NFS-TYPE-003", "T-CHARGED",
      ])
    #expect(suite.attribute("failures") == "1")
  }

  @Test func allPrintsATableAndFailsWhenAnyCaseHasErrors() throws {
    let fixture = try CheckFixture()
    let run = try fixture.check(["--all"])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(
      run.stdout == """
        URN          FILE TYPE  ERRORS  WARNINGS
        13LD0412726  NGAP       2       0
        20BH0231926  GAP        0       0
        2 cases checked at stage first-hearing: 1 with errors

        """)
    let preCharge = try fixture.check(["--all", "--stage", "pre-charge", "--format", "json"])
    #expect(preCharge.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(preCharge.stdout.utf8)) as? [String: Any])
    #expect((object["cases"] as? [Any])?.count == 2)
    #expect(object["stage"] as? String == "pre-charge")
    #expect(try fixture.check(["--all", "--format", "svrl"]).status == 64)
    #expect(try fixture.check(["--all", CheckFixture.clean]).status == 64)
    #expect(try fixture.check([]).status == 64)
  }

  @Test func anEmptyStoreHasNothingToCheck() throws {
    let directory = try TemporaryDirectory()
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    let rules = directory.url.appendingPathComponent("rules")
    try TestPack.write(to: rules)
    let run = try runCasefile(
      ["check", "--all", "--rules", rules.path, "--store", directory.store])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("no cases in this store"))
  }

  @Test func aRulesDirectoryWithoutThePackIsAUsageError() throws {
    let fixture = try CheckFixture()
    let run = try runCasefile(
      ["check", CheckFixture.clean, "--rules", fixture.directory.url.path] + fixture.store)
    #expect(run.status == 64)
    #expect(run.stderr.contains("national-file-standard.sch"))
  }

  @Test func aBrokenPackIsBadInputNamingTheFileAndLine() throws {
    let fixture = try CheckFixture()
    let file = fixture.rules.appendingPathComponent("national-file-standard.sch")
    try Data(
      TestPack.schema.replacingOccurrences(
        of: "</sch:pattern>\n  <sch:pattern id=\"pleas\">", with: ""
      ).utf8
    )
    .write(to: file)
    let run = try fixture.check([CheckFixture.clean])
    #expect(run.status == 65)
    #expect(run.stderr.contains("\(file.path):"), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    try Data(
      TestPack.schema.replacingOccurrences(
        of: #"test="@chargeDate""#, with: #"test="@chargeDate ]""#
      ).utf8
    )
    .write(to: file)
    let xpath = try fixture.check([CheckFixture.clean])
    #expect(xpath.status == 65)
    let line = try #require(TestPack.line(of: #"id="T-CHARGED""#))
    #expect(xpath.stderr.contains("\(file.path):\(line):"), "\(xpath.stderr)")
  }

  @Test func anUnknownCaseIsBadInput() throws {
    let fixture = try CheckFixture()
    let run = try fixture.check(["01AB0000026"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("01AB0000026"))
  }

  @Test func everyCheckIsAudited() throws {
    let fixture = try CheckFixture()
    let context = CaseFileContext(store: fixture.directory.store, user: "tester")
    let outcome = try RulesCommands.check(
      context, urn: CheckFixture.failing, stage: "trial", rulesDirectory: fixture.rules.path,
      asOf: ISODate("2026-12-05"), reason: "file review")
    #expect(outcome.errors == 2)
    #expect(
      outcome.documents.first?.rulesRun == ["NFS-TYPE-002", "NFS-TYPE-003", "T-CHARGED", "T-PLEA"])
    let store = try context.openStore()
    let entry = try #require(try store.auditEntries(urn: CheckFixture.failing).last)
    #expect(entry.action == "check")
    #expect(entry.user == "tester")
    #expect(entry.reason == "file review")
    #expect(entry.detail.contains("stage=trial errors=2 warnings=2"), "\(entry.detail)")
  }

  /// The shipped pack (Templates/rules, found beside the binary) on every sample: each
  /// case gets a file type, and the JSON keeps the contract whatever the rules find.
  @Test func theShippedPackChecksEverySample() throws {
    let directory = try TemporaryDirectory()
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    let samples = try FileManager.default.contentsOfDirectory(
      atPath: packageRoot.appendingPathComponent("Samples/records").path
    ).filter { $0.hasSuffix(".json") }.sorted().map {
      packageRoot.appendingPathComponent("Samples/records/\($0)").path
    }
    #expect(try runCasefile(["import", "--store", directory.store] + samples).status == 0)
    for stage in RulesCommands.stages {
      let run = try runCasefile(
        [
          "check", "--all", "--stage", stage, "--format", "json", "--as-of", "2026-12-05",
          "--store", directory.store,
        ])
      #expect(run.status == 0 || run.status == 1, "\(stage): \(run.stderr)")
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
      let cases = try #require(object["cases"] as? [[String: Any]])
      #expect(cases.count == samples.count)
      for item in cases {
        #expect(Set(item.keys) == ["case", "fileType", "stage", "findings", "summary"])
        #expect(item["fileType"] is String, "\(stage) \(item["case"] ?? "")")
      }
    }
    let list = try runCasefile(["rules", "list"])
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("NFS-TYPE-001"))
  }

  @Test(arguments: [["check"], ["rules", "run"], ["rules", "list"], ["rules", "explain"]])
  func helpDocumentsTheExitCodes(_ command: [String]) throws {
    let run = try runCasefile(command + ["--help"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("65"), "\(run.stdout)")
    if command != ["rules", "list"] && command != ["rules", "explain"] {
      #expect(run.stdout.contains("Exit codes: 0"))
    }
  }

  @Test func aMissingStoreIsAUsageError() throws {
    let fixture = try CheckFixture()
    let run = try runCasefile(
      [
        "check", CheckFixture.clean, "--rules", fixture.rules.path, "--store",
        fixture.directory.url.appendingPathComponent("none.sqlite").path,
      ])
    #expect(run.status == 64, "\(run.stderr)")
  }

  @Test func theUseCasesRefuseAnUnknownStage() throws {
    let fixture = try CheckFixture()
    let context = CaseFileContext(store: fixture.directory.store, user: "tester")
    #expect(throws: KitError.self) {
      try RulesCommands.checkAll(context, stage: "appeal", rulesDirectory: fixture.rules.path)
    }
  }
}
