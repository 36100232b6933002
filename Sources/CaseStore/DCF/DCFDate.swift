/// A calendar date read from an ISO 8601 date or date-time in a DCF document.
///
/// Accepts `YYYY-MM-DD`, optionally followed by `T`, a time `hh:mm`, `hh:mm:ss` or
/// `hh:mm:ss.fraction`, and an optional zone `Z`, `±hh:mm` or `±hhmm`. The date must exist in
/// the Gregorian calendar (`2026-02-30` does not). Only the date part is kept.
struct DCFDate: Comparable, Hashable, Sendable, CustomStringConvertible {
  let year: Int
  let month: Int
  let day: Int

  /// Reads `text`, or returns `nil` when it is not a valid ISO 8601 date or date-time.
  init?(iso text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
      let day = Self.number(bytes[8..<10]),
      (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
    else { return nil }
    if bytes.count > 10 {
      guard bytes[10] == UInt8(ascii: "T"), Self.isTime(bytes[11...]) else { return nil }
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// `YYYY-MM-DD`.
  var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  static func < (lhs: DCFDate, rhs: DCFDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// Whole years from `birth` to `self`; a 29 February birthday falls on 1 March in other years.
  func years(since birth: DCFDate) -> Int {
    let beforeBirthday = (month, day) < (birth.month, birth.day)
    return year - birth.year - (beforeBirthday ? 1 : 0)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
    var value = 0
    for byte in digits {
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    return value
  }

  private static func isTime(_ bytes: ArraySlice<UInt8>) -> Bool {
    var rest = bytes
    func take(_ count: Int, max limit: Int) -> Bool {
      guard rest.count >= count, let value = number(rest.prefix(count)), value <= limit else {
        return false
      }
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
