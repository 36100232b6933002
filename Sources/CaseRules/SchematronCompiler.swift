import CaseXML

/// Turns Schematron files into the compiled model ``Schematron`` runs: includes expanded,
/// abstract rules and abstract patterns instantiated, every XPath compiled once, every
/// reference (`extends`, `active`, `diagnostics`, `defaultPhase`, `is-a`) checked.
struct SchematronCompiler {
  private var source = SchematronSource()
  private(set) var namespaces: [String: String] = [:]
  private var abstractRules: [String: XMLTreeNode] = [:]
  private var abstractPatterns: [String: XMLTreeNode] = [:]
  private(set) var diagnostics: [String: [MessagePart]] = [:]
  private(set) var title: String?
  private(set) var defaultPhase: String?
  private(set) var lets: [CompiledLet] = []
  private(set) var patterns: [CompiledPattern] = []
  private(set) var phases: [CompiledPhase] = []
  private(set) var checkInfos: [(pattern: Int, rule: Int, check: Int)] = []

  var files: [String] { source.files }

  static let queryBindings: Set<String> = ["", "xslt", "xslt1", "xpath", "xpath1", "xslt1.0"]

  mutating func compile(_ path: String) throws(RulesError) {
    let root = try source.load(path)
    guard root.namespaceURI == SchematronSource.namespace, root.localName == "schema" else {
      throw RulesError(
        .invalidSchema,
        "the root element is not sch:schema (namespace \(SchematronSource.namespace))",
        file: path, line: root.line)
    }
    let binding = (root.attribute("queryBinding") ?? "").lowercased()
    guard Self.queryBindings.contains(binding) else {
      throw RulesError(
        .invalidSchema,
        "queryBinding \"\(binding)\" is not supported; casefile runs XPath 1.0 (xslt or xpath)",
        file: path, line: root.line)
    }
    defaultPhase = root.attribute("defaultPhase")
    let top = try source.children(of: root)
    try collectDeclarations(top)
    for element in top {
      switch element.localName {
      case "title": title = normalised(element.stringValue)
      case "let": lets.append(try compileLet(element, substitutions: [:]))
      default: continue
      }
    }
    for element in top where element.localName == "pattern" {
      guard element.attribute("abstract") != "true" else { continue }
      patterns.append(try compilePattern(element))
    }
    for element in top where element.localName == "phase" {
      phases.append(try compilePhase(element))
    }
    try checkReferences(root: root)
    try checkShadowing()
  }

  // MARK: Declarations

  private mutating func collectDeclarations(_ top: [XMLTreeNode]) throws(RulesError) {
    for element in top {
      switch element.localName {
      case "ns":
        guard let prefix = element.attribute("prefix"), let uri = element.attribute("uri") else {
          throw invalid("sch:ns needs prefix and uri", at: element)
        }
        namespaces[prefix] = uri
      case "pattern":
        if element.attribute("abstract") == "true" {
          guard let id = element.attribute("id") else {
            throw invalid("an abstract pattern needs an id", at: element)
          }
          abstractPatterns[id] = element
        }
        for rule in try source.children(of: element)
        where rule.localName == "rule" && rule.attribute("abstract") == "true" {
          guard let id = rule.attribute("id") else {
            throw invalid("an abstract rule needs an id", at: rule)
          }
          guard abstractRules[id] == nil else {
            throw invalid("a second abstract rule with id \"\(id)\"", at: rule)
          }
          abstractRules[id] = rule
        }
      case "rules":
        // ISO 2016: a top-level <rules> holds abstract rules.
        for rule in try source.children(of: element) where rule.localName == "rule" {
          if let id = rule.attribute("id") { abstractRules[id] = rule }
        }
      default: continue
      }
    }
    for element in top where element.localName == "diagnostics" {
      for diagnostic in try source.children(of: element) where diagnostic.localName == "diagnostic"
      {
        guard let id = diagnostic.attribute("id") else {
          throw invalid("sch:diagnostic needs an id", at: diagnostic)
        }
        diagnostics[id] = try message(of: diagnostic, substitutions: [:])
      }
    }
  }

  // MARK: Patterns and rules

  private mutating func compilePattern(_ element: XMLTreeNode) throws(RulesError)
    -> CompiledPattern
  {
    var body = element
    var substitutions: [String: String] = [:]
    if let base = element.attribute("is-a") {
      guard let abstract = abstractPatterns[base] else {
        throw invalid("is-a=\"\(base)\" names no abstract pattern", at: element)
      }
      for param in try source.children(of: element) where param.localName == "param" {
        guard let name = param.attribute("name"), let value = param.attribute("value") else {
          throw invalid("sch:param needs name and value", at: param)
        }
        substitutions[name] = value
      }
      body = abstract
    }
    var lets: [CompiledLet] = []
    var rules: [CompiledRule] = []
    var rationale: [String] = []
    var title: String?
    for child in try source.children(of: body) {
      switch child.localName {
      case "let": lets.append(try compileLet(child, substitutions: substitutions))
      case "p": rationale.append(normalised(child.stringValue))
      case "title": title = normalised(child.stringValue)
      case "rule":
        guard child.attribute("abstract") != "true" else { continue }
        rules.append(try compileRule(child, substitutions: substitutions))
      default: continue
      }
    }
    for child in try source.children(of: element) where body != element {
      if child.localName == "p" { rationale.append(normalised(child.stringValue)) }
      if child.localName == "title" { title = normalised(child.stringValue) }
    }
    let union =
      rules.isEmpty ? nil : rules.map { "(\($0.selection.source))" }.joined(separator: " | ")
    return CompiledPattern(
      id: element.attribute("id"), title: title, rationale: rationale, lets: lets, rules: rules,
      selection: try union.map { text throws(RulesError) in
        try xpath(text, "the rule contexts", at: element)
      },
      source: location(element))
  }

  private mutating func compileRule(_ element: XMLTreeNode, substitutions: [String: String])
    throws(RulesError) -> CompiledRule
  {
    guard let context = element.attribute("context").map({ substitute($0, substitutions) }) else {
      throw invalid("a rule that is not abstract needs a context", at: element)
    }
    var lets: [CompiledLet] = []
    var checks: [CompiledCheck] = []
    let ruleRole = element.attribute("role")
    let ruleSee = element.attribute("see")
    try collect(
      element, into: &lets, &checks, substitutions: substitutions, role: ruleRole, see: ruleSee,
      extending: [])
    return CompiledRule(
      id: element.attribute("id"), context: context,
      selection: try xpath(
        ContextPattern.selection(for: context), "context \"\(context)\"", at: element),
      lets: lets, checks: checks, source: location(element))
  }

  /// Gathers a rule's lets and checks, copying in those of the abstract rules it extends.
  private mutating func collect(
    _ element: XMLTreeNode, into lets: inout [CompiledLet], _ checks: inout [CompiledCheck],
    substitutions: [String: String], role: String?, see: String?, extending: [String]
  ) throws(RulesError) {
    for child in try source.children(of: element) {
      switch child.localName {
      case "let": lets.append(try compileLet(child, substitutions: substitutions))
      case "assert", "report":
        checks.append(try compileCheck(child, substitutions: substitutions, role: role, see: see))
      case "extends":
        guard let target = child.attribute("rule") else {
          throw invalid("sch:extends needs a rule attribute", at: child)
        }
        guard let abstract = abstractRules[target] else {
          throw invalid("extends rule=\"\(target)\" names no abstract rule", at: child)
        }
        guard !extending.contains(target) else {
          throw invalid("abstract rule \"\(target)\" extends itself", at: child)
        }
        try collect(
          abstract, into: &lets, &checks, substitutions: substitutions, role: role, see: see,
          extending: extending + [target])
      default: continue
      }
    }
  }

  private mutating func compileCheck(
    _ element: XMLTreeNode, substitutions: [String: String], role: String?, see: String?
  ) throws(RulesError) -> CompiledCheck {
    guard let test = element.attribute("test").map({ substitute($0, substitutions) }) else {
      throw invalid("sch:\(element.localName) needs a test", at: element)
    }
    let parts = try message(of: element, substitutions: substitutions)
    let names = (element.attribute("diagnostics") ?? "").split(whereSeparator: \.isWhitespace)
      .map(String.init)
    return CompiledCheck(
      kind: element.localName == "assert" ? .failedAssert : .successfulReport,
      id: element.attribute("id"), severity: Severity(role: element.attribute("role") ?? role),
      see: element.attribute("see") ?? see,
      test: try xpath(test, "test \"\(test)\"", at: element), message: parts,
      template: template(of: element), diagnostics: names, source: location(element))
  }

  private func compileLet(_ element: XMLTreeNode, substitutions: [String: String])
    throws(RulesError) -> CompiledLet
  {
    guard let name = element.attribute("name") else {
      throw invalid("sch:let needs a name", at: element)
    }
    guard let value = element.attribute("value").map({ substitute($0, substitutions) }) else {
      throw invalid("sch:let \(name) needs a value attribute", at: element)
    }
    return CompiledLet(
      name: name, value: try xpath(value, "let \(name)", at: element), source: location(element))
  }

  private mutating func compilePhase(_ element: XMLTreeNode) throws(RulesError) -> CompiledPhase {
    guard let id = element.attribute("id") else {
      throw invalid("sch:phase needs an id", at: element)
    }
    var active: [String] = []
    var lets: [CompiledLet] = []
    for child in try source.children(of: element) {
      if child.localName == "active" {
        guard let pattern = child.attribute("pattern") else {
          throw invalid("sch:active needs a pattern", at: child)
        }
        guard patterns.contains(where: { $0.id == pattern }) else {
          throw invalid(
            "phase \(id) activates pattern \"\(pattern)\", which does not exist", at: child)
        }
        active.append(pattern)
      } else if child.localName == "let" {
        lets.append(try compileLet(child, substitutions: [:]))
      }
    }
    return CompiledPhase(id: id, active: active, lets: lets)
  }

  // MARK: Messages

  /// The parts of a message: text, `value-of`, `name`; `emph`, `dir`, `span` and foreign
  /// elements contribute their content.
  private func message(of element: XMLTreeNode, substitutions: [String: String])
    throws(RulesError) -> [MessagePart]
  {
    var parts: [MessagePart] = []
    for child in element.children {
      switch child.kind {
      case .text: parts.append(.text(child.stringValue))
      case .element where child.namespaceURI == SchematronSource.namespace:
        switch child.localName {
        case "value-of":
          guard let select = child.attribute("select").map({ substitute($0, substitutions) })
          else { throw invalid("sch:value-of needs a select", at: child) }
          parts.append(.valueOf(try xpath(select, "value-of \"\(select)\"", at: child)))
        case "name":
          let path = child.attribute("path").map { substitute($0, substitutions) }
          parts.append(
            .name(
              try path.map { text throws(RulesError) in
                try xpath("name(\(text))", "name path \"\(text)\"", at: child)
              }))
        default:
          parts.append(contentsOf: try message(of: child, substitutions: substitutions))
        }
      case .element:
        parts.append(contentsOf: try message(of: child, substitutions: substitutions))
      default: continue
      }
    }
    return parts
  }

  /// The message as written, `value-of` shown as `{select}` and `name` as `{name}`.
  private func template(of element: XMLTreeNode) -> String {
    var text = ""
    for child in element.children {
      switch child.kind {
      case .text: text += child.stringValue
      case .element where child.localName == "value-of":
        text += "{\(child.attribute("select") ?? "")}"
      case .element where child.localName == "name":
        text += "{name\(child.attribute("path").map { "(\($0))" } ?? "")}"
      case .element: text += template(of: child)
      default: continue
      }
    }
    return normalised(text)
  }

  // MARK: Checks across the schema

  private func checkReferences(root: XMLTreeNode) throws(RulesError) {
    if let defaultPhase, defaultPhase != "#ALL", defaultPhase != "#DEFAULT",
      !phases.contains(where: { $0.id == defaultPhase })
    {
      throw invalid("defaultPhase \"\(defaultPhase)\" names no phase", at: root)
    }
    for pattern in patterns {
      for rule in pattern.rules {
        for check in rule.checks {
          for name in check.diagnostics where diagnostics[name] == nil {
            throw RulesError(
              .invalidSchema, "diagnostics=\"\(name)\" names no sch:diagnostic",
              file: check.source.file, line: check.source.line)
          }
        }
      }
    }
  }

  /// ISO Schematron forbids a `let` that redefines a variable already in scope.
  private func checkShadowing() throws(RulesError) {
    func check(_ inner: [CompiledLet], against outer: [CompiledLet]) throws(RulesError) {
      var seen = Set(outer.map(\.name))
      for variable in inner {
        guard seen.insert(variable.name).inserted else {
          throw RulesError(
            .invalidSchema,
            "let \(variable.name) is already defined in an enclosing scope (a let may not "
              + "shadow another)", file: variable.source.file, line: variable.source.line)
        }
      }
    }
    try check(lets, against: [])
    for phase in phases { try check(phase.lets, against: lets) }
    for pattern in patterns {
      let enclosing =
        lets + phases.filter { $0.active.contains(pattern.id ?? "\u{0}") }.flatMap(\.lets)
      try check(pattern.lets, against: enclosing)
      for rule in pattern.rules { try check(rule.lets, against: enclosing + pattern.lets) }
    }
  }

  // MARK: Helpers

  private func xpath(_ text: String, _ what: String, at element: XMLTreeNode) throws(RulesError)
    -> XPathExpression
  {
    do {
      return try XPathExpression(text)
    } catch {
      let reason = error.issues.first?.message ?? "invalid expression"
      throw RulesError(
        .xpathSyntax, "the XPath of \(what) does not compile: \(reason)",
        file: element.tree.name, line: element.line)
    }
  }

  private func invalid(_ message: String, at element: XMLTreeNode) -> RulesError {
    RulesError(.invalidSchema, message, file: element.tree.name, line: element.line)
  }

  private func location(_ element: XMLTreeNode) -> SourceLocation {
    SourceLocation(file: element.tree.name, line: element.line)
  }

  /// Replaces each `$name` that names an abstract pattern's parameter with its value.
  private func substitute(_ text: String, _ substitutions: [String: String]) -> String {
    guard !substitutions.isEmpty else { return text }
    var result = ""
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      guard character == "$" else {
        result.append(character)
        index = text.index(after: index)
        continue
      }
      var end = text.index(after: index)
      while end < text.endIndex,
        text[end].isLetter || text[end].isNumber || "_-.".contains(text[end])
      {
        end = text.index(after: end)
      }
      let name = String(text[text.index(after: index)..<end])
      result += substitutions[name] ?? "$" + name
      index = end
    }
    return result
  }
}

/// Collapses runs of whitespace (space, tab, CR, LF) to one space and trims the ends.
func normalised(_ text: String) -> String {
  var bytes: [UInt8] = []
  bytes.reserveCapacity(text.utf8.count)
  var pendingSpace = false
  for byte in text.utf8 {
    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
      pendingSpace = !bytes.isEmpty
      continue
    }
    if pendingSpace {
      bytes.append(0x20)
      pendingSpace = false
    }
    bytes.append(byte)
  }
  return String(decoding: bytes, as: UTF8.self)
}
