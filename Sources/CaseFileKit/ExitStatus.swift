import CasePackaging
import CaseRules
import CaseStore
import CaseXML

/// The documented exit codes of the `casefile` command.
package enum ExitStatus: Int32, Sendable {
  case success = 0
  /// The command ran and the answer is "no" (invalid file, blocking findings).
  case no = 1
  case usage = 64
  case badInput = 65
  case internalError = 70
  case ioError = 74

  /// The exit status for an error a use case threw.
  package static func of(_ error: any Error) -> ExitStatus {
    switch error {
    case is InputError, is XMLError, is RulesError: return .badInput
    case is WorkflowRefused: return .no
    case let error as KitError:
      switch error {
      case .usage: return .usage
      case .badInput, .notFound: return .badInput
      case .io: return .ioError
      case .failedCheck: return .no
      }
    case let error as PackagingError: return error.isInputError ? .badInput : .ioError
    case let error as StoreError:
      switch error.code {
      case .caseExists, .caseNotFound, .invalidCase, .mediaMissing, .mediaMismatch,
        .unsupportedFile:
        return .badInput
      case .notAStore, .storeMissing, .storeExists, .schemaTooNew: return .usage
      default: return .ioError
      }
    default: return .internalError
    }
  }

  /// A one-line message for an error, for standard error.
  package static func message(for error: any Error) -> String {
    switch error {
    case let error as InputError: return error.lines.joined(separator: "\n")
    case let error as KitError: return error.description
    case let error as StoreError: return error.message
    case let error as XMLError: return error.description
    case let error as RulesError: return error.description
    case let error as PackagingError: return error.description
    case let error as WorkflowRefused: return error.description
    default: return "internal error: \(type(of: error))"
    }
  }
}
