import CaseJSON

/// The business rules resolved against the schema: where each rule applies and how its
/// condition is read.
///
/// Resolution decisions (each one also recorded in `warnings` when it touches the data):
/// - A rule applies to objects whose definition declares the dependant attribute. When some
///   of those definitions also declare the source, the rule is *same-object*: it applies only
///   to them and reads the source from the object itself (so `bail_conditions` inside a
///   `RemandApplication`, which has no `person_remand_status`, is not governed by the rule
///   `bail_conditions`). Otherwise the rule is *enclosing*: the source is read from the
///   nearest enclosing object whose definition declares it (`case_markers` on the case for
///   `domestic_violence`, `demeanour_at_incident`, `is_retraction_statement` …).
/// - A rule whose dependant or source no definition declares never applies, and is reported
///   (`parent_gardian_date_sent`, `hearsay_details`, `safeguarding_*`, `is_hearsay`, …).
/// - `AndRuleName` combines only with a rule of the same dependant; any other value (such
///   as `True`) is ignored and reported.
/// - `True`/`False` against a source that is an enumeration of strings uses a reading from
///   `booleanReadings`; without one the rule never applies.
/// - An `NGAPOnly` attribute that the schema requires wherever it is declared
///   (`likely_case_progression`) cannot be left out of a guilty-plea file, so it is not
///   checked.
struct DCFRulePlan: Sendable {
  /// A rule with its resolved scope.
  struct Applied: Sendable {
    var rule: DCFDependantRule
    /// Definitions whose objects the rule governs.
    var targets: Set<String>
    /// Whether the source is read from the governed object itself.
    var sameObject: Bool
    /// Definitions that declare the source attribute.
    var sourceDefinitions: Set<String>
    /// For `True`/`False` against a string enumeration: the values that read as true.
    var trueValues: Set<String>?
  }

  /// String-enumeration sources that the rules test with `True`/`False`, and the values that
  /// count as true. `class_a_drug_test_provided` is an enumeration in the schema, but the rules
  /// `class_a_drug_test_details` and `accepts_drugs_result` test it for `True`: a test was
  /// provided, whatever its result.
  static let booleanReadings: [String: Set<String>] = [
    "class_a_drug_test_provided": ["provided_positive", "provided_negative"]
  ]

  /// Names of date or date-time attributes whose schema does not say so in a description.
  static let undescribedDateProperties: Set<String> = [
    "from_date", "to_date", "charge_date", "date_time", "date_sent", "parent_guardian_date_sent",
  ]

  /// Dependant attributes in the order the rule file first names them.
  private(set) var dependants: [String] = []
  /// The rules that apply somewhere, per dependant, without exact duplicates.
  private(set) var rules: [String: [Applied]] = [:]
  /// Per dependant, the groups of positions in `rules[dependant]` that must hold together.
  private(set) var groups: [String: [[Int]]] = [:]
  /// The `NGAPOnly` attributes that are checked.
  private(set) var ngapAttributes: Set<String> = []
  /// Attributes whose strings must be ISO 8601 dates or date-times.
  private(set) var dateProperties: Set<String> = []
  /// What in the rule pack could not be used as written, and how it was read instead.
  private(set) var warnings: [String] = []

  /// Resolves `rules` and `ngapOnly` against `index`.
  init(rules written: [DCFDependantRule], ngapOnly: [String], index: DCFSchemaIndex) {
    var seen: [DCFDependantRule] = []
    for rule in written {
      if seen.contains(rule) {
        warnings.append("rule \(rule.name) is listed more than once; it is checked once")
        continue
      }
      seen.append(rule)
      guard let applied = resolve(rule, all: written, index: index) else { continue }
      if rules[rule.dependant] == nil { dependants.append(rule.dependant) }
      rules[rule.dependant, default: []].append(applied)
    }
    for dependant in dependants { groups[dependant] = Self.group(rules[dependant] ?? []) }
    resolveNGAP(ngapOnly, index: index)
    resolveDates(index: index)
  }

  private mutating func resolve(
    _ rule: DCFDependantRule, all: [DCFDependantRule], index: DCFSchemaIndex
  ) -> Applied? {
    var rule = rule
    if let partner = rule.andRuleName,
      !all.contains(where: { $0.name == partner && $0.dependant == rule.dependant })
    {
      warnings.append(
        "rule \(rule.name): AndRuleName \(partner) names no rule for the same attribute; "
          + "the rule is checked on its own")
      rule.andRuleName = nil
    }
    let dependantDefinitions = index.definitions(declaring: rule.dependant)
    let sourceDefinitions = index.definitions(declaring: rule.source)
    guard !dependantDefinitions.isEmpty else {
      warnings.append(
        "rule \(rule.name): no schema definition declares the attribute \(rule.dependant); "
          + "the rule never applies")
      return nil
    }
    guard !sourceDefinitions.isEmpty else {
      warnings.append(
        "rule \(rule.name): no schema definition declares the source attribute \(rule.source); "
          + "the rule never applies")
      return nil
    }
    let shared = dependantDefinitions.intersection(sourceDefinitions)
    var applied = Applied(
      rule: rule, targets: shared.isEmpty ? dependantDefinitions : shared,
      sameObject: !shared.isEmpty, sourceDefinitions: sourceDefinitions, trueValues: nil)
    if rule.condition == .isTrue || rule.condition == .isFalse,
      !Self.isBoolean(rule.source, index: index)
    {
      guard let reading = Self.booleanReadings[rule.source] else {
        warnings.append(
          "rule \(rule.name): \(rule.source) is not a boolean, so True/False cannot be tested; "
            + "the rule never applies")
        return nil
      }
      warnings.append(
        "rule \(rule.name): \(rule.source) is an enumeration; it reads as true when it is "
          + reading.sorted().joined(separator: " or "))
      applied.trueValues = reading
    }
    return applied
  }

  private static func isBoolean(_ property: String, index: DCFSchemaIndex) -> Bool {
    index.propertySchemas(named: property).contains { schema in
      schema.dcfString("type") == "boolean"
        || schema.dcfStrings("type").contains("boolean")
        || schema.dcfArray("enum").contains { $0 == .bool(true) || $0 == .bool(false) }
    }
  }

  /// Groups rules linked by `andRuleName`; each unlinked rule is a group of its own.
  private static func group(_ rules: [Applied]) -> [[Int]] {
    var groupOf = Array(rules.indices)
    func root(_ position: Int) -> Int {
      var current = position
      while groupOf[current] != current { current = groupOf[current] }
      return current
    }
    for (position, applied) in rules.enumerated() {
      guard let partner = applied.rule.andRuleName,
        let other = rules.firstIndex(where: { $0.rule.name == partner })
      else { continue }
      let (a, b) = (root(position), root(other))
      if a != b { groupOf[max(a, b)] = min(a, b) }
    }
    var result: [[Int]] = []
    var slot: [Int: Int] = [:]
    for position in rules.indices {
      let key = root(position)
      if let existing = slot[key] {
        result[existing].append(position)
      } else {
        slot[key] = result.count
        result.append([position])
      }
    }
    return result
  }

  private mutating func resolveNGAP(_ attributes: [String], index: DCFSchemaIndex) {
    for written in attributes {
      let attribute = written.dcfTrimmed
      let declaring = index.definitions(declaring: attribute)
      if declaring.isEmpty {
        warnings.append(
          "NGAPOnly: no schema definition declares \(attribute); it is not checked")
      } else if declaring.allSatisfy({ index.requiredProperties(of: $0).contains(attribute) }) {
        warnings.append(
          "NGAPOnly: the schema requires \(attribute) wherever it is declared, so a guilty-plea "
            + "file cannot leave it out; it is not checked")
      } else {
        ngapAttributes.insert(attribute)
      }
    }
  }

  private mutating func resolveDates(index: DCFSchemaIndex) {
    var names = Self.undescribedDateProperties
    for name in index.definitions.keys {
      guard let node = index.definitions[name] else { continue }
      for (property, schema) in index.properties(of: node) {
        let description = schema.dcfString("description") ?? ""
        if description.hasPrefix("ISO 8601 Conformant Date") { names.insert(property) }
      }
    }
    dateProperties = names
  }
}
