import CaseJSON

/// Checks a walked DCF document against the resolved business rules.
///
/// See `DCFRulePlan` for where each rule applies. For each governed object, each rule's
/// condition is read from the object itself (same-object rules) or from the nearest enclosing
/// object whose definition declares the source (enclosing rules). The dependant is required
/// when every rule of at least one group holds; it must be absent when no group holds. A
/// missing dependant is reported with the name of the first rule of the first group that holds;
/// an unwanted one with the name of the first rule that governs the object. When no rule can
/// find its source at all, the object is not checked.
struct DCFBusinessRuleCheck {
  let plan: DCFRulePlan

  /// Every `DependantAttributes` and `NGAPOnly` problem in `walk`, in document order.
  func problems(in walk: DCFDocumentWalk) -> [InputProblem] {
    var problems: [InputProblem] = []
    for position in walk.objects.indices {
      problems += dependantProblems(at: position, in: walk)
    }
    problems += ngapProblems(in: walk)
    return problems
  }

  private func dependantProblems(at position: Int, in walk: DCFDocumentWalk) -> [InputProblem] {
    let target = walk.objects[position]
    guard let definition = target.definition else { return [] }
    var problems: [InputProblem] = []
    for dependant in plan.dependants {
      let rules = plan.rules[dependant] ?? []
      let governing = rules.indices.filter { rules[$0].targets.contains(definition) }
      guard !governing.isEmpty else { continue }
      var outcome: [Int: Bool] = [:]
      for ruleIndex in governing {
        if let holds = evaluate(rules[ruleIndex], at: position, in: walk) {
          outcome[ruleIndex] = holds
        }
      }
      guard !outcome.isEmpty else { continue }
      let holding = (plan.groups[dependant] ?? []).first { group in
        group.allSatisfy { outcome[$0] == true }
      }
      let present = target.object[dependant] != nil
      let path = target.path.appending(key: dependant).description
      if let holding, !present {
        let conditions = holding.map { condition(of: rules[$0].rule) }.joined(separator: " and ")
        problems.append(
          InputProblem(
            path: path, rule: rules[holding[0]].rule.name,
            message: "\(dependant) is required when \(conditions)"))
      } else if holding == nil, present {
        let first = rules[governing[0]].rule
        let alternatives = (plan.groups[dependant] ?? []).map { group in
          group.map { condition(of: rules[$0].rule) }.joined(separator: " and ")
        }
        problems.append(
          InputProblem(
            path: path, rule: first.name,
            message: "\(dependant) must not be present unless "
              + alternatives.joined(separator: ", or ")))
      }
    }
    return problems
  }

  private func condition(of rule: DCFDependantRule) -> String {
    "\(rule.source) \(rule.condition)"
  }

  /// Whether `applied` holds for the object at `position`; `nil` when its source has no scope.
  private func evaluate(
    _ applied: DCFRulePlan.Applied, at position: Int, in walk: DCFDocumentWalk
  ) -> Bool? {
    let scope: DCFTypedObject?
    if applied.sameObject {
      scope = walk.objects[position]
    } else {
      scope = walk.chain(from: position).first { candidate in
        candidate.definition.map { applied.sourceDefinitions.contains($0) } ?? false
      }
    }
    guard let scope else { return nil }
    let value = scope.object[applied.rule.source]
    switch applied.rule.condition {
    case .absent:
      return value == nil || value == .null
    case .isTrue, .isFalse:
      let wanted = applied.rule.condition == .isTrue
      switch value {
      case .bool(let flag)?: return flag == wanted
      case .string(let text)?:
        guard let trueValues = applied.trueValues else { return false }
        return trueValues.contains(text) == wanted
      default: return false
      }
    case .value(let expected):
      switch value {
      case .string(let text)?: return text == expected
      case .array(let items)?: return items.contains(.string(expected))
      default: return false
      }
    }
  }

  /// `NGAPOnly` attributes present in a case where every anticipated plea is guilty.
  ///
  /// A case is a guilty-plea (GAP) case when at least one offence states an anticipated plea
  /// and none is `not_guilty`. A case with no anticipated plea at all (a breach-of-bail file)
  /// is not checked.
  private func ngapProblems(in walk: DCFDocumentWalk) -> [InputProblem] {
    let pleas = walk.objects.compactMap { $0.object.dcfString("anticipated_plea") }
    guard !pleas.isEmpty, !pleas.contains("not_guilty") else { return [] }
    var problems: [InputProblem] = []
    for typed in walk.objects {
      for key in typed.object.keys where plan.ngapAttributes.contains(key) {
        problems.append(
          InputProblem(
            path: typed.path.appending(key: key).description, rule: "NGAPOnly",
            message: "\(key) belongs only in a not-guilty plea file, and every offence here "
              + "has an anticipated guilty plea"))
      }
    }
    return problems
  }
}
