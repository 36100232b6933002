import CaseFileKit
import Foundation

/// The harness for the target `CASEFILE_FUZZ_TARGET` names, made once on first use.
///
/// A harness that cannot be set up (no schemas, no DCF rule pack) is a broken build, not a
/// finding, but there is nothing to fuzz without it, so it stops the process.
let sharedHarness: ImportHarness = {
  do {
    return try ImportHarness.located(target: try FuzzTarget.fromEnvironment())
  } catch {
    fatalError("casefile-fuzz: \(error)")
  }
}()

#if FUZZING
  /// libFuzzer's initialisation hook: loads the schemas before the first input is timed.
  @_cdecl("LLVMFuzzerInitialize")
  public func fuzzerInitialize(
    _ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?
  ) -> Int32 {
    _ = sharedHarness.target
    return 0
  }

  /// libFuzzer's entry point: one input through the import path; traps on a broken invariant.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    sharedHarness.run(Data(bytes: data, count: size))
    return 0
  }
#else
  /// Replays saved inputs (crashers, regression files, a corpus) through the harness.
  ///
  /// `casefile-fuzz FILE|DIR...` runs every file named and every file under every directory
  /// named, prints each outcome, and exits 1 when an invariant breaks (a crash in the import
  /// path stops the process, as it would under libFuzzer). The target comes from
  /// `CASEFILE_FUZZ_TARGET` (`records` or `dcf`); `CASEFILE_FUZZ_IGNORE` lists invariants to
  /// tolerate, comma-separated.
  @main
  struct FuzzReplay {
    /// Runs the command line.
    static func main() {
      let arguments = CommandLine.arguments.dropFirst()
      if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") {
        print("usage: CASEFILE_FUZZ_TARGET=records|dcf casefile-fuzz FILE|DIR...")
        exit(arguments.isEmpty ? 2 : 0)
      }
      let harness = sharedHarness
      var broken = 0
      var counts: [FuzzOutcome: Int] = [:]
      for file in inputFiles(Array(arguments)) {
        guard let data = FileManager.default.contents(atPath: file) else {
          print("unreadable \(file)")
          broken += 1
          continue
        }
        do {
          let outcome = try harness.check(data)
          counts[outcome, default: 0] += 1
          print("\(outcome.rawValue) \(file)")
        } catch {
          broken += 1
          print("BROKEN \(file): \(error)")
        }
      }
      let summary = [FuzzOutcome.malformed, .rejected, .accepted, .tolerated].map {
        "\(counts[$0, default: 0]) \($0.rawValue)"
      }
      print(
        "\(harness.target.rawValue): " + summary.joined(separator: ", ") + ", \(broken) broken")
      exit(broken == 0 ? 0 : 1)
    }

    /// The files named and every regular file under the directories named, sorted per
    /// directory.
    static func inputFiles(_ arguments: [String]) -> [String] {
      let fileManager = FileManager.default
      var files: [String] = []
      for argument in arguments {
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: argument, isDirectory: &isDirectory),
          isDirectory.boolValue
        else {
          files.append(argument)
          continue
        }
        let found = (fileManager.subpaths(atPath: argument) ?? []).map {
          URL(fileURLWithPath: argument).appendingPathComponent($0).path
        }
        files += found.filter { path in
          var nested: ObjCBool = false
          return fileManager.fileExists(atPath: path, isDirectory: &nested) && !nested.boolValue
        }.sorted()
      }
      return files
    }
  }
#endif
