import CaseAssembly
import CasePackaging
import CaseRules
import CaseStore
import Crypto
import Foundation

/// `casefile submit`, `casefile actions`: submissions of an approved case file to the
/// prosecutor, and the action items rejections leave on a case.
package enum SubmissionCommands {
  /// The file inside every submission bundle that describes the submission.
  package static let manifestPath = "submission.json"
  /// The label of every document when the whole file is sent.
  package static let fullFileLabel = "full file sent"

  /// What `casefile submit` was asked for.
  package struct Request: Sendable {
    package var urn: String
    package var recipient: Recipient = .cps
    package var signingKeyPath: String
    /// The outbox directory the bundle is written into.
    package var outbox: String
    package var stage = RulesCommands.defaultStage
    package var asOf: ISODate?
    package var templatesDirectory: String?
    package var rulesDirectory: String?
    package var reason: String?
    /// A force's own workflow file.
    package var workflowFile: String?

    /// The workflow options for the request's files and date.
    var workflowOptions: WorkflowOptions {
      WorkflowOptions(
        workflowFile: workflowFile, rulesDirectory: rulesDirectory,
        templatesDirectory: templatesDirectory, asOf: asOf)
    }

    package init(urn: String, signingKeyPath: String, outbox: String) {
      self.urn = urn
      self.signingKeyPath = signingKeyPath
      self.outbox = outbox
    }
  }

  /// One submission written.
  package struct Submitted: Sendable {
    package var record: SubmissionRecord
    /// Whether this call created the record (false: the same approved state was submitted
    /// before and its bundle was written again).
    package var new: Bool
    /// For a repeat: whether the bundle written again has the recorded SHA-256.
    package var identical: Bool
    /// The documents this submission sent, with their labels.
    package var sent: [SubmissionDocument] { record.documents.filter(\.sent) }
  }

  /// What `casefile submit` did, or why not.
  package enum Outcome: Sendable {
    case submitted(Submitted)
    /// The case may not be submitted now (not approved, open actions); nothing written.
    case notAllowed(String)
    /// The rules found errors; nothing was written.
    case refused(RulesOutcome)
  }

  /// The default outbox: `<store path>.outbox` beside the store.
  package static func defaultOutbox(_ context: CaseFileContext) -> String {
    context.storePath.path + ".outbox"
  }

  /// The idempotent submission id: the first 24 hex digits of the SHA-256 over the URN,
  /// the recipient, the approved case hash and the previous submission's id (empty for the
  /// first), each followed by a line feed, after the line `casefile-submission-v1`.
  package static func submissionId(
    urn: String, recipient: String, approvedHash: String, previousId: String?
  ) -> String {
    let text = ["casefile-submission-v1", urn, recipient, approvedHash, previousId ?? ""]
      .map { $0 + "\n" }.joined()
    return String(hex(SHA256.hash(data: Data(text.utf8))).prefix(24))
  }

  /// Submits the approved case: builds the bundle with ``BuildCommands/build(_:_:)`` into
  /// the outbox (the whole file the first time; afterwards only what changed since the
  /// previous submission, with the manifest `submission.json`), records the submission and
  /// moves the case to submitted. The same approved state submitted again gives the same
  /// id and bundle bytes and no second record.
  package static func submit(_ context: CaseFileContext, _ request: Request) throws -> Outcome {
    let store = try context.openStore()
    let record = try StoreCommands.load(store, urn: request.urn)
    guard
      let approval = try SubmissionWorkflow.approval(
        context, urn: record.urn, options: request.workflowOptions)
    else {
      return .notAllowed(
        "case \(record.urn) has no valid approval: a supervisor must approve it before it is submitted"
      )
    }
    let history = try store.submissions(urn: record.urn).filter {
      $0.recipient == request.recipient.rawValue
    }
    if let latest = history.last, latest.approvedHash == approval.hash,
      try store.receipts(submissionId: latest.id).isEmpty
    {
      return try repeatSubmission(
        context, request, record: record, latest: latest, previous: history.dropLast().last)
    }
    let stage = try SubmissionWorkflow.stage(
      context, urn: record.urn, options: request.workflowOptions)
    guard stage == SubmissionWorkflow.approvedStage else {
      return .notAllowed(
        "case \(record.urn) is at stage \(stage): only an approved case file is submitted")
    }
    let open = try store.actions(urn: record.urn, openOnly: true)
    guard open.isEmpty else {
      return .notAllowed(
        "case \(record.urn) has \(open.count) open action(s): resolve them first "
          + "(`casefile actions \(record.urn)`)")
    }
    let previous = history.last
    let id = submissionId(
      urn: record.urn, recipient: request.recipient.rawValue, approvedHash: approval.hash,
      previousId: previous?.id)
    let built = try write(
      context, request, record: record, id: id, previous: previous,
      sequence: (previous?.sequence ?? 0) + 1, approvedHash: approval.hash,
      asOf: request.asOf, stage: request.stage)
    var submission: SubmissionRecord
    switch built {
    case .refused(let checked): return .refused(checked)
    case .built(let record): submission = record
    }
    submission.submittedBy = context.user
    try store.recordSubmission(submission, reason: request.reason)
    do {
      try SubmissionWorkflow.apply(
        context, urn: record.urn, action: SubmissionWorkflow.submitAction,
        note: "submission \(submission.id)", options: request.workflowOptions)
    } catch {
      try? store.withdrawSubmission(id: submission.id, user: context.user)
      try? FileManager.default.removeItem(atPath: submission.bundlePath)
      throw error
    }
    return .submitted(
      Submitted(
        record: try store.submission(id: submission.id) ?? submission, new: true,
        identical: true))
  }

  /// Writes the latest submission's bundle again: rebuilt in a scratch directory of the
  /// outbox with the recorded Bagging-Date and stage, and moved into the outbox only when
  /// its SHA-256 is the recorded one (else templates or rules changed since, and the
  /// outbox keeps what was sent).
  private static func repeatSubmission(
    _ context: CaseFileContext, _ request: Request, record: CaseRecord, latest: SubmissionRecord,
    previous: SubmissionRecord?
  ) throws -> Outcome {
    var scratch = request
    scratch.outbox =
      URL(fileURLWithPath: request.outbox)
      .appendingPathComponent(".casefile-resubmit-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: scratch.outbox) }
    let rebuilt = try write(
      context, scratch, record: record, id: latest.id, previous: previous,
      sequence: latest.sequence, approvedHash: latest.approvedHash,
      asOf: ISODate(latest.baggingDate), stage: latest.stage)
    let written: SubmissionRecord
    switch rebuilt {
    case .refused(let checked): return .refused(checked)
    case .built(let record): written = record
    }
    guard written.bundleSHA256 == latest.bundleSHA256 else {
      return .notAllowed(
        "submission \(latest.id) was made from this approved state, but it no longer builds "
          + "the same bundle (templates or rules changed since); the outbox keeps what was sent")
    }
    let target = URL(fileURLWithPath: request.outbox)
      .appendingPathComponent(URL(fileURLWithPath: written.bundlePath).lastPathComponent).path
    guard rename(written.bundlePath, target) == 0 else {
      throw KitError.io("cannot move the bundle into \(request.outbox)")
    }
    var recorded = latest
    recorded.bundlePath = target
    return .submitted(Submitted(record: recorded, new: false, identical: true))
  }

  /// The open action items of a case, oldest first (for `casefile status`).
  package static func openActions(_ context: CaseFileContext, urn: String) throws -> [ActionItem] {
    try context.openStore().actions(urn: urn, openOnly: true)
  }

  /// The open action items of a case as one line each, `A1 NFS-MG5-001: text` (`-` when
  /// the reason gave no rule id): for the open actions `casefile status` lists.
  package static func openActionLines(_ context: CaseFileContext, urn: String) throws
    -> [String]
  {
    try openActions(context, urn: urn).map { "A\($0.id) \($0.rule ?? "-"): \($0.text)" }
  }

  /// Every action item of a case, oldest first, open or resolved.
  package static func actions(_ context: CaseFileContext, urn: String) throws -> [ActionItem] {
    let store = try context.openStore()
    _ = try StoreCommands.load(store, urn: urn)
    return try store.actions(urn: urn)
  }

  /// Resolves one open action item of a case, audited with the note.
  ///
  /// - Throws: ``KitError/badInput(_:)`` when the id is not an open action of the case.
  package static func resolveAction(
    _ context: CaseFileContext, urn: String, id: String, note: String?
  ) throws {
    let digits = id.hasPrefix("A") ? String(id.dropFirst()) : id
    guard let number = Int64(digits), number > 0 else {
      throw KitError.usage("\(id) is not an action id: `casefile actions \(urn)` lists them")
    }
    let store = try context.openStore()
    let actions = try store.actions(urn: urn)
    guard let action = actions.first(where: { $0.id == number }) else {
      throw KitError.badInput(
        "case \(urn) has no action \(id): `casefile actions \(urn)` lists them")
    }
    guard action.status == .open else {
      throw KitError.badInput("action \(id) of case \(urn) is already resolved")
    }
    try store.resolveAction(urn: urn, id: number, user: context.user, note: note)
  }

  // MARK: - Writing

  /// A submission's bundle written, or the rules' refusal.
  private enum Written {
    case built(SubmissionRecord)
    case refused(RulesOutcome)
  }

  /// Collects what the payload selection saw, from inside the build.
  private final class Selection: @unchecked Sendable {
    var documents: [SubmissionDocument] = []
  }

  /// Builds a submission's bundle into the outbox and returns its (unrecorded) record.
  private static func write(
    _ context: CaseFileContext, _ request: Request, record: CaseRecord, id: String,
    previous: SubmissionRecord?, sequence: Int, approvedHash: String, asOf: ISODate?,
    stage: String
  ) throws -> Written {
    var build = BuildCommands.Request(
      urn: record.urn, recipient: request.recipient, signingKeyPath: request.signingKeyPath)
    build.stage = stage
    build.asOf = asOf
    build.outputDirectory = request.outbox
    build.templatesDirectory = request.templatesDirectory
    build.rulesDirectory = request.rulesDirectory
    build.reason = request.reason ?? "submission \(id)"
    build.bundleName = "\(record.urn)-\(request.recipient.rawValue)-\(id)"
    let kind: SubmissionRecord.Kind = previous == nil ? .full : .update
    build.extraInfo =
      [
        ("Casefile-Submission-Id", id),
        ("Casefile-Submission-Kind", kind.rawValue),
        ("Casefile-Submission-Sequence", String(sequence)),
      ] + (previous.map { [("Casefile-Previous-Submission", $0.id)] } ?? [])
    let selection = Selection()
    let mediaLabels = labels(ofMediaIn: record)
    let manifestHeader = Manifest(
      submissionId: id, previousSubmission: previous?.id, kind: kind, sequence: sequence,
      urn: record.urn, recipient: request.recipient.rawValue, approvedCaseSHA256: approvedHash)
    build.selectPayload = { documents, media in
      let chosen = try choose(
        documents: documents, media: media, previous: previous, mediaLabels: mediaLabels)
      selection.documents = chosen.all
      var manifest = manifestHeader
      manifest.documents = chosen.all
      let keepDocuments = Set(chosen.all.filter(\.sent).map(\.path))
      return (
        documents.filter { keepDocuments.contains($0.path) }
          + [BundleDocument(path: manifestPath, bytes: try manifest.bytes(previous: previous))],
        media.filter { keepDocuments.contains($0.path) }
      )
    }
    switch try BuildCommands.build(context, build) {
    case .refused(let checked):
      return .refused(checked)
    case .built(let paths, _):
      guard let path = paths.first, paths.count == 1 else {
        throw KitError.io("the submission bundle was written in several parts")
      }
      return .built(
        SubmissionRecord(
          id: id, urn: record.urn, sequence: sequence, previousId: previous?.id, kind: kind,
          recipient: request.recipient.rawValue, stage: stage, approvedHash: approvedHash,
          baggingDate: try (asOf ?? CaseDocumentCommands.todayUTC()).description,
          bundlePath: path, bundleSHA256: try sha256(ofFile: path), submittedBy: context.user,
          documents: selection.documents))
    }
  }

  /// Every document and media file with its SHA-256; those new or changed since the
  /// previous submission are sent, labelled. The whole file is sent (each labelled "full
  /// file sent") the first time and whenever nothing is unchanged.
  private static func choose(
    documents: [BundleDocument], media: [BundleMedia], previous: SubmissionRecord?,
    mediaLabels: [String: String]
  ) throws -> (all: [SubmissionDocument], sent: Int) {
    var current: [(path: String, sha256: String, label: String)] = documents.map {
      ($0.path, hex(SHA256.hash(data: $0.bytes)), label(ofDocument: $0.path))
    }
    for item in media {
      let name = URL(fileURLWithPath: item.file).lastPathComponent
      let hash = name.count == 64 ? name : try sha256(ofFile: item.file)
      current.append((item.path, hash, mediaLabels[item.path] ?? "new document"))
    }
    current.sort { $0.path < $1.path }
    let before = Dictionary(
      (previous?.documents ?? []).map { ($0.path, $0.sha256) },
      uniquingKeysWith: { first, _ in first })
    let changed = Set(current.filter { before[$0.path] != $0.sha256 }.map(\.path))
    let full = previous == nil || changed.count == current.count
    let all = current.map { item in
      let sent = full || changed.contains(item.path)
      return SubmissionDocument(
        path: item.path, sha256: item.sha256, sent: sent,
        label: sent ? (full ? fullFileLabel : item.label) : nil)
    }
    return (all, all.filter(\.sent).count)
  }

  /// The label of a rendered document in an update.
  static func label(ofDocument path: String) -> String {
    let name = URL(fileURLWithPath: path).lastPathComponent.uppercased()
    if name.hasPrefix("MG11") { return "new statement" }
    if name.hasPrefix("MG12") { return "new exhibit" }
    return "new document"
  }

  /// The labels of media files by bundle path: a statement's recording is a new statement,
  /// an exhibit's media a new exhibit, anything else a new document.
  private static func labels(ofMediaIn record: CaseRecord) -> [String: String] {
    let files = Dictionary(
      record.media.map { ($0.id, $0.file) }, uniquingKeysWith: { first, _ in first })
    var labels: [String: String] = [:]
    for exhibit in record.exhibits {
      for id in exhibit.media { if let file = files[id] { labels[file] = "new exhibit" } }
    }
    for statement in record.statements {
      if let id = statement.media, let file = files[id] { labels[file] = "new statement" }
    }
    return labels
  }

  /// The SHA-256 of a file, read in 1 MiB chunks.
  static func sha256(ofFile path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw KitError.io("cannot read \(path)")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    do {
      while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        hasher.update(data: chunk)
      }
    } catch {
      throw KitError.io("cannot read \(path)")
    }
    return hex(hasher.finalize())
  }
}
