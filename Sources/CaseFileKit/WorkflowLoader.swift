import CaseStore
import CaseWorkflow
import Foundation

/// Where the workflow, the rule pack and the as-of date of workflow commands come from.
package struct WorkflowOptions: Sendable {
  /// A force's own workflow file (`--workflow FILE`); else `workflow/workflow.json` in the
  /// Templates directory.
  package var workflowFile: String?
  /// A force's own rule pack directory (`--rules DIR`).
  package var rulesDirectory: String?
  /// casefile's Templates directory (`--templates DIR`).
  package var templatesDirectory: String?
  /// The date the rule phases are checked for (default: today, UTC).
  package var asOf: ISODate?

  package init(
    workflowFile: String? = nil, rulesDirectory: String? = nil,
    templatesDirectory: String? = nil, asOf: ISODate? = nil
  ) {
    self.workflowFile = workflowFile
    self.rulesDirectory = rulesDirectory
    self.templatesDirectory = templatesDirectory
    self.asOf = asOf
  }
}

/// Reads and checks workflow definitions (`Templates/workflow/workflow.json`).
package enum WorkflowLoader {
  /// The default workflow's path inside the Templates directory.
  package static let defaultFile = "workflow/workflow.json"

  /// The workflow file to use: `--workflow FILE`, else the Templates directory's.
  package static func file(_ options: WorkflowOptions) throws -> String {
    if let file = options.workflowFile { return file }
    return try ResourceLocator.templatesDirectory(explicit: options.templatesDirectory)
      .appendingPathComponent(defaultFile).path
  }

  /// Loads and validates the workflow; phases are checked against the rule pack's stages.
  ///
  /// - Throws: ``InputError`` (exit 65) naming the file and the JSON path of every problem:
  ///   unreadable, malformed, a missing or mistyped field, an unknown or unreachable stage,
  ///   a dead end, an unknown role or phase.
  package static func load(_ options: WorkflowOptions) throws -> WorkflowDefinition {
    let path = try file(options)
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw InputError(
        code: .unreadable, file: path,
        problems: [
          InputProblem(path: "$", rule: "read", message: "the workflow file cannot be read")
        ])
    }
    return try parse(data, file: path, phases: RulesCommands.stages)
  }

  /// Checks the workflow file for `casefile workflow validate`: its path and every problem
  /// (empty when the file may be used).
  ///
  /// - Throws: ``InputError`` when the file cannot be read, ``KitError`` when it cannot be
  ///   found.
  package static func validate(_ options: WorkflowOptions) throws -> (
    file: String, problems: [String]
  ) {
    let path = try file(options)
    do {
      _ = try load(options)
      return (path, [])
    } catch let error as InputError where error.code != .unreadable {
      return (path, error.lines)
    }
  }

  /// Decodes and validates a workflow definition held in memory.
  package static func parse(_ data: Data, file: String, phases: [String]) throws
    -> WorkflowDefinition
  {
    let definition: WorkflowDefinition
    do {
      definition = try JSONDecoder().decode(WorkflowDefinition.self, from: data)
    } catch let error as DecodingError {
      throw InputError(code: .invalid, file: file, problems: [problem(error)])
    } catch {
      throw InputError(
        code: .malformed, file: file,
        problems: [InputProblem(path: "$", rule: "json", message: "the file is not JSON")])
    }
    let problems = definition.validate(file: file, phases: phases)
    guard problems.isEmpty else {
      throw InputError(
        code: .invalid, file: file,
        problems: problems.map {
          InputProblem(path: $0.path, rule: $0.kind.rawValue, message: $0.message)
        })
    }
    return definition
  }

  private static func problem(_ error: DecodingError) -> InputProblem {
    func path(_ keys: [any CodingKey]) -> String {
      keys.reduce("$") { path, key in
        if let index = key.intValue { return path + "[\(index)]" }
        return path + "." + key.stringValue
      }
    }
    switch error {
    case .keyNotFound(let key, let context):
      return InputProblem(
        path: path(context.codingPath + [key]), rule: "required",
        message: "the field \"\(key.stringValue)\" is required")
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return InputProblem(
        path: path(context.codingPath), rule: "type", message: "the value has the wrong type")
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        return InputProblem(path: "$", rule: "json", message: "the file is not well-formed JSON")
      }
      return InputProblem(
        path: path(context.codingPath), rule: "type", message: "the value cannot be read")
    @unknown default:
      return InputProblem(path: "$", rule: "decode", message: "the workflow cannot be read")
    }
  }
}
