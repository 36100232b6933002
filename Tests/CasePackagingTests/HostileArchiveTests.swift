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
