import CaseJSON
import Foundation
import Testing

func parseJSON(_ text: String) throws -> JSONValue {
  try JSONParser.parse(text, limits: .permissive)
}

@Suite("JSON Schema draft-04")
struct JSONSchemaTests {
  @Test(arguments: schemaCases)
  func keywordCase(_ testCase: SchemaCase) throws {
    let schema = try JSONSchema(parseJSON(testCase.schema))
    for text in testCase.valid {
      let violations = schema.validate(try parseJSON(text))
      #expect(violations.isEmpty, "\(text) should be valid: \(violations)")
      #expect(schema.isValid(try parseJSON(text)))
    }
    for text in testCase.invalid {
      let violations = schema.validate(try parseJSON(text))
      #expect(!violations.isEmpty, "\(text) should be invalid")
      #expect(violations.contains { $0.keyword == testCase.keyword }, "\(text): \(violations)")
      #expect(!schema.isValid(try parseJSON(text)))
    }
  }

  @Test func reportsAllViolationsWithPaths() throws {
    let schema = try JSONSchema(
      parseJSON(
        #"""
        {"definitions": {"Person": {"type": "object", "required": ["name"],
          "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}}}},
         "properties": {"cases": {"type": "array", "items": {"properties": {
           "people": {"type": "array", "items": {"$ref": "#/definitions/Person"}}}}}}}
        """#))
    let instance = try parseJSON(
      #"{"cases": [{"people": [{"name": "SECRET"}, {"age": -1}, {"name": 5, "age": 1.5}]}]}"#)
    let violations = schema.validate(instance)
    let summary = violations.map { "\($0.instancePath) \($0.schemaPath)" }.sorted()
    #expect(
      summary == [
        "$.cases[0].people[1] #/definitions/Person/required",
        "$.cases[0].people[1].age #/definitions/Person/properties/age/minimum",
        "$.cases[0].people[2].age #/definitions/Person/properties/age/type",
        "$.cases[0].people[2].name #/definitions/Person/properties/name/type",
      ])
    #expect(!violations.contains { $0.message.contains("SECRET") })
  }

  @Test func oneOfNamesTheBranchesTried() throws {
    let schema = try JSONSchema(
      parseJSON(
        #"""
        {"definitions": {
           "Cat": {"properties": {"type": {"enum": ["Cat"]}, "lives": {"type": "integer"}}, "required": ["type", "lives"]},
           "Dog": {"properties": {"type": {"enum": ["Dog"]}, "bark": {"type": "string"}}, "required": ["type", "bark"]}},
         "oneOf": [{"$ref": "#/definitions/Cat"}, {"$ref": "#/definitions/Dog"}]}
        """#))
    let violations = schema.validate(try parseJSON(#"{"type": "Dog", "bark": 3}"#))
    #expect(violations.count == 1)
    let violation = try #require(violations.first)
    #expect(violation.keyword == "oneOf")
    #expect(violation.message.contains("Cat") && violation.message.contains("Dog"))
    #expect(violation.message.contains("closest is Dog"))
    #expect(violation.causes.map(\.instancePath.description) == ["$.bark"])
  }

  @Test func refusesSelfReferenceWithoutLooping() throws {
    #expect(throws: JSONSchemaError.self) {
      try JSONSchema(
        parseJSON(
          ##"{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}"##
        ))
    }
    let loop = try JSONSchema(
      parseJSON(
        ##"{"definitions": {"a": {"allOf": [{"$ref": "#/definitions/a"}]}}, "$ref": "#/definitions/a"}"##
      ))
    #expect(!loop.validate(.null).isEmpty)
  }

  @Test(arguments: [
    ##"{"$ref": "#/definitions/missing"}"##, ##"{"$ref": "other.json"}"##, ##"{"pattern": "("}"##,
    #"{"type": "text"}"#, #"{"minLength": -1}"#, #"{"required": "a"}"#, #"{"items": 3}"#,
    #"{"$ref": "http://example.com/x.json"}"#,
  ])
  func refusesBrokenSchemas(_ text: String) throws {
    #expect(throws: JSONSchemaError.self) { try JSONSchema(parseJSON(text)) }
  }

  @Test func loadsRemoteReferencesOnlyFromTheDirectory() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "casejson-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("folder"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data(#"{"definitions": {"i": {"type": "integer"}}}"#.utf8)
      .write(to: directory.appendingPathComponent("folder/types.json"))
    let schema = try JSONSchema(
      parseJSON(#"{"properties": {"a": {"$ref": "folder/types.json#/definitions/i"}}}"#),
      baseDirectory: directory)
    #expect(schema.isValid(try parseJSON(#"{"a": 1}"#)))
    #expect(!schema.isValid(try parseJSON(#"{"a": "x"}"#)))
    let byURL = try JSONSchema(
      parseJSON(
        #"{"id": "http://localhost:1234/root.json", "items": {"$ref": "folder/types.json#/definitions/i"}}"#
      ),
      baseDirectory: directory)
    #expect(!byURL.isValid(try parseJSON(#"["x"]"#)))
    #expect(throws: JSONSchemaError.self) {
      try JSONSchema(parseJSON(#"{"$ref": "../escape.json"}"#), baseDirectory: directory)
    }
  }
}
