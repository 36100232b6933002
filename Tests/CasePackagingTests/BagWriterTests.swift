import Crypto
import Foundation
import Testing

@testable import CasePackaging

@Suite struct BagWriterTests {
  @Test(arguments: BagSerialization.allCases)
  func signedBagRoundTripsAndVerifies(serialization: BagSerialization) throws {
    let sandbox = try Sandbox()
    let media = try sandbox.write("in/EX-1.bin", pseudoRandomBytes(3 << 20))
    let key = BagSigningKey.generate()
    var request = sampleRequest(file: media, key: key)
    request.serialization = serialization
    let out = try sandbox.directory("out")
    let written = try BagWriter.write(request, to: out)
    #expect(written.count == 1)
    #expect(written[0].path.hasSuffix("01AB2345678-cps.\(serialization.rawValue)"))
    #expect(written[0].payloadOxum == "\((3 << 20) + 39).3")
    let archiveBytes = try Data(contentsOf: URL(fileURLWithPath: written[0].path))
    #expect(written[0].sha256 == hex(SHA256.hash(data: archiveBytes)))
    #expect(written[0].bytes == Int64(archiveBytes.count))
    let report = try BagReader.verify(path: written[0].path, trust: key.publicKey)
    #expect(report.isValid, "\(report.problems)")
    #expect(report.problems.isEmpty, "\(report.problems)")
    #expect(report.signature == .verified(keyID: key.publicKey.keyID))
    #expect(report.profileChecked)
    #expect(report.payloadFiles == 3)
    #expect(report.root == "01AB2345678-cps")
    #expect(report.info("External-Identifier") == "01AB2345678")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(leftovers == ["01AB2345678-cps.\(serialization.rawValue)"])
  }

  @Test(arguments: BagSerialization.allCases)
  func sameInputsGiveTheSameArchiveBytes(serialization: BagSerialization) throws {
    let sandbox = try Sandbox()
    let media = try sandbox.write("in/EX-1.bin", pseudoRandomBytes(100_000))
    let key = BagSigningKey.generate()
    var request = sampleRequest(file: media, key: key)
    request.serialization = serialization
    let first = try BagWriter.write(request, to: try sandbox.directory("one"))
    // Different file times and order of the payload list change nothing.
    _ = try sandbox.write("in/EX-1.bin", pseudoRandomBytes(100_000))
    request.payload.reverse()
    let second = try BagWriter.write(request, to: try sandbox.directory("two"))
    #expect(first[0].sha256 == second[0].sha256)
    #expect(first[0].bytes == second[0].bytes)
  }

  @Test func theBaggingDateChangesTheBytes() throws {
    let sandbox = try Sandbox()
    let media = try sandbox.write("in/EX-1.bin", pseudoRandomBytes(1000))
    var request = sampleRequest(file: media)
    let first = try BagWriter.write(request, to: try sandbox.directory("one"))
    request.baggingDate = "2026-11-27"
    let second = try BagWriter.write(request, to: try sandbox.directory("two"))
    #expect(first[0].sha256 != second[0].sha256)
  }

  @Test func splitsIntoLinkedParts() throws {
    let sandbox = try Sandbox()
    var payload: [BagPayloadEntry] = []
    for index in 0..<6 {
      let file = try sandbox.write(
        "in/f\(index).bin", pseudoRandomBytes(400_000, seed: UInt64(index)))
      payload.append(BagPayloadEntry(path: "media/f\(index).bin", source: .file(file)))
    }
    let key = BagSigningKey.generate()
    var request = BagRequest(name: "split", payload: payload, baggingDate: "2026-11-26")
    request.externalIdentifier = "01AB2345678"
    request.sourceOrganization = "Test Constabulary"
    request.profileIdentifier = CasefileProfile.identifier
    request.signingKey = key
    request.maxPartSize = 1_000_000
    let parts = try BagWriter.write(request, to: try sandbox.directory("out"))
    #expect(parts.count == 3)
    var files = 0
    for (index, part) in parts.enumerated() {
      #expect(part.bytes <= 1_000_000)
      #expect(part.path.hasSuffix("split-\(index + 1)-of-3.tar"))
      let report = try BagReader.verify(path: part.path, trust: key.publicKey)
      #expect(report.isValid, "\(report.problems)")
      #expect(report.info("Bag-Group-Identifier") == "01AB2345678")
      #expect(report.info("Bag-Count") == "\(index + 1) of 3")
      files += report.payloadFiles
    }
    #expect(files == 6)
  }

  @Test func refusesAFileLargerThanAPart() throws {
    let sandbox = try Sandbox()
    let file = try sandbox.write("in/big.bin", pseudoRandomBytes(200_000))
    var request = BagRequest(
      name: "big", payload: [BagPayloadEntry(path: "big.bin", source: .file(file))],
      baggingDate: "2026-11-26")
    request.maxPartSize = 100_000
    #expect(throws: PackagingError.self) {
      try BagWriter.write(request, to: try sandbox.directory("out"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path + "/out").isEmpty)
  }

  @Test(arguments: ["../escape", "/abs", "a//b", "a/./b", "tab\there", "back\\slash", ""])
  func refusesUnsafePayloadPaths(path: String) throws {
    let sandbox = try Sandbox()
    let request = BagRequest(
      name: "bad", payload: [BagPayloadEntry(path: path, source: .bytes([1]))],
      baggingDate: "2026-11-26")
    #expect(throws: PackagingError.self) {
      try BagWriter.write(request, to: try sandbox.directory("out"))
    }
  }

  @Test func refusesCaseFoldedDuplicatePayloadPaths() throws {
    let sandbox = try Sandbox()
    let request = BagRequest(
      name: "dup",
      payload: [
        BagPayloadEntry(path: "A.txt", source: .bytes([1])),
        BagPayloadEntry(path: "a.txt", source: .bytes([2])),
      ], baggingDate: "2026-11-26")
    #expect(throws: PackagingError.self) {
      try BagWriter.write(request, to: try sandbox.directory("out"))
    }
  }

  @Test func draftMarkerIsInBagInfoAndWarned() throws {
    let sandbox = try Sandbox()
    let media = try sandbox.write("in/EX-1.bin", [1, 2, 3])
    let key = BagSigningKey.generate()
    var request = sampleRequest(file: media, key: key)
    request.draft = true
    let bag = try BagWriter.write(request, to: try sandbox.directory("out"))[0]
    let report = try BagReader.verify(path: bag.path, trust: key.publicKey)
    #expect(report.isValid)
    #expect(report.info("Casefile-Draft") == "true")
    #expect(report.warnings.map(\.code) == ["draft"])
  }

  @Test func removesLeftoverTemporaryFiles() throws {
    let sandbox = try Sandbox()
    let out = try sandbox.directory("out")
    try sandbox.write("out/.casefile-old.tar.999.tmp", [0])
    let media = try sandbox.write("in/EX-1.bin", [1])
    _ = try BagWriter.write(sampleRequest(file: media), to: out)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["01AB2345678-cps.tar"])
  }

  @Test func keyFilesRoundTripAndRejectGarbage() throws {
    let key = BagSigningKey.generate()
    let again = try BagSigningKey(fileText: key.fileText)
    #expect(again.publicKey == key.publicKey)
    let publicKey = try BagPublicKey(fileText: key.publicKey.fileText)
    #expect(publicKey == key.publicKey)
    #expect(throws: PackagingError.self) { try BagPublicKey(fileText: "nonsense") }
    #expect(throws: PackagingError.self) { try BagSigningKey(fileText: key.publicKey.fileText) }
    let other = BagSigningKey.generate().publicKey.keyID
    let wrongID = key.publicKey.fileText.replacingOccurrences(
      of: key.publicKey.keyID, with: other)
    #expect(throws: PackagingError.self) { try BagPublicKey(fileText: wrongID) }
  }

  @Test func profileFileAgreesWithTheVerifier() throws {
    let data = try Data(
      contentsOf: packageRoot.appendingPathComponent("Schemas/bagit-profile-casefile-v1.json"))
    let profile = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let info = try #require(profile["BagIt-Profile-Info"] as? [String: Any])
    #expect(info["BagIt-Profile-Identifier"] as? String == CasefileProfile.identifier)
    let bagInfo = try #require(profile["Bag-Info"] as? [String: [String: Any]])
    let required = bagInfo.filter { $0.value["required"] as? Bool == true }.keys.sorted()
    #expect(required == CasefileProfile.requiredBagInfo.sorted())
    #expect(Set(profile["Manifests-Required"] as? [String] ?? []) == CasefileProfile.manifests)
    #expect(
      Set(profile["Tag-Manifests-Required"] as? [String] ?? []) == CasefileProfile.tagManifests)
    #expect(profile["Tag-Files-Required"] as? [String] == CasefileProfile.tagFilesRequired)
    #expect(profile["Allow-Fetch.txt"] as? Bool == CasefileProfile.allowFetch)
    #expect(profile["Accept-Serialization"] as? [String] == CasefileProfile.acceptSerialization)
    #expect(profile["Accept-BagIt-Version"] as? [String] == CasefileProfile.acceptBagItVersion)
  }
}
