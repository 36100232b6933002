import Foundation
import Testing

/// A new store holding every records sample in `Samples/records/`.
func storeWithEverySample() throws -> TemporaryDirectory {
  let directory = try TemporaryDirectory()
  #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
  let samples = packageRoot.appendingPathComponent("Samples/records")
  let files = try FileManager.default.contentsOfDirectory(atPath: samples.path)
    .filter { $0.hasSuffix(".json") }.sorted().map { samples.appendingPathComponent($0).path }
  let imported = try runCasefile(["import", "--store", directory.store] + files)
  #expect(imported.status == 0, "\(imported.stderr)")
  return directory
}

/// Runs `tar` and returns what it printed.
func tar(_ arguments: [String]) throws -> String {
  try run("/usr/bin/env", ["tar"] + arguments)
}

/// Runs SQL on a store with the sqlite3 shell (behind casefile's back) and returns what it
/// printed, trimmed; the shell must succeed.
@discardableResult
func sqlite(_ store: String, _ query: String) throws -> String {
  try run("/usr/bin/sqlite3", [store, query]).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Whether `marker`'s UTF-8 bytes occur in `haystack`.
func bytes(_ haystack: [UInt8], contain marker: String) -> Bool {
  let needle = Array(marker.utf8)
  guard let first = needle.first, haystack.count >= needle.count else { return false }
  var index = 0
  while index <= haystack.count - needle.count {
    if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
      return true
    }
    index += 1
  }
  return false
}

/// Runs a program, expects it to exit 0, and returns its standard output.
private func run(_ executable: String, _ arguments: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let output = Pipe()
  process.standardOutput = output
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0, "\(executable) \(arguments.first ?? "") failed")
  return String(decoding: data, as: UTF8.self)
}
