import Foundation
import Testing

@testable import CaseStore

@Suite("Store: media objects", .temporaryDirectory)
struct StoreMediaTests {
  private func mediaStore() throws -> (TemporaryDirectory, MediaStore) {
    let directory = try TemporaryDirectory()
    return (directory, try MediaStore(directory: directory.path("casefile.sqlite.media")))
  }

  @Test func storesContentUnderItsHashAndDeduplicates() throws {
    let (directory, media) = try mediaStore()
    let content = "CCTV frame bytes"
    let expected = StoreFixtures.sha256(Data(content.utf8))
    let first = try media.ingest(fileAt: directory.write("a.bin", content), expectedSHA256: nil)
    #expect(
      first == MediaIngest(sha256: expected, size: Int64(content.utf8.count), alreadyPresent: false)
    )
    let second = try media.ingest(
      fileAt: directory.write("b.bin", content), expectedSHA256: expected.uppercased())
    #expect(second.alreadyPresent)
    #expect(second.sha256 == expected)
    let stored = media.url(for: expected)
    #expect(
      stored.path.hasSuffix("/\(expected.prefix(2))/\(expected.dropFirst(2).prefix(2))/\(expected)")
    )
    #expect(try String(contentsOf: stored, encoding: .utf8) == content)
    #expect(media.contains(expected))
    #expect(try temporaryFiles(in: media).isEmpty)
    try media.remove(expected)
    #expect(!media.contains(expected))
    try media.remove(expected)
  }

  @Test func refusesContentThatDoesNotMatchTheExpectedHash() throws {
    let (directory, media) = try mediaStore()
    let wrong = String(repeating: "0", count: 64)
    let error = try #require(throws: StoreError.self) {
      try media.ingest(fileAt: directory.write("a.bin", "content"), expectedSHA256: wrong)
    }
    #expect(error.code == .mediaMismatch)
    #expect(!media.contains(StoreFixtures.sha256(Data("content".utf8))))
    #expect(try temporaryFiles(in: media).isEmpty)
  }

  @Test func refusesASymbolicLink() throws {
    let (directory, media) = try mediaStore()
    let target = try directory.write("target.bin", "content")
    let link = directory.path("link.bin")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    let error = try #require(throws: StoreError.self) {
      try media.ingest(fileAt: link, expectedSHA256: nil)
    }
    #expect(error.code == .unsupportedFile)
  }

  @Test func refusesADirectoryAndAFIFO() throws {
    let (directory, media) = try mediaStore()
    let error = try #require(throws: StoreError.self) {
      try media.ingest(fileAt: directory.url, expectedSHA256: nil)
    }
    #expect(error.code == .unsupportedFile)
    let fifo = directory.path("pipe")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    #expect(throws: StoreError.self) { try media.ingest(fileAt: fifo, expectedSHA256: nil) }
  }

  @Test func removesTemporaryFilesAnInterruptedIngestLeftBehind() throws {
    let (_, media) = try mediaStore()
    let leftover = media.directory.appendingPathComponent("999999999-1-2.tmp")
    let anonymous = media.directory.appendingPathComponent("partial.tmp")
    let mine = media.directory.appendingPathComponent("\(getpid())-1-2.tmp")
    for file in [leftover, anonymous, mine] { try Data("partial".utf8).write(to: file) }
    let reopened = try MediaStore(directory: media.directory)
    #expect(try temporaryFiles(in: reopened) == [mine.lastPathComponent])
  }

  @Test func streamsALargeFileWithoutHoldingItInMemory() throws {
    let (directory, media) = try mediaStore()
    let large = directory.path("large.bin")
    #expect(FileManager.default.createFile(atPath: large.path, contents: nil))
    let handle = try FileHandle(forWritingTo: large)
    try handle.truncate(atOffset: 200 << 20)
    try handle.close()
    resetPeakMemory()
    let before = try peakMemoryKiB()
    let ingest = try media.ingest(fileAt: large, expectedSHA256: nil)
    let growth = try peakMemoryKiB() - before
    #expect(ingest.size == 200 << 20)
    #expect(ingest.sha256 == "72abf2ca8f36943ebe2e49ca3a51d409ca5f0bfcffab6c9d25643c17c32889da")
    #expect(growth < 64 << 10, "peak memory grew by \(growth) KiB")
  }

  private func temporaryFiles(in media: MediaStore) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: media.directory.path)
      .filter { $0.hasSuffix(".tmp") }
  }

  /// The process's peak resident set size (`VmHWM`), in KiB.
  private func peakMemoryKiB() throws -> Int {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
    return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
  }

  /// Resets the peak resident set size to the current one (Linux `clear_refs` value 5).
  private func resetPeakMemory() {
    try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
  }
}
