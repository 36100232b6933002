import CaseJSON
import Foundation

/// Reads records JSON: strict parse, JSON Schema, decode, then the semantic checks.
///
/// Nothing here touches the store: `read` turns bytes into checked `CaseRecord`s or an
/// `InputError` listing every problem with its JSON path.
package struct RecordsFormat: Sendable {
  /// The compiled `records-v1.schema.json`.
  package let schema: JSONSchema

  /// The schema's file name under the schemas directory.
  package static let schemaFileName = "records-v1.schema.json"

  /// Loads and compiles the records schema from a schemas directory.
  package init(schemasDirectory: URL) throws(InputError) {
    let file = schemasDirectory.appendingPathComponent(Self.schemaFileName)
    let root = try InputFile.parse(file, limits: .permissive)
    do {
      schema = try JSONSchema(root, baseDirectory: schemasDirectory)
    } catch {
      throw InputError(
        code: .invalid, file: file.path,
        problems: [
          InputProblem(
            path: "$", rule: "schema", message: "the records schema does not compile: \(error)")
        ])
    }
  }

  /// Validates and decodes an already parsed document.
  package func read(_ value: JSONValue, file: String) throws(InputError) -> RecordsDocument {
    let violations = schema.validate(value)
    if !violations.isEmpty {
      throw InputError(code: .invalid, file: file, problems: violations.map(InputProblem.init))
    }
    let document: RecordsDocument
    do {
      document = try JSONValueDecoder().decode(RecordsDocument.self, from: value)
    } catch let error as DecodingError {
      throw InputError(code: .invalid, file: file, problems: [InputProblem(error)])
    } catch {
      throw InputError(
        code: .invalid, file: file,
        problems: [InputProblem(path: "$", rule: "decode", message: "could not decode the records")]
      )
    }
    let problems = RecordsChecker.check(document)
    if !problems.isEmpty {
      throw InputError(code: .invalid, file: file, problems: problems)
    }
    return document
  }

  /// `true` when a parsed document says it is in the records format.
  package static func recognises(_ value: JSONValue) -> Bool {
    guard case .object(let object) = value, case .string(let format)? = object["format"] else {
      return false
    }
    return format == RecordsDocument.formatName
  }

  /// Encodes a document as records JSON: pretty, keys sorted, UTF-8 without escaping "/".
  package static func encode(_ document: RecordsDocument) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(document)
    data.append(0x0A)
    return data
  }
}

extension InputProblem {
  /// A problem from a JSON Schema violation.
  init(_ violation: SchemaViolation) {
    self.init(
      path: violation.instancePath.description, rule: violation.keyword, message: violation.message)
  }

  /// A problem from a decoding failure, with the JSON path of its coding path.
  init(_ error: DecodingError) {
    let context: DecodingError.Context
    switch error {
    case .typeMismatch(_, let value), .valueNotFound(_, let value), .keyNotFound(_, let value),
      .dataCorrupted(let value):
      context = value
    @unknown default:
      self.init(path: "$", rule: "decode", message: "could not decode the records")
      return
    }
    var path = JSONPath()
    for key in context.codingPath {
      if let index = key.intValue {
        path = path.appending(index: index)
      } else {
        path = path.appending(key: key.stringValue)
      }
    }
    self.init(
      path: path.description, rule: "decode",
      message: "this value has the wrong shape for the records format")
  }

  /// A problem from a JSON syntax error, with its line and column.
  init(_ error: JSONParseError) {
    self.init(
      path: error.path.description, rule: error.kind.rawValue, message: error.message,
      line: error.line,
      column: error.column)
  }
}
