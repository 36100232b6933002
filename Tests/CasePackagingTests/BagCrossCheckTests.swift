import Foundation
import Testing

@testable import CasePackaging

private let crossCheckersAvailable =
  toolAvailable(["python3", "-c", "import bagit, bagit_profile"])
  && toolAvailable(["bsdtar", "--version"])

/// Independent checkers: the Library of Congress `bagit.py` and `bagit_profile.py` on our
/// bags extracted with `bsdtar`, and our verifier on bags `bagit.py` made.
@Suite(.enabled(if: crossCheckersAvailable)) struct BagCrossCheckTests {
  static let profileCheck = """
    import json, sys, bagit, bagit_profile
    profile = json.load(open(sys.argv[1]))
    checker = bagit_profile.Profile(profile["BagIt-Profile-Info"]["BagIt-Profile-Identifier"], profile=profile)
    bag = bagit.Bag(sys.argv[2])
    ok = checker.validate(bag) and checker.validate_serialization(sys.argv[3])
    print(checker.report)
    sys.exit(0 if ok else 1)
    """

  @Test(arguments: BagSerialization.allCases)
  func bagitPyAndBagitProfileAcceptOurBags(serialization: BagSerialization) throws {
    let sandbox = try Sandbox()
    let media = try sandbox.write("in/EX-1.bin", pseudoRandomBytes(200_000))
    var request = sampleRequest(file: media, key: BagSigningKey.generate())
    request.payload.append(
      BagPayloadEntry(path: "documents/witness list.txt", source: .bytes(Array("£\n".utf8))))
    request.serialization = serialization
    let archive = try BagWriter.write(request, to: try sandbox.directory("out"))[0].path
    let extracted = try sandbox.directory("x")
    let (tarStatus, tarOutput) = try runTool(["bsdtar", "-xf", archive, "-C", extracted])
    #expect(tarStatus == 0, "\(tarOutput)")
    let root = extracted + "/01AB2345678-cps"
    let (status, output) = try runTool(["python3", "-m", "bagit", "--validate", root])
    #expect(status == 0, "\(output)")
    let script = try sandbox.write("profile_check.py", Self.profileCheck)
    let profile = packageRoot.appendingPathComponent("Schemas/bagit-profile-casefile-v1.json").path
    let (profileStatus, profileOutput) = try runTool(["python3", script, profile, root, archive])
    #expect(profileStatus == 0, "\(profileOutput)")
  }

  @Test func weVerifyBagsThatBagitPyMade() throws {
    let sandbox = try Sandbox()
    let root = try sandbox.directory("made")
    try sandbox.write("made/a.txt", "alpha\n")
    try sandbox.write("made/sub/b c.txt", pseudoRandomBytes(10_000))
    let (status, output) = try runTool([
      "python3", "-m", "bagit", "--contact-name", "Test", "--sha256", "--sha512", root,
    ])
    #expect(status == 0, "\(output)")
    let directoryReport = try BagReader.verify(path: root)
    #expect(directoryReport.isValid, "\(directoryReport.problems)")
    #expect(directoryReport.manifests == ["sha256", "sha512"])
    // In a tar the manifests come after the payload, so a second pass computes sha512.
    for (name, flags) in [("made.tar", "-cf"), ("made.tar.gz", "-czf"), ("made.zip", "-cf")] {
      let archive = sandbox.path + "/" + name
      var arguments = ["bsdtar", flags, archive]
      if name.hasSuffix(".zip") { arguments = ["bsdtar", "--format", "zip", "-cf", archive] }
      let (tarStatus, tarOutput) = try runTool(arguments + ["-C", sandbox.path, "made"])
      #expect(tarStatus == 0, "\(tarOutput)")
      let report = try BagReader.verify(path: archive)
      #expect(report.isValid, "\(name): \(report.problems)")
      #expect(report.payloadFiles == 2)
    }
  }
}
