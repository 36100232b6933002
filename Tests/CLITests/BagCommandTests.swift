import Foundation
import Testing

/// `casefile keys generate`, `bag create`, `verify` and `inspect`, run as the built binary.
@Suite struct BagCommandTests {
  /// A directory with two payload files and a key pair.
  struct Fixture {
    let directory: TemporaryDirectory
    var path: String { directory.url.path }
    var key: String { path + "/keys/casefile-signing.key" }
    var pub: String { path + "/keys/casefile-signing.pub" }
    var files: [String] { [path + "/in/MG5.xml", path + "/in/EX-1.bin"] }

    init() throws {
      directory = try TemporaryDirectory()
      let manager = FileManager.default
      for sub in ["in", "keys", "out"] {
        try manager.createDirectory(
          atPath: directory.url.path + "/" + sub, withIntermediateDirectories: true)
      }
      try Data("<mg5>£ Cymraeg ŵ</mg5>\n".utf8).write(to: URL(fileURLWithPath: files[0]))
      try Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(
        to: URL(fileURLWithPath: files[1]))
      let run = try runCasefile(["keys", "generate", "--out", path + "/keys"])
      #expect(run.status == 0, "\(run.stderr)")
    }

    func create(_ extra: [String] = [], out: String? = nil) throws -> BinaryRun {
      try runCasefile(
        [
          "bag", "create", "--out", out ?? path + "/out", "--name", "01AB2345678-cps", "--date",
          "2026-11-26", "--sign", key, "--external-identifier", "01AB2345678",
        ] + extra + files)
    }
  }

  @Test func keysGenerateWritesAPrivateKeyOnlyTheOwnerCanRead() throws {
    let fixture = try Fixture()
    let attributes = try FileManager.default.attributesOfItem(atPath: fixture.key)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let text = try String(contentsOfFile: fixture.pub, encoding: .utf8)
    #expect(text.hasPrefix("casefile-ed25519-public-v1 "))
    let again = try runCasefile(["keys", "generate", "--out", fixture.path + "/keys"])
    #expect(again.status == 64)
    #expect(again.stderr.contains("never overwritten"))
  }

  @Test func createThenVerifyWithTheTrustedKey() throws {
    let fixture = try Fixture()
    let created = try fixture.create()
    #expect(created.status == 0, "\(created.stderr)")
    let archive = fixture.path + "/out/01AB2345678-cps.tar"
    #expect(created.stdout.hasPrefix(archive + " "))
    let verified = try runCasefile(["verify", archive, "--trust", fixture.pub])
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(verified.stdout.contains("signature: verified with trusted key"))
    let json = try runCasefile(["verify", archive, "--trust", fixture.pub, "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["valid"] as? Bool == true)
    #expect((object["signature"] as? [String: Any])?["status"] as? String == "verified")
    #expect(object["profileChecked"] as? Bool == true)
    let inspected = try runCasefile(["inspect", archive])
    #expect(inspected.status == 0)
    #expect(inspected.stdout.contains("data/EX-1.bin"))
    #expect(inspected.stdout.contains("External-Identifier: 01AB2345678"))
    let inspectedJSON = try runCasefile(["inspect", archive, "--format", "json"])
    let listing = try #require(
      try JSONSerialization.jsonObject(with: Data(inspectedJSON.stdout.utf8)) as? [String: Any])
    let files = try #require(listing["files"] as? [[String: Any]])
    #expect(
      files.contains { $0["path"] as? String == "data/EX-1.bin" && $0["size"] as? Int == 200_000 })
    #expect(files.contains { $0["path"] as? String == "signature-ed25519.txt" })
  }

  @Test func theSameInputsGiveTheSameBytesUnderAnotherUmask() throws {
    let fixture = try Fixture()
    var hashes: [String] = []
    for (index, mask) in ["022", "077"].enumerated() {
      let out = fixture.path + "/out\(index)"
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      let arguments =
        [
          "bag", "create", "--out", out, "--name", "b", "--date", "2026-11-26", "--sign",
          fixture.key,
        ]
        + fixture.files
      let command = "umask \(mask) && exec \"$0\" \"$@\""
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", command, casefileBinary().path] + arguments
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      hashes.append(
        String(output.split(separator: " ").last ?? "").trimmingCharacters(in: .newlines))
    }
    #expect(hashes[0].count == 64)
    #expect(hashes[0] == hashes[1])
  }

  @Test func verifyNamesEveryProblemAndExitsOne() throws {
    let fixture = try Fixture()
    #expect(try fixture.create(["--serialization", "zip"]).status == 0)
    let archive = fixture.path + "/out/01AB2345678-cps.zip"
    let other = try TemporaryDirectory()
    #expect(try runCasefile(["keys", "generate", "--out", other.url.path]).status == 0)
    let wrongKey = try runCasefile([
      "verify", archive, "--trust", other.url.path + "/casefile-signing.pub", "--format", "json",
    ])
    #expect(wrongKey.status == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(wrongKey.stdout.utf8)) as? [String: Any])
    let errors = try #require(object["errors"] as? [[String: Any]])
    #expect(errors.contains { $0["code"] as? String == "signature-wrong-key" })
    #expect(errors.allSatisfy { $0["file"] as? String != nil })
  }

  @Test func unreadableArchivesAndBadKeysExit65() throws {
    let fixture = try Fixture()
    let garbage = fixture.path + "/in/garbage.zip"
    try Data("Rar!\u{1a}\u{07}\u{00} not a zip".utf8).write(to: URL(fileURLWithPath: garbage))
    let refused = try runCasefile(["verify", garbage])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("[unsupported-format]"))
    #expect(try fixture.create().status == 0)
    let badKey = try runCasefile([
      "verify", fixture.path + "/out/01AB2345678-cps.tar", "--trust", fixture.files[0],
    ])
    #expect(badKey.status == 65)
  }

  @Test func splitsWithMaxPartSize() throws {
    let fixture = try Fixture()
    let run = try fixture.create(["--max-part-size", "150000"])
    #expect(run.status == 65, "a 200 KB file cannot fit a 150 KB part: \(run.stderr)")
    let second = fixture.path + "/in/EX-2.bin"
    try FileManager.default.copyItem(atPath: fixture.files[1], toPath: second)
    let ok = try runCasefile(
      [
        "bag", "create", "--out", fixture.path + "/out", "--name", "split", "--date",
        "2026-11-26", "--sign", fixture.key, "--max-part-size", "300000",
      ] + fixture.files + [second])
    #expect(ok.status == 0, "\(ok.stderr)")
    let lines = ok.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    for (index, line) in lines.enumerated() {
      let path = String(line.split(separator: " ")[0])
      #expect(path.hasSuffix("split-\(index + 1)-of-2.tar"))
      let verified = try runCasefile(["verify", path, "--trust", fixture.pub])
      #expect(verified.status == 0, "\(verified.stdout)")
      #expect(verified.stdout.contains("valid"))
    }
  }

  @Test func verifyValidatesCasefileXMLAgainstItsSchema() throws {
    let fixture = try Fixture()
    let invalid = fixture.path + "/in/MG5.xml"
    try Data(
      "<?xml version=\"1.0\"?>\n<mg5 xmlns=\"urn:casefile:form:mg5:1\"><nonsense/></mg5>\n".utf8
    )
    .write(to: URL(fileURLWithPath: invalid))
    let doctype = fixture.path + "/in/MG11.xml"
    try Data("<!DOCTYPE a [<!ENTITY x \"y\">]><mg11 xmlns=\"urn:casefile:form:mg11:1\"/>".utf8)
      .write(to: URL(fileURLWithPath: doctype))
    let foreign = fixture.path + "/in/other.xml"
    try Data("<other xmlns=\"urn:example\"/>".utf8).write(to: URL(fileURLWithPath: foreign))
    let created = try runCasefile([
      "bag", "create", "--out", fixture.path + "/out", "--name", "x", "--date", "2026-11-26",
      invalid, doctype, foreign,
    ])
    #expect(created.status == 0, "\(created.stderr)")
    let schemas = packageRoot.appendingPathComponent("Schemas").path
    let run = try runCasefile([
      "verify", fixture.path + "/out/x.tar", "--schemas", schemas, "--format", "json",
    ])
    #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let errors = try #require(object["errors"] as? [[String: Any]])
    #expect(
      errors.contains {
        $0["code"] as? String == "xml-invalid" && $0["file"] as? String == "data/MG5.xml"
      })
    #expect(
      errors.contains {
        $0["code"] as? String == "xml-unreadable" && $0["file"] as? String == "data/MG11.xml"
      })
    #expect(!errors.contains { $0["file"] as? String == "data/other.xml" })
  }

}
