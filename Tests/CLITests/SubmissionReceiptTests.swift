import CaseFileKit
import Foundation
import Testing

/// `casefile receipt import` and `casefile actions`: acknowledgements and rejections move
/// the case; bad receipts are refused with exit 65 and the store unchanged.
@Suite("casefile receipt import and actions")
struct SubmissionReceiptTests {
  /// A fixture whose case has been submitted once.
  func submittedFixture() throws -> (SubmissionFixture, [String: Any]) {
    let fixture = try SubmissionFixture()
    try fixture.approve()
    return (fixture, try fixture.submitted())
  }

  @Test func anAcknowledgementMovesTheCaseToAcknowledged() throws {
    let (fixture, submission) = try submittedFixture()
    let run = try fixture.importReceipt(
      try fixture.receipt(.acknowledgement, for: submission, message: "ACK-1"))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("\"kind\" : \"acknowledgement\""))
    #expect(try fixture.stage() == "acknowledged")
    #expect(try openActionIds(fixture).isEmpty)
    let text = try fixture.run(["actions", SubmissionFixture.urn])
    #expect(text.stdout == "case 20BH0231926 has no action items\n")
  }

  @Test func aRejectionOpensOneActionPerReasonUntilResolved() throws {
    let (fixture, submission) = try submittedFixture()
    let path = try fixture.receipt(
      .rejection, for: submission, message: "REJ-1",
      reasons: [
        .init(rule: "NFS-MG5-001", text: "The summary omits the breath test result."),
        .init(rule: nil, text: "Statement S2 is unsigned."),
      ])
    let run = try fixture.importReceipt(path)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try fixture.stage() == "returned-with-actions")
    #expect(try openActionIds(fixture) == ["A1", "A2"])
    let context = CaseFileContext(store: fixture.directory.store, user: "sam")
    #expect(
      try SubmissionCommands.openActionLines(context, urn: SubmissionFixture.urn) == [
        "A1 NFS-MG5-001: The summary omits the breath test result.",
        "A2 -: Statement S2 is unsigned.",
      ])
    let listed = try fixture.run(["actions", SubmissionFixture.urn])
    #expect(
      listed.stdout == """
        A1 [open] NFS-MG5-001: The summary omits the breath test result.
        A2 [open] -: Statement S2 is unsigned.

        """)
    let resolved = try fixture.run([
      "actions", "resolve", SubmissionFixture.urn, "A1", "--note", "summary amended",
    ])
    #expect(resolved.status == 0, "\(resolved.stderr)")
    #expect(try openActionIds(fixture) == ["A2"])
    let again = try fixture.run(["actions", "resolve", SubmissionFixture.urn, "A1"])
    #expect(again.status == 65 && again.stderr.contains("already resolved"))
    let unknown = try fixture.run(["actions", "resolve", SubmissionFixture.urn, "A9"])
    #expect(unknown.status == 65)
    let bad = try fixture.run(["actions", "resolve", SubmissionFixture.urn, "x"])
    #expect(bad.status == 64)
    let all = try fixture.run(["actions", SubmissionFixture.urn, "--format", "json"])
    #expect(all.stdout.contains("\"resolution\" : \"summary amended\""))
  }

  /// Each bad receipt: a clear message, exit 65, and the store byte for byte as it was.
  @Test(arguments: [
    "unknown submission", "tampered hash", "tampered URN", "replayed bytes",
    "replayed message id", "malformed", "invalid", "doctype",
  ])
  func refusesABadReceiptChangingNothing(_ kind: String) throws {
    let (fixture, submission) = try submittedFixture()
    let first = try fixture.receipt(.acknowledgement, for: submission, message: "ACK-1")
    #expect(try fixture.importReceipt(first).status == 0)
    let path: String
    var expected: String
    switch kind {
    case "unknown submission":
      var other = submission
      other["submissionId"] = "ffffffffffffffffffffffff"
      path = try fixture.receipt(
        .rejection, for: other, message: "X-1", reasons: [.init(rule: nil, text: "no")])
      expected = "unknown submission ffffffffffffffffffffffff"
    case "tampered hash":
      path = try fixture.receipt(
        .rejection, for: submission, message: "X-2", reasons: [.init(rule: nil, text: "no")],
        sha256: String(repeating: "0", count: 64))
      expected = "tampered"
    case "tampered URN":
      path = try fixture.receipt(
        .rejection, for: submission, message: "X-3", reasons: [.init(rule: nil, text: "no")])
      let text = try String(contentsOfFile: path, encoding: .utf8)
        .replacingOccurrences(of: "<urn>20BH0231926</urn>", with: "<urn>01AB1234526</urn>")
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      expected = "tampered"
    case "replayed bytes":
      path = fixture.directory.url.appendingPathComponent("copy.xml").path
      try FileManager.default.copyItem(atPath: first, toPath: path)
      expected = "replayed: the same bytes"
    case "replayed message id":
      path = try fixture.receipt(
        .rejection, for: submission, message: "ACK-1", reasons: [.init(rule: nil, text: "no")],
        name: "again.xml")
      expected = "replayed: the same message id"
    case "malformed":
      path = fixture.directory.url.appendingPathComponent("bad.xml").path
      try Data("<receipt xmlns=\"urn:casefile:receipt:1\" version=\"1\"><rejection>".utf8)
        .write(to: URL(fileURLWithPath: path))
      expected = "malformed receipt"
    case "invalid":
      path = try fixture.receipt(.rejection, for: submission, message: "X-4")
      expected = "not a valid receipt"
    default:
      path = fixture.directory.url.appendingPathComponent("doctype.xml").path
      try Data(
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"/etc/passwd\">]><r>&e;</r>".utf8
      ).write(to: URL(fileURLWithPath: path))
      expected = "malformed receipt"
    }
    let before = try fixture.storeBytes()
    let run = try fixture.importReceipt(path)
    #expect(run.status == 65, "\(kind): \(run.stderr)")
    #expect(run.stderr.contains(expected), "\(kind): \(run.stderr)")
    #expect(run.stderr.contains(path), "\(kind): \(run.stderr)")
    #expect(try fixture.storeBytes() == before, "\(kind)")
    #expect(try fixture.stage() == "acknowledged")
  }

  @Test func aRejectionMayFollowAnAcknowledgementButNothingFollowsARejection() throws {
    let (fixture, submission) = try submittedFixture()
    #expect(
      try fixture.importReceipt(
        try fixture.receipt(.acknowledgement, for: submission, message: "ACK-1")
      ).status == 0)
    let second = try fixture.importReceipt(
      try fixture.receipt(.acknowledgement, for: submission, message: "ACK-2"))
    #expect(second.status == 65 && second.stderr.contains("already answered"))
    let rejection = try fixture.importReceipt(
      try fixture.receipt(
        .rejection, for: submission, message: "REJ-1", reasons: [.init(rule: nil, text: "x")]))
    #expect(rejection.status == 0, "\(rejection.stderr)")
    #expect(try fixture.stage() == "returned-with-actions")
    let late = try fixture.importReceipt(
      try fixture.receipt(.acknowledgement, for: submission, message: "ACK-3"))
    #expect(late.status == 65 && late.stderr.contains("already answered"))
  }
}
