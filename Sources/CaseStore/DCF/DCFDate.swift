/// Reads the dates and date-times a DCF document holds.
///
/// The DCF writes dates loosely: date-only values in "date-time" fields, times to the minute
/// (`2015-01-01T12:00Z`), date-times in "date" fields. So every DCF date field accepts
/// `YYYY-MM-DD`, optionally followed by `T`, a time `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fraction`,
/// and an optional zone `Z`, `±hh:mm` or `±hhmm`. The date must exist in the Gregorian
/// calendar (`2026-02-30` does not). Only the date part is kept.
enum DCFDate {
  /// The calendar date of `text`, or `nil` when it is not a valid ISO 8601 date or date-time.
  static func parse(_ text: String) -> ISODate? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 10, let date = ISODate(String(decoding: bytes[0..<10], as: UTF8.self))
    else { return nil }
    if bytes.count > 10 {
      guard bytes[10] == UInt8(ascii: "T"), isTime(bytes[11...]) else { return nil }
    }
    return date
  }

  private static func isTime(_ bytes: ArraySlice<UInt8>) -> Bool {
    var rest = bytes
    func take(_ count: Int, max limit: Int) -> Bool {
      guard rest.count >= count, let value = ISODate.number(rest.prefix(count)), value <= limit
      else { return false }
      rest = rest.dropFirst(count)
      return true
    }
    func takeByte(_ ascii: Unicode.Scalar) -> Bool {
      guard rest.first == UInt8(ascii: ascii) else { return false }
      rest = rest.dropFirst()
      return true
    }
    guard take(2, max: 23), takeByte(":"), take(2, max: 59) else { return false }
    if takeByte(":") {
      guard take(2, max: 59) else { return false }
      if takeByte(".") {
        let fraction = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !fraction.isEmpty else { return false }
        rest = rest.dropFirst(fraction.count)
      }
    }
    if rest.isEmpty { return true }
    if takeByte("Z") { return rest.isEmpty }
    guard takeByte("+") || takeByte("-"), take(2, max: 23) else { return false }
    _ = takeByte(":")
    return take(2, max: 59) && rest.isEmpty
  }
}
