import CaseJSON
import Foundation

/// The national DCF 1.2.2 schema and business rules, loaded from a directory at run time.
///
/// The directory holds `dcf-schema.json` (JSON Schema draft-04; a leading byte-order mark is
/// allowed) and `business-rules.json`. The schema is compiled once; a pack can validate any
/// number of documents and is safe to share between tasks.
package struct DCFRulePack: Sendable {
  /// The schema file's name inside the directory.
  package static let schemaFileName = "dcf-schema.json"
  /// The business rules file's name inside the directory.
  package static let rulesFileName = "business-rules.json"

  /// The directory the pack was loaded from.
  package let directory: URL
  /// The compiled schema.
  package let schema: JSONSchema
  /// The `DependantAttributes` rules as written (source names trimmed, duplicates kept).
  package let dependantRules: [DCFDependantRule]
  /// The `NGAPOnly` attributes as written.
  package let ngapOnly: [String]
  /// Data errors in the pack itself and how they are read; never problems of a document.
  package var warnings: [String] { loadWarnings + plan.warnings }

  /// The schema with `case` bound to one definition, per kind, for precise messages.
  let kindSchemas: [DCFKind: JSONSchema]
  let index: DCFSchemaIndex
  let plan: DCFRulePlan
  private let loadWarnings: [String]

  /// Loads and compiles the pack in `directory`.
  ///
  /// - Throws: `InputError` with code `unreadable` when a file is missing or cannot be read,
  ///   and `malformed` when it is not JSON, the schema does not compile, or the rules file
  ///   does not have the expected shape. The error's `file` names the offending file.
  package init(directory: URL) throws(InputError) {
    let schemaURL = directory.appendingPathComponent(Self.schemaFileName)
    let rulesURL = directory.appendingPathComponent(Self.rulesFileName)
    let schemaDocument = try Self.load(schemaURL)
    let compiled: JSONSchema
    do {
      compiled = try JSONSchema(schemaDocument, baseDirectory: directory)
    } catch {
      throw InputError(
        code: .malformed, file: schemaURL.path,
        problems: [
          InputProblem(
            path: error.schemaPath, rule: "schema",
            message: "the DCF schema does not compile: \(error.message)")
        ])
    }
    let rulesDocument = try Self.load(rulesURL)
    var warnings: [String] = []
    let rules = try Self.readDependantRules(rulesDocument, file: rulesURL.path, warnings: &warnings)
    let ngap = try Self.readNGAP(rulesDocument, file: rulesURL.path)
    let index = DCFSchemaIndex(schema: schemaDocument)
    self.directory = directory
    self.schema = compiled
    self.dependantRules = rules
    self.ngapOnly = ngap
    self.index = index
    self.kindSchemas = Self.kindSchemas(schemaDocument, directory: directory)
    self.plan = DCFRulePlan(rules: rules, ngapOnly: ngap, index: index)
    self.loadWarnings = warnings
  }

  /// The schema with `properties.case` replaced by a reference to the kind's definition.
  ///
  /// The DCF schema says `case` is `oneOf` FirstHearingDCF or BobDCF. When a document fails,
  /// the validator reports the failures against the definition `case.type` names, so that the
  /// paths point at what is wrong in that kind of file.
  private static func kindSchemas(_ schema: JSONValue, directory: URL) -> [DCFKind: JSONSchema] {
    guard case .object(var root) = schema, case .object(var properties)? = root["properties"]
    else { return [:] }
    var result: [DCFKind: JSONSchema] = [:]
    for kind in [DCFKind.firstHearing, .breachOfBail] {
      guard root.dcfObject("definitions")?.dcfObject(kind.rawValue) != nil else { continue }
      properties["case"] = .object(
        JSONObject([("$ref", .string("#/definitions/\(kind.rawValue)"))]))
      root["properties"] = .object(properties)
      result[kind] = try? JSONSchema(.object(root), baseDirectory: directory)
    }
    return result
  }

  private static func load(_ url: URL) throws(InputError) -> JSONValue {
    try InputFile.parse(url, limits: .permissive)
  }

  private static func shapeError(_ file: String, _ path: String, _ message: String) -> InputError {
    InputError(
      code: .malformed, file: file,
      problems: [InputProblem(path: path, rule: "rule-pack", message: message)])
  }

  private static func readDependantRules(
    _ document: JSONValue, file: String, warnings: inout [String]
  ) throws(InputError) -> [DCFDependantRule] {
    guard let root = document.dcfObject, case .array(let entries)? = root["DependantAttributes"]
    else {
      throw shapeError(file, "$", "expected an object with a DependantAttributes array")
    }
    var rules: [DCFDependantRule] = []
    for (position, entry) in entries.enumerated() {
      let path = "$.DependantAttributes[\(position)]"
      guard let object = entry.dcfObject,
        let name = object.dcfString("RuleName"),
        let dependant = object.dcfString("DependantAttribute"),
        let source = object.dcfString("SourceAttribute"),
        let condition = object.dcfString("SourceCondition")
      else {
        throw shapeError(
          file, path,
          "expected RuleName, DependantAttribute, SourceAttribute and SourceCondition strings")
      }
      let partner = (object.dcfString("AndRuleName") ?? "").dcfTrimmed
      for (label, written) in [("RuleName", name), ("DependantAttribute", dependant)]
      where written != written.dcfTrimmed {
        warnings.append("rule \(name.dcfTrimmed): \(label) has surrounding spaces; trimmed")
      }
      if source != source.dcfTrimmed {
        warnings.append(
          "rule \(name.dcfTrimmed): SourceAttribute \(source.dcfTrimmed) has surrounding spaces; "
            + "trimmed")
      }
      rules.append(
        DCFDependantRule(
          name: name.dcfTrimmed, dependant: dependant.dcfTrimmed, source: source.dcfTrimmed,
          condition: DCFCondition(condition), andRuleName: partner.isEmpty ? nil : partner))
    }
    return rules
  }

  private static func readNGAP(_ document: JSONValue, file: String) throws(InputError) -> [String] {
    guard let root = document.dcfObject else { return [] }
    guard let value = root["NGAPOnly"] else { return [] }
    guard case .array(let entries) = value else {
      throw shapeError(file, "$.NGAPOnly", "expected an array of {\"Attribute\": name}")
    }
    var attributes: [String] = []
    for (position, entry) in entries.enumerated() {
      guard let attribute = entry.dcfObject?.dcfString("Attribute") else {
        throw shapeError(file, "$.NGAPOnly[\(position)]", "expected an Attribute string")
      }
      attributes.append(attribute)
    }
    return attributes
  }
}
