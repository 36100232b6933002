import Foundation

/// A compiled JSON Schema (draft-04) that validates any number of instances.
///
/// Compile once with ``init(_:baseDirectory:baseURI:)`` and call ``validate(_:)`` for each
/// instance. The compiled form is immutable and safe to share between tasks.
package final class JSONSchema: Sendable {
  let nodes: [CompiledNode]
  let rootIndex: Int

  /// Compiles a draft-04 schema.
  ///
  /// - Parameters:
  ///   - root: The schema document, already parsed (parse schema files with
  ///     ``JSONLimits/permissive``).
  ///   - baseDirectory: The only place remote `$ref`s are loaded from. A reference to
  ///     `http://host/a/b.json` or to a relative `a/b.json` is read from
  ///     `baseDirectory/a/b.json`; nothing is ever fetched over a network. Without it, any
  ///     reference outside the document is an error.
  ///   - baseURI: The URI the root document is known by (its `id` overrides this).
  /// - Throws: ``JSONSchemaError`` when a keyword has an invalid value, a `pattern` is not
  ///   a valid regular expression, or a `$ref` cannot be resolved.
  package init(_ root: JSONValue, baseDirectory: URL? = nil, baseURI: String? = nil)
    throws(JSONSchemaError)
  {
    let compiler = SchemaCompiler(baseDirectory: baseDirectory)
    rootIndex = try compiler.compileRoot(root, baseURI: baseURI)
    nodes = compiler.finish()
    try Self.checkReferenceCycles(nodes)
  }

  /// Every way `instance` breaks the schema; empty when it is valid.
  ///
  /// `anyOf`/`oneOf` failures are one violation each, with the closest alternative's own
  /// violations in ``SchemaViolation/causes``.
  package func validate(_ instance: JSONValue) -> [SchemaViolation] {
    var run = ValidationRun(nodes: nodes)
    _ = run.check(rootIndex, instance, collect: true)
    return run.violations
  }

  /// Whether `instance` is valid; faster than ``validate(_:)`` because it stops at the
  /// first problem and builds no messages.
  package func isValid(_ instance: JSONValue) -> Bool {
    var run = ValidationRun(nodes: nodes)
    return run.check(rootIndex, instance, collect: false)
  }

  static func checkReferenceCycles(_ nodes: [CompiledNode]) throws(JSONSchemaError) {
    for start in nodes.indices where nodes[start].spec.ref != nil {
      var seen: Set<Int> = [start]
      var current = start
      while let next = nodes[current].spec.ref {
        if seen.contains(next) {
          throw JSONSchemaError(
            schemaPath: nodes[start].spec.pointer + "/$ref",
            message:
              "this $ref leads back to itself through other $refs and never validates anything; point it at a real schema"
          )
        }
        seen.insert(next)
        current = next
      }
    }
  }
}

/// One way an instance breaks a schema.
package struct SchemaViolation: Equatable, Sendable, CustomStringConvertible {
  /// Where in the instance the problem is.
  package var instancePath: JSONPath
  /// The failing keyword's location in the schema, such as `#/definitions/Person/required`
  /// (for a keyword in a remote document, prefixed with that document's URI).
  package var schemaPath: String
  /// The failing keyword, such as `required`.
  package var keyword: String
  /// What is wrong; never contains string values from the instance.
  package var message: String
  /// For `anyOf`/`oneOf`: the violations of the alternative that came closest.
  package var causes: [SchemaViolation]

  /// Creates a violation.
  package init(
    instancePath: JSONPath, schemaPath: String, keyword: String, message: String,
    causes: [SchemaViolation] = []
  ) {
    self.instancePath = instancePath
    self.schemaPath = schemaPath
    self.keyword = keyword
    self.message = message
    self.causes = causes
  }

  /// `PATH: MESSAGE (SCHEMAPATH)`.
  package var description: String {
    "\(instancePath): \(message) (\(schemaPath))"
  }
}

/// Why a schema could not be compiled.
package struct JSONSchemaError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where in the schema the problem is, such as `#/definitions/Person/pattern`.
  package var schemaPath: String
  /// What is wrong and what to do about it.
  package var message: String

  /// Creates an error.
  package init(schemaPath: String, message: String) {
    self.schemaPath = schemaPath
    self.message = message
  }

  /// `SCHEMAPATH: MESSAGE`.
  package var description: String { "\(schemaPath): \(message)" }
}
