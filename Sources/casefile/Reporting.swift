import ArgumentParser
import CaseFileKit
import Foundation

/// Runs a command body, turning any error into its message on standard error and the
/// documented exit code, so bad input never ends in a crash or a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ExitCode {
    throw error
  } catch let error as CleanExit {
    throw error
  } catch {
    printFailure(error)
    throw ExitCode(ExitStatus.of(error).rawValue)
  }
}

/// Prints an error's message on standard error, each line prefixed with `casefile: `.
func printFailure(_ error: any Error) {
  let message = ExitStatus.message(for: error)
  printError(
    message.split(separator: "\n", omittingEmptySubsequences: false).map { "casefile: \($0)" }
      .joined(separator: "\n"))
}

/// Writes a line to standard error.
func printError(_ message: String, terminator: String = "\n") {
  FileHandle.standardError.write(Data((message + terminator).utf8))
}

/// `true` when standard error is a terminal, so progress may be shown.
var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

/// Writes text to standard output in 64 KiB chunks, for output that is produced piece by
/// piece (an audit log of millions of entries) and must not be held whole in memory.
struct StreamedOutput {
  private var buffer = ""

  /// Adds `text`, writing the buffer out once it holds 64 KiB.
  mutating func write(_ text: String) {
    buffer += text
    if buffer.utf8.count >= 1 << 16 { flush() }
  }

  /// Writes what is buffered.
  mutating func flush() {
    FileHandle.standardOutput.write(Data(buffer.utf8))
    buffer = ""
  }
}
