import Foundation
import Testing

@testable import CaseJSON

@Suite struct JSONStringTests {
  @Test(arguments: [
    ("plain £ ŵ", "\"plain £ ŵ\""),
    ("say \"hi\"\\", #""say \"hi\"\\""#),
    ("a\nb\tc\r\u{08}\u{0C}", #""a\nb\tc\r\b\f""#),
    ("\u{1}\u{7F}\u{2028}", #""\u0001\u007f\u2028""#),
  ])
  func quotesTheWayJSONReadersExpect(_ text: String, _ expected: String) throws {
    #expect(JSONString.quoted(text) == expected)
    let decoded = try JSONDecoder().decode(String.self, from: Data(expected.utf8))
    #expect(decoded == text)
  }
}
