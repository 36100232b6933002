/// A failure of a casefile command that is not about an input file's content.
///
/// Each case maps to one of the documented exit codes; messages say what to do and never
/// contain personal data.
package enum KitError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The command was used wrongly (exit 64).
  case usage(String)
  /// The data given on the command line is bad (exit 65).
  case badInput(String)
  /// A case, record or file named does not exist (exit 65).
  case notFound(String)
  /// The store or a file could not be read or written (exit 74).
  case io(String)
  /// A check ran and its answer is no, such as a log that no longer holds a checkpoint
  /// (exit 1).
  case failedCheck(String)

  package var description: String {
    switch self {
    case .usage(let message), .badInput(let message), .notFound(let message), .io(let message),
      .failedCheck(let message):
      return message
    }
  }
}
