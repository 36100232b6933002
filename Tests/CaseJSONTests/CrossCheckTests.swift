import CaseJSON
import Foundation
import Testing

@Suite("Cross-check with Python jsonschema")
struct CrossCheckTests {
  @Test(
    "Our verdicts agree with Python's Draft4Validator",
    .enabled(
      if: PythonJSONSchema.isAvailable, "python3 with the jsonschema package is not installed"))
  func verdictsAgreeWithPython() throws {
    var pairs: [(schema: String, instance: String)] = []
    var ours: [Bool] = []
    var names: [String] = []
    for testCase in schemaCases where !testCase.pythonDiffers {
      let schema = try JSONSchema(parseJSON(testCase.schema))
      for instance in testCase.valid + testCase.invalid {
        pairs.append((testCase.schema, instance))
        ours.append(schema.isValid(try parseJSON(instance)))
        names.append("\(testCase.name): \(instance)")
      }
    }
    let theirs = try PythonJSONSchema.verdicts(pairs)
    try #require(theirs.count == ours.count)
    for index in ours.indices {
      #expect(
        ours[index] == theirs[index],
        "\(names[index]): ours \(ours[index]), Python \(theirs[index])")
    }
  }
}
