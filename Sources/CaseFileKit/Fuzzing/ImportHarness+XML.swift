import CaseXML
import Foundation

extension ImportHarness {
  static func caseSchema(for target: FuzzTarget, in directory: URL) throws(SetupError)
    -> XMLSchemaSet?
  {
    guard target == .xml else { return nil }
    let path = directory.appendingPathComponent("case-document-v1.xsd").path
    do {
      return try XMLSchemaSet(contentsOf: path)
    } catch {
      throw SetupError(message: "cannot compile the case document schema: \(error)")
    }
  }

  /// The XML invariants: a DOCTYPE is never accepted; the tree parser and the streamed
  /// validator agree on what is well-formed; an accepted tree's canonical form parses back
  /// to the same canonical form.
  func checkXML(_ data: Data, schema: XMLSchemaSet) throws(Violation) -> FuzzOutcome {
    let bytes = [UInt8](data)
    let hasDoctype = data.range(of: Data("<!DOCTYPE".utf8)) != nil
    let tree = try? XMLTree.parse(bytes: bytes, name: "fuzz.xml")
    let streamed: [XMLIssue]?
    do {
      streamed = try schema.validate(bytes: bytes, name: "fuzz.xml")
    } catch {
      streamed = nil
    }
    if hasDoctype && (tree != nil || streamed != nil) {
      throw Violation(invariant: "doctype-accepted", detail: "a document with a DOCTYPE parsed")
    }
    guard (tree != nil) == (streamed != nil) else {
      throw Violation(
        invariant: "parsers-agree",
        detail: tree == nil ? "only the streamed validator accepted" : "only the tree accepted")
    }
    guard let tree else { return .malformed }
    // Canonical XML may refuse a well-formed document (a relative namespace URI): a clean
    // error is fine; canonical bytes that do not parse back to themselves are not.
    guard let canonical = try? tree.canonicalBytes() else { return .rejected }
    do {
      let again = try XMLTree.parse(bytes: canonical, name: "canonical.xml").canonicalBytes()
      guard again == canonical else {
        throw Violation(invariant: "c14n-round-trip", detail: "canonical form is not stable")
      }
    } catch let violation as Violation {
      throw violation
    } catch {
      throw Violation(invariant: "c14n-round-trip", detail: "canonical form does not parse")
    }
    return streamed?.isEmpty == true ? .accepted : .rejected
  }
}
