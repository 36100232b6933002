import CaseXML
import Foundation
import Testing

/// `casefile templates validate` on the project's own data and on broken copies of it.
@Suite("casefile templates validate")
struct TemplatesValidateTests {
  /// A copy of Templates/, Schemas/ and the samples that a test may break.
  struct Copy {
    let directory: TemporaryDirectory
    var templates: URL { directory.url.appendingPathComponent("Templates") }
    var schemas: URL { directory.url.appendingPathComponent("Schemas") }

    init() throws {
      directory = try TemporaryDirectory()
      for folder in ["Templates", "Schemas"] {
        try FileManager.default.copyItem(
          at: packageRoot.appendingPathComponent(folder),
          to: directory.url.appendingPathComponent(folder))
      }
      let samples = directory.url.appendingPathComponent("Samples")
      try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: packageRoot.appendingPathComponent("Samples/records"),
        to: samples.appendingPathComponent("records"))
    }

    func edit(_ path: String, _ change: (String) -> String) throws {
      let url = directory.url.appendingPathComponent(path)
      let text = try String(contentsOf: url, encoding: .utf8)
      let changed = change(text)
      #expect(changed != text, "the edit of \(path) changed nothing")
      try Data(changed.utf8).write(to: url)
    }

    func run(_ extra: [String] = []) throws -> BinaryRun {
      try runCasefile(
        ["templates", "validate", "--templates", templates.path, "--schemas", schemas.path]
          + extra, in: directory.url)
    }
  }

  @Test func theProjectsOwnTemplatesPassWellWithinTenSeconds() throws {
    let run = try runCasefile(["templates", "validate"], in: packageRoot)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("8 checks, 0 failed, in "))
    let seconds =
      Double(
        run.stdout.split(separator: " ").dropLast().last.map(String.init) ?? "") ?? 99
    #expect(seconds < 10)
  }

  /// One deliberately broken copy per defect kind: the check fails naming the file (and
  /// the line where there is one), exit 1.
  @Test(arguments: [
    ("Schemas/forms/mg5-v1.xsd", "</xs:schema>", "", "schemas compile", "mg5-v1.xsd"),
    (
      "Templates/forms/MG5.xml.mustache", "<caseTitle>{{title}}", "<caseTitl>{{title}}",
      "templates render valid XML", "MG5.xml.mustache:4"
    ),
    (
      "Templates/rules/time-limits.sch", "test=\"@expired = 'false'\"", "test=\"@expired = ((\"",
      "rule files compile", "time-limits.sch:"
    ),
    (
      "Templates/rules/time-limits.sch", "test=\"@expired = 'false'\"", "test=\"true()\"",
      "rule fixtures give the expected results", "NFS-TIME-004/fail"
    ),
    (
      "Templates/rules/time-limits.sch", "<sch:assert id=\"NFS-TIME-004\"",
      "<sch:assert id=\"NFS-TIME-005\"", "unique id", "is used again"
    ),
    (
      "Templates/file-types/gap.json", "\"MG5\"", "\"MG55\"", "file types name",
      "names the unknown form MG55"
    ),
    (
      "Schemas/bagit-profile-casefile-v1.json", "\"BagIt-Profile-Info\"", "\"Profile-Info\"",
      "BagIt profile", "bagit-profile-casefile-v1.json"
    ),
    (
      "Templates/workflow/workflow.json", "\"to\": \"approved\"", "\"to\": \"limbo\"",
      "the workflow is well formed", "workflow.json: $.transitions"
    ),
  ])
  func eachDefectIsReportedWithItsFile(
    _ file: String, _ old: String, _ new: String, _ check: String, _ named: String
  ) throws {
    let copy = try Copy()
    try copy.edit(file) { $0.replacingOccurrences(of: old, with: new) }
    let run = try copy.run()
    #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
    let failing = run.stdout.split(separator: "\n").first {
      $0.hasPrefix("FAIL") && $0.contains(check)
    }
    #expect(failing != nil, "\(run.stdout)")
    #expect(run.stdout.contains(named), "\(run.stdout)")
  }

  @Test func aRuleWithoutAFailingFixtureIsReported() throws {
    let copy = try Copy()
    try FileManager.default.removeItem(
      at: copy.templates.appendingPathComponent("rules/tests/NFS-TIME-004/fail.xml"))
    let run = try copy.run()
    #expect(run.status == 1)
    #expect(run.stdout.contains("NFS-TIME-004 has no failing fixture"))
  }

  @Test func junitHasOneTestCasePerCheckAndParses() throws {
    let copy = try Copy()
    try copy.edit("Schemas/forms/mg5-v1.xsd") {
      $0.replacingOccurrences(of: "</xs:schema>", with: "")
    }
    let run = try copy.run(["--format", "junit"])
    #expect(run.status == 1)
    let tree = try XMLTree.parse(bytes: Array(run.stdout.utf8), name: "junit.xml")
    let suite = try #require(tree.root?.elements.first)
    let cases = suite.elements.filter { $0.localName == "testcase" }
    #expect(cases.count == 8)
    let failed = cases.filter { !$0.elements.isEmpty }.compactMap { $0.attribute("name") }
    #expect(failed.contains("schemas compile"))
  }
}
