/// A JSON number that keeps its literal text so that no precision is lost.
///
/// Equality compares mathematical values exactly (`1`, `1.0` and `10e-1` are equal), which
/// is what JSON Schema's `enum`, `uniqueItems` and `const`-like comparisons need.
package struct JSONNumber: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// The number exactly as written in the document (always a valid RFC 8259 number).
  package let literal: String

  /// Creates a number from a literal that is already known to be valid JSON number syntax.
  package init(literal: String) {
    self.literal = literal
  }

  /// Creates a number from an integer.
  package init(_ value: Int64) {
    self.literal = String(value)
  }

  package var description: String { literal }

  /// The nearest double-precision value (may be infinite for huge exponents).
  package var double: Double {
    Double(literal) ?? (literal.hasPrefix("-") ? -.infinity : .infinity)
  }

  /// The value as an `Int64` if it is an integer that fits exactly, else `nil`.
  ///
  /// `2.0` and `2e3` are integers; `2.5` is not.
  package var int64: Int64? {
    if let fast = simpleInteger { return fast }
    return ExactDecimal(literal: literal).int64
  }

  /// Whether the value has no fractional part (JSON Schema draft-04 "integer" semantics,
  /// so `1.0` counts as an integer).
  package var isInteger: Bool {
    if simpleInteger != nil { return true }
    return ExactDecimal(literal: literal).isInteger
  }

  /// The value when the literal is a plain integer (no fraction or exponent) fitting `Int64`.
  var simpleInteger: Int64? {
    var utf8 = literal.utf8[...]
    var negative = false
    if utf8.first == UInt8(ascii: "-") {
      negative = true
      utf8 = utf8.dropFirst()
    }
    guard !utf8.isEmpty, utf8.count <= 19 else { return nil }
    var value: Int64 = 0
    for byte in utf8 {
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int64(byte - 0x30))
      if o1 || o2 { return nil }
      value = s
    }
    return negative ? -value : value
  }

  package static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    if lhs.literal == rhs.literal { return true }
    return compare(lhs, rhs) == 0
  }

  package func hash(into hasher: inout Hasher) {
    let exact = ExactDecimal(literal: literal)
    hasher.combine(exact.negative && !exact.digits.isEmpty)
    hasher.combine(exact.digits)
    hasher.combine(exact.digits.isEmpty ? 0 : exact.pointPosition)
  }

  /// Compares two numbers exactly: -1, 0 or 1.
  package static func compare(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
    if let a = lhs.simpleInteger, let b = rhs.simpleInteger {
      return a < b ? -1 : (a == b ? 0 : 1)
    }
    return ExactDecimal.compare(
      ExactDecimal(literal: lhs.literal), ExactDecimal(literal: rhs.literal))
  }

  /// Whether `self` is an exact integer multiple of `divisor` (which must be positive).
  ///
  /// Uses exact decimal arithmetic from the literals, so `0.3` is a multiple of `0.1`;
  /// falls back to floating point only when the divisor has more than 18 significant digits.
  package func isMultiple(of divisor: JSONNumber) -> Bool {
    let x = ExactDecimal(literal: literal)
    let d = ExactDecimal(literal: divisor.literal)
    if x.digits.isEmpty { return true }
    guard !d.digits.isEmpty else { return false }
    // x = X * 10^ex, d = D * 10^ed with integer significands X, D.
    let ex = x.pointPosition - x.digits.count
    let ed = d.pointPosition - d.digits.count
    if d.digits.count <= 18 {
      var divisorValue: UInt64 = 0
      for digit in d.digits { divisorValue = divisorValue * 10 + UInt64(digit) }
      let common = min(ex, ed)
      // B = D * 10^(ed - common); A = X * 10^(ex - common).
      let divisorShift = ed - common
      if divisorShift > 0 {
        // B has extra trailing zeros: A must be divisible by them and by D.
        // A = X (since ex == common). X must end in divisorShift zeros — but
        // significands carry no trailing zeros, so X is not divisible by 10.
        return false
      }
      let modulus = UInt128(divisorValue)
      var remainder: UInt128 = 0
      for digit in x.digits { remainder = (remainder * 10 + UInt128(digit)) % modulus }
      let shift = ex - common
      if shift > 0 {
        remainder = remainder * ExactDecimal.powerOfTen(shift, modulo: modulus) % modulus
      }
      return remainder == 0
    }
    let quotient = x.double / d.double
    return quotient.isFinite && quotient.rounded(.towardZero) == quotient
  }
}

/// An exact decimal: sign, significant digits without leading or trailing zeros, and the
/// position of the decimal point (value = 0.d1d2d3... × 10^pointPosition).
struct ExactDecimal {
  var negative = false
  var digits: [UInt8] = []
  var pointPosition = 0

  init(literal: String) {
    var bytes = Array(literal.utf8)[...]
    if bytes.first == UInt8(ascii: "-") {
      negative = true
      bytes = bytes.dropFirst()
    }
    var exponent = 0
    if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
      var expBytes = bytes[(e + 1)...]
      var expNegative = false
      if let sign = expBytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
        expNegative = sign == UInt8(ascii: "-")
        expBytes = expBytes.dropFirst()
      }
      for byte in expBytes where exponent < 1_000_000_000 {
        exponent = exponent * 10 + Int(byte &- 0x30)
      }
      if expNegative { exponent = -exponent }
      bytes = bytes[..<e]
    }
    var intCount = 0
    var all: [UInt8] = []
    all.reserveCapacity(bytes.count)
    var seenPoint = false
    for byte in bytes {
      if byte == UInt8(ascii: ".") {
        seenPoint = true
        continue
      }
      all.append(byte &- 0x30)
      if !seenPoint { intCount += 1 }
    }
    var start = 0
    while start < all.count, all[start] == 0 { start += 1 }
    var end = all.count
    while end > start, all[end - 1] == 0 { end -= 1 }
    digits = Array(all[start..<end])
    pointPosition = intCount - start + exponent
  }

  var isInteger: Bool { digits.isEmpty || digits.count <= pointPosition }

  var int64: Int64? {
    guard isInteger else { return nil }
    if digits.isEmpty { return 0 }
    guard pointPosition <= 19 else { return nil }
    var magnitude: UInt64 = 0
    for index in 0..<pointPosition {
      let digit = index < digits.count ? UInt64(digits[index]) : 0
      let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(digit)
      if o1 || o2 { return nil }
      magnitude = s
    }
    if negative {
      if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
      return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
    }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
  }

  var double: Double {
    var text = negative ? "-0." : "0."
    text.reserveCapacity(digits.count + 16)
    for digit in digits { text.append(Character(Unicode.Scalar(digit + 0x30))) }
    text += "e\(pointPosition)"
    return Double(text) ?? (negative ? -.infinity : .infinity)
  }

  static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
    let aSign = a.digits.isEmpty ? 0 : (a.negative ? -1 : 1)
    let bSign = b.digits.isEmpty ? 0 : (b.negative ? -1 : 1)
    if aSign != bSign { return aSign < bSign ? -1 : 1 }
    if aSign == 0 { return 0 }
    var magnitude: Int
    if a.pointPosition != b.pointPosition {
      magnitude = a.pointPosition < b.pointPosition ? -1 : 1
    } else {
      magnitude = 0
      for index in 0..<max(a.digits.count, b.digits.count) {
        let x = index < a.digits.count ? Int(a.digits[index]) : -1
        let y = index < b.digits.count ? Int(b.digits[index]) : -1
        if x != y {
          magnitude = x < y ? -1 : 1
          break
        }
      }
    }
    return aSign < 0 ? -magnitude : magnitude
  }

  static func powerOfTen(_ exponent: Int, modulo modulus: UInt128) -> UInt128 {
    var result: UInt128 = 1 % modulus
    var base: UInt128 = 10 % modulus
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = result * base % modulus }
      base = base * base % modulus
      e >>= 1
    }
    return result
  }
}
