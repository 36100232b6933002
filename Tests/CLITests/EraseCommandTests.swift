import Foundation
import Testing

@Suite("casefile erase")
struct EraseCommandTests {
  /// Every file of the store (database, WAL, media), concatenated.
  private func storeBytes(_ directory: TemporaryDirectory) throws -> [UInt8] {
    var bytes: [UInt8] = []
    let root = directory.url.path
    let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    for name in files.sorted() where name.hasPrefix("casefile.sqlite") {
      var isDirectory: ObjCBool = false
      let path = "\(root)/\(name)"
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      bytes += [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
    return bytes
  }

  private func mediaFiles(_ directory: TemporaryDirectory) -> [String] {
    let media = directory.url.appendingPathComponent("casefile.sqlite.media").path
    return (FileManager.default.enumerator(atPath: media)?.compactMap { $0 as? String } ?? [])
      .filter { $0.count > 60 }
  }

  @Test func theErasedBytesAreGoneFromTheDatabaseAndTheMediaStore() throws {
    let directory = try TemporaryDirectory()
    let store = ["--store", directory.store]
    #expect(try runCasefile(["init"] + store).status == 0)
    let samples = packageRoot.appendingPathComponent("Samples/records")
    let work = directory.url.appendingPathComponent("samples")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: samples.appendingPathComponent("media"), to: work.appendingPathComponent("media"))
    let marked = try DocumentsCanaryTests.mark(
      samples.appendingPathComponent("indictable-only.json"))
    let file = work.appendingPathComponent("indictable-only.json")
    try JSONSerialization.data(withJSONObject: marked.json).write(to: file)
    #expect(try runCasefile(["import"] + store + [file.path]).status == 0)
    let other = samples.appendingPathComponent("gap-summary.json").path
    #expect(try runCasefile(["import"] + store + [other]).status == 0)
    let markers = marked.markers.filter { $0.hasPrefix("ZQCANARY") }
    #expect(!markers.isEmpty)
    let before = try storeBytes(directory)
    #expect(markers.contains { bytes(before, contain: $0) }, "the markers were never stored")
    #expect(!mediaFiles(directory).isEmpty)

    let erased = try runCasefile(
      ["erase", "06MC0771226", "--reason", "retention period ended"] + store)
    #expect(erased.status == 0, "\(erased.stderr)")
    #expect(erased.stdout.contains("erased 06MC0771226"))
    let after = try storeBytes(directory)
    for marker in markers {
      #expect(!bytes(after, contain: marker), "\(marker) is still in the store's files")
    }
    #expect(mediaFiles(directory).isEmpty, "media of the erased case are left")
    // The other case, the audit chain and the tombstone remain.
    #expect(try runCasefile(["case", "show", "20BH0231926"] + store).status == 0)
    #expect(try runCasefile(["audit", "verify"] + store).status == 0)
    let log = try runCasefile(["audit", "log", "06MC0771226"] + store)
    #expect(log.stdout.contains("erase"))
    #expect(try runCasefile(["search", "ZQCANARY"] + store).stdout.contains("no matches"))
  }

  @Test func erasingAPersonRemovesTheirDataAndKeepsTheCase() throws {
    let directory = try TemporaryDirectory()
    let store = ["--store", directory.store]
    #expect(try runCasefile(["init"] + store).status == 0)
    // The GAP sample with every personal field of witness P2 a unique marker, and one of
    // the officer P3's kept as a control.
    let sample = packageRoot.appendingPathComponent("Samples/records/gap-summary.json")
    var document = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: sample)) as? [String: Any])
    var cases = try #require(document["cases"] as? [[String: Any]])
    var people = try #require(cases[0]["people"] as? [[String: Any]])
    let erased: [String: Any] = [
      "name": ["given": ["Zqgivenmark"], "family": "Zqfamilymark"],
      "aliases": [["given": ["Zqaliasmark"], "family": "Zqaliasfamily"]],
      "dateOfBirth": "1971-07-17", "gender": "ZQGENDERMARK", "address": "1 ZQADDRESSMARK Road",
      "phone": "07700 913572", "email": "zqemailmark@example.org", "occupation": "ZQOCCUPATION",
    ]
    for (key, value) in erased { people[1][key] = value }
    people[2]["address"] = "2 ZQKEPTMARK Street"
    cases[0]["people"] = people
    var witnesses = try #require(cases[0]["witnesses"] as? [[String: Any]])
    witnesses[0]["specialMeasures"] = ["ZQMEASUREMARK"]
    cases[0]["witnesses"] = witnesses
    document["cases"] = cases
    let file = directory.url.appendingPathComponent("marked.json")
    try JSONSerialization.data(withJSONObject: document).write(to: file)
    let imported = try runCasefile(["import"] + store + [file.path])
    #expect(imported.status == 0, "\(imported.stderr)")
    let markers = [
      "Zqgivenmark", "Zqfamilymark", "Zqaliasmark", "Zqaliasfamily", "1971-07-17",
      "ZQGENDERMARK", "ZQADDRESSMARK", "07700 913572", "zqemailmark", "ZQOCCUPATION",
      "ZQMEASUREMARK",
    ]
    let before = try storeBytes(directory)
    let stored = markers.filter { bytes(before, contain: $0) }
    #expect(stored == markers, "the markers were never stored")

    let run = try runCasefile(
      ["erase", "20BH0231926", "--person", "P2", "--reason", "consent withdrawn"] + store)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("erased person P2 of 20BH0231926: 10 personal data fields"))
    let after = try storeBytes(directory)
    let left = markers.filter { bytes(after, contain: $0) }
    #expect(left == [], "still in the store's files")
    let kept = bytes(after, contain: "ZQKEPTMARK")
    #expect(kept, "the other person's data went too")
    #expect(try runCasefile(["search", "Zqfamilymark"] + store).stdout.contains("no matches"))
    // The case stays whole and checkable; the tombstone names the person by id only.
    #expect(try runCasefile(["check", "20BH0231926"] + store).status == 0)
    #expect(try runCasefile(["audit", "verify"] + store).status == 0)
    let log = try runCasefile(["audit", "log", "20BH0231926"] + store)
    #expect(log.stdout.contains("erase-person"))
    #expect(log.stdout.contains("person=P2"))
    #expect(log.stdout.contains("reason: consent withdrawn"))
    // Again, a defendant, or nobody: each says why, and nothing changes.
    let unchanged = try storeBytes(directory)
    let again = try runCasefile(
      ["erase", "20BH0231926", "--person", "P2", "--reason", "x"] + store)
    #expect(again.status == 65)
    #expect(again.stderr.contains("already erased"))
    let defendant = try runCasefile(
      ["erase", "20BH0231926", "--person", "P1", "--reason", "x"] + store)
    #expect(defendant.status == 64)
    #expect(defendant.stderr.contains("erase the whole case instead"))
    let nobody = try runCasefile(
      ["erase", "20BH0231926", "--person", "P99", "--reason", "x"] + store)
    #expect(nobody.status == 65)
    #expect(nobody.stderr.contains("has no person P99"))
    let same = try storeBytes(directory) == unchanged
    #expect(same, "a refused erasure changed the store")
  }

  @Test func erasingWhatIsAlreadyErasedSaysSo() throws {
    let directory = try TemporaryDirectory()
    let store = ["--store", directory.store]
    #expect(try runCasefile(["init"] + store).status == 0)
    let sample = packageRoot.appendingPathComponent("Samples/records/gap-summary.json").path
    #expect(try runCasefile(["import"] + store + [sample]).status == 0)
    #expect(try runCasefile(["erase", "20BH0231926", "--reason", "test"] + store).status == 0)
    let again = try runCasefile(["erase", "20BH0231926", "--reason", "test"] + store)
    #expect(again.status == 65)
    #expect(again.stderr.contains("may have been erased"))
    #expect(try runCasefile(["erase", "20BH0231926", "--reason", " "] + store).status == 64)
  }

}
