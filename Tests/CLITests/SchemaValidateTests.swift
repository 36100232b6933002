import Foundation
import Testing

@Suite("casefile schema validate")
struct SchemaValidateTests {
  static let schema = """
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:element name="exhibit"><xs:complexType>
        <xs:attribute name="ref" use="required"><xs:simpleType>
          <xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}/[0-9]+"/></xs:restriction>
        </xs:simpleType></xs:attribute>
      </xs:complexType></xs:element>
    </xs:schema>
    """

  private func files(_ directory: TemporaryDirectory, _ contents: [String: String]) throws {
    for (name, text) in contents {
      try Data(text.utf8).write(to: directory.url.appendingPathComponent(name))
    }
  }

  @Test func exitsZeroWhenEveryFileIsValid() throws {
    let directory = try TemporaryDirectory()
    try files(directory, ["s.xsd": Self.schema, "ok.xml": #"<exhibit ref="AB/1"/>"#])
    let run = try runCasefile(
      ["schema", "validate", "--schema", "s.xsd", "ok.xml"], in: directory.url)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("1 valid, 0 invalid, 0 unreadable"))
  }

  @Test func printsEveryIssueAsFileLineColumnAndExitsOne() throws {
    let directory = try TemporaryDirectory()
    try files(
      directory,
      [
        "s.xsd": Self.schema, "ok.xml": #"<exhibit ref="AB/1"/>"#,
        "bad.xml": "\n<exhibit ref=\"x\"/>",
      ])
    let run = try runCasefile(
      ["schema", "validate", "--schema", "s.xsd", "ok.xml", "bad.xml"], in: directory.url)
    #expect(run.status == 1)
    let line = try #require(run.stdout.split(separator: "\n").first)
    #expect(line.hasPrefix("bad.xml:2:"))
    #expect(line.contains("'x' is not accepted by the pattern"))
  }

  @Test func reportsJSONForPrograms() throws {
    let directory = try TemporaryDirectory()
    try files(directory, ["s.xsd": Self.schema, "bad.xml": #"<exhibit ref="x"/>"#])
    let run = try runCasefile(
      ["schema", "validate", "--schema", "s.xsd", "--format", "json", "bad.xml"], in: directory.url)
    #expect(run.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let reports = try #require(object?["files"] as? [[String: Any]])
    let issues = try #require(reports.first?["issues"] as? [[String: Any]])
    #expect(issues.first?["line"] as? Int == 1)
    #expect((object?["summary"] as? [String: Int])?["invalid"] == 1)
  }

  @Test(arguments: [
    ("missing.xml", "no such file"),
    ("broken.xml", "not well-formed XML"),
    ("doctype.xml", "DOCTYPE"),
  ])
  func exitsSixtyFiveForAFileThatCannotBeRead(_ name: String, _ message: String) throws {
    let directory = try TemporaryDirectory()
    try files(
      directory,
      [
        "s.xsd": Self.schema, "broken.xml": "<exhibit ref='AB/1'>",
        "doctype.xml":
          #"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><exhibit ref="AB/1"/>"#,
      ])
    let run = try runCasefile(["schema", "validate", "--schema", "s.xsd", name], in: directory.url)
    #expect(run.status == 65)
    #expect(run.stdout.contains(name) && run.stdout.contains(message), "\(run.stdout)")
    #expect(!run.stdout.contains("root:"))
  }

  @Test func exitsSixtyFiveForASchemaThatCannotBeUsed() throws {
    let directory = try TemporaryDirectory()
    try files(
      directory,
      [
        "ok.xml": #"<exhibit ref="AB/1"/>"#,
        "net.xsd": """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:import namespace="urn:x" schemaLocation="https://example.invalid/x.xsd"/>
        </xs:schema>
        """,
      ])
    let missing = try runCasefile(
      ["schema", "validate", "--schema", "none.xsd", "ok.xml"], in: directory.url)
    #expect(missing.status == 65)
    #expect(missing.stderr.contains("none.xsd"))
    let network = try runCasefile(
      ["schema", "validate", "--schema", "net.xsd", "ok.xml"], in: directory.url)
    #expect(network.status == 65)
    #expect(network.stderr.contains("https://example.invalid/x.xsd"))
  }

  @Test func withoutFilesIsAUsageError() throws {
    let run = try runCasefile(["schema", "validate", "--schema", "s.xsd"])
    #expect(run.status == 64)
  }
}
