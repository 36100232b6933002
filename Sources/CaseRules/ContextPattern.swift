/// Turns a rule's `@context` (an XSLT 1.0 match pattern) into an XPath 1.0 expression that
/// selects every node the pattern matches.
///
/// Each `|` alternative that does not start at the root (`/…`) or with `id(…)`/`key(…)`
/// matches at any depth, so it is prefixed with `//`: `cd:offence[@x]` becomes
/// `//cd:offence[@x]`, `@id` becomes `//@id`, `/` stays `/`. Nodes are matched in the same
/// set as an XSLT processor would; "first matching rule wins" is applied by the engine.
enum ContextPattern {
  static func selection(for pattern: String) -> String {
    alternatives(of: pattern).map { alternative in
      let trimmed = alternative.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("/") || trimmed.hasPrefix("id(") || trimmed.hasPrefix("key(") {
        return trimmed
      }
      return "//" + trimmed
    }.joined(separator: " | ")
  }

  /// The top-level `|` alternatives: not inside brackets, parentheses or quotes.
  static func alternatives(of pattern: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    var quote: Character?
    for character in pattern {
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "[" || character == "(" {
        depth += 1
      } else if character == "]" || character == ")" {
        depth -= 1
      } else if character == "|" && depth == 0 {
        parts.append(current)
        current = ""
        continue
      }
      current.append(character)
    }
    parts.append(current)
    return parts
  }
}

extension String {
  func trimmingCharacters(in set: Set<Character>) -> String {
    var text = Substring(self)
    while let first = text.first, set.contains(first) { text = text.dropFirst() }
    while let last = text.last, set.contains(last) { text = text.dropLast() }
    return String(text)
  }
}

extension Set where Element == Character {
  static let whitespaces: Set<Character> = [" ", "\t", "\n", "\r", "\r\n"]
}
