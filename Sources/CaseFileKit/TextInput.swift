import CaseJSON
import CaseStore
import Foundation

/// Reads free text from a file for the edit commands, with the same rules as JSON input.
package enum TextInput {
  /// The longest text accepted, in bytes.
  package static let maximumBytes = 1 << 20

  /// Reads a UTF-8 text file, refusing invalid UTF-8 and characters XML cannot carry.
  package static func read(_ file: String) throws -> String {
    let data = try InputFile.read(URL(fileURLWithPath: file))
    guard data.count <= maximumBytes else {
      throw KitError.badInput("\(file): longer than \(maximumBytes) bytes; split the statement")
    }
    guard let text = String(validatingUTF8CString: data) else {
      throw KitError.badInput("\(file): not valid UTF-8 text")
    }
    if let bad = text.unicodeScalars.first(where: { JSONParser.isXMLForbidden($0.value) }) {
      throw KitError.badInput(
        "\(file): contains U+\(String(bad.value, radix: 16, uppercase: true)), which XML cannot carry"
      )
    }
    return text
  }
}

extension String {
  /// Decodes bytes as UTF-8, returning nil when they are not valid UTF-8.
  init?(validatingUTF8CString data: Data) {
    guard let text = String(bytes: data, encoding: .utf8) else { return nil }
    self = text
  }
}
