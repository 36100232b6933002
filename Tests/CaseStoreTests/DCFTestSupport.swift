import CaseJSON
import Foundation
import Testing

@testable import CaseStore

/// Paths, the shared rule pack and fixture helpers for the DCF tests.
enum DCFTestSupport {
  /// The package root, from this file's location (symbolic links resolved).
  static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/reference/dcf-1.2.2` beside the package.
  static let referenceDirectory = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/reference/dcf-1.2.2")

  /// `Samples/dcf` in the package.
  static let samplesDirectory = packageRoot.appendingPathComponent("Samples/dcf")

  /// The rule pack, loaded once; `nil` when the reference data is not there.
  static let rulePack: DCFRulePack? = try? DCFRulePack(directory: referenceDirectory)

  /// The rule pack, or a test failure.
  static func pack() throws -> DCFRulePack {
    try #require(rulePack, "the DCF reference data is missing at \(referenceDirectory.path)")
  }

  /// A validator on the shared pack.
  static func validator() throws -> DCFValidator { DCFValidator(rulePack: try pack()) }

  /// Parses JSON text.
  static func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(text)
  }

  /// `$.a.b[0]`-style paths from dotted text such as `case.defendants.0.name`.
  static func components(_ dotted: String) -> [JSONPath.Component] {
    dotted.split(separator: ".").map { part in
      Int(part).map { .index($0) } ?? .key(String(part))
    }
  }

  /// `document` with the value at `dotted` replaced by `json` (parsed), or removed when `nil`.
  static func setting(_ document: JSONValue, _ dotted: String, _ json: String?) throws -> JSONValue
  {
    let replacement = try json.map(parse)
    return try set(document, components(dotted)[...], replacement)
  }

  /// `document` with the value at `dotted` replaced by `value`.
  static func applyingValue(_ document: JSONValue, _ dotted: String, _ value: JSONValue) throws
    -> JSONValue
  {
    try set(document, components(dotted)[...], value)
  }

  /// Applies every `(path, json)` mutation in order.
  static func applying(_ document: JSONValue, _ mutations: [(String, String?)]) throws -> JSONValue
  {
    var result = document
    for (path, json) in mutations { result = try setting(result, path, json) }
    return result
  }

  private static func set(
    _ value: JSONValue, _ path: ArraySlice<JSONPath.Component>, _ replacement: JSONValue?
  ) throws -> JSONValue {
    guard let first = path.first else {
      return try #require(replacement, "cannot remove the root")
    }
    let rest = path.dropFirst()
    switch (value, first) {
    case (.object(var object), .key(let key)):
      if rest.isEmpty {
        object[key] = replacement
      } else {
        object[key] = try set(object[key] ?? .object(JSONObject()), rest, replacement)
      }
      return .object(object)
    case (.array(var items), .index(let index)):
      if rest.isEmpty {
        if let replacement {
          if index == items.count { items.append(replacement) } else { items[index] = replacement }
        } else {
          items.remove(at: index)
        }
      } else {
        items[index] = try set(items[index], rest, replacement)
      }
      return .array(items)
    default:
      Issue.record("the fixture path does not fit the document")
      return value
    }
  }

  /// The value at `dotted`, if any.
  static func value(_ document: JSONValue, _ dotted: String) -> JSONValue? {
    var current: JSONValue? = document
    for component in components(dotted) {
      switch (current, component) {
      case (.object(let object)?, .key(let key)): current = object[key]
      case (.array(let items)?, .index(let index)):
        current = items.indices.contains(index) ? items[index] : nil
      default: return nil
      }
    }
    return current
  }

  /// The `(rule, path)` pairs of a report, in order.
  static func pairs(_ report: DCFValidationReport) -> [String] {
    report.problems.map { "\($0.rule) \($0.path)" }
  }
}
