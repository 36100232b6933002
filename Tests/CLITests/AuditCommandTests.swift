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
    try sqlite(
      directory.store, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql)
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
    #expect(try fixture.audit(["log", "--user", "nobody"]).stdout.isEmpty)
    #expect(try fixture.audit(["log", "--for-user", "nobody"]).stdout.isEmpty)
    let byCara = try fixture.audit(["log", "--user", "cara"])
    #expect(byCara.stdout.split(separator: "\n").count == 2)  // the two imports
    #expect(try fixture.audit(["log", "--since", "2999-01-01"]).stdout.isEmpty)
    let none = try fixture.audit(["log", "--since", "2999-01-01", "--format", "json"])
    #expect(none.stdout == "[]\n")
    let allJSON = try fixture.audit(["log", "--format", "json"])
    let parsed = try JSONSerialization.jsonObject(with: Data(allJSON.stdout.utf8)) as? [Any]
    #expect(parsed?.count == 3)
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

@Suite("casefile audit checkpoint")
struct AuditCheckpointCommandTests {
  /// The fixture's store, a key pair in its directory and a checkpoint of its 3 entries.
  private func checkpointed() throws -> (AuditFixture, key: String, pub: String, file: String) {
    let fixture = try AuditFixture()
    let directory = fixture.directory.url.path
    #expect(try runCasefile(["keys", "generate", "--out", directory]).status == 0)
    let key = directory + "/casefile-signing.key"
    let file = directory + "/checkpoint.txt"
    let made = try fixture.audit(["checkpoint", "--sign", key, "--out", file])
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stdout == "audit checkpoint of 3 entries written to \(file)\n")
    return (fixture, key, directory + "/casefile-signing.pub", file)
  }

  private func verify(_ fixture: AuditFixture, _ file: String, _ pub: String) throws -> BinaryRun {
    try fixture.audit(["verify", "--checkpoint", file, "--trust", pub])
  }

  @Test func aCheckpointHoldsAndIsItselfAudited() throws {
    let (fixture, _, pub, file) = try checkpointed()
    let run = try verify(fixture, file, pub)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasSuffix(": holds\n"))
    let log = try fixture.audit(["log", "--format", "json"])
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
    #expect(entries.last?["action"] as? String == "audit-checkpoint")
    #expect((entries.last?["detail"] as? String)?.hasPrefix("entries=3 key=") == true)
  }

  @Test func aTruncatedLogFailsAgainstTheCheckpoint() throws {
    let (fixture, _, pub, file) = try checkpointed()
    try fixture.tamper("DELETE FROM audit_log WHERE seq >= 3;")
    // On its own the shortened log holds together; the checkpoint shows what is missing.
    #expect(try fixture.audit(["verify"]).status == 0)
    let run = try verify(fixture, file, pub)
    #expect(run.status == 1)
    #expect(run.stdout.contains("broken at entry 3 (missing-tail)"))
    #expect(run.stdout.hasSuffix("does NOT hold\n"))
  }

  @Test func aRewrittenTailFailsAgainstTheCheckpoint() throws {
    let (fixture, _, pub, file) = try checkpointed()
    // Entry 3 is replaced and the chain re-hashed from it, as someone with the file and
    // this tool could: only the signed head shows it.
    try fixture.tamper("DELETE FROM audit_log WHERE seq >= 3;")
    let forgedStore = try runCasefile(
      ["import", packageRoot.appendingPathComponent("Samples/records/breach-of-bail.json").path]
        + fixture.store)
    #expect(forgedStore.status == 0, "\(forgedStore.stderr)")
    let run = try verify(fixture, file, pub)
    #expect(run.status == 1)
    #expect(run.stdout.contains("(head-mismatch)"))
  }

  @Test func aCheckpointFromAnotherKeyOrChangedProvesNothing() throws {
    let (fixture, _, _, file) = try checkpointed()
    let other = fixture.directory.url.path + "/other"
    try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: false)
    #expect(try runCasefile(["keys", "generate", "--out", other]).status == 0)
    let wrongKey = try verify(fixture, file, other + "/casefile-signing.pub")
    #expect(wrongKey.status == 1)
    #expect(wrongKey.stdout.contains("proves nothing"))
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try text.replacingOccurrences(of: "Entries: 3", with: "Entries: 2")
      .write(toFile: file, atomically: true, encoding: .utf8)
    let json = try fixture.audit(
      [
        "verify", "--checkpoint", file, "--trust",
        fixture.directory.url.path
          + "/casefile-signing.pub", "--format", "json",
      ])
    #expect(json.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["signatureValid"] as? Bool == false)
    #expect(object["holds"] as? Bool == false)
  }

  @Test func consistencyBetweenCheckpointsIsProvenWithoutTheStore() throws {
    let (fixture, key, pub, file) = try checkpointed()
    let sample = packageRoot.appendingPathComponent("Samples/records/ngap-summary.json").path
    #expect(try runCasefile(["import", sample] + fixture.store).status == 0)
    let second = fixture.directory.url.path + "/second.txt"
    let made = try fixture.audit(["checkpoint", "--sign", key, "--since", file, "--out", second])
    #expect(made.status == 0, "\(made.stderr)")
    let proven = try runCasefile(["audit", "consistency", file, second, "--trust", pub])
    #expect(proven.status == 0, "\(proven.stdout)\(proven.stderr)")
    #expect(proven.stdout.hasPrefix("proven: checkpoint of 5 entries"))
    let json = try runCasefile(
      ["audit", "consistency", file, second, "--trust", pub, "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["holds"] as? Bool == true)
    let backwards = try runCasefile(["audit", "consistency", second, file, "--trust", pub])
    #expect(backwards.status == 1)
    #expect(backwards.stdout.contains("NOT proven"))
    let notACheckpoint = try runCasefile(["audit", "consistency", pub, second, "--trust", pub])
    #expect(notACheckpoint.status == 65)
    #expect(notACheckpoint.stderr.contains("is not an audit checkpoint"))
  }

  @Test func aBrokenChainIsNotSignedAndFilesAreNeverReplaced() throws {
    let (fixture, key, _, file) = try checkpointed()
    let before = try Data(contentsOf: URL(fileURLWithPath: file))
    let again = try fixture.audit(["checkpoint", "--sign", key, "--out", file])
    #expect(again.status == 64)
    #expect(again.stderr.contains("already exists"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    try fixture.tamper("UPDATE audit_log SET detail = 'records=0' WHERE seq = 2;")
    let second = fixture.directory.url.path + "/second.txt"
    let refused = try fixture.audit(["checkpoint", "--sign", key, "--out", second])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("broken at entry 2"))
    #expect(!FileManager.default.fileExists(atPath: second))
    let unpaired = try fixture.audit(["verify", "--checkpoint", file])
    #expect(unpaired.status == 64)
    #expect(unpaired.stderr.contains("--checkpoint and --trust go together"))
  }
}

@Suite("Reads and checks are audited")
struct AuditedReadsTests {
  private func lastEntry(_ fixture: AuditFixture) throws -> [String: Any] {
    let log = try fixture.audit(["log", "--format", "json"])
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
    return try #require(entries.last)
  }

  @Test func listingAndRenderingDocumentsAreRecorded() throws {
    let fixture = try AuditFixture()
    #expect(try runCasefile(["case", "list"] + fixture.store).status == 0)
    let listed = try lastEntry(fixture)
    #expect(listed["action"] as? String == "list")
    #expect(listed["detail"] as? String == "cases=2")
    let documents = try runCasefile(
      ["documents", "20BH0231926", "--for", "defence", "--as-of", "2026-10-20"] + fixture.store)
    #expect(documents.status == 0, "\(documents.stderr)")
    let rendered = try lastEntry(fixture)
    #expect(rendered["action"] as? String == "documents")
    #expect(rendered["urn"] as? String == "20BH0231926")
    #expect((rendered["detail"] as? String)?.hasPrefix("recipient=defence stage=") == true)
    #expect((rendered["detail"] as? String)?.hasSuffix("written=false") == true)
  }

  @Test func verifyingABundleIsRecordedWhenAStoreIsThere() throws {
    let fixture = try AuditFixture()
    let directory = fixture.directory.url.path
    #expect(try runCasefile(["keys", "generate", "--out", directory]).status == 0)
    let built = try runCasefile(
      [
        "build", "20BH0231926", "--for", "defence", "--sign", directory + "/casefile-signing.key",
        "--as-of", "2026-11-26", "--out", directory,
      ] + fixture.store)
    #expect(built.status == 0, "\(built.stderr)")
    let bundle = built.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let verified = try runCasefile(
      ["verify", bundle, "--trust", directory + "/casefile-signing.pub"] + fixture.store)
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    let entry = try lastEntry(fixture)
    #expect(entry["action"] as? String == "verify-bundle")
    #expect(entry["urn"] as? String == "20BH0231926")
    let detail = try #require(entry["detail"] as? String)
    #expect(detail.hasPrefix("valid=true errors=0 "))
    #expect(detail.contains("signature=verified recipient=defence"))
    // Where no store is, nothing is recorded and the check still runs; a named store that
    // does not exist is an error.
    let elsewhere = try TemporaryDirectory()
    let noStore = try runCasefile(["verify", bundle], in: elsewhere.url)
    #expect(noStore.status == 0, "\(noStore.stderr)")
    let missing = try runCasefile(["verify", bundle, "--store", elsewhere.store])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("store"))
  }
}

@Suite("Consulting sensitive material needs a reason")
struct ConsultationTests {
  /// The pre-charge sample holds a sensitive unused item (MG6D); the GAP sample none.
  private let urn = "13LD0412726"

  private func entries(_ fixture: AuditFixture) throws -> [[String: Any]] {
    let log = try fixture.audit(["log", "--format", "json"])
    return try #require(
      try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
  }

  @Test(arguments: [["case", "show"], ["export"], ["export", "--as", "records"]])
  func withoutAReasonTheReadIsRefusedAndRecorded(_ command: [String]) throws {
    let fixture = try AuditFixture()
    let before = try entries(fixture).count
    let arguments = command + [urn]
    let refused = try runCasefile(arguments + fixture.store + ["--user", "dan"])
    #expect(refused.status == 64)
    #expect(refused.stdout.isEmpty)
    #expect(refused.stderr.contains("give --reason"))
    var log = try entries(fixture)
    #expect(log.count == before + 1)
    #expect(log.last?["action"] as? String == "refused")
    #expect(log.last?["user"] as? String == "dan")
    #expect((log.last?["detail"] as? String)?.hasPrefix("refusal=needs-reason ") == true)
    let reason = "review for the MG6D"
    let allowed = try runCasefile(
      arguments + fixture.store + ["--user", "dan", "--reason", reason])
    #expect(allowed.status == 0, "\(allowed.stderr)")
    log = try entries(fixture)
    #expect(log.count == before + 2)
    let entry = try #require(log.last)
    #expect(entry["urn"] as? String == urn)
    #expect(entry["reason"] as? String == reason)
    #expect(entry["user"] as? String == "dan")
    // The entry holds counts and the date asked for: nothing of the case's text.
    let detail = try #require(entry["detail"] as? String)
    #expect(detail.wholeMatch(of: #/records=\d+( asOf=\d{4}-\d{2}-\d{2})?/#) != nil, "\(detail)")
  }

  @Test func aCaseWithoutSensitiveMaterialNeedsNoReason() throws {
    let fixture = try AuditFixture()
    let shown = try runCasefile(["case", "show", "20BH0231926"] + fixture.store)
    #expect(shown.status == 0, "\(shown.stderr)")
    #expect(try entries(fixture).last?["action"] as? String == "show")
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
