import CaseJSON
import Foundation

/// Reads an input file and parses it as strict JSON, turning every failure into an `InputError`.
package enum InputFile {
  /// The largest input file accepted, in bytes.
  package static let maximumSize = 512 * 1024 * 1024

  /// Reads a regular file whole (input files are bounded; media are streamed elsewhere).
  package static func read(_ url: URL) throws(InputError) -> Data {
    let path = url.path
    var status = stat()
    guard stat(path, &status) == 0 else {
      throw unreadable(
        path, errno == ENOENT ? "no such file" : "cannot read the file (\(errnoName()))")
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else { throw unreadable(path, "not a regular file") }
    guard status.st_size <= maximumSize else {
      throw unreadable(
        path,
        "larger than the \(maximumSize / 1_048_576) MiB input limit; split it into several files")
    }
    do {
      return try Data(contentsOf: url, options: .mappedIfSafe)
    } catch {
      throw unreadable(path, "cannot read the file")
    }
  }

  /// Reads and parses a file.
  package static func parse(_ url: URL, limits: JSONLimits = .default) throws(InputError)
    -> JSONValue
  {
    let data = try read(url)
    return try parse(data, file: url.path, limits: limits)
  }

  /// Parses bytes already read, naming `file` in any error.
  package static func parse(_ data: Data, file: String, limits: JSONLimits = .default)
    throws(InputError) -> JSONValue
  {
    do {
      return try JSONParser.parse(data, limits: limits)
    } catch {
      throw InputError(code: .malformed, file: file, problems: [InputProblem(error)])
    }
  }

  static func unreadable(_ file: String, _ message: String) -> InputError {
    InputError(
      code: .unreadable, file: file,
      problems: [InputProblem(path: "$", rule: "read", message: message)])
  }

  static func errnoName() -> String {
    String(cString: strerror(errno))
  }
}
