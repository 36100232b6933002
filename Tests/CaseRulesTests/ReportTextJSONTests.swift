import CaseRules
import Testing

@Suite("Rule reports as text and JSON")
struct ReportTextJSONTests {
  @Test func textListsFindingsBySeverityThenCounts() {
    let text = TextReport.render([ReportFixtures.document])
    #expect(
      text == """
        01AB1234526 (stage first-hearing, file type NGAP)
          error    NFS-DISC-01  /cd:caseDocument[1]/cd:unused[1]: An NGAP summary file needs an SDC. [DGC6 Annex C]
          warning  NFS-OVER-02  /cd:caseDocument[1]/cd:statements[1]/cd:statement[2]: Statement S4 is not key evidence & is not needed in a GAP file.
          info     NFS-TYPE     /cd:caseDocument[1]: NGAP: summary offence, not guilty plea [DGC6 3.1]
          1 error, 1 warning, 1 info

        """)
  }

  @Test func textOfSeveralDocumentsEndsWithATotal() {
    let text = TextReport.render([ReportFixtures.document, ReportFixtures.clean])
    #expect(
      text.hasSuffix(
        """
          1 error, 1 warning, 1 info
        fixtures/pass.xml (phase #ALL)
          0 errors, 0 warnings, 0 info
        2 documents checked, 1 with errors: 1 error, 1 warning, 1 info

        """))
  }

  @Test func aFindingWithoutARuleIdShowsADash() {
    var finding = ReportFixtures.error
    finding.rule = ""
    finding.see = nil
    let document = CheckedDocument(
      report: RuleReport(title: nil, phase: "#ALL", document: "a.xml", findings: [finding]))
    #expect(
      TextReport.render([document])
        == """
        a.xml (phase #ALL)
          error    -  /cd:caseDocument[1]/cd:unused[1]: An NGAP summary file needs an SDC.
          1 error, 0 warnings, 0 info

        """)
  }

  @Test func jsonOfACaseFollowsTheCheckContract() {
    #expect(
      JSONReport.caseCheck(ReportFixtures.document) == """
        {
          "case": "01AB1234526",
          "fileType": "NGAP",
          "stage": "first-hearing",
          "findings": [
            {
              "rule": "NFS-TYPE",
              "severity": "info",
              "message": "NGAP: summary offence, not guilty plea",
              "location": "/cd:caseDocument[1]",
              "see": "DGC6 3.1"
            },
            {
              "rule": "NFS-DISC-01",
              "severity": "error",
              "message": "An NGAP summary file needs an SDC.",
              "location": "/cd:caseDocument[1]/cd:unused[1]",
              "see": "DGC6 Annex C"
            },
            {
              "rule": "NFS-OVER-02",
              "severity": "warning",
              "message": "Statement S4 is not key evidence & is not needed in a GAP file.",
              "location": "/cd:caseDocument[1]/cd:statements[1]/cd:statement[2]",
              "see": null
            }
          ],
          "summary": {
            "errors": 1,
            "warnings": 1
          }
        }

        """)
  }

  @Test func jsonOfAnUnknownFileTypeIsNullAndStringsAreEscaped() {
    var finding = ReportFixtures.warning
    finding.message = "quote \" backslash \\ tab \t newline \n bell \u{07} £ ŵ"
    let document = CheckedDocument(
      report: RuleReport(
        title: nil, phase: "trial", document: "case X", findings: [finding]),
      caseURN: "01AB1234526")
    let json = JSONReport.caseCheck(document)
    #expect(json.contains(#""fileType": null,"#))
    #expect(
      json.contains(
        #""message": "quote \" backslash \\ tab \t newline \n bell \u0007 £ ŵ","#))
  }

  @Test func jsonOfACleanCaseHasAnEmptyFindingsList() {
    let document = CheckedDocument(
      report: RuleReport(title: nil, phase: "trial", document: "case X"),
      caseURN: "01AB1234526", fileType: "GAP")
    #expect(
      JSONReport.caseCheck(document) == """
        {
          "case": "01AB1234526",
          "fileType": "GAP",
          "stage": "trial",
          "findings": [],
          "summary": {
            "errors": 0,
            "warnings": 0
          }
        }

        """)
  }

  @Test func jsonOfARulesRunListsEveryDocument() {
    let json = JSONReport.documents(
      [ReportFixtures.clean, ReportFixtures.clean], schematron: "/rules/a.sch", phase: "#ALL")
    #expect(
      json == """
        {
          "schematron": "/rules/a.sch",
          "phase": "#ALL",
          "documents": [
            {
              "document": "fixtures/pass.xml",
              "phase": "#ALL",
              "findings": [],
              "summary": {
                "errors": 0,
                "warnings": 0
              }
            },
            {
              "document": "fixtures/pass.xml",
              "phase": "#ALL",
              "findings": [],
              "summary": {
                "errors": 0,
                "warnings": 0
              }
            }
          ],
          "summary": {
            "documents": 2,
            "errors": 0,
            "warnings": 0
          }
        }

        """)
  }

  @Test func jsonOfEveryCaseCountsCasesWithErrors() {
    let json = JSONReport.caseChecks(
      [ReportFixtures.document, ReportFixtures.document], stage: "first-hearing")
    #expect(json.hasPrefix("{\n  \"stage\": \"first-hearing\",\n  \"cases\": [\n    {\n"))
    #expect(
      json.hasSuffix(
        """
          "summary": {
            "cases": 2,
            "casesWithErrors": 2,
            "errors": 2,
            "warnings": 2
          }
        }

        """))
  }

  @Test(arguments: [
    ("NGAP: summary offence", "NGAP"), ("  Crown Court : indictable only", "Crown Court"),
    ("GAP", "GAP"), (":", nil), ("File type pre-charge: 2 of 3 offences", "pre-charge"),
    ("file type  GAP: all guilty", "GAP"), ("File type: x", "File type"),
  ])
  func fileTypeIsTheNamedInfoReportsMessageUpToItsColon(_ message: String, _ type: String?) {
    var finding = ReportFixtures.info
    finding.message = message
    let report = RuleReport(title: nil, phase: "#ALL", document: "d", findings: [finding])
    #expect(CheckedDocument.fileType(in: report, rules: ["NFS-A", "NFS-TYPE"]) == type)
    #expect(CheckedDocument.fileType(in: report, rules: ["NFS-OTHER"]) == nil)
  }
}

/// A hand-built rule report for the renderer tests: one error with a diagnostic, one
/// warning from a report, one info, across two patterns.
enum ReportFixtures {
  static let error = Finding(
    rule: "NFS-DISC-01", severity: .error, message: "An NGAP summary file needs an SDC.",
    location: "/cd:caseDocument[1]/cd:unused[1]", see: "DGC6 Annex C",
    kind: .failedAssert, test: "cd:sdc", pattern: "disclosure", context: "cd:unused",
    diagnostics: [.init(id: "why", text: "3 items, no certificate")])

  static let warning = Finding(
    rule: "NFS-OVER-02", severity: .warning,
    message: "Statement S4 is not key evidence & is not needed in a GAP file.",
    location: "/cd:caseDocument[1]/cd:statements[1]/cd:statement[2]", see: nil,
    kind: .successfulReport, test: "@key = 'false'", pattern: "over-build",
    context: "cd:statement")

  static let info = Finding(
    rule: "NFS-TYPE", severity: .info, message: "NGAP: summary offence, not guilty plea",
    location: "/cd:caseDocument[1]", see: "DGC6 3.1", kind: .successfulReport,
    test: "true()", pattern: "file-type", context: "cd:caseDocument")

  static let report = RuleReport(
    title: "National File Standard", phase: "first-hearing", document: "case 01AB1234526",
    activePatterns: [
      .init(id: "file-type", name: "File type"), .init(id: "disclosure", name: "Disclosure"),
      .init(id: "over-build", name: "Over-build"), .init(id: "witnesses", name: nil),
    ],
    firedRules: [
      .init(
        pattern: "file-type", rule: nil, context: "cd:caseDocument",
        location: "/cd:caseDocument[1]"),
      .init(
        pattern: "disclosure", rule: "disc-rule", context: "cd:unused",
        location: "/cd:caseDocument[1]/cd:unused[1]"),
      .init(
        pattern: "over-build", rule: nil, context: "cd:statement",
        location: "/cd:caseDocument[1]/cd:statements[1]/cd:statement[1]"),
      .init(
        pattern: "over-build", rule: nil, context: "cd:statement",
        location: "/cd:caseDocument[1]/cd:statements[1]/cd:statement[2]"),
    ],
    findings: [info, error, warning])

  static let document = CheckedDocument(
    report: report, caseURN: "01AB1234526", fileType: "NGAP",
    rulesRun: ["NFS-TYPE", "NFS-DISC-01", "NFS-DISC-02", "NFS-OVER-02"])

  static let clean = CheckedDocument(
    report: RuleReport(
      title: nil, phase: "#ALL", document: "fixtures/pass.xml",
      activePatterns: [.init(id: nil, name: nil)]),
    rulesRun: ["R1"])
}
