import ArgumentParser
import CaseFileKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        printError("casefile: " + ExitStatus.message(for: error).replacingOccurrences(of: "\n", with: "\ncasefile: "))
        throw ExitCode(ExitStatus.of(error).rawValue)
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    var stream = StandardError()
    print(message, to: &stream)
}

/// `true` when standard error is a terminal, so progress may be shown.
var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        fputs(string, stderr)
    }
}
