extension KeyedDecodingContainer {
  /// Decodes a list that the records format lets a writer leave out; absent means empty.
  func decodeList<Element: Decodable>(_ key: Key) throws -> [Element] {
    try decodeIfPresent([Element].self, forKey: key) ?? []
  }

  /// Decodes a flag that the records format lets a writer leave out.
  func decodeFlag(_ key: Key, default value: Bool) throws -> Bool {
    try decodeIfPresent(Bool.self, forKey: key) ?? value
  }
}
