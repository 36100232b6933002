import CaseRules
import CaseXML
import Foundation

/// A rule pack's fixtures: `tests/RULE-ID/pass*.xml` must not produce the rule id,
/// `tests/RULE-ID/fail*.xml` must, each run under the phase in `tests/RULE-ID/phase`
/// (default `#ALL`).
package struct RuleFixtures {
  /// One fixture document and what it must show.
  package struct Fixture: Sendable, Equatable {
    package let rule: String
    package let file: String
    package let phase: String
    package let mustFire: Bool
  }

  let schema: Schematron
  let directory: URL

  package init(schema: Schematron, directory: URL) {
    self.schema = schema
    self.directory = directory
  }

  /// Every fixture under `tests/`, by rule id then file name.
  package var fixtures: [Fixture] {
    let tests = directory.appendingPathComponent("tests")
    let manager = FileManager.default
    let folders = (try? manager.contentsOfDirectory(atPath: tests.path)) ?? []
    return folders.sorted().flatMap { rule -> [Fixture] in
      let folder = tests.appendingPathComponent(rule)
      let phase =
        (try? String(contentsOf: folder.appendingPathComponent("phase"), encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? "#ALL"
      let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
      return names.sorted().filter { $0.hasSuffix(".xml") }.compactMap { name in
        guard name.hasPrefix("pass") || name.hasPrefix("fail") else { return nil }
        return Fixture(
          rule: rule, file: folder.appendingPathComponent(name).path, phase: phase,
          mustFire: name.hasPrefix("fail"))
      }
    }
  }

  /// The rule ids the pack reports on `fixture`, sorted (one per finding).
  package func ids(_ fixture: Fixture) throws -> [String] {
    let tree = try XMLTree.parse(file: fixture.file)
    return try schema.run(tree, phase: fixture.phase, document: fixture.file).findings
      .map(\.rule).sorted()
  }

  /// Fixtures that do not show what their name says.
  package func problems() -> [TemplatesValidation.Problem] {
    fixtures.compactMap { fixture in
      do {
        let fired = try ids(fixture).contains(fixture.rule)
        guard fired != fixture.mustFire else { return nil }
        return .init(
          file: fixture.file, line: nil,
          message: "\(fixture.rule) \(fixture.mustFire ? "does not fire" : "fires") on this "
            + "\(fixture.mustFire ? "failing" : "passing") fixture (phase \(fixture.phase))")
      } catch let error as RulesError {
        return .init(file: error.file ?? fixture.file, line: error.line, message: error.message)
      } catch {
        return .init(file: fixture.file, line: nil, message: "\(error)")
      }
    }
  }

  /// Rules without a passing or a failing fixture, ids used twice or missing, and fixture
  /// folders that name no rule.
  package func coverageProblems() -> [TemplatesValidation.Problem] {
    var problems: [TemplatesValidation.Problem] = []
    var seen: [String: RuleInfo] = [:]
    for rule in schema.rules {
      guard let id = rule.id, !id.isEmpty else {
        problems.append(.init(file: rule.file, line: rule.line, message: "a rule without an id"))
        continue
      }
      if let first = seen[id] {
        problems.append(
          .init(
            file: rule.file, line: rule.line,
            message: "the rule id \(id) is used again (first at \(first.file):\(first.line))"))
      }
      seen[id] = seen[id] ?? rule
    }
    let all = fixtures
    for (id, rule) in seen.sorted(by: { $0.key < $1.key }) {
      let own = all.filter { $0.rule == id }
      if !own.contains(where: \.mustFire) {
        problems.append(
          .init(file: rule.file, line: rule.line, message: "\(id) has no failing fixture"))
      }
      if !own.contains(where: { !$0.mustFire }) {
        problems.append(
          .init(file: rule.file, line: rule.line, message: "\(id) has no passing fixture"))
      }
    }
    for folder in Set(all.map(\.rule)).sorted() where seen[folder] == nil {
      problems.append(
        .init(
          file: directory.appendingPathComponent("tests/\(folder)").path, line: nil,
          message: "tests/\(folder) names no rule of the pack"))
    }
    return problems
  }
}
