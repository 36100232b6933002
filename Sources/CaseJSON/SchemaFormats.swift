import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Checks the string formats defined by JSON Schema draft-04.
enum FormatChecker {
  static func check(_ format: SchemaFormat, _ text: String) -> Bool {
    switch format {
    case .dateTime: isDateTime(Array(text.utf8))
    case .email: isEmail(text)
    case .hostname: isHostname(text)
    case .ipv4: isIPv4(text)
    case .ipv6: isIPv6(text)
    case .uri: isURI(text)
    }
  }

  /// RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, with real calendar days.
  static func isDateTime(_ bytes: [UInt8]) -> Bool {
    guard bytes.count >= 20 else { return false }
    func number(_ start: Int, _ length: Int) -> Int? {
      guard start + length <= bytes.count else { return nil }
      var value = 0
      for index in start..<(start + length) {
        let byte = bytes[index]
        guard byte >= 0x30, byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    guard let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2), bytes[7] == 0x2D,
      let day = number(8, 2), bytes[10] == 0x54 || bytes[10] == 0x74,
      let hour = number(11, 2), bytes[13] == 0x3A, let minute = number(14, 2), bytes[16] == 0x3A,
      let second = number(17, 2)
    else { return false }
    guard (1...12).contains(month), day >= 1, hour <= 23, minute <= 59, second <= 60 else {
      return false
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard day <= days[month - 1] else { return false }
    var index = 19
    if bytes[index] == 0x2E {
      index += 1
      let digitsStart = index
      while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
      guard index > digitsStart else { return false }
    }
    guard index < bytes.count else { return false }
    var offsetMinutes = 0
    if bytes[index] == 0x5A || bytes[index] == 0x7A {
      index += 1
    } else if bytes[index] == 0x2B || bytes[index] == 0x2D {
      guard let offsetHour = number(index + 1, 2), index + 3 < bytes.count,
        bytes[index + 3] == 0x3A,
        let offsetMinute = number(index + 4, 2), offsetHour <= 23, offsetMinute <= 59
      else { return false }
      offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == 0x2D ? -1 : 1)
      index += 6
    } else {
      return false
    }
    guard index == bytes.count else { return false }
    if second == 60 {
      // A leap second is only ever 23:59:60 UTC.
      let utcMinutes = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
      return utcMinutes == 23 * 60 + 59
    }
    return true
  }

  /// A plain `local@domain` address without whitespace.
  static func isEmail(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty,
      !domain.isEmpty
    else { return false }
    return !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 }
  }

  /// RFC 1034 host name: dot-separated labels of letters, digits and inner hyphens.
  static func isHostname(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty, bytes.count <= 253 else { return false }
    let labels = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
    for label in labels {
      guard let first = label.first, let last = label.last, label.count <= 63, first != 0x2D,
        last != 0x2D
      else { return false }
      for byte in label {
        let ok =
          (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
          || (byte >= 0x61 && byte <= 0x7A)
          || byte == 0x2D
        guard ok else { return false }
      }
    }
    return true
  }

  /// Dotted-quad IPv4 with no leading zeros.
  static func isIPv4(_ text: String) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return false }
    for part in parts {
      guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
        let value = Int(part), value <= 255, !(part.count > 1 && part.hasPrefix("0"))
      else { return false }
    }
    return true
  }

  /// IPv6 textual form as accepted by `inet_pton`.
  static func isIPv6(_ text: String) -> Bool {
    guard text.utf8.allSatisfy({ $0 < 0x80 }), !text.contains("%") else { return false }
    var address = in6_addr()
    return inet_pton(AF_INET6, text, &address) == 1
  }

  /// An absolute URI (RFC 3986): a scheme, then only URI characters and valid %-escapes.
  static func isURI(_ text: String) -> Bool {
    guard URIResolver.scheme(of: text) != nil else { return false }
    let bytes = Array(text.utf8)
    var index = 0
    let allowed = Set(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=".utf8)
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x25 {
        guard index + 2 < bytes.count, bytes[index + 1].isHexDigit, bytes[index + 2].isHexDigit
        else {
          return false
        }
        index += 3
        continue
      }
      guard allowed.contains(byte) else { return false }
      index += 1
    }
    return true
  }
}

extension UInt8 {
  fileprivate var isHexDigit: Bool {
    (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x46)
      || (self >= 0x61 && self <= 0x66)
  }
}
