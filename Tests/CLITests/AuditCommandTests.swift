import Foundation
import Testing

/// A store with two imported sample cases, for `casefile audit`.
private struct AuditFixture {
  let directory: TemporaryDirectory
  var store: [String] { ["--store", directory.store] }

  init() throws {
    directory = try TemporaryDirectory()
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    for sample in ["gap-summary.json", "pre-charge-mg3.json"] {
      let path = packageRoot.appendingPathComponent("Samples/records/\(sample)").path
      let imported = try runCasefile(["import", path, "--user", "cara"] + store)
      #expect(imported.status == 0, "\(imported.stderr)")
    }
  }

  func audit(_ arguments: [String]) throws -> BinaryRun {
    try runCasefile(["audit"] + arguments + store)
  }

  /// Runs SQL on the store with the sqlite3 shell, the append-only triggers dropped first.
  func tamper(_ sql: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [
      directory.store,
      "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql,
    ]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }
}

@Suite("casefile audit")
struct AuditCommandTests {
  @Test func verifyExitsZeroOnAnIntactChain() throws {
    let fixture = try AuditFixture()
    let run = try fixture.audit(["verify"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("audit log intact: 3 entries, head "))
    let json = try fixture.audit(["verify", "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["intact"] as? Bool == true)
    #expect(object["entries"] as? Int == 3)
  }

  @Test func logShowsEntriesFilteredByCaseUserAndDate() throws {
    let fixture = try AuditFixture()
    let all = try fixture.audit(["log"])
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.split(separator: "\n").count == 3)  // init and two imports
    let one = try fixture.audit(["log", "20BH0231926", "--format", "json"])
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [[String: Any]])
    #expect(entries.count == 1)
    #expect(entries.first?["urn"] as? String == "20BH0231926")
    #expect(entries.first?["user"] as? String == "cara")
    #expect(try fixture.audit(["log", "--for-user", "nobody"]).stdout.isEmpty)
    #expect(try fixture.audit(["log", "--since", "2999-01-01"]).stdout.isEmpty)
    let since = try fixture.audit(["log", "--since", "2000-01-01"])
    #expect(since.stdout.split(separator: "\n").count == 3)
    let bad = try fixture.audit(["log", "--since", "yesterday"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--since"))
  }

  @Test func exportWritesJSONLinesWithTheHashes() throws {
    let fixture = try AuditFixture()
    let run = try fixture.audit(["export"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    var previous = String(repeating: "0", count: 64)
    for (index, line) in lines.enumerated() {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object["seq"] as? Int == index + 1)
      #expect(object["prevHash"] as? String == previous)
      let hash = try #require(object["hash"] as? String)
      #expect(hash.count == 64)
      for key in ["at", "user", "action", "urn", "detail", "reason"] {
        #expect(object.keys.contains(key))
      }
      previous = hash
    }
  }

  @Test func verifyExitsOneNamingTheFirstBrokenEntry() throws {
    let fixture = try AuditFixture()
    try fixture.tamper("UPDATE audit_log SET detail = 'records=0' WHERE seq = 2;")
    let run = try fixture.audit(["verify"])
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("audit log broken at entry 2 (hash-mismatch)"))
  }

  @Test func verifyFindsATruncatedTailAgainstTheExpectedCount() throws {
    let fixture = try AuditFixture()
    try fixture.tamper("DELETE FROM audit_log WHERE seq = 3;")
    #expect(try fixture.audit(["verify"]).status == 0)
    let run = try fixture.audit(["verify", "--expect-count", "3"])
    #expect(run.status == 1)
    #expect(run.stdout.hasPrefix("audit log broken at entry 3 (missing-tail)"))
    #expect(try fixture.audit(["verify", "--expect-head", "xyz"]).status == 64)
  }

  @Test func twoProcessesWritingAtOnceLeaveALinearChain() throws {
    let fixture = try AuditFixture()
    let samples = ["ngap-summary.json", "indictable-only.json"].map {
      packageRoot.appendingPathComponent("Samples/records/\($0)").path
    }
    let store = fixture.store
    let group = DispatchGroup()
    for sample in samples {
      group.enter()
      DispatchQueue.global().async {
        defer { group.leave() }
        for _ in 0..<5 {
          _ = try? runCasefile(["import", "--replace", sample] + store)
        }
      }
    }
    group.wait()
    let run = try fixture.audit(["verify"])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.hasPrefix("audit log intact: 13 entries"))
  }
}

@Suite("casefile import --timings")
struct ImportTimingsTests {
  @Test func timingsGiveTheAuditLogsAndSearchIndexsShares() throws {
    let directory = try TemporaryDirectory()
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    let samples = ["gap-summary.json", "pre-charge-mg3.json"].map {
      packageRoot.appendingPathComponent("Samples/records/\($0)").path
    }
    let run = try runCasefile(["import", "--timings", "--store", directory.store] + samples)
    #expect(run.status == 0, "\(run.stderr)")
    // Standard output is the usual import lines; the timings go to standard error.
    #expect(run.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("imported ") })
    let line = try #require(run.stderr.split(separator: "\n").last.map(String.init))
    let pattern =
      #/timings: import (\d+\.\d{3}) s; saving \d+\.\d{3} s \(\d+\.\d%\); audit log \d+\.\d{3} s \(\d+\.\d%\) for (\d+) entries; search index \d+\.\d{3} s \(\d+\.\d%\)/#
    let match = try #require(line.wholeMatch(of: pattern), "\(line)")
    #expect(Int(match.2) == 2)  // one audit entry per case imported
    #expect((Double(match.1) ?? 0) > 0)
  }
}
