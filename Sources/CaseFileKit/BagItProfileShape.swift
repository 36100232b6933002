import CaseJSON
import Foundation

/// Checks each `bagit-profile-*.json` under the schemas directory against the shape the
/// BagIt Profiles specification (v1.3.0) gives a profile.
enum BagItProfileShape {
  /// The `BagIt-Profile-Info` fields a profile must have.
  static let requiredInfo = [
    "BagIt-Profile-Identifier", "Source-Organization", "External-Description", "Version",
  ]
  /// Top-level keys whose value must be an array of strings.
  static let stringArrays = [
    "Manifests-Required", "Manifests-Allowed", "Accept-Serialization", "Accept-BagIt-Version",
    "Tag-Manifests-Required", "Tag-Manifests-Allowed", "Tag-Files-Required",
    "Tag-Files-Allowed", "Payload-Files-Required", "Payload-Files-Allowed",
  ]

  static func problems(in directory: URL) -> [TemplatesValidation.Problem] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    let files = names.filter { $0.hasPrefix("bagit-profile") && $0.hasSuffix(".json") }.sorted()
    guard !files.isEmpty else {
      return [.init(file: directory.path, line: nil, message: "no bagit-profile-*.json")]
    }
    return files.flatMap { problems(directory.appendingPathComponent($0).path) }
  }

  static func problems(_ path: String) -> [TemplatesValidation.Problem] {
    func problem(_ message: String) -> TemplatesValidation.Problem {
      .init(file: path, line: nil, message: message)
    }
    let root: JSONObject
    do {
      guard
        case .object(let object) = try JSONParser.parse(
          Data(contentsOf: URL(fileURLWithPath: path)))
      else {
        return [problem("a BagIt profile is a JSON object")]
      }
      root = object
    } catch {
      return [problem("not valid JSON: \(error)")]
    }
    var problems: [TemplatesValidation.Problem] = []
    guard case .object(let info)? = root["BagIt-Profile-Info"] else {
      return [problem("BagIt-Profile-Info (an object) is missing")]
    }
    for key in requiredInfo {
      guard case .string(let value)? = info[key], !value.isEmpty else {
        problems.append(problem("BagIt-Profile-Info.\(key) must be a non-empty string"))
        continue
      }
    }
    if let bagInfo = root["Bag-Info"] {
      guard case .object(let fields) = bagInfo else {
        return problems + [problem("Bag-Info must be an object")]
      }
      for (label, rule) in fields {
        guard case .object(let rule) = rule else {
          problems.append(problem("Bag-Info.\(label) must be an object"))
          continue
        }
        for flag in ["required", "repeatable"] {
          if let value = rule[flag], case .bool = value {
          } else if rule[flag] != nil {
            problems.append(problem("Bag-Info.\(label).\(flag) must be true or false"))
          }
        }
        if let values = rule["values"], !isStringArray(values) {
          problems.append(problem("Bag-Info.\(label).values must be an array of strings"))
        }
      }
    }
    for key in stringArrays where root[key] != nil && !isStringArray(root[key]) {
      problems.append(problem("\(key) must be an array of strings"))
    }
    for key in ["Allow-Fetch.txt", "Fetch.txt-Required", "Data-Empty"] {
      if let value = root[key], case .bool = value {
      } else if root[key] != nil {
        problems.append(problem("\(key) must be true or false"))
      }
    }
    if let value = root["Serialization"] {
      guard case .string(let text) = value, ["forbidden", "required", "optional"].contains(text)
      else {
        return problems + [problem("Serialization must be forbidden, required or optional")]
      }
    }
    return problems
  }

  private static func isStringArray(_ value: JSONValue?) -> Bool {
    guard case .array(let items)? = value else { return false }
    return items.allSatisfy { if case .string = $0 { true } else { false } }
  }
}
