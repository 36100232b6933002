import Foundation
import Testing

@testable import CasePackaging

/// Tamper detection (TESTPLAN 4.3): every change to a signed bag is caught, naming the file.
@Suite struct BagTamperTests {
  struct Signed {
    let sandbox: Sandbox
    let key: BagSigningKey
    let archive: String
    let bytes: [UInt8]

    init(serialization: BagSerialization = .tar) throws {
      sandbox = try Sandbox()
      key = BagSigningKey.generate()
      let media = try sandbox.write("in/EX-1.bin", pseudoRandomBytes(50_000))
      var request = sampleRequest(file: media, key: key)
      request.serialization = serialization
      archive = try BagWriter.write(request, to: try sandbox.directory("out"))[0].path
      bytes = Array(try Data(contentsOf: URL(fileURLWithPath: archive)))
    }

    /// Whether verify refuses (throws) or reports the bag invalid with the trusted key.
    func rejects(_ tampered: [UInt8]) throws -> Bool {
      let path = sandbox.path + "/tampered." + (archive.hasSuffix(".zip") ? "zip" : "tar")
      try Data(tampered).write(to: URL(fileURLWithPath: path))
      do {
        return !(try BagReader.verify(path: path, trust: key.publicKey)).isValid
      } catch is PackagingError {
        return true
      }
    }

    /// The offset and length of a tag file's content inside the archive.
    func span(of name: String) throws -> Range<Int> {
      let extracted = try sandbox.directory("x-\(UUID().uuidString)")
      let (status, _) = try runTool(["tar", "-xf", archive, "-C", extracted])
      #expect(status == 0)
      let content = Array(
        try Data(contentsOf: URL(fileURLWithPath: extracted + "/01AB2345678-cps/" + name)))
      let start = try #require(bytes.firstRange(of: content))
      return start
    }

    /// Extracts the bag to a directory and returns the bag root.
    func extract() throws -> String {
      let directory = try sandbox.directory("x-\(UUID().uuidString)")
      let (status, output) = try runTool(["tar", "-xf", archive, "-C", directory])
      #expect(status == 0, "\(output)")
      return directory + "/01AB2345678-cps"
    }
  }

  @Test(arguments: ["manifest-sha256.txt", "tagmanifest-sha256.txt", "signature-ed25519.txt"])
  func everyByteFlipOfManifestAndSignatureIsDetected(file: String) throws {
    let bag = try Signed()
    #expect(!(try bag.rejects(bag.bytes)))
    let span = try bag.span(of: file)
    for offset in span {
      var tampered = bag.bytes
      tampered[offset] ^= 0x01
      #expect(try bag.rejects(tampered), "flipping byte \(offset - span.lowerBound) of \(file)")
    }
  }

  @Test func randomPayloadByteFlipsAreDetected() throws {
    let bag = try Signed()
    let span = try bag.span(of: "data/media/EX-1.bin")
    var state: UInt64 = 7
    for _ in 0..<200 {
      state = state &* 6_364_136_223_846_793_005 &+ 1
      let offset = span.lowerBound + Int(state >> 33) % span.count
      var tampered = bag.bytes
      tampered[offset] ^= UInt8(truncatingIfNeeded: state >> 20) | 1
      #expect(try bag.rejects(tampered))
    }
  }

  @Test func truncatedOrExtendedArchivesAreRefused() throws {
    for serialization in BagSerialization.allCases {
      let bag = try Signed(serialization: serialization)
      for cut in [1, 100, 600, bag.bytes.count / 2] {
        #expect(try bag.rejects(Array(bag.bytes.dropLast(cut))), "\(serialization) cut \(cut)")
      }
      #expect(try bag.rejects(bag.bytes + Array("trailing".utf8)), "\(serialization)")
    }
  }

  /// A structural change made to the extracted bag and the problem code it must give.
  struct Change: CustomStringConvertible, Sendable {
    var name: String
    var code: String
    var apply: @Sendable (String) throws -> Void
    var description: String { name }
  }

  static let changes: [Change] = [
    Change(name: "delete a payload file", code: "missing-file") { root in
      try FileManager.default.removeItem(atPath: root + "/data/documents/MG5.xml")
    },
    Change(name: "add a payload file (smuggling)", code: "unlisted-file") { root in
      try Data("<mg6d/>".utf8).write(to: URL(fileURLWithPath: root + "/data/documents/MG6D.xml"))
    },
    Change(name: "rename a payload file", code: "missing-file") { root in
      try FileManager.default.moveItem(
        atPath: root + "/data/documents/MG5.xml", toPath: root + "/data/documents/MG5b.xml")
    },
    Change(name: "swap two files' contents", code: "checksum-mismatch") { root in
      let a = root + "/data/documents/MG5.xml"
      let b = root + "/data/documents/MG11-1.xml"
      let first = try Data(contentsOf: URL(fileURLWithPath: a))
      try Data(contentsOf: URL(fileURLWithPath: b)).write(to: URL(fileURLWithPath: a))
      try first.write(to: URL(fileURLWithPath: b))
    },
    Change(name: "truncate a payload file", code: "checksum-mismatch") { root in
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/data/media/EX-1.bin"))
      try handle.truncate(atOffset: 1000)
      try handle.close()
    },
    Change(name: "edit bag-info", code: "checksum-mismatch") { root in
      let url = URL(fileURLWithPath: root + "/bag-info.txt")
      let text = try String(contentsOf: url, encoding: .utf8)
      let edited = text.replacingOccurrences(of: "01AB2345678", with: "99ZZ9999999")
      try Data(edited.utf8).write(to: url)
    },
    Change(name: "rewrite both manifests, keep the signature", code: "signature-invalid") { root in
      try Data("<mg5>changed</mg5>\n".utf8).write(
        to: URL(fileURLWithPath: root + "/data/documents/MG5.xml"))
      try rehash(root)
    },
    Change(name: "re-sign with another key", code: "signature-wrong-key") { root in
      try Data("<mg5>changed</mg5>\n".utf8).write(
        to: URL(fileURLWithPath: root + "/data/documents/MG5.xml"))
      let tagManifest = try rehash(root)
      let signature = try BagSignatureFile.make(
        tagManifest: tagManifest, key: BagSigningKey.generate())
      try Data(signature).write(to: URL(fileURLWithPath: root + "/" + BagSignatureFile.name))
    },
    Change(name: "remove the signature", code: "signature-missing") { root in
      try FileManager.default.removeItem(atPath: root + "/" + BagSignatureFile.name)
    },
  ]

  /// Recomputes the manifests of an extracted bag as a forger would; returns the tag manifest.
  @discardableResult
  static func rehash(_ root: String) throws -> [UInt8] {
    var manifest = ""
    let data = root + "/data"
    let enumerator = FileManager.default.enumerator(atPath: data)
    var paths: [String] = []
    while let path = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: data + "/" + path, isDirectory: &isDirectory)
      if !isDirectory.boolValue { paths.append(path) }
    }
    for path in paths.sorted() {
      let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: data + "/" + path)))
      manifest += "\(MultiHasher.digests(of: bytes, [.sha256])[.sha256] ?? "")  data/\(path)\n"
    }
    try Data(manifest.utf8).write(to: URL(fileURLWithPath: root + "/manifest-sha256.txt"))
    var tags = ""
    for name in ["bag-info.txt", "bagit.txt", "manifest-sha256.txt"] {
      let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + name)))
      tags += "\(MultiHasher.digests(of: bytes, [.sha256])[.sha256] ?? "")  \(name)\n"
    }
    try Data(tags.utf8).write(to: URL(fileURLWithPath: root + "/tagmanifest-sha256.txt"))
    return Array(tags.utf8)
  }

  @Test(arguments: changes)
  func structuralChangeIsDetected(change: Change) throws {
    let bag = try Signed()
    let root = try bag.extract()
    let clean = try BagReader.verify(path: root, trust: bag.key.publicKey)
    #expect(clean.isValid, "\(clean.problems)")
    try change.apply(root)
    let report = try BagReader.verify(path: root, trust: bag.key.publicKey)
    #expect(!report.isValid)
    #expect(
      report.errors.contains { $0.code == change.code && $0.file != nil }, "\(report.problems)")
  }

  @Test func caseAndNormalisationDuplicatesAreRefused() throws {
    let bag = try Signed()
    let root = try bag.extract()
    try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/data/documents/mg5.xml"))
    let error = try #require(throws: PackagingError.self) {
      try BagReader.verify(path: root, trust: bag.key.publicKey)
    }
    #expect(error.code == .duplicateEntry)
  }

  @Test func aKeyInsideTheBagIsNeverTrusted() throws {
    let bag = try Signed()
    let root = try bag.extract()
    // A forger signs with their own key and ships its public key in the bag.
    try Data("<mg5>forged</mg5>\n".utf8).write(
      to: URL(fileURLWithPath: root + "/data/documents/MG5.xml"))
    let tagManifest = try Self.rehash(root)
    let forger = BagSigningKey.generate()
    try Data(try BagSignatureFile.make(tagManifest: tagManifest, key: forger)).write(
      to: URL(fileURLWithPath: root + "/" + BagSignatureFile.name))
    try Data(forger.publicKey.fileText.utf8).write(
      to: URL(fileURLWithPath: root + "/casefile-signing.pub"))
    let report = try BagReader.verify(path: root, trust: bag.key.publicKey)
    #expect(!report.isValid)
    #expect(report.errors.contains { $0.code == "signature-wrong-key" })
  }
}
