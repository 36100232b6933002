/// JSON string literals, written the one way casefile writes them everywhere (records
/// columns, reports, the audit export, JSON paths in messages).
///
/// Quotes, backslashes and control characters are escaped (`\n`, `\r`, `\t`, `\b`, `\f`, else
/// `\u00XX`), as are DEL and U+2028/U+2029 so the text is also safe inside JavaScript; text
/// with nothing to escape is copied whole.
package enum JSONString {
  /// `text` as a JSON string literal.
  package static func quoted(_ text: String) -> String {
    var out = ""
    append(text, to: &out)
    return out
  }

  /// Appends `text` as a JSON string literal to `out`.
  package static func append(_ text: String, to out: inout String) {
    out += "\""
    let plain = text.utf8.allSatisfy {
      $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F && $0 != 0xE2
    }
    if plain {
      out += text
    } else {
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\u{2028}": out += "\\u2028"
        case "\u{2029}": out += "\\u2029"
        case let control where control.value < 0x20 || control.value == 0x7F:
          let hex = String(control.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
