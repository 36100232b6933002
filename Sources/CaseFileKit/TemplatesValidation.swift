import CaseAssembly
import CaseJSON
import CaseRules
import CaseStore
import CaseXML
import Foundation

/// `casefile templates validate`: a force's templates, rules, schemas and workflow checked
/// before any officer sees them.
package enum TemplatesValidation {
  /// One problem, with the file (and line, when known) it is in.
  package struct Problem: Codable, Equatable, Sendable, CustomStringConvertible {
    package var file: String
    package var line: Int?
    package var message: String

    package var description: String {
      "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
  }

  /// One check and what it found (nothing, when it holds).
  package struct Check: Codable, Equatable, Sendable {
    package var name: String
    package var problems: [Problem]
    package var passed: Bool { problems.isEmpty }
  }

  /// Where the data under test lives.
  package struct Directories: Sendable {
    package var templates: URL
    package var schemas: URL
    package var samples: URL
  }

  /// Runs every check; never throws for a defect in the data (that is a failed check).
  package static func validate(_ directories: Directories) -> [Check] {
    var checks: [Check] = []
    checks.append(Check(name: "schemas compile", problems: schemasCompile(directories.schemas)))
    let pack = directories.templates.appendingPathComponent("rules/national-file-standard.sch")
    var schematron: Schematron?
    var ruleProblems: [Problem] = []
    do {
      schematron = try Schematron(contentsOf: pack.path)
    } catch {
      ruleProblems.append(
        Problem(file: error.file ?? pack.path, line: error.line, message: error.message))
    }
    checks.append(Check(name: "rule files compile", problems: ruleProblems))
    if let schematron {
      let fixtures = RuleFixtures(schema: schematron, directory: pack.deletingLastPathComponent())
      checks.append(
        Check(name: "rule fixtures give the expected results", problems: fixtures.problems()))
      checks.append(
        Check(
          name: "every rule has a passing and a failing fixture and a unique id",
          problems: fixtures.coverageProblems()))
    }
    let rendering = TemplateRendering(directories: directories)
    checks.append(
      Check(name: "templates render valid XML for every sample", problems: rendering.problems()))
    checks.append(
      Check(
        name: "file types name documents, rules and phases that exist",
        problems: rendering.fileTypeProblems(schematron: schematron)))
    checks.append(
      Check(
        name: "the BagIt profile has the profile specification's shape",
        problems: BagItProfileShape.problems(in: directories.schemas)))
    checks.append(
      Check(
        name: "the workflow is well formed",
        problems: workflowProblems(directories.templates, phases: schematron?.phases.map(\.id))))
    return checks
  }

  /// Every `.xsd` under the schemas directory compiles (imports and includes resolved
  /// locally), and every `.schema.json` is a JSON Schema the validator accepts.
  static func schemasCompile(_ directory: URL) -> [Problem] {
    var problems: [Problem] = []
    let files =
      (FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? [])
      .sorted()
    for name in files where name.hasSuffix(".xsd") {
      let path = directory.appendingPathComponent(name).path
      do {
        _ = try XMLSchemaSet(contentsOf: path)
      } catch {
        let issue = error.issues.first
        problems.append(
          Problem(
            file: issue?.file ?? path, line: issue?.line,
            message: issue.map { "\(error.code.rawValue): \($0.message)" } ?? error.message))
      }
    }
    for name in files where name.hasSuffix(".schema.json") {
      let path = directory.appendingPathComponent(name).path
      do {
        let value = try JSONParser.parse(
          Data(contentsOf: URL(fileURLWithPath: path)), limits: .permissive)
        _ = try JSONSchema(
          value, baseDirectory: URL(fileURLWithPath: path).deletingLastPathComponent())
      } catch {
        problems.append(
          Problem(file: path, line: nil, message: "not a usable JSON Schema: \(error)"))
      }
    }
    return problems
  }
}

extension TemplatesValidation {
  /// The directories to check: the given ones, else the ones casefile finds (`Templates/`,
  /// `Schemas/`, and `Samples/records/` beside the templates).
  package static func directories(templates: String?, schemas: String?, samples: String?)
    throws -> Directories
  {
    let templatesURL = try ResourceLocator.templatesDirectory(explicit: templates)
    let schemasURL = try ResourceLocator.schemasDirectory(explicit: schemas)
    let samplesURL =
      samples.map { URL(fileURLWithPath: $0) }
      ?? templatesURL.deletingLastPathComponent().appendingPathComponent("Samples/records")
    guard FileManager.default.fileExists(atPath: samplesURL.path) else {
      throw KitError.usage("\(samplesURL.path): no samples directory; give --samples DIR")
    }
    return Directories(templates: templatesURL, schemas: schemasURL, samples: samplesURL)
  }

  /// Each check with a mark, its problems as `file:line: message`, then the count and time.
  package static func text(_ checks: [Check], seconds: Double) -> String {
    var text = ""
    for check in checks {
      text += "\(check.passed ? "ok  " : "FAIL") \(check.name)\n"
      for problem in check.problems { text += "     \(problem)\n" }
    }
    let failed = checks.filter { !$0.passed }.count
    text +=
      "\(checks.count) checks, \(failed) failed, in "
      + String(format: "%.2f", seconds) + " s\n"
    return text
  }

  /// JUnit XML for CI: one test case per check, a failure listing its problems.
  package static func junit(_ checks: [Check], seconds: Double) throws -> [UInt8] {
    var writer = CanonicalXMLWriter()
    let failed = checks.filter { !$0.passed }.count
    try writer.start(
      "testsuites",
      [
        "name": "casefile templates validate", "tests": String(checks.count),
        "failures": String(failed), "time": String(format: "%.3f", seconds),
      ])
    try writer.start(
      "testsuite",
      ["name": "templates", "tests": String(checks.count), "failures": String(failed)])
    for check in checks {
      try writer.start("testcase", ["name": check.name, "classname": "templates"])
      if !check.passed {
        try writer.element(
          "failure",
          ["message": "\(check.problems.count) problem\(check.problems.count == 1 ? "" : "s")"],
          text: check.problems.map(\.description).joined(separator: "\n"))
      }
      try writer.end()
    }
    return try writer.finish()
  }
}

extension TemplatesValidation {
  /// The workflow file: every stage reachable from the start, no dead end but the final
  /// stages, every stage, role and phase it names known (phases: the rule pack's).
  static func workflowProblems(_ templates: URL, phases: [String]?) -> [Problem] {
    let file = templates.appendingPathComponent(WorkflowLoader.defaultFile)
    guard let data = FileManager.default.contents(atPath: file.path) else {
      return [Problem(file: file.path, line: nil, message: "the workflow file cannot be read")]
    }
    do {
      _ = try WorkflowLoader.parse(
        data, file: file.path, phases: phases ?? RulesCommands.stages)
      return []
    } catch let error as InputError {
      return error.problems.map {
        Problem(file: file.path, line: nil, message: "\($0.path): \($0.message)")
      }
    } catch {
      return [Problem(file: file.path, line: nil, message: "\(error)")]
    }
  }
}
