import CaseJSON

/// Typed reads of DCF members that never trap: a missing or mistyped member reads as `nil`.
///
/// The names carry a `dcf` prefix so that they cannot collide with members `CaseJSON` may add.
extension JSONObject {
  /// The string member `key`, or `nil` when absent or not a string.
  func dcfString(_ key: String) -> String? {
    if case .string(let text)? = self[key] { return text }
    return nil
  }

  /// The boolean member `key`, or `nil` when absent or not a boolean.
  func dcfBool(_ key: String) -> Bool? {
    if case .bool(let flag)? = self[key] { return flag }
    return nil
  }

  /// The object member `key`, or `nil` when absent or not an object.
  func dcfObject(_ key: String) -> JSONObject? {
    if case .object(let object)? = self[key] { return object }
    return nil
  }

  /// The array member `key`, or an empty array when absent or not an array.
  func dcfArray(_ key: String) -> [JSONValue] {
    if case .array(let items)? = self[key] { return items }
    return []
  }

  /// The objects in the array member `key`, each with its index; other elements are skipped.
  func dcfObjects(_ key: String) -> [(index: Int, object: JSONObject)] {
    dcfArray(key).enumerated().compactMap { index, item in
      if case .object(let object) = item { return (index, object) }
      return nil
    }
  }

  /// The strings in the array member `key`; other elements are skipped.
  func dcfStrings(_ key: String) -> [String] {
    dcfArray(key).compactMap { item in
      if case .string(let text) = item { return text }
      return nil
    }
  }
}

extension JSONValue {
  /// The value as an object, or `nil`.
  var dcfObject: JSONObject? {
    if case .object(let object) = self { return object }
    return nil
  }
}
