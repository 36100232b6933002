/// Strict ISO 8601 calendar dates and date-times, as the records format writes them.
///
/// Parsing checks the calendar (no 30 February, leap years honoured), so an impossible
/// date is refused at input rather than discovered in court.
package struct ISODate: Comparable, Hashable, Sendable, CustomStringConvertible {
  package let year: Int
  package let month: Int
  package let day: Int

  /// Parses `YYYY-MM-DD`; returns `nil` for anything else or an impossible date.
  package init?(_ text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
      let day = Self.number(bytes[8..<10])
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// A date from its parts; `nil` when the parts do not make a real date.
  package init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Self.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date as `YYYY-MM-DD`.
  package var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  /// Whole years from `self` (a birth date) to `date`: a person's age on that date.
  package func years(until date: ISODate) -> Int {
    var age = date.year - year
    if (date.month, date.day) < (month, day) { age -= 1 }
    return age
  }

  package static func < (lhs: ISODate, rhs: ISODate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// The number of days in a month of a year, leap years included.
  package static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func number(_ digits: ArraySlice<UInt8>) -> Int? {
    var value = 0
    for byte in digits {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }
}

/// A strict ISO 8601 date-time: `YYYY-MM-DDThh:mm[:ss[.ffffff]][Z|±hh:mm]`.
package struct ISODateTime: Hashable, Sendable {
  package let date: ISODate
  package let hour: Int
  package let minute: Int
  package let second: Int

  /// Parses a date-time, checking the calendar date, the time and any zone offset.
  package init?(_ text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
      let date = ISODate(String(decoding: bytes[0..<10], as: UTF8.self)),
      let hour = ISODate.number(bytes[11..<13]), let minute = ISODate.number(bytes[14..<16]),
      hour < 24, minute < 60
    else { return nil }
    var index = 16
    var second = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
      guard bytes.count >= index + 3, let value = ISODate.number(bytes[(index + 1)..<(index + 3)]),
        value < 60
      else { return nil }
      second = value
      index += 3
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        let start = index + 1
        index = start
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
          index += 1
        }
        guard (1...6).contains(index - start) else { return nil }
      }
    }
    if index < bytes.count {
      if bytes[index] == UInt8(ascii: "Z") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        guard bytes.count == index + 6, bytes[index + 3] == UInt8(ascii: ":"),
          let zoneHour = ISODate.number(bytes[(index + 1)..<(index + 3)]),
          let zoneMinute = ISODate.number(bytes[(index + 4)..<(index + 6)]),
          zoneHour < 24, zoneMinute < 60
        else { return nil }
        index += 6
      }
    }
    guard index == bytes.count else { return nil }
    self.date = date
    self.hour = hour
    self.minute = minute
    self.second = second
  }
}
