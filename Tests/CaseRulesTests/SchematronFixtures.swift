import CaseXML
import Foundation

@testable import CaseRules

/// Schematron files and documents written to a temporary directory for one test.
final class SchematronFiles {
  let directory: URL

  init(_ files: [String: String]) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("caserules-\(UUID().uuidString)")
    for (name, text) in files {
      let url = directory.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  func schema(_ name: String = "rules.sch") throws -> Schematron {
    try Schematron(contentsOf: path(name))
  }
}

/// A Schematron schema around `body`, with the `c` prefix bound to `urn:case`.
func schematron(_ body: String, attributes: String = "") -> String {
  """
  <schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt" \(attributes)>
    <ns prefix="c" uri="urn:case"/>
    \(body)
  </schema>
  """
}

/// Parses a small document.
func document(_ text: String) throws -> XMLTree {
  try XMLTree.parse(bytes: Array(text.utf8), name: "doc.xml")
}

/// A case-like document: offences with days remaining and witnesses.
let caseDocument = """
  <case xmlns="urn:case" urn="01AB1234526">
    <offence id="O1" mode="summary" days="3"/>
    <offence id="O2" mode="either-way" days="-2"/>
    <witness id="W1" key="true"><statement id="S1"/></witness>
    <witness id="W2" key="false"/>
  </case>
  """
