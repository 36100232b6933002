import Foundation

/// Runs the built `casefile` binary and captures what it prints.
struct BinaryRun {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// The package's root directory, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()

/// The `casefile` executable beside the test bundle in the build directory.
func casefileBinary() -> URL {
  var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
    .deletingLastPathComponent()
  for _ in 0..<4 {
    let candidate = directory.appendingPathComponent("casefile")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    directory = directory.deletingLastPathComponent()
  }
  return packageRoot.appendingPathComponent(".build/debug/casefile")
}

/// Runs casefile with arguments and extra environment, in `directory`.
func runCasefile(
  _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
) throws -> BinaryRun {
  let process = Process()
  process.executableURL = casefileBinary()
  process.arguments = arguments
  var env = ProcessInfo.processInfo.environment
  env["SWIFT_BACKTRACE"] = "enable=no"
  env["CASEFILE_DCF_DIR"] =
    packageRoot.appendingPathComponent("../shared/reference/dcf-1.2.2").standardizedFileURL.path
  for (key, value) in environment { env[key] = value }
  process.environment = env
  if let directory { process.currentDirectoryURL = directory }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return BinaryRun(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// A temporary directory removed at the end of the test.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "casefile-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  var store: String { url.appendingPathComponent("casefile.sqlite").path }
}
