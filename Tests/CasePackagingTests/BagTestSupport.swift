import Crypto
import Foundation

@testable import CasePackaging

/// A temporary directory removed at the end of the test.
final class Sandbox {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "casefile-bag-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Creates a subdirectory and returns its path.
  func directory(_ name: String) throws -> String {
    let path = url.appendingPathComponent(name).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Writes a file (making its directories) and returns its path.
  @discardableResult
  func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
    let file = url.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: file)
    return file.path
  }

  @discardableResult
  func write(_ relative: String, _ text: String) throws -> String {
    try write(relative, Array(text.utf8))
  }
}

/// The package's root directory.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// A small request for tests: two documents in memory and one streamed file.
func sampleRequest(
  name: String = "01AB2345678-cps", file: String, key: BagSigningKey? = nil
) -> BagRequest {
  var request = BagRequest(
    name: name,
    payload: [
      BagPayloadEntry(
        path: "documents/MG5.xml", source: .bytes(Array("<mg5>£ café Cymraeg ŵ</mg5>\n".utf8))),
      BagPayloadEntry(path: "documents/MG11-1.xml", source: .bytes(Array("<mg11/>\n".utf8))),
      BagPayloadEntry(path: "media/EX-1.bin", source: .file(file)),
    ],
    baggingDate: "2026-11-26")
  request.sourceOrganization = "Test Constabulary"
  request.externalIdentifier = "01AB2345678"
  if let key {
    request.signingKey = key
    request.profileIdentifier = CasefileProfile.identifier
  }
  return request
}

/// Deterministic pseudo-random bytes.
func pseudoRandomBytes(_ count: Int, seed: UInt64 = 42) -> [UInt8] {
  var state = seed
  return (0..<count).map { _ in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return UInt8(truncatingIfNeeded: state >> 33)
  }
}

/// Runs a program and returns its exit status and combined output.
func runTool(_ arguments: [String], in directory: String? = nil) throws -> (Int32, String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Whether a program is on the PATH (or a Python module importable, for `python3 -c`).
func toolAvailable(_ arguments: [String]) -> Bool {
  ((try? runTool(arguments))?.0 ?? 1) == 0
}

/// A hand-made directory bag for the BagIt rule tables.
struct HandBag {
  var version = "1.0"
  var encoding = "UTF-8"
  var payload: [String: [UInt8]] = ["data/hello.txt": Array("hello\n".utf8)]
  var algorithms: [DigestAlgorithm] = [.sha256]
  var bagInfo: [String]? = nil
  var tagManifest = true
  /// Edits applied to the file texts just before they are written.
  var edit: (inout [String: [UInt8]]) -> Void = { _ in }

  func write(into directory: String) throws {
    var files: [String: [UInt8]] = payload
    files["bagit.txt"] = Array(
      "BagIt-Version: \(version)\nTag-File-Character-Encoding: \(encoding)\n".utf8)
    let octets = payload.values.reduce(0) { $0 + $1.count }
    files["bag-info.txt"] = Array(
      ((bagInfo ?? ["Payload-Oxum: \(octets).\(payload.count)"]).map { $0 + "\n" }.joined()).utf8)
    for algorithm in algorithms {
      var manifest = ""
      for (path, bytes) in payload.sorted(by: { $0.key < $1.key }) {
        let digest = MultiHasher.digests(of: bytes, [algorithm])[algorithm] ?? ""
        let encoded = "data/" + BagWriter.encodeManifestPath(String(path.dropFirst(5)))
        manifest += "\(digest)  \(encoded)\n"
      }
      files["manifest-\(algorithm.rawValue).txt"] = Array(manifest.utf8)
    }
    var edited = files
    edit(&edited)
    if tagManifest {
      var text = ""
      for name in edited.keys.sorted() where !name.hasPrefix("data/") {
        let digest = MultiHasher.digests(of: edited[name] ?? [], [.sha256])[.sha256] ?? ""
        text += "\(digest)  \(name)\n"
      }
      edited["tagmanifest-sha256.txt"] = Array(text.utf8)
    }
    try FileManager.default.createDirectory(
      atPath: directory + "/data", withIntermediateDirectories: true)
    for (path, bytes) in edited {
      let url = URL(fileURLWithPath: directory + "/" + path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
  }
}
