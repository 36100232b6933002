import CasePackaging
import Foundation

extension ImportHarness {
  /// A scratch directory of this process for bundle inputs, made on first use.
  private static let bagScratch: URL = {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("casefile-fuzz-bag-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }()

  /// The bundle invariants: `casefile verify` on any bytes ends with a report or a clean
  /// refusal (never a crash or a hang), and writes nothing: the scratch directory holds only
  /// the input afterwards.
  func checkBag(_ data: Data) throws(Violation) -> FuzzOutcome {
    let directory = Self.bagScratch
    let input = directory.appendingPathComponent("input.bin")
    do {
      try data.write(to: input)
    } catch {
      throw Violation(invariant: "scratch", detail: "cannot write the input")
    }
    let outcome: FuzzOutcome
    do {
      let report = try BundleCommands.verify(path: input.path, trustPath: nil)
      outcome = report.isValid ? .accepted : .rejected
    } catch {
      outcome = .malformed
    }
    let left = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    guard left == ["input.bin"] else {
      throw Violation(
        invariant: "writes-nothing", detail: "verify left \(left.count) entries in the scratch")
    }
    return outcome
  }
}
