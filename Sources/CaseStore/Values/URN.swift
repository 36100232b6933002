/// A police unique reference number (URN), validated.
///
/// Eleven characters: a 2-digit force code, a 2-letter unit code, a 5-digit serial number
/// and the 2-digit year, for example `01AB1234526`; the DCF adds an optional `-NN` suffix
/// for a split case (`01AB1234526-01`).
package struct URN: Hashable, Sendable, CustomStringConvertible {
  package let force: String
  package let unit: String
  package let serial: String
  package let year: String
  package let suffix: String?

  /// Parses a URN; returns `nil` unless the text is exactly a valid URN.
  package init?(_ text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard bytes.count == 11 || bytes.count == 14 else { return nil }
    func all(_ range: Range<Int>, _ test: (UInt8) -> Bool) -> Bool { bytes[range].allSatisfy(test) }
    let digit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    let upper: (UInt8) -> Bool = { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    guard all(0..<2, digit), all(2..<4, upper), all(4..<9, digit), all(9..<11, digit) else {
      return nil
    }
    if bytes.count == 14 {
      guard bytes[11] == UInt8(ascii: "-"), all(12..<14, digit) else { return nil }
      suffix = String(decoding: bytes[12..<14], as: UTF8.self)
    } else {
      suffix = nil
    }
    force = String(decoding: bytes[0..<2], as: UTF8.self)
    unit = String(decoding: bytes[2..<4], as: UTF8.self)
    serial = String(decoding: bytes[4..<9], as: UTF8.self)
    year = String(decoding: bytes[9..<11], as: UTF8.self)
  }

  /// The URN as written: `01AB1234526` or `01AB1234526-01`.
  package var description: String {
    force + unit + serial + year + (suffix.map { "-" + $0 } ?? "")
  }
}
