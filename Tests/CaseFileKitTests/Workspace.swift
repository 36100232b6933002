import CaseFileKit
import CaseStore
import Foundation
import Testing

/// The package's root directory, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()

/// A temporary directory with a fresh store in it, removed when the test ends.
final class Workspace {
  let directory: URL
  let context: CaseFileContext

  init(createStore: Bool = true) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "casefile-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    context = CaseFileContext(
      store: directory.appendingPathComponent("store.sqlite").path, user: "tester",
      schemasDirectory: packageRoot.appendingPathComponent("Schemas").path,
      dcfDirectory: packageRoot.appendingPathComponent("../shared/reference/dcf-1.2.2")
        .standardizedFileURL.path)
    if createStore { _ = try StoreCommands.initStore(context) }
  }

  deinit {
    try? FileManager.default.removeItem(at: directory)
  }

  /// Writes a file into the workspace and returns its path.
  @discardableResult
  func write(_ name: String, _ data: Data) throws -> String {
    let url = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
    return url.path
  }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, Data(text.utf8))
  }

  /// A fingerprint of every byte of the store: the database, its WAL and the media store.
  func storeFingerprint() throws -> [String: Data] {
    var result: [String: Data] = [:]
    let fileManager = FileManager.default
    guard let walker = fileManager.enumerator(at: directory, includingPropertiesForKeys: nil) else {
      return result
    }
    for case let url as URL in walker
    where url.lastPathComponent.hasPrefix("store.sqlite") || url.path.contains(".media/") {
      var isDirectory: ObjCBool = false
      if fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
      {
        result[url.path] = try Data(contentsOf: url)
      }
    }
    return result
  }
}

/// Every bundled records sample.
func recordSampleFiles() throws -> [String] {
  let directory = packageRoot.appendingPathComponent("Samples/records")
  return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
    $0.hasSuffix(".json")
  }.sorted()
    .map { directory.appendingPathComponent($0).path }
}
