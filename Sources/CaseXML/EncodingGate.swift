import Foundation

/// Refuses XML that is not UTF-8 before libxml2 sees it.
///
/// casefile reads and writes UTF-8 only. A byte-order mark for UTF-16 or UTF-32, or an XML
/// declaration naming another encoding, is refused with a clear message rather than handed
/// to libxml2's converters (which differ between its parsers and print to standard error).
/// A UTF-8 byte-order mark is allowed.
enum EncodingGate {
  static func check(_ prefix: ArraySlice<UInt8>, name: String) throws(XMLError) {
    let bytes = Array(prefix.prefix(256))
    let wideMarks: [[UInt8]] = [[0xFE, 0xFF], [0xFF, 0xFE], [0x00, 0x00, 0xFE, 0xFF]]
    if wideMarks.contains(where: { bytes.starts(with: $0) })
      || (bytes.count >= 2 && (bytes[0] == 0 || bytes[1] == 0))
    {
      throw refusal(name, "is UTF-16 or UTF-32")
    }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    guard body.starts(with: Array("<?xml".utf8)),
      let end = body.firstRange(of: Array("?>".utf8))?.lowerBound
    else { return }
    let declaration = String(decoding: body[..<end], as: UTF8.self)
    guard let encoding = pseudoAttribute("encoding", in: declaration) else { return }
    guard encoding.uppercased() == "UTF-8" else {
      throw refusal(name, "declares encoding \"\(encoding.prefix(40))\"")
    }
  }

  /// The value of `name="…"` or `name='…'` in an XML declaration.
  private static func pseudoAttribute(_ name: String, in declaration: String) -> String? {
    guard let key = declaration.range(of: name) else { return nil }
    var rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "\t" }
    guard rest.first == "=" else { return nil }
    rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
    rest = rest.dropFirst()
    return rest.firstIndex(of: quote).map { String(rest[..<$0]) }
  }

  private static func refusal(_ name: String, _ what: String) -> XMLError {
    XMLError(
      .malformed, "\(name):1:1: the document \(what); casefile reads UTF-8 XML only",
      file: name)
  }
}
