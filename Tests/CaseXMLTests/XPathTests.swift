import Testing

@testable import CaseXML

@Suite struct XPathTests {
  static let namespaces = ["c": "urn:case", "fn": "urn:functions"]

  private func tree(_ text: String) throws -> XMLTree {
    try XMLTree.parse(bytes: Array(text.utf8), name: "doc.xml")
  }

  private let sample = """
    <case xmlns="urn:case" urn="01AB1234526">
      <offence id="O1" days="3"/>
      <offence id="O2" days="-2"/>
      <witness id="W1" key="true">Ann</witness>
    </case>
    """

  @Test func evaluatesWithNamespacesToEachXPathType() throws {
    let context = try XPathContext(tree: try tree(sample), namespaces: Self.namespaces)
    let offences = try context.evaluate(XPathExpression("/c:case/c:offence"))
    #expect(offences.nodeSet.map { $0.attribute("id") } == ["O1", "O2"])
    #expect(try context.evaluate(XPathExpression("count(//c:offence)")).number == 2)
    #expect(try context.string(XPathExpression("/c:case/@urn")) == "01AB1234526")
    #expect(try context.boolean(XPathExpression("//c:witness[@key = 'true']")))
    #expect(try !context.boolean(XPathExpression("//c:offence[@days < -5]")))
    #expect(try context.string(XPathExpression("sum(//c:offence/@days) div 2")) == "0.5")
  }

  @Test func unprefixedNamesMeanNoNamespace() throws {
    let context = try XPathContext(tree: try tree(sample))
    #expect(try context.evaluate(XPathExpression("/case")).nodeSet.isEmpty)
  }

  @Test func evaluatesRelativeToAContextNode() throws {
    let context = try XPathContext(tree: try tree(sample), namespaces: Self.namespaces)
    let second = try #require(
      context.evaluate(XPathExpression("//c:offence[2]")).nodeSet.first)
    #expect(try context.string(XPathExpression("@id"), at: second) == "O2")
    #expect(try context.string(XPathExpression("name(..)"), at: second) == "case")
  }

  @Test func compiledOnceEvaluatesOnManyDocuments() throws {
    let expression = try XPathExpression("count(//c:offence)")
    for count in [0, 1, 5] {
      let offences = String(repeating: "<offence/>", count: count)
      let context = try XPathContext(
        tree: try tree("<case xmlns='urn:case'>\(offences)</case>"), namespaces: Self.namespaces)
      #expect(try context.evaluate(expression).number == Double(count))
    }
  }

  @Test func bindsVariablesOfEveryType() throws {
    let context = try XPathContext(tree: try tree(sample), namespaces: Self.namespaces)
    let witnesses = try context.evaluate(XPathExpression("//c:witness"))
    context.setVariable("limit", to: .number(0))
    context.setVariable("name", to: .string("Ann"))
    context.setVariable("flag", to: .boolean(true))
    context.setVariable("people", to: witnesses)
    let expression = try XPathExpression(
      "count(//c:offence[@days > $limit]) = 1 and $people = $name and $flag")
    #expect(try context.boolean(expression))
    context.setVariable("limit", to: .number(-10))
    #expect(try !context.boolean(expression))
  }

  @Test func callsExtensionFunctions() throws {
    let context = try XPathContext(tree: try tree(sample), namespaces: Self.namespaces)
    context.register(function: "days-between", namespace: "urn:functions") { arguments in
      .number(arguments.map(\.number).reduce(0, -))
    }
    context.register(function: "upper", namespace: "urn:functions") { arguments in
      .string(arguments.first?.string.uppercased() ?? "")
    }
    #expect(try context.evaluate(XPathExpression("fn:days-between(10, 3, 2)")).number == -15)
    #expect(try context.string(XPathExpression("fn:upper(//c:witness)")) == "ANN")
    #expect(try context.evaluate(XPathExpression("count(//c:offence)")).number == 2)
  }

  @Test func reportsAFunctionThatThrows() throws {
    struct Refusal: Error, CustomStringConvertible { var description: String { "no date" } }
    let context = try XPathContext(tree: try tree(sample), namespaces: Self.namespaces)
    context.register(function: "fail", namespace: "urn:functions") { _ in throw Refusal() }
    let error = try #require(throws: XMLError.self) {
      _ = try context.evaluate(XPathExpression("fn:fail()"))
    }
    #expect(error.code == .xpathEvaluation)
    #expect(error.message.contains("no date"))
  }

  @Test(arguments: ["//c:offence[", "count(1,,2)", "1 +", "@@id", "//*[name() = 'x'"])
  func refusesMalformedExpressions(_ source: String) throws {
    let error = try #require(throws: XMLError.self) { _ = try XPathExpression(source) }
    #expect(error.code == .xpathSyntax)
    #expect(error.message.contains(source))
  }

  @Test(arguments: ["$undefined", "fn:unknown()", "c:nothing()", "undeclared:x"])
  func reportsEvaluationErrors(_ source: String) throws {
    let context = try XPathContext(tree: try tree(sample), namespaces: Self.namespaces)
    let expression = try XPathExpression(source)
    let error = try #require(throws: XMLError.self) { _ = try context.evaluate(expression) }
    #expect(error.code == .xpathEvaluation)
  }
}
