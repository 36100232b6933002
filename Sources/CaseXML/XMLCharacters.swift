/// The character classes of XML 1.0 (fifth edition): `Char`, `NameStartChar`, `NameChar`.
package enum XMLCharacters {
  /// Whether `scalar` may appear in an XML 1.0 document (production `Char`).
  package static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// The first scalar in `text` that XML 1.0 cannot carry, if any.
  package static func firstDisallowed(in text: String) -> Unicode.Scalar? {
    text.unicodeScalars.first { !isAllowed($0) }
  }

  /// Whether `text` is an XML `Name` (a qualified name's colon is allowed).
  package static func isName(_ text: String) -> Bool {
    var scalars = text.unicodeScalars.makeIterator()
    guard let first = scalars.next(), isNameStart(first) else { return false }
    while let next = scalars.next() {
      guard isNameStart(next) || isNameContinuation(next) else { return false }
    }
    return true
  }

  private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x3A, 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF,
      0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF,
      0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
      true
    default: false
    }
  }

  private static func isNameContinuation(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
    default: false
    }
  }
}
