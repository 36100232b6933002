import CasePackaging
import CaseXML
import Foundation

/// Validates the XML documents of casefile bundles against their schemas during `verify`.
///
/// A payload `.xml` file whose root element is in one of casefile's namespaces
/// (`urn:casefile:case-document:1`, `urn:casefile:form:NAME:1`) is validated against
/// `case-document-v1.xsd` or `forms/NAME-v1.xsd` from the Schemas directory, on the bytes
/// that were hashed. XML in other namespaces (another bag's content) is not checked. A
/// document that cannot be parsed safely (a DOCTYPE, malformed) is an `xml-unreadable`
/// problem; a schema violation is `xml-invalid`, naming the file and line.
package enum BundleXMLCheck {
  /// Compiled schemas, one per namespace, shared by the checks of one verify.
  private final class Schemas: @unchecked Sendable {
    let directory: URL
    private let lock = NSLock()
    private var compiled: [String: Result<XMLSchemaSet, XMLError>] = [:]

    init(directory: URL) { self.directory = directory }

    func schema(for relative: String) -> Result<XMLSchemaSet, XMLError> {
      lock.lock()
      defer { lock.unlock() }
      if let found = compiled[relative] { return found }
      let path = directory.appendingPathComponent(relative).path
      let result: Result<XMLSchemaSet, XMLError>
      do {
        result = .success(try XMLSchemaSet(contentsOf: path))
      } catch {
        result = .failure(error)
      }
      compiled[relative] = result
      return result
    }
  }

  /// The check for `BagReader.verify`, with schemas from `schemasDirectory`.
  package static func check(schemasDirectory: URL) -> BagReader.PayloadCheck {
    let schemas = Schemas(directory: schemasDirectory)
    return BagReader.PayloadCheck(
      wants: { $0.lowercased().hasSuffix(".xml") },
      check: { path, bytes in
        guard let namespace = rootNamespace(bytes), let relative = schemaFile(for: namespace)
        else { return [] }
        switch schemas.schema(for: relative) {
        case .failure:
          return [
            BagProblem(
              .error, "xml-schema-unusable", file: path,
              "the schema \(relative) for \(namespace) cannot be compiled")
          ]
        case .success(let schema):
          do {
            let issues = try schema.validate(bytes: bytes, name: path)
            return issues.filter { $0.severity != .warning }.map { issue in
              BagProblem(
                .error, "xml-invalid", file: path,
                "line \(issue.line): not valid against \(relative): \(issue.message)")
            }
          } catch {
            return [
              BagProblem(.error, "xml-unreadable", file: path, "the XML cannot be read safely")
            ]
          }
        }
      })
  }

  /// The schema file (relative to the Schemas directory) for a casefile namespace.
  static func schemaFile(for namespace: String) -> String? {
    if namespace == "urn:casefile:case-document:1" { return "case-document-v1.xsd" }
    let prefix = "urn:casefile:form:"
    guard namespace.hasPrefix(prefix), namespace.hasSuffix(":1") else { return nil }
    let name = namespace.dropFirst(prefix.count).dropLast(2)
    guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
      return nil
    }
    return "forms/\(name)-v1.xsd"
  }

  /// The namespace of the root element, read from its start tag (no parsing beyond it).
  static func rootNamespace(_ bytes: [UInt8]) -> String? {
    let head = String(decoding: bytes.prefix(8192), as: UTF8.self)
    var rest = Substring(head)
    // Skip the declaration, comments and processing instructions before the root.
    while let open = rest.firstIndex(of: "<") {
      let after = rest[rest.index(after: open)...]
      if after.hasPrefix("?") || after.hasPrefix("!") {
        guard let close = after.firstIndex(of: ">") else { return nil }
        rest = after[after.index(after: close)...]
        continue
      }
      guard let close = after.firstIndex(of: ">") else { return nil }
      let tag = after[..<close]
      let name = tag.prefix { !$0.isWhitespace && $0 != "/" }
      let prefix = name.contains(":") ? String(name.split(separator: ":")[0]) : nil
      let attribute = prefix.map { "xmlns:\($0)=" } ?? "xmlns="
      guard let range = tag.range(of: attribute) else { return nil }
      let value = tag[range.upperBound...]
      guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
      let body = value.dropFirst()
      guard let end = body.firstIndex(of: quote) else { return nil }
      return String(body[..<end])
    }
    return nil
  }
}
