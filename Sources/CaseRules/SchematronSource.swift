import CaseXML
import Foundation

/// Reads Schematron files and expands `sch:include` in place, from local files only.
///
/// Per ISO/IEC 19757-3, an `include` element is replaced by the root element of the file
/// its `href` names (relative to the including file). Includes of includes are followed;
/// a file that includes itself, directly or not, is an ``RulesError/Code/includeLoop``.
struct SchematronSource {
  static let namespace = "http://purl.oclc.org/dsdl/schematron"

  private var trees: [String: XMLTree] = [:]
  /// Every file read, the main one first.
  private(set) var files: [String] = []

  /// Parses the file at `path` (a DOCTYPE is refused, as in any XML casefile reads).
  mutating func load(_ path: String) throws(RulesError) -> XMLTreeNode {
    if let tree = trees[path], let root = tree.root { return root }
    let tree: XMLTree
    do {
      tree = try XMLTree.parse(file: path)
    } catch {
      let first = error.issues.first
      switch error.code {
      case .unreadable, .tooLarge:
        throw RulesError(.unreadable, error.message)
      default:
        throw RulesError(
          .malformed,
          "not well-formed XML: \(first?.message ?? error.message)", file: path,
          line: first?.line ?? 0)
      }
    }
    guard let root = tree.root else {
      throw RulesError(.malformed, "the file has no root element", file: path, line: 1)
    }
    trees[path] = tree
    files.append(path)
    return root
  }

  /// The Schematron element children of `element`, each `sch:include` replaced by the root
  /// element of the file it names.
  mutating func children(of element: XMLTreeNode) throws(RulesError) -> [XMLTreeNode] {
    let chain = chain(for: element)
    var result: [XMLTreeNode] = []
    for child in element.elements where child.namespaceURI == Self.namespace {
      guard child.localName == "include" else {
        result.append(child)
        continue
      }
      let including = child.tree.name
      guard let href = child.attribute("href"), !href.isEmpty else {
        throw RulesError(
          .invalidSchema, "sch:include needs an href", file: including, line: child.line)
      }
      guard !href.contains("#"), !Self.hasScheme(href) || href.hasPrefix("file:") else {
        throw RulesError(
          .invalidSchema,
          "sch:include href=\"\(href)\": only local files are included (no URLs, no fragments)",
          file: including, line: child.line)
      }
      let target = Self.resolve(href, against: including)
      let loop = chain + [including]
      guard !loop.contains(target) else {
        throw RulesError(
          .includeLoop,
          "sch:include of \(target) makes a loop: "
            + (loop + [target]).map { URL(fileURLWithPath: $0).lastPathComponent }
            .joined(separator: " → "),
          file: including, line: child.line)
      }
      let root = try load(target)
      guard root.namespaceURI == Self.namespace, root.localName != "include" else {
        throw RulesError(
          .invalidSchema,
          "an included file's root element must be a Schematron element other than include",
          file: target, line: root.line)
      }
      includeChains[root] = loop
      result.append(root)
    }
    return result
  }

  /// For each included element, the chain of files that led to it (loop detection for the
  /// includes inside it).
  private(set) var includeChains: [XMLTreeNode: [String]] = [:]

  /// The include chain to use for the children of `element`.
  func chain(for element: XMLTreeNode) -> [String] {
    var node: XMLTreeNode? = element
    while let current = node {
      if let chain = includeChains[current] { return chain }
      node = current.parent
    }
    return []
  }

  static func hasScheme(_ text: String) -> Bool {
    guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
    return text[..<colon].allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0))
    }
  }

  static func resolve(_ href: String, against file: String) -> String {
    var reference = href
    if reference.hasPrefix("file://") { reference = String(reference.dropFirst(7)) }
    if reference.hasPrefix("file:") { reference = String(reference.dropFirst(5)) }
    reference = reference.removingPercentEncoding ?? reference
    if reference.hasPrefix("/") { return URL(fileURLWithPath: reference).standardizedFileURL.path }
    return URL(fileURLWithPath: file).deletingLastPathComponent()
      .appendingPathComponent(reference).standardizedFileURL.path
  }
}
