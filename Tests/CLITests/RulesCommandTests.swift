import CaseXML
import Foundation
import Testing

/// The test pack of ``TestPack`` in a temporary directory, with fixtures for T-CHARGED and
/// two small documents for `rules run`.
private struct RulesFixture {
  let directory: TemporaryDirectory
  var rules: URL { directory.url.appendingPathComponent("rules") }
  var pack: String { rules.appendingPathComponent("national-file-standard.sch").path }

  static let charged = """
    <caseDocument xmlns="urn:casefile:case-document:1"><offences>\
    <offence id="O1" anticipatedPlea="guilty" chargeDate="2026-10-04"/></offences></caseDocument>
    """
  static let uncharged = """
    <caseDocument xmlns="urn:casefile:case-document:1"><offences>\
    <offence id="O1" anticipatedPlea="unknown"/><offence id="O2" anticipatedPlea="guilty"/>\
    </offences></caseDocument>
    """

  init() throws {
    directory = try TemporaryDirectory()
    try TestPack.write(to: rules)
    let tests = rules.appendingPathComponent("tests/T-CHARGED")
    try FileManager.default.createDirectory(at: tests, withIntermediateDirectories: true)
    try Data(Self.uncharged.utf8).write(to: tests.appendingPathComponent("fail.xml"))
    try Data(Self.charged.utf8).write(to: tests.appendingPathComponent("pass.xml"))
    try Data("<caseDocument".utf8).write(to: tests.appendingPathComponent("torn.xml"))
    try Data("not a fixture".utf8).write(to: tests.appendingPathComponent("README.txt"))
  }

  /// Writes `text` to a file in the fixture directory and returns its path.
  func file(_ name: String, _ text: String) throws -> String {
    let url = directory.url.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func rulesCommand(_ arguments: [String]) throws -> BinaryRun {
    try runCasefile(["rules"] + arguments)
  }
}

@Suite("casefile rules list, explain and run")
struct RulesCommandTests {
  @Test func listShowsEveryRuleWithItsSeverityAndPhases() throws {
    let fixture = try RulesFixture()
    let run = try fixture.rulesCommand(["list", "--rules", fixture.rules.path])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "RULE          SEVERITY  PHASES                          MESSAGE")
    #expect(
      lines.contains(
        "T-CHARGED     error     first-hearing,trial             Offence {@id} has no charge date."
      ), "\(run.stdout)")
    #expect(lines.contains { $0.hasPrefix("T-PLEA        warning   trial ") })
    #expect(lines.last == "4 rules in \(fixture.pack)")

    let json = try fixture.rulesCommand(["list", "--rules", fixture.rules.path, "--format", "json"])
    #expect(json.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["phases"] as? [String] == ["pre-charge", "first-hearing", "trial"])
    let rules = try #require(object["rules"] as? [[String: Any]])
    #expect(
      rules.compactMap { $0["id"] as? String } == [
        "NFS-TYPE-002", "NFS-TYPE-003", "T-CHARGED", "T-PLEA",
      ])
    #expect(rules[2]["see"] as? String == "Test guidance 1")
    #expect(rules[2]["kind"] as? String == "assert")
  }

  @Test func explainShowsTheRuleItsRationaleAndItsFixturesAsExamples() throws {
    let fixture = try RulesFixture()
    let run = try fixture.rulesCommand(["explain", "T-CHARGED", "--rules", fixture.rules.path])
    #expect(run.status == 0, "\(run.stderr)")
    let tests = fixture.rules.appendingPathComponent("tests/T-CHARGED").path
    let line = try #require(TestPack.line(of: #"id="T-CHARGED""#))
    #expect(
      run.stdout.hasPrefix(
        """
        T-CHARGED (error, assert)
          message:   Offence {@id} has no charge date.
          citation:  Test guidance 1
          phases:    first-hearing, trial
          pattern:   charging (Charging)
          context:   cd:offence
          test:      @chargeDate
          defined:   \(fixture.pack):\(line)
          rationale:
            A first-hearing file is for charged offences.

            Second paragraph.
          examples:
            \(tests)/fail.xml: error at /cd:caseDocument[1]/cd:offences[1]/cd:offence[1]: Offence O1 has no charge date.
            \(tests)/fail.xml: error at /cd:caseDocument[1]/cd:offences[1]/cd:offence[2]: Offence O2 has no charge date.
            \(tests)/pass.xml: passes
            \(tests)/torn.xml: cannot be checked: 
        """), "\(run.stdout)")
    #expect(!run.stdout.contains("README"))
  }

  @Test func explainWithoutFixturesSaysSoAndJSONCarriesTheFindings() throws {
    let fixture = try RulesFixture()
    let run = try fixture.rulesCommand(["explain", "T-PLEA", "--rules", fixture.rules.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("  citation:  none\n"))
    #expect(run.stdout.hasSuffix("  examples:  none (no fixtures under tests/)\n"))
    let json = try fixture.rulesCommand(
      ["explain", "T-CHARGED", "--rules", fixture.rules.path, "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let fixtures = try #require(object["fixtures"] as? [[String: Any]])
    #expect(fixtures.count == 3)
    #expect((fixtures[0]["findings"] as? [Any])?.count == 2)
    #expect(fixtures[2]["problem"] is String)
  }

  @Test func explainingAnUnknownRuleIsBadInput() throws {
    let fixture = try RulesFixture()
    let run = try fixture.rulesCommand(["explain", "NFS-NOPE-1", "--rules", fixture.rules.path])
    #expect(run.status == 65)
    #expect(run.stderr.contains("NFS-NOPE-1"))
    #expect(run.stderr.contains("rules list"))
  }

  @Test func runExitsZeroWithoutErrorFindingsAndOneWithThem() throws {
    let fixture = try RulesFixture()
    let good = try fixture.file("good.xml", RulesFixture.charged)
    let bad = try fixture.file("bad.xml", RulesFixture.uncharged)
    let passing = try fixture.rulesCommand(["run", fixture.pack, good])
    #expect(passing.status == 0, "\(passing.stderr)")
    #expect(passing.stdout.hasPrefix("\(good) (phase first-hearing)\n"))
    let failing = try fixture.rulesCommand(["run", fixture.pack, good, bad])
    #expect(failing.status == 1)
    #expect(
      failing.stdout.hasSuffix(
        "2 documents checked, 1 with errors: 2 errors, 0 warnings, 2 info\n"))
    let warningsOnly = try fixture.rulesCommand([
      "run", fixture.pack, good, "--phase", "pre-charge",
    ])
    #expect(warningsOnly.status == 0)
  }

  @Test func runTakesAPhaseAndWritesJSON() throws {
    let fixture = try RulesFixture()
    let bad = try fixture.file("bad.xml", RulesFixture.uncharged)
    let run = try fixture.rulesCommand(
      ["run", fixture.pack, bad, "--phase", "trial", "--format", "json"])
    #expect(run.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["schematron", "phase", "documents", "summary"])
    #expect(object["phase"] as? String == "trial")
    let documents = try #require(object["documents"] as? [[String: Any]])
    #expect(Set(documents[0].keys) == ["document", "phase", "findings", "summary"])
    #expect(documents[0]["document"] as? String == bad)
    #expect(documents[0]["summary"] as? [String: Int] == ["errors": 2, "warnings": 1])
    let all = try fixture.rulesCommand(["run", fixture.pack, bad, "--phase", "#ALL"])
    #expect(all.stdout.contains("(phase #ALL)"))
  }

  @Test func runWritesSVRLForOneDocumentAndJUnitForMany() throws {
    let fixture = try RulesFixture()
    let good = try fixture.file("good.xml", RulesFixture.charged)
    let bad = try fixture.file("bad.xml", RulesFixture.uncharged)
    let svrl = try fixture.rulesCommand(["run", fixture.pack, bad, "--format", "svrl"])
    #expect(svrl.status == 1)
    let root = try #require(try XMLTree.parse(bytes: Array(svrl.stdout.utf8), name: "s").root)
    #expect(root.localName == "schematron-output")
    #expect(root.attribute("title") == "Test pack")
    #expect(
      root.elements.map(\.localName) == [
        "ns-prefix-in-attribute-values", "active-pattern", "fired-rule", "successful-report",
        "active-pattern", "fired-rule", "failed-assert", "fired-rule", "failed-assert",
      ])
    let two = try fixture.rulesCommand(["run", fixture.pack, good, bad, "--format", "svrl"])
    #expect(two.status == 64)

    let junit = try fixture.rulesCommand(
      ["run", fixture.pack, good, bad, "--format", "junit", "--phase", "trial"])
    #expect(junit.status == 1)
    let suites = try #require(try XMLTree.parse(bytes: Array(junit.stdout.utf8), name: "j").root)
    #expect(suites.elements.map { $0.attribute("name") } == [good, bad])
    #expect(suites.attribute("failures") == "1")
    let strict = try fixture.rulesCommand(
      ["run", fixture.pack, good, bad, "--format", "junit", "--phase", "trial", "--warnings-fail"])
    let strictRoot = try #require(
      try XMLTree.parse(bytes: Array(strict.stdout.utf8), name: "j").root)
    #expect(strictRoot.attribute("failures") == "2")
    #expect(try fixture.rulesCommand(["run", fixture.pack, good, "--warnings-fail"]).status == 64)
  }

  @Test func runNeedsADocument() throws {
    let fixture = try RulesFixture()
    let run = try fixture.rulesCommand(["run", fixture.pack])
    #expect(run.status == 64)
  }

  @Test func aSchematronThatIsNotWellFormedIsBadInputNamingFileAndLine() throws {
    let fixture = try RulesFixture()
    let good = try fixture.file("good.xml", RulesFixture.charged)
    let broken = try fixture.file(
      "broken.sch",
      """
      <sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron">
        <sch:pattern>
      </sch:schema>
      """)
    let run = try fixture.rulesCommand(["run", broken, good])
    #expect(run.status == 65)
    #expect(run.stderr.contains("\(broken):3:"), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test func anXPathThatDoesNotCompileIsBadInputNamingFileAndLine() throws {
    let fixture = try RulesFixture()
    let good = try fixture.file("good.xml", RulesFixture.charged)
    let broken = try fixture.file(
      "xpath.sch",
      """
      <sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron">
        <sch:pattern>
          <sch:rule context="*">
            <sch:assert test="count(((">never</sch:assert>
          </sch:rule>
        </sch:pattern>
      </sch:schema>
      """)
    let run = try fixture.rulesCommand(["run", broken, good])
    #expect(run.status == 65)
    #expect(run.stderr.contains("\(broken):4:"), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  @Test func anUnknownPhaseOrAMissingSchematronIsBadInput() throws {
    let fixture = try RulesFixture()
    let good = try fixture.file("good.xml", RulesFixture.charged)
    let phase = try fixture.rulesCommand(["run", fixture.pack, good, "--phase", "appeal"])
    #expect(phase.status == 65)
    #expect(phase.stderr.contains("appeal"))
    let missing = try fixture.rulesCommand(["run", "/nonexistent/rules.sch", good])
    #expect(missing.status == 65)
    #expect(missing.stderr.contains("/nonexistent/rules.sch"))
  }

  @Test func documentsThatCannotBeReadAreBadInputNamingEach() throws {
    let fixture = try RulesFixture()
    let good = try fixture.file("good.xml", RulesFixture.charged)
    let torn = try fixture.file("torn.xml", "<caseDocument>\n<offences>\n</caseDocument>")
    let doctype = try fixture.file(
      "doctype.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"/etc/passwd\">]><x>&e;</x>")
    let missing = fixture.directory.url.appendingPathComponent("missing.xml").path
    let run = try fixture.rulesCommand(["run", fixture.pack, good, torn, doctype, missing])
    #expect(run.status == 65)
    #expect(run.stderr.contains("\(torn):3:"), "\(run.stderr)")
    #expect(run.stderr.contains(doctype))
    #expect(run.stderr.contains(missing))
    #expect(!run.stderr.contains("root:"))
    // The readable document is still reported, in a whole report.
    #expect(run.stdout.contains("good.xml (phase first-hearing)"))
    #expect(!run.stdout.contains("torn.xml"))
    let json = try fixture.rulesCommand(["run", fixture.pack, good, torn, "--format", "json"])
    #expect(json.status == 65)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect((object?["documents"] as? [Any])?.count == 1)
  }
}
