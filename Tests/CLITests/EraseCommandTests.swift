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
    #expect(markers.contains { contains(before, $0) }, "the markers were never stored")
    #expect(!mediaFiles(directory).isEmpty)

    let erased = try runCasefile(
      ["erase", "06MC0771226", "--reason", "retention period ended"] + store)
    #expect(erased.status == 0, "\(erased.stderr)")
    #expect(erased.stdout.contains("erased 06MC0771226"))
    let after = try storeBytes(directory)
    for marker in markers {
      #expect(!contains(after, marker), "\(marker) is still in the store's files")
    }
    #expect(mediaFiles(directory).isEmpty, "media of the erased case are left")
    // The other case, the audit chain and the tombstone remain.
    #expect(try runCasefile(["case", "show", "20BH0231926"] + store).status == 0)
    #expect(try runCasefile(["audit", "verify"] + store).status == 0)
    let log = try runCasefile(["audit", "log", "06MC0771226"] + store)
    #expect(log.stdout.contains("erase"))
    #expect(try runCasefile(["search", "ZQCANARY"] + store).stdout.contains("no matches"))
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

  private func contains(_ haystack: [UInt8], _ marker: String) -> Bool {
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
}
