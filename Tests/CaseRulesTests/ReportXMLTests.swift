import CaseRules
import CaseXML
import Testing

@Suite("Rule reports as SVRL and JUnit XML")
struct ReportXMLTests {
  private static let namespaces = [
    SVRLReport.Namespace(prefix: "cd", uri: "urn:casefile:case-document:1")
  ]

  private func elements(_ node: XMLTreeNode) -> [XMLTreeNode] {
    node.elements.flatMap { [$0] + elements($0) }
  }

  @Test func svrlFollowsTheAnnexDOrderAndMatchesTheGoldenText() throws {
    let bytes = try SVRLReport.render(ReportFixtures.report, namespaces: Self.namespaces)
    #expect(
      String(decoding: bytes, as: UTF8.self) == """
        <?xml version="1.0" encoding="UTF-8"?>
        <svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl" phase="first-hearing" title="National File Standard">
          <svrl:ns-prefix-in-attribute-values prefix="cd" uri="urn:casefile:case-document:1"/>
          <svrl:active-pattern document="case 01AB1234526" id="file-type" name="File type"/>
          <svrl:fired-rule context="cd:caseDocument"/>
          <svrl:successful-report id="NFS-TYPE" location="/cd:caseDocument[1]" role="info" see="DGC6 3.1" test="true()">
            <svrl:text>NGAP: summary offence, not guilty plea</svrl:text>
          </svrl:successful-report>
          <svrl:active-pattern document="case 01AB1234526" id="disclosure" name="Disclosure"/>
          <svrl:fired-rule context="cd:unused" id="disc-rule"/>
          <svrl:failed-assert id="NFS-DISC-01" location="/cd:caseDocument[1]/cd:unused[1]" role="error" see="DGC6 Annex C" test="cd:sdc">
            <svrl:diagnostic-reference diagnostic="why">
              <svrl:text>3 items, no certificate</svrl:text>
            </svrl:diagnostic-reference>
            <svrl:text>An NGAP summary file needs an SDC.</svrl:text>
          </svrl:failed-assert>
          <svrl:active-pattern document="case 01AB1234526" id="over-build" name="Over-build"/>
          <svrl:fired-rule context="cd:statement"/>
          <svrl:fired-rule context="cd:statement"/>
          <svrl:successful-report id="NFS-OVER-02" location="/cd:caseDocument[1]/cd:statements[1]/cd:statement[2]" role="warning" test="@key = 'false'">
            <svrl:text>Statement S4 is not key evidence &amp; is not needed in a GAP file.</svrl:text>
          </svrl:successful-report>
          <svrl:active-pattern document="case 01AB1234526" id="witnesses"/>
        </svrl:schematron-output>

        """)
  }

  @Test func svrlParsesAsXMLInTheSVRLNamespace() throws {
    let bytes = try SVRLReport.render(ReportFixtures.report, namespaces: Self.namespaces)
    let tree = try XMLTree.parse(bytes: bytes, name: "report.svrl")
    let root = try #require(tree.root)
    #expect(root.localName == "schematron-output")
    #expect(root.namespaceURI == SVRLReport.namespace)
    let all = elements(root)
    #expect(all.allSatisfy { $0.namespaceURI == SVRLReport.namespace })
    #expect(all.filter { $0.localName == "failed-assert" }.count == 1)
    #expect(all.filter { $0.localName == "successful-report" }.count == 2)
    #expect(all.filter { $0.localName == "active-pattern" }.count == 4)
    let failed = try #require(all.first { $0.localName == "failed-assert" })
    #expect(failed.attribute("id") == "NFS-DISC-01")
    #expect(failed.attribute("location") == "/cd:caseDocument[1]/cd:unused[1]")
  }

  @Test func svrlOfFindingsWithoutFiredRulesStillNamesAPatternAndARule() throws {
    let report = RuleReport(
      title: nil, phase: "#ALL", document: "a.xml", findings: [ReportFixtures.error])
    let text = String(decoding: try SVRLReport.render(report), as: UTF8.self)
    #expect(
      text == """
        <?xml version="1.0" encoding="UTF-8"?>
        <svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl" phase="#ALL">
          <svrl:active-pattern document="a.xml" id="disclosure"/>
          <svrl:fired-rule context="cd:unused"/>
          <svrl:failed-assert id="NFS-DISC-01" location="/cd:caseDocument[1]/cd:unused[1]" role="error" see="DGC6 Annex C" test="cd:sdc">
            <svrl:diagnostic-reference diagnostic="why">
              <svrl:text>3 items, no certificate</svrl:text>
            </svrl:diagnostic-reference>
            <svrl:text>An NGAP summary file needs an SDC.</svrl:text>
          </svrl:failed-assert>
        </svrl:schematron-output>

        """)
  }

  @Test func svrlRefusesACharacterXMLCannotCarry() {
    var report = ReportFixtures.report
    report.findings[0].message = "bad \u{01}"
    #expect(throws: XMLWriterError.self) { try SVRLReport.render(report) }
  }

  @Test func junitHasASuitePerDocumentAndACasePerRule() throws {
    let bytes = try JUnitReport.render(
      [ReportFixtures.document, ReportFixtures.clean], name: "casefile check")
    #expect(
      String(decoding: bytes, as: UTF8.self) == """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites errors="0" failures="1" name="casefile check" tests="5">
          <testsuite errors="0" failures="1" name="01AB1234526" skipped="0" tests="4">
            <testcase classname="01AB1234526" name="NFS-TYPE">
              <system-out>info NFS-TYPE /cd:caseDocument[1]: NGAP: summary offence, not guilty plea [DGC6 3.1]</system-out>
            </testcase>
            <testcase classname="01AB1234526" name="NFS-DISC-01">
              <failure message="An NGAP summary file needs an SDC." type="error">error NFS-DISC-01 /cd:caseDocument[1]/cd:unused[1]: An NGAP summary file needs an SDC. [DGC6 Annex C]</failure>
            </testcase>
            <testcase classname="01AB1234526" name="NFS-DISC-02"/>
            <testcase classname="01AB1234526" name="NFS-OVER-02">
              <system-out>warning NFS-OVER-02 /cd:caseDocument[1]/cd:statements[1]/cd:statement[2]: Statement S4 is not key evidence &amp; is not needed in a GAP file.</system-out>
            </testcase>
          </testsuite>
          <testsuite errors="0" failures="0" name="fixtures/pass.xml" skipped="0" tests="1">
            <testcase classname="fixtures/pass.xml" name="R1"/>
          </testsuite>
        </testsuites>

        """)
  }

  @Test func junitTurnsWarningsIntoFailuresWhenAsked() throws {
    var document = ReportFixtures.document
    document.report.findings.append(ReportFixtures.error)
    let bytes = try JUnitReport.render([document], name: "rules", warningsFail: true)
    let tree = try XMLTree.parse(bytes: bytes, name: "junit.xml")
    let root = try #require(tree.root)
    #expect(root.localName == "testsuites")
    #expect(root.attribute("failures") == "2")
    let suite = try #require(root.elements.first)
    #expect(suite.attribute("tests") == "4")
    let failures = suite.elements.flatMap(\.elements).filter { $0.localName == "failure" }
    #expect(failures.count == 2)
    #expect(
      failures.first?.attribute("message") == "An NGAP summary file needs an SDC. (and 1 more)")
    #expect(failures.last?.attribute("type") == "warning")
  }

  @Test func junitAddsACaseForAFindingOfARuleNotListedAsRun() throws {
    var finding = ReportFixtures.error
    finding.rule = ""
    let document = CheckedDocument(
      report: RuleReport(title: nil, phase: "#ALL", document: "a.xml", findings: [finding]))
    let tree = try XMLTree.parse(
      bytes: try JUnitReport.render([document], name: "rules"), name: "junit.xml")
    let testCase = try #require(tree.root?.elements.first?.elements.first)
    #expect(testCase.attribute("name") == "cd:unused: cd:sdc")
    #expect(testCase.elements.map(\.localName) == ["failure"])
  }
}
