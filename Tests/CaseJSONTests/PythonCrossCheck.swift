import CaseJSON
import Foundation

/// Runs Python's `jsonschema` Draft4Validator to get a second opinion on validity.
enum PythonJSONSchema {
  /// Whether `python3` with the `jsonschema` package can be run here.
  static let isAvailable: Bool = (try? run(script: "import jsonschema", arguments: [])) != nil

  /// Python's verdicts for each (schema, instance) pair, in order.
  static func verdicts(_ pairs: [(schema: String, instance: String)]) throws -> [Bool] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "casejson-py-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var files: [String] = []
    for (offset, pair) in pairs.enumerated() {
      let schemaFile = directory.appendingPathComponent("\(offset)-schema.json")
      let instanceFile = directory.appendingPathComponent("\(offset)-instance.json")
      try Data(pair.schema.utf8).write(to: schemaFile)
      try Data(pair.instance.utf8).write(to: instanceFile)
      files += [schemaFile.path, instanceFile.path]
    }
    let script = """
      import json, sys, jsonschema
      def load(path):
          with open(path, encoding="utf-8-sig") as handle:
              return json.load(handle)
      args = sys.argv[1:]
      out = []
      for i in range(0, len(args), 2):
          out.append(jsonschema.Draft4Validator(load(args[i])).is_valid(load(args[i + 1])))
      print(json.dumps(out))
      """
    let output = try run(script: script, arguments: files)
    guard case .array(let list) = try JSONParser.parse(output, limits: .permissive) else {
      return []
    }
    return list.map { $0 == .bool(true) }
  }

  struct Failure: Error {}

  static func run(script: String, arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw Failure() }
    return String(decoding: data, as: UTF8.self)
  }
}
