import CaseXML
import Testing

@testable import CaseRules

@Suite struct SchematronTests {
  private func run(_ body: String, phase: String? = nil, attributes: String = "")
    throws -> RuleReport
  {
    let files = try SchematronFiles(["rules.sch": schematron(body, attributes: attributes)])
    return try files.schema().run(try document(caseDocument), phase: phase, document: "doc.xml")
  }

  @Test func reportsFailedAssertsAndSuccessfulReportsWithTheirFields() throws {
    let report = try run(
      """
      <pattern id="limits">
        <rule context="c:offence">
          <assert id="L1" role="warning" see="MCA 1980 s.127" test="@days &gt; 0"
            >Offence <value-of select="@id"/> is <value-of select="-@days"/> days past its limit</assert>
          <report id="L2" role="info" test="@mode = 'summary'"><name/> <value-of select="@id"/> is summary-only</report>
        </rule>
      </pattern>
      """)
    #expect(report.findings.map(\.rule) == ["L2", "L1"])
    let failed = try #require(report.findings.last)
    #expect(failed.kind == .failedAssert)
    #expect(failed.severity == .warning)
    #expect(failed.message == "Offence O2 is 2 days past its limit")
    #expect(failed.location == "/c:case[1]/c:offence[2]")
    #expect(failed.see == "MCA 1980 s.127")
    #expect(failed.pattern == "limits" && failed.context == "c:offence")
    let reported = try #require(report.findings.first)
    #expect(reported.kind == .successfulReport && reported.severity == .info)
    #expect(reported.message == "offence O1 is summary-only")
    #expect(report.firedRules.count == 2)
  }

  @Test func anAssertWithoutARoleIsAnError() throws {
    let report = try run(
      #"<pattern><rule context="c:witness"><assert test="@key = 'true'" id="W">key</assert></rule></pattern>"#
    )
    #expect(report.findings.map(\.severity) == [.error])
    #expect(report.findings.first?.location == "/c:case[1]/c:witness[2]")
  }

  @Test func theFirstRuleWhoseContextMatchesANodeWinsWithinAPattern() throws {
    let report = try run(
      """
      <pattern>
        <rule context="c:offence[@mode = 'summary']"><report id="first" test="true()">s</report></rule>
        <rule context="c:offence"><report id="second" test="true()">o</report></rule>
      </pattern>
      <pattern>
        <rule context="c:offence"><report id="other" test="true()">p</report></rule>
      </pattern>
      """)
    #expect(report.findings.map(\.rule) == ["first", "second", "other", "other"])
  }

  @Test func matchesAttributesTheRootAndAlternatives() throws {
    let report = try run(
      """
      <pattern>
        <rule context="/"><report id="root" test="c:case">root</report></rule>
        <rule context="@urn"><report id="urn" test="string-length(.) = 11">urn</report></rule>
        <rule context="c:witness | c:statement"><report id="w" test="true()"><name/></report></rule>
      </pattern>
      """)
    #expect(report.findings.map(\.rule) == ["root", "urn", "w", "w", "w"])
    #expect(report.findings[1].location == "/c:case[1]/@urn")
    #expect(report.findings.map(\.message).suffix(3) == ["witness", "statement", "witness"])
  }

  @Test func letsAtEveryLevelAreInScopeWhereTheyShouldBe() throws {
    let report = try run(
      """
      <let name="limit" value="0"/>
      <phase id="strict"><active pattern="p"/><let name="slack" value="-5"/></phase>
      <pattern id="p">
        <let name="count" value="count(//c:offence)"/>
        <rule context="c:offence">
          <let name="days" value="number(@days)"/>
          <let name="late" value="$days &lt; $limit"/>
          <assert id="late" test="not($late)"><value-of select="$days"/> of <value-of select="$count"/></assert>
          <report id="slack" test="$days &lt; $slack">beyond slack</report>
        </rule>
      </pattern>
      """, phase: "strict")
    #expect(report.findings.map(\.rule) == ["late"])
    #expect(report.findings.first?.message == "-2 of 2")
  }

  @Test func phasesChooseThePatternsThatRun() throws {
    let body = """
      <phase id="a"><active pattern="pa"/></phase>
      <phase id="b"><active pattern="pb"/></phase>
      <pattern id="pa"><rule context="/"><report id="A" test="true()">a</report></rule></pattern>
      <pattern id="pb"><rule context="/"><report id="B" test="true()">b</report></rule></pattern>
      """
    #expect(try run(body, phase: "a").findings.map(\.rule) == ["A"])
    #expect(try run(body, phase: "b").findings.map(\.rule) == ["B"])
    #expect(try run(body, phase: "#ALL").findings.map(\.rule) == ["A", "B"])
    #expect(try run(body).findings.map(\.rule) == ["A", "B"])
    #expect(try run(body, attributes: #"defaultPhase="b""#).findings.map(\.rule) == ["B"])
    #expect(try run(body, attributes: #"defaultPhase="b""#).phase == "b")
    let error = try #require(throws: RulesError.self) { _ = try run(body, phase: "c") }
    #expect(error.code == .unknownPhase)
    #expect(error.message.contains("a, b, #ALL"))
  }

  @Test func diagnosticsAreFilledInForTheNode() throws {
    let report = try run(
      """
      <pattern>
        <rule context="c:offence">
          <assert id="D" test="@days &gt; 0" diagnostics="d1 d2">late</assert>
        </rule>
      </pattern>
      <diagnostics>
        <diagnostic id="d1">offence <value-of select="@id"/></diagnostic>
        <diagnostic id="d2">mode <emph><value-of select="@mode"/></emph></diagnostic>
      </diagnostics>
      """)
    let finding = try #require(report.findings.first)
    #expect(finding.diagnostics.map(\.id) == ["d1", "d2"])
    #expect(finding.diagnostics.map(\.text) == ["offence O2", "mode either-way"])
  }

  @Test func abstractRulesAreCopiedIntoTheRulesThatExtendThem() throws {
    let report = try run(
      """
      <pattern>
        <rule abstract="true" id="has-id"><assert id="ID" test="@id">no id</assert></rule>
        <rule context="c:offence"><extends rule="has-id"/><report id="O" test="true()">o</report></rule>
        <rule context="c:witness[@key = 'false']"><extends rule="has-id"/></rule>
      </pattern>
      """)
    #expect(report.findings.map(\.rule) == ["O", "O"])
    let listed = try SchematronFiles([
      "rules.sch": schematron(
        """
        <pattern>
          <rule abstract="true" id="has-id"><assert id="ID" test="@id">no id</assert></rule>
          <rule context="c:offence"><extends rule="has-id"/></rule>
          <rule context="c:witness"><extends rule="has-id"/></rule>
        </pattern>
        """)
    ]).schema().rules
    #expect(listed.map(\.id) == ["ID"])
    #expect(listed.first?.context == "c:offence | c:witness")
    let bare = try SchematronFiles([
      "rules.sch": schematron(
        """
        <pattern>
          <rule abstract="true" id="needs-mode"><assert id="M" test="@mode">no mode</assert></rule>
          <rule context="c:witness"><extends rule="needs-mode"/></rule>
        </pattern>
        """)
    ])
    let findings = try bare.schema().run(try document(caseDocument), document: "d").findings
    #expect(findings.map(\.rule) == ["M", "M"])
  }

  @Test func abstractPatternsAreInstantiatedWithTheirParameters() throws {
    let report = try run(
      """
      <pattern abstract="true" id="positive">
        <rule context="$item"><assert id="POS" test="$value &gt; 0"><value-of select="@id"/></assert></rule>
      </pattern>
      <pattern is-a="positive" id="offences">
        <param name="item" value="c:offence"/><param name="value" value="@days"/>
      </pattern>
      """)
    #expect(report.findings.map(\.message) == ["O2"])
    #expect(report.findings.first?.pattern == "offences")
  }

  @Test func includesAreExpandedFromLocalFilesAtAnyLevel() throws {
    let files = try SchematronFiles([
      "rules.sch": schematron(
        """
        <include href="patterns/witnesses.sch"/>
        <pattern id="offences"><include href="parts/offence-rule.sch"/></pattern>
        """),
      "patterns/witnesses.sch": """
      <pattern xmlns="http://purl.oclc.org/dsdl/schematron" id="witnesses">
        <include href="../parts/witness-rule.sch"/>
      </pattern>
      """,
      "parts/witness-rule.sch": """
      <rule xmlns="http://purl.oclc.org/dsdl/schematron" context="c:witness">
        <assert id="KEY" test="@key = 'true'">not key</assert>
      </rule>
      """,
      "parts/offence-rule.sch": """
      <rule xmlns="http://purl.oclc.org/dsdl/schematron" context="c:offence">
        <assert id="DAYS" test="@days &gt; 0">late</assert>
      </rule>
      """,
    ])
    let schema = try files.schema()
    #expect(schema.files.count == 4)
    let report = try schema.run(try document(caseDocument), document: "doc.xml")
    #expect(report.findings.map(\.rule) == ["KEY", "DAYS"])
    #expect(schema.rules.map(\.id) == ["KEY", "DAYS"])
    #expect(schema.rules.first?.file.hasSuffix("parts/witness-rule.sch") == true)
  }

  @Test func compiledOnceItChecksManyDocuments() throws {
    let files = try SchematronFiles([
      "rules.sch": schematron(
        #"<pattern><rule context="c:offence"><assert id="D" test="@days &gt; 0">late</assert></rule></pattern>"#
      )
    ])
    let schema = try files.schema()
    for late in 0..<4 {
      let offences = (0..<late).map { _ in #"<offence days="-1"/>"# }.joined()
      let tree = try document("<case xmlns='urn:case'>\(offences)<offence days='4'/></case>")
      #expect(try schema.run(tree, document: "d\(late)").findings.count == late)
    }
  }

  @Test func listsEveryRuleWithItsPatternPhasesAndRationale() throws {
    let files = try SchematronFiles([
      "rules.sch": schematron(
        """
        <phase id="first-hearing"><active pattern="limits"/></phase>
        <pattern id="limits"><title>Time limits</title><p>Charges must be laid in time.</p>
          <rule context="c:offence">
            <assert id="L1" role="warning" see="s.127" test="@days &gt; 0">Offence <value-of select="@id"/> late</assert>
          </rule>
        </pattern>
        """)
    ])
    let rule = try #require(try files.schema().rules.first)
    #expect(rule.id == "L1" && rule.severity == .warning && rule.see == "s.127")
    #expect(rule.message == "Offence {@id} late")
    #expect(rule.phases == ["first-hearing"] && rule.patternTitle == "Time limits")
    #expect(rule.rationale == ["Charges must be laid in time."])
    #expect(rule.line == 6)
  }
}
