import Foundation
import Testing

@testable import CasePackaging

/// One BagIt rule case: a hand-made bag and the problem code expected (nil: valid with no
/// problem; a warning code: valid with that warning).
struct RuleCase: CustomStringConvertible, Sendable {
  var name: String
  var expected: String?
  var warning = false
  var make: @Sendable () -> HandBag
  /// Changes made on disk after the bag (and its tag manifest) is written.
  var after: @Sendable (String) throws -> Void = { _ in }

  var description: String { name }
}

private func replacing(_ name: String, _ text: String) -> (inout [String: [UInt8]]) -> Void {
  { files in files[name] = Array(text.utf8) }
}

let ruleCases: [RuleCase] = [
  RuleCase(name: "valid 1.0 bag", expected: nil) { HandBag() },
  RuleCase(
    name: "sha512 bag, sha256 tag manifest", expected: "tag-manifest-algorithm", warning: true
  ) {
    var bag = HandBag()
    bag.algorithms = [.sha512]
    return bag
  },
  RuleCase(name: "valid bag with two manifests", expected: nil) {
    var bag = HandBag()
    bag.algorithms = [.sha256, .sha512]
    return bag
  },
  RuleCase(name: "md5 only is discouraged", expected: "weak-algorithm", warning: true) {
    var bag = HandBag()
    bag.algorithms = [.md5]
    return bag
  },
  RuleCase(name: "0.97 bag with sha1 and binary marker", expected: nil) {
    var bag = HandBag()
    bag.version = "0.97"
    bag.algorithms = [.sha1]
    bag.edit = { files in
      let text = String(decoding: files["manifest-sha1.txt"] ?? [], as: UTF8.self)
      files["manifest-sha1.txt"] = Array(text.replacingOccurrences(of: "  ", with: " *").utf8)
    }
    return bag
  },
  RuleCase(name: "0.93 bag", expected: nil) {
    var bag = HandBag()
    bag.version = "0.93"
    bag.tagManifest = false
    return bag
  },
  RuleCase(name: "percent-encoded name", expected: nil) {
    var bag = HandBag()
    bag.payload = ["data/100%.txt": [1, 2, 3], "data/ spaced name.txt": [4]]
    return bag
  },
  RuleCase(name: "ISO-8859-1 tag files", expected: nil) {
    var bag = HandBag()
    bag.encoding = "ISO-8859-1"
    bag.bagInfo = ["Payload-Oxum: 6.1", "Source-Organization: Caf\u{e9}"]
    bag.edit = { files in
      files["bag-info.txt"] =
        Array("Payload-Oxum: 6.1\nSource-Organization: Caf".utf8) + [0xe9, 0x0a]
    }
    return bag
  },
  RuleCase(name: "UTF-8 tag file that is not UTF-8", expected: "tag-file-encoding") {
    var bag = HandBag()
    bag.edit = { files in
      files["bag-info.txt"] = Array("Payload-Oxum: 6.1\nX: ".utf8) + [0xff, 0x0a]
    }
    return bag
  },
  RuleCase(name: "CRLF line endings", expected: nil) {
    var bag = HandBag()
    bag.edit = { files in
      for name in ["bagit.txt", "manifest-sha256.txt", "bag-info.txt"] {
        let text = String(decoding: files[name] ?? [], as: UTF8.self)
        files[name] = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
      }
    }
    return bag
  },
  RuleCase(name: "continuation line in bag-info", expected: nil) {
    var bag = HandBag()
    bag.bagInfo = ["Payload-Oxum: 6.1", "External-Description: a long", "  description"]
    return bag
  },
  RuleCase(name: "no bagit.txt", expected: "bagit-txt-missing") {
    var bag = HandBag()
    bag.edit = { $0["bagit.txt"] = nil }
    return bag
  },
  RuleCase(name: "unknown BagIt version", expected: "unsupported-version") {
    var bag = HandBag()
    bag.version = "2.0"
    return bag
  },
  RuleCase(name: "bagit.txt with a byte-order mark", expected: "bagit-txt-bom") {
    var bag = HandBag()
    bag.edit = { files in files["bagit.txt"] = [0xef, 0xbb, 0xbf] + (files["bagit.txt"] ?? []) }
    return bag
  },
  RuleCase(name: "bagit.txt lines swapped", expected: "bagit-txt-malformed") {
    var bag = HandBag()
    bag.edit = replacing(
      "bagit.txt", "Tag-File-Character-Encoding: UTF-8\nBagIt-Version: 1.0\n")
    return bag
  },
  RuleCase(name: "unknown tag encoding", expected: "unsupported-encoding") {
    var bag = HandBag()
    bag.encoding = "EBCDIC"
    return bag
  },
  RuleCase(name: "no payload manifest", expected: "no-manifest") {
    var bag = HandBag()
    bag.edit = { $0["manifest-sha256.txt"] = nil }
    return bag
  },
  RuleCase(name: "payload file not listed", expected: "unlisted-file") {
    var bag = HandBag()
    bag.edit = { $0["data/extra.txt"] = [9] }
    return bag
  },
  RuleCase(name: "listed file missing", expected: "missing-file") {
    var bag = HandBag()
    bag.edit = { files in
      let text = String(decoding: files["manifest-sha256.txt"] ?? [], as: UTF8.self)
      files["manifest-sha256.txt"] = Array(
        (text + String(repeating: "0", count: 64) + "  data/gone.txt\n").utf8)
    }
    return bag
  },
  RuleCase(name: "payload changed", expected: "checksum-mismatch") {
    var bag = HandBag()
    bag.edit = { $0["data/hello.txt"] = Array("hellO\n".utf8) }
    return bag
  },
  RuleCase(name: "Payload-Oxum wrong", expected: "oxum-mismatch") {
    var bag = HandBag()
    bag.bagInfo = ["Payload-Oxum: 7.1"]
    return bag
  },
  RuleCase(name: "Payload-Oxum malformed", expected: "oxum-malformed") {
    var bag = HandBag()
    bag.bagInfo = ["Payload-Oxum: six"]
    return bag
  },
  RuleCase(name: "bag-info line without a label", expected: "bag-info-malformed") {
    var bag = HandBag()
    bag.bagInfo = ["Payload-Oxum: 6.1", "just text"]
    return bag
  },
  RuleCase(name: "manifest path escapes the bag", expected: "path-outside-bag") {
    var bag = HandBag()
    bag.edit = { files in
      let text = String(decoding: files["manifest-sha256.txt"] ?? [], as: UTF8.self)
      files["manifest-sha256.txt"] = Array(
        (text + String(repeating: "0", count: 64) + "  data/../../etc/passwd\n").utf8)
    }
    return bag
  },
  RuleCase(name: "manifest path outside data", expected: "manifest-path-not-payload") {
    var bag = HandBag()
    bag.edit = { files in
      let text = String(decoding: files["manifest-sha256.txt"] ?? [], as: UTF8.self)
      files["manifest-sha256.txt"] = Array(
        (text + String(repeating: "0", count: 64) + "  bagit.txt\n").utf8)
    }
    return bag
  },
  RuleCase(name: "manifest lists a file twice", expected: "manifest-duplicate-entry") {
    var bag = HandBag()
    bag.edit = { files in
      let text = String(decoding: files["manifest-sha256.txt"] ?? [], as: UTF8.self)
      files["manifest-sha256.txt"] = Array((text + text).utf8)
    }
    return bag
  },
  RuleCase(name: "manifest line with a short checksum", expected: "manifest-line-malformed") {
    var bag = HandBag()
    bag.edit = { files in
      let text = String(decoding: files["manifest-sha256.txt"] ?? [], as: UTF8.self)
      files["manifest-sha256.txt"] = Array((text + "abc  data/hello.txt\n").utf8)
    }
    return bag
  },
  RuleCase(name: "tag file changed after the tag manifest", expected: "checksum-mismatch") {
    HandBag()
  } after: { root in
    try Data("Payload-Oxum: 6.1\nSource-Organization: changed\n".utf8).write(
      to: URL(fileURLWithPath: root + "/bag-info.txt"))
  },
  RuleCase(name: "fetch.txt names a file not present", expected: "fetch-incomplete") {
    var bag = HandBag()
    bag.edit = { $0["fetch.txt"] = Array("https://example.org/x 10 data/remote.bin\n".utf8) }
    return bag
  },
  RuleCase(name: "unknown manifest algorithm", expected: "unknown-algorithm", warning: true) {
    var bag = HandBag()
    bag.edit = { $0["manifest-sha3.txt"] = Array("abcd  data/hello.txt\n".utf8) }
    return bag
  },
  RuleCase(name: "no data directory", expected: "no-payload-directory") {
    var bag = HandBag()
    bag.payload = [:]
    return bag
  } after: { root in
    try FileManager.default.removeItem(atPath: root + "/data")
  },
]

@Suite struct BagRuleTests {
  @Test(arguments: ruleCases)
  func bagItRule(_ rule: RuleCase) throws {
    let sandbox = try Sandbox()
    let root = try sandbox.directory("bag")
    try rule.make().write(into: root)
    try rule.after(root)
    let report = try BagReader.verify(path: root)
    if let expected = rule.expected {
      let codes = (rule.warning ? report.warnings : report.errors).map(\.code)
      #expect(codes.contains(expected), "\(report.problems)")
      #expect(report.isValid == rule.warning, "\(report.problems)")
    } else {
      #expect(report.isValid, "\(report.problems)")
      #expect(report.problems.isEmpty, "\(report.problems)")
    }
  }

  @Test func directoryWithASymbolicLinkIsRefused() throws {
    let sandbox = try Sandbox()
    let root = try sandbox.directory("bag")
    try HandBag().write(into: root)
    try FileManager.default.createSymbolicLink(
      atPath: root + "/data/link.txt", withDestinationPath: "/etc/passwd")
    #expect(
      throws: PackagingError(.symbolicLink, "the entry is a symbolic link", file: "data/link.txt")
    ) {
      try BagReader.verify(path: root)
    }
  }

  @Test func directoryWithCaseFoldedDuplicatesIsRefused() throws {
    let sandbox = try Sandbox()
    let root = try sandbox.directory("bag")
    var bag = HandBag()
    bag.payload = ["data/A.txt": [1], "data/a.txt": [2]]
    try bag.write(into: root)
    let error = try #require(throws: PackagingError.self) { try BagReader.verify(path: root) }
    #expect(error.code == .duplicateEntry)
  }

  @Test func percentDecodingTouchesOnlyTheThreeCodes() {
    #expect(BagValidator.decodePercent("a%0Ab%0dc%25d%41") == "a\nb\rc%d%41")
  }
}
