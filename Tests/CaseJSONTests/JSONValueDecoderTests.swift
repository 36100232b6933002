import CaseJSON
import Foundation
import Testing

@Suite("Decoding from a parsed JSON tree")
struct JSONValueDecoderTests {
  struct Inner: Codable, Equatable {
    var name: String
    var count: Int
    var ratio: Double?
    var flags: [Bool]
  }

  struct Outer: Codable, Equatable {
    var title: String
    var items: [Inner]
    var nested: [[Int]]
    var optional: String?
  }

  let text = """
    {"title": "Siôn £5", "items": [{"name": "a", "count": 1, "ratio": 0.5, "flags": [true]},
     {"name": "b", "count": 2, "flags": []}], "nested": [[1, 2], []], "optional": null}
    """

  @Test func decodesTheSameAsFoundationsDecoder() throws {
    let value = try JSONParser.parse(text)
    let ours = try JSONValueDecoder().decode(Outer.self, from: value)
    let theirs = try JSONDecoder().decode(Outer.self, from: Data(text.utf8))
    #expect(ours == theirs)
  }

  /// Each broken document and the coding path its error must name.
  static let broken: [(String, String)] = [
    (#"{"title": 1, "items": [], "nested": []}"#, "title"),
    (
      #"{"title": "t", "items": [{"name": "a", "count": "x", "flags": []}], "nested": []}"#,
      "items.0.count"
    ),
    (
      #"{"title": "t", "items": [{"name": "a", "count": 1.5, "flags": []}], "nested": []}"#,
      "items.0.count"
    ),
    (#"{"title": "t", "items": [{"name": "a", "count": 1}], "nested": []}"#, "items.0"),
    (#"{"title": "t", "items": [], "nested": [[1], ["x"]]}"#, "nested.1.0"),
    (#"{"title": "t", "items": {}, "nested": []}"#, "items"),
  ]

  @Test(arguments: 0..<broken.count)
  func errorsNameTheCodingPath(_ index: Int) throws {
    let (document, path) = Self.broken[index]
    let value = try JSONParser.parse(document)
    do {
      _ = try JSONValueDecoder().decode(Outer.self, from: value)
      Issue.record("decoded \(document)")
    } catch let error as DecodingError {
      let context: DecodingError.Context
      switch error {
      case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c),
        .dataCorrupted(let c):
        context = c
      @unknown default:
        Issue.record("unknown error")
        return
      }
      let found = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        .joined(separator: ".")
      #expect(found == path)
    }
  }
}
