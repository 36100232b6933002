import CaseJSON
import Foundation
import Testing

@testable import CaseStore

@Suite("Personal data is marked the same way in the model and the schema")
struct PersonalDataMarkingTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The schema definition that describes each store table.
  static let tables = [
    "person": "people", "custody": "custody", "witness": "witnesses",
    "unusedItem": "unused_items", "case": "cases",
  ]

  static func snakeCase(_ name: String) -> String {
    name.reduce(into: "") { result, character in
      if character.isUppercase {
        result += "_" + character.lowercased()
      } else {
        result.append(character)
      }
    }
  }

  @Test func schemaMarksExactlyTheModelsPersonalFields() throws {
    let url = Self.packageRoot.appendingPathComponent("Schemas/records-v1.schema.json")
    let schema = try JSONParser.parse(try Data(contentsOf: url))
    guard case .object(let root) = schema, case .object(let definitions)? = root["definitions"]
    else {
      Issue.record("no definitions")
      return
    }
    var marked: Set<String> = []
    for (definition, table) in Self.tables {
      guard case .object(let body)? = definitions[definition],
        case .object(let properties)? = body["properties"]
      else {
        Issue.record("no definition \(definition)")
        continue
      }
      for (name, property) in properties {
        guard case .object(let fields) = property,
          case .string(let treatment)? = fields["x-personal-data"]
        else { continue }
        marked.insert("\(table).\(Self.snakeCase(name)).\(treatment)")
      }
    }
    let model = Set(PersonalData.fields.map { "\($0.record).\($0.field).\($0.treatment.rawValue)" })
    #expect(marked == model)
  }
}
