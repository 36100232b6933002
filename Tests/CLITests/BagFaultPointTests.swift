import Foundation
import Testing

/// TESTPLAN 4.1 "deterministic fault points in packaging": `CASEFILE_FAULT_AT=k` stops
/// `bag create` at its k-th filesystem step; for every k there is either no bag under the
/// final name or one that verifies, and a re-run gives the reference bytes.
@Suite struct BagFaultPointTests {
  @Test func everyFaultPointLeavesNoBagOrAValidOne() throws {
    let directory = try TemporaryDirectory()
    let root = directory.url.path
    for sub in ["in", "keys", "ref", "out"] {
      try FileManager.default.createDirectory(
        atPath: root + "/" + sub, withIntermediateDirectories: true)
    }
    let media = root + "/in/EX-1.bin"
    try Data((0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(
      to: URL(fileURLWithPath: media))
    #expect(try runCasefile(["keys", "generate", "--out", root + "/keys"]).status == 0)
    func create(_ out: String, fault: Int?) throws -> BinaryRun {
      try runCasefile(
        [
          "bag", "create", "--out", out, "--name", "b", "--date", "2026-11-26", "--sign",
          root + "/keys/casefile-signing.key", media,
        ], environment: fault.map { ["CASEFILE_FAULT_AT": String($0)] } ?? [:])
    }
    let reference = try create(root + "/ref", fault: nil)
    #expect(reference.status == 0)
    let referenceBytes = try Data(contentsOf: URL(fileURLWithPath: root + "/ref/b.tar"))
    let final = root + "/out/b.tar"
    var completed = false
    var faults = 0
    for k in 1...200 {
      try? FileManager.default.removeItem(atPath: final)
      let run = try create(root + "/out", fault: k)
      if run.status == 0 {
        completed = true
        break
      }
      #expect(run.status == 137, "step \(k): \(run.stderr)")
      faults += 1
      if FileManager.default.fileExists(atPath: final) {
        let verified = try runCasefile(["verify", final])
        #expect(verified.status == 0, "step \(k) left an invalid bag: \(verified.stdout)")
      }
      // Recovery: the next run removes the leftover and writes the reference bytes.
      let again = try create(root + "/out", fault: nil)
      #expect(again.status == 0)
      #expect(try Data(contentsOf: URL(fileURLWithPath: final)) == referenceBytes, "step \(k)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/out") == ["b.tar"])
    }
    #expect(completed)
    // Create, several writes, fsync, rename and the directory fsync.
    #expect(faults >= 5)
  }
}
