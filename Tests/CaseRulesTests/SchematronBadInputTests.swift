import CaseXML
import Testing

@testable import CaseRules

@Suite struct SchematronBadInputTests {
  private func compileError(_ files: [String: String]) throws -> RulesError {
    let written = try SchematronFiles(files)
    return try #require(throws: RulesError.self) { _ = try written.schema() }
  }

  @Test func aFileThatIsNotWellFormedNamesTheFileAndLine() throws {
    let error = try compileError([
      "rules.sch": "<schema xmlns='http://purl.oclc.org/dsdl/schematron'>\n<pattern>\n</schema>"
    ])
    #expect(error.code == .malformed)
    #expect(error.message.contains("rules.sch:3:"))
  }

  @Test func anXPathThatDoesNotCompileNamesTheFileAndLine() throws {
    let error = try compileError([
      "rules.sch": schematron(
        """
        <pattern>
          <rule context="c:offence">
            <assert test="count(@id" id="X">x</assert>
          </rule>
        </pattern>
        """)
    ])
    #expect(error.code == .xpathSyntax)
    #expect(error.message.contains("rules.sch:5:"), "\(error.message)")
    #expect(error.message.contains("invalid expression"))
    #expect(error.message.contains("count(@id"))
  }

  @Test func aBadContextOrValueOfIsReportedToo() throws {
    let context = try compileError([
      "rules.sch": schematron(
        #"<pattern><rule context="c:offence[["><assert test="1">x</assert></rule></pattern>"#)
    ])
    #expect(context.code == .xpathSyntax)
    let valueOf = try compileError([
      "rules.sch": schematron(
        #"<pattern><rule context="c:a"><assert test="1"><value-of select="))"/></assert></rule></pattern>"#
      )
    ])
    #expect(valueOf.code == .xpathSyntax)
  }

  @Test func anUnknownPhaseInActiveOrDefaultPhaseIsRefused() throws {
    let active = try compileError([
      "rules.sch": schematron(#"<phase id="p"><active pattern="nope"/></phase><pattern id="x"/>"#)
    ])
    #expect(active.code == .invalidSchema && active.message.contains("nope"))
    let defaulted = try compileError([
      "rules.sch": schematron(#"<pattern id="x"/>"#, attributes: #"defaultPhase="missing""#)
    ])
    #expect(defaulted.message.contains("missing"))
  }

  @Test(arguments: [
    #"<let name="a" value="1"/><pattern><let name="a" value="2"/></pattern>"#,
    #"<pattern><let name="a" value="1"/><rule context="c:x"><let name="a" value="2"/><assert test="1">x</assert></rule></pattern>"#,
    #"<pattern><rule context="c:x"><let name="a" value="1"/><let name="a" value="2"/><assert test="1">x</assert></rule></pattern>"#,
    #"<phase id="p"><active pattern="q"/><let name="a" value="1"/></phase><pattern id="q"><let name="a" value="2"/></pattern>"#,
  ])
  func aLetThatShadowsAnotherIsRefused(_ body: String) throws {
    let error = try compileError(["rules.sch": schematron(body)])
    #expect(error.code == .invalidSchema)
    #expect(error.message.contains("let a is already defined"), "\(error.message)")
  }

  @Test func anIncludeLoopIsRefusedNamingTheFiles() throws {
    let error = try compileError([
      "rules.sch": schematron(#"<include href="a.sch"/>"#),
      "a.sch":
        #"<pattern xmlns="http://purl.oclc.org/dsdl/schematron" id="a"><include href="b.sch"/></pattern>"#,
      "b.sch":
        #"<rule xmlns="http://purl.oclc.org/dsdl/schematron" context="x"><include href="a.sch"/></rule>"#,
    ])
    #expect(error.code == .includeLoop)
    #expect(error.message.contains("a.sch → b.sch → a.sch"), "\(error.message)")
  }

  @Test(arguments: ["http://example.invalid/rules.sch", "other.sch#pattern1", "missing.sch"])
  func anIncludeOfAnythingButALocalFileIsRefused(_ href: String) throws {
    let error = try compileError(["rules.sch": schematron(#"<include href="\#(href)"/>"#)])
    #expect(error.code == .invalidSchema || error.code == .unreadable)
    #expect(error.message.contains(href.hasPrefix("missing") ? "missing.sch" : href))
  }

  @Test func unknownReferencesAreRefused() throws {
    let extends = try compileError([
      "rules.sch": schematron(
        #"<pattern><rule context="c:x"><extends rule="nothing"/></rule></pattern>"#)
    ])
    #expect(extends.message.contains("nothing"))
    let diagnostics = try compileError([
      "rules.sch": schematron(
        #"<pattern><rule context="c:x"><assert test="1" diagnostics="d9">x</assert></rule></pattern>"#
      )
    ])
    #expect(diagnostics.message.contains("d9"))
    let isA = try compileError(["rules.sch": schematron(#"<pattern is-a="ghost" id="p"/>"#)])
    #expect(isA.message.contains("ghost"))
  }

  @Test func anUnsupportedQueryBindingOrRootIsRefused() throws {
    let binding = try compileError([
      "rules.sch": #"<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2"/>"#
    ])
    #expect(binding.message.contains("xslt2"))
    let root = try compileError(["rules.sch": "<rules/>"])
    #expect(root.code == .invalidSchema)
  }

  @Test func anExpressionThatFailsWhileCheckingNamesTheRule() throws {
    let files = try SchematronFiles([
      "rules.sch": schematron(
        #"<pattern><rule context="c:offence"><assert id="U" test="$undefined">x</assert></rule></pattern>"#
      )
    ])
    let error = try #require(throws: RulesError.self) {
      _ = try files.schema().run(try document(caseDocument), document: "d")
    }
    #expect(error.code == .xpathEvaluation)
    #expect(error.message.contains("rules.sch:3:"), "\(error.message)")
    #expect(error.message.contains("undefined variable"))
  }
}
