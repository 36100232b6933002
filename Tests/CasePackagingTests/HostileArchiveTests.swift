import Foundation
import Testing

@testable import CasePackaging

/// The hostile archive corpus of `scripts/reliability/hostile_archives.py`, read in process.
@Suite struct HostileArchiveTests {
  @Test(.enabled(if: toolAvailable(["python3", "--version"])))
  func everyHostileArchiveIsRefusedWithItsCode() throws {
    let sandbox = try Sandbox()
    let corpus = sandbox.path + "/corpus"
    let script = packageRoot.appendingPathComponent("scripts/reliability/hostile_archives.py").path
    let (status, output) = try runTool(["python3", script, "--generate", corpus])
    #expect(status == 0, "\(output)")
    let data = try Data(contentsOf: URL(fileURLWithPath: corpus + "/expected.json"))
    let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
    #expect(expected.count >= 16)
    for (name, code) in expected.sorted(by: { $0.key < $1.key }) {
      let start = Date()
      do {
        let report = try BagReader.verify(path: corpus + "/" + name)
        Issue.record("\(name) was read: \(report.problems)")
      } catch let error as PackagingError {
        #expect(error.code.rawValue == code, "\(name): \(error)")
      }
      #expect(Date().timeIntervalSince(start) < 2, "\(name) took too long")
    }
  }
}

/// The reader's limits, tightened so small archives cross them.
@Suite struct BagReadLimitTests {
  func bag(files: Int, size: Int) throws -> (Sandbox, String) {
    let sandbox = try Sandbox()
    let payload = (0..<files).map {
      BagPayloadEntry(path: "f\($0).bin", source: .bytes([UInt8](repeating: 0, count: size)))
    }
    let request = BagRequest(name: "limits", payload: payload, baggingDate: "2026-11-26")
    let path = try BagWriter.write(request, to: try sandbox.directory("out"))[0].path
    return (sandbox, path)
  }

  @Test func tooManyEntries() throws {
    let (sandbox, path) = try bag(files: 10, size: 1)
    var limits = BagReadLimits()
    limits.maxEntries = 8
    let error = try #require(throws: PackagingError.self) {
      try BagReader.verify(path: path, limits: limits)
    }
    #expect(error.code == .tooManyEntries)
    _ = sandbox
  }

  @Test func entryTooLarge() throws {
    let (sandbox, path) = try bag(files: 1, size: 100_000)
    var limits = BagReadLimits()
    limits.maxEntryBytes = 50_000
    let error = try #require(throws: PackagingError.self) {
      try BagReader.verify(path: path, limits: limits)
    }
    #expect(error.code == .entryTooLarge)
    _ = sandbox
  }

  @Test func totalBytesCap() throws {
    let (sandbox, path) = try bag(files: 4, size: 100_000)
    var limits = BagReadLimits()
    limits.maxTotalBytes = 250_000
    let error = try #require(throws: PackagingError.self) {
      try BagReader.verify(path: path, limits: limits)
    }
    #expect(error.code == .decompressionBomb)
    _ = sandbox
  }

  @Test func tooDeepAndTooLongNames() throws {
    let limits = BagReadLimits()
    #expect(throws: PackagingError.self) {
      try EntryName.check(Array(repeating: "d", count: 17).joined(separator: "/"), limits: limits)
    }
    #expect(throws: PackagingError.self) {
      try EntryName.check("bag/" + String(repeating: "n", count: 256), limits: limits)
    }
    #expect(try EntryName.check("./bag/data/a b.txt", limits: limits) == "bag/data/a b.txt")
  }
}
