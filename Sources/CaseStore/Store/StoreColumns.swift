import CaseJSON
import Foundation

/// Encodes and decodes the JSON text columns that hold a record's small lists.
///
/// Lists of plain values (given names, aliases, bail conditions, victims, points to prove)
/// live in JSON text columns of their record's row. Encoding is written out by hand because
/// it runs once per row on the import path; decoding uses `JSONDecoder`, off that path.
enum StoreColumns {
  /// The JSON text of an empty list, shared so empty lists cost no allocation.
  static let emptyList = "[]"

  /// A JSON array of strings, in order.
  static func encode(_ list: [String]) -> String {
    if list.isEmpty { return emptyList }
    var out = "["
    for (index, item) in list.enumerated() {
      if index > 0 { out += "," }
      JSONString.append(item, to: &out)
    }
    out += "]"
    return out
  }

  /// A person's name as a JSON object: `{"title":…,"given":[…],"family":…}`.
  static func encode(_ name: PersonName) -> String {
    var out = "{"
    if let title = name.title {
      out += "\"title\":"
      JSONString.append(title, to: &out)
      out += ","
    }
    out += "\"given\":" + encode(name.given) + ",\"family\":"
    JSONString.append(name.family, to: &out)
    out += "}"
    return out
  }

  /// A JSON array of name objects.
  static func encode(_ names: [PersonName]) -> String {
    if names.isEmpty { return emptyList }
    return "[" + names.map { encode($0) }.joined(separator: ",") + "]"
  }

  /// A JSON array of points to prove, each `{"point":…,"evidence":[…]}`.
  static func encode(_ points: [PointToProve]) -> String {
    if points.isEmpty { return emptyList }
    var out = "["
    for (index, point) in points.enumerated() {
      if index > 0 { out += "," }
      out += "{\"point\":"
      JSONString.append(point.point, to: &out)
      out += ",\"evidence\":" + encode(point.evidence) + "}"
    }
    out += "]"
    return out
  }

  /// Decodes a JSON text column written by one of the `encode` functions.
  static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
    do {
      return try JSONDecoder().decode(type, from: Data(text.utf8))
    } catch {
      throw StoreError(
        .io,
        "the store holds a list it cannot read: the store is damaged; restore it from a backup",
        cause: error)
    }
  }
}
