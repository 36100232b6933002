import CaseFileKit
import Foundation
import Testing

/// The "done when": the GAP sample driven from draft to acknowledged, then through
/// a rejection and an update, entirely from the CLI, each step by the role that may take it.
@Suite("Submission end to end")
struct SubmissionEndToEndTests {
  @Test func draftToAcknowledgedThenARejectionAndAnUpdate() throws {
    let fixture = try SubmissionFixture()
    for (name, role) in [
      ("sam", "supervisor"), ("cara", "case-builder"), ("lee", "prosecution-liaison"),
    ] {
      let added = try fixture.run(["users", "add", name, "--role", role], as: "sam")
      #expect(added.status == 0, "\(added.stderr)")
    }
    #expect(try fixture.stage() == "draft")
    try fixture.workflow("submit-for-review", as: "cara")
    // Only an approved case is submitted.
    #expect(try fixture.submit(as: "cara").status == 1)
    try fixture.workflow("approve", as: "sam")
    let first = try fixture.submitted(as: "cara")
    let firstId = try #require(first["submissionId"] as? String)
    #expect(try fixture.stage() == "submitted")

    // A case builder may not import the prosecutor's receipt: refused, nothing changed
    // but the audit log, which records the refusal.
    let ack = try fixture.receipt(.acknowledgement, for: first, message: "CPS-ACK-1")
    let wrongRole = try fixture.importReceipt(ack, as: "cara")
    #expect(wrongRole.status == 1, "\(wrongRole.stderr)")
    #expect(wrongRole.stderr.contains("prosecution-liaison"), "\(wrongRole.stderr)")
    #expect(try fixture.stage() == "submitted")
    let log = try runCasefile(["audit", "log", "--format", "json"] + fixture.store)
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
    #expect(entries.last?["action"] as? String == "refused")
    #expect(entries.last?["user"] as? String == "cara")
    #expect((entries.last?["detail"] as? String)?.hasPrefix("refusal=needs-role ") == true)
    #expect(try fixture.importReceipt(ack, as: "lee").status == 0)
    #expect(try fixture.stage() == "acknowledged")

    // The prosecutor then returns the file with an action.
    let rejection = try fixture.receipt(
      .rejection, for: first, message: "CPS-REJ-1",
      reasons: [.init(rule: nil, text: "Add the custody officer's statement.")])
    let rejected = try fixture.importReceipt(rejection, as: "lee")
    #expect(rejected.status == 0, "\(rejected.stderr)")
    #expect(try fixture.stage() == "returned-with-actions")
    #expect(try openActionIds(fixture) == ["A1"])
    // `status` lists the open action until it is resolved.
    let status = try fixture.run(["status", SubmissionFixture.urn], as: "cara")
    #expect(status.stdout.contains("A1"), "\(status.stdout)")
    #expect(status.stdout.contains("Add the custody officer's statement."))

    // The builder adds the statement and resolves the action; review, approval, update.
    try addStatement(fixture)
    #expect(
      try fixture.run(
        ["actions", "resolve", SubmissionFixture.urn, "A1", "--note", "S3 added"], as: "cara"
      ).status == 0)
    try fixture.workflow("submit-for-review", as: "cara")
    try fixture.workflow("approve", as: "sam")
    let update = try fixture.submitted(as: "cara")
    #expect(update["kind"] as? String == "update")
    #expect(update["previousSubmission"] as? String == firstId)
    let sent = update["sent"] as? [[String: String]] ?? []
    #expect(sent.contains { $0["path"] == "data/MG11-S3.xml" && $0["label"] == "new statement" })
    #expect(try fixture.stage() == "submitted")
    let updateAck = try fixture.receipt(.acknowledgement, for: update, message: "CPS-ACK-2")
    #expect(try fixture.importReceipt(updateAck, as: "lee").status == 0)
    #expect(try fixture.stage() == "acknowledged")
    // A late receipt for the first submission is refused: it was superseded.
    let late = try fixture.receipt(
      .rejection, for: first, message: "CPS-REJ-2", reasons: [.init(rule: nil, text: "x")])
    let refused = try fixture.importReceipt(late, as: "lee")
    #expect(refused.status == 65 && refused.stderr.contains("superseded"), "\(refused.stderr)")
    #expect(try sqlite(fixture.directory.store, "SELECT count(*) FROM submissions") == "2")
  }
}
