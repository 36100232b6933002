import CaseXML

extension Schematron {
  /// Checks one document: every active pattern's rules on the nodes they match, in pattern
  /// order and then document order, each node handled by the first rule of the pattern
  /// whose context matches it.
  ///
  /// - Parameters:
  ///   - tree: The parsed document.
  ///   - phase: A phase id, `#ALL`, or nil for the schema's default phase.
  ///   - document: The name findings are reported against (a file name or a URN).
  /// - Returns: The findings, the active patterns and the rules that fired.
  /// - Throws: ``RulesError`` for an unknown phase, or an expression that fails while
  ///   being evaluated (an undefined variable or function), naming the rule's file and line.
  package func run(_ tree: XMLTree, phase: String? = nil, document: String) throws(RulesError)
    -> RuleReport
  {
    let (phaseName, active) = try activePatterns(phase)
    let context: XPathContext
    do {
      context = try XPathContext(tree: tree, namespaces: namespaces)
    } catch {
      throw RulesError(.xpathEvaluation, "\(file): \(error.message)")
    }
    var report = RuleReport(title: title, phase: phaseName, document: document)
    var paths: [XMLTreeNode: String] = [:]
    try bind(lets + phaseLets(phaseName), in: context, at: nil)
    for pattern in active {
      report.activePatterns.append(.init(id: pattern.id, name: pattern.title))
      try bind(pattern.lets, in: context, at: nil)
      try check(pattern, in: context, into: &report, paths: &paths)
      for variable in pattern.lets { context.setVariable(variable.name, to: nil) }
    }
    return report
  }

  private func check(
    _ pattern: CompiledPattern, in context: XPathContext, into report: inout RuleReport,
    paths: inout [XMLTreeNode: String]
  ) throws(RulesError) {
    guard let union = pattern.selection else { return }
    let nodes = try evaluate(union, in: context, at: nil, source: pattern.source).nodeSet
    guard !nodes.isEmpty else { return }
    // Which nodes each rule matches; a node goes to the first rule that matches it.
    var matched: [Set<XMLTreeNode>] = []
    for rule in pattern.rules {
      matched.append(
        Set(try evaluate(rule.selection, in: context, at: nil, source: rule.source).nodeSet))
    }
    for node in nodes {
      guard let index = matched.firstIndex(where: { $0.contains(node) }) else { continue }
      let rule = pattern.rules[index]
      let path = location.path(to: node, memo: &paths)
      report.firedRules.append(
        .init(pattern: pattern.id, rule: rule.id, context: rule.context, location: path))
      try bind(rule.lets, in: context, at: node)
      for check in rule.checks {
        let outcome = try evaluate(check.test, in: context, at: node, source: check.source).boolean
        guard outcome == (check.kind == .successfulReport) else { continue }
        report.findings.append(
          Finding(
            rule: check.id ?? "", severity: check.severity,
            message: try render(check.message, in: context, at: node, source: check.source),
            location: path, see: check.see, kind: check.kind, test: check.test.source,
            pattern: pattern.id, context: rule.context,
            diagnostics: try check.diagnostics.map { id throws(RulesError) in
              Finding.Diagnostic(
                id: id,
                text: try render(diagnostics[id] ?? [], in: context, at: node, source: check.source)
              )
            }))
      }
      for variable in rule.lets { context.setVariable(variable.name, to: nil) }
    }
  }

  private func bind(_ variables: [CompiledLet], in context: XPathContext, at node: XMLTreeNode?)
    throws(RulesError)
  {
    for variable in variables {
      let value = try evaluate(variable.value, in: context, at: node, source: variable.source)
      context.setVariable(variable.name, to: value)
    }
  }

  private func render(
    _ parts: [MessagePart], in context: XPathContext, at node: XMLTreeNode,
    source: SourceLocation
  ) throws(RulesError) -> String {
    var text = ""
    for part in parts {
      switch part {
      case .text(let literal): text += literal
      case .valueOf(let expression):
        text += try evaluate(expression, in: context, at: node, source: source).string
      case .name(let path):
        if let path {
          text += try evaluate(path, in: context, at: node, source: source).string
        } else {
          text += node.qualifiedName
        }
      }
    }
    return normalised(text)
  }

  private func evaluate(
    _ expression: XPathExpression, in context: XPathContext, at node: XMLTreeNode?,
    source: SourceLocation
  ) throws(RulesError) -> XPathValue {
    do {
      return try context.evaluate(expression, at: node)
    } catch {
      throw RulesError(
        .xpathEvaluation, error.message, file: source.file, line: source.line)
    }
  }
}
