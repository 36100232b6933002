/// One `DependantAttributes` entry of the DCF business rules.
///
/// The attribute `dependant` is required when the source attribute meets the condition, and
/// must not be present otherwise. Rules that name each other through `andRuleName` combine
/// (every condition must hold); other rules for the same dependant are alternatives.
package struct DCFDependantRule: Equatable, Sendable {
  /// The rule's name (`RuleName`); every problem the rule finds carries it.
  package var name: String
  /// The attribute the rule governs (`DependantAttribute`).
  package var dependant: String
  /// The attribute whose value decides (`SourceAttribute`), trimmed of surrounding spaces.
  package var source: String
  /// What the source must be for the dependant to be required (`SourceCondition`).
  package var condition: DCFCondition
  /// The rule this one must hold together with (`AndRuleName`), when it names a rule for the
  /// same dependant; `nil` otherwise.
  package var andRuleName: String?

  /// Creates a rule.
  package init(
    name: String, dependant: String, source: String, condition: DCFCondition,
    andRuleName: String? = nil
  ) {
    self.name = name
    self.dependant = dependant
    self.source = source
    self.condition = condition
    self.andRuleName = andRuleName
  }
}

/// A `SourceCondition`: what the source attribute must be.
package enum DCFCondition: Equatable, Sendable, CustomStringConvertible {
  /// `True`: the source is the boolean `true`.
  case isTrue
  /// `False`: the source is the boolean `false`.
  case isFalse
  /// Empty: the source is absent.
  case absent
  /// An enumeration value: the source is that string, or an array that contains it.
  case value(String)

  /// Reads the rule file's notation.
  init(_ text: String) {
    switch text.dcfTrimmed {
    case "True": self = .isTrue
    case "False": self = .isFalse
    case "": self = .absent
    case let other: self = .value(other)
    }
  }

  /// How messages show the condition, such as `is true` or `contains DomesticViolence`.
  package var description: String {
    switch self {
    case .isTrue: "is true"
    case .isFalse: "is false"
    case .absent: "is absent"
    case .value(let value): "is (or contains) \(value)"
    }
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  var dcfTrimmed: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
