import CaseAssembly
import CasePackaging
import CaseRules
import CaseStore
import Crypto
import Foundation

/// `casefile build`: a case's file for one recipient, checked, rendered, bagged and signed.
package enum BuildCommands {
  /// What `casefile build` was asked for.
  package struct Request: Sendable {
    package var urn: String
    package var recipient: Recipient
    package var stage = RulesCommands.defaultStage
    package var outputDirectory = "."
    package var serialization: BagSerialization = .tar
    package var maxPartSize: Int64?
    package var signingKeyPath: String
    package var draft = false
    package var asOf: ISODate?
    package var templatesDirectory: String?
    package var rulesDirectory: String?
    package var reason: String?
    /// The bundle's name (default `URN-recipient-stage`).
    package var bundleName: String?
    /// More bag-info fields after the check identity (a submission's id, previous
    /// submission and kind).
    package var extraInfo: [(label: String, value: String)] = []
    /// Chooses the payload: called with every document and media file of the bundle before
    /// it is written, returns what to write (a submission update keeps only what changed
    /// and adds its manifest).
    package var selectPayload:
      (@Sendable ([BundleDocument], [BundleMedia]) throws -> ([BundleDocument], [BundleMedia]))?

    package init(urn: String, recipient: Recipient, signingKeyPath: String) {
      self.urn = urn
      self.recipient = recipient
      self.signingKeyPath = signingKeyPath
    }
  }

  /// A request from command-line text: the recipient, serialization and date checked.
  ///
  /// - Throws: ``KitError/usage(_:)`` naming the value that is wrong.
  package static func request(
    urn: String, recipient: String, signingKeyPath: String, serialization: String,
    asOf: String?
  ) throws -> Request {
    guard let chosen = Recipient(rawValue: recipient) else {
      throw KitError.usage("--for \(recipient): the recipient is cps, defence or court")
    }
    var request = Request(urn: urn, recipient: chosen, signingKeyPath: signingKeyPath)
    guard let format = BagSerialization(rawValue: serialization) else {
      throw KitError.usage("--serialization \(serialization): tar or zip")
    }
    request.serialization = format
    if let asOf {
      guard let date = ISODate(asOf) else {
        throw KitError.usage("--as-of \(asOf) is not a real date written YYYY-MM-DD")
      }
      request.asOf = date
    }
    return request
  }

  /// What was built, or why not.
  package enum Outcome: Sendable {
    /// The paths of the bundle parts written, and how many values were withheld.
    case built(paths: [String], withheld: Int)
    /// The rules found errors at this stage; nothing was written.
    case refused(RulesOutcome)
  }

  /// Checks the case at the stage; refuses while there are error findings unless the
  /// request is a draft; renders the documents the file type lists for the recipient
  /// (redacted for defence and court); and writes them, the media the index links and, for
  /// the prosecutor, the canonical case document and the check report (SVRL), as a signed
  /// BagIt bundle carrying the rule pack's identity. The bagging date is the as-of date,
  /// so the same records and inputs give the same archive bytes. The bundle, what it
  /// withheld (record ids and fields, never values) and an audit entry are recorded in the
  /// store in one transaction.
  package static func build(_ context: CaseFileContext, _ request: Request) throws -> Outcome {
    let key = try KeysCommands.signingKey(at: request.signingKeyPath)
    let asOf = try request.asOf ?? CaseDocumentCommands.todayUTC()
    let checked = try RulesCommands.check(
      context, urn: request.urn, stage: request.stage, rulesDirectory: request.rulesDirectory,
      templatesDirectory: request.templatesDirectory, asOf: asOf, reason: request.reason)
    if checked.errors > 0 && !request.draft { return .refused(checked) }
    let rendered = try DocumentsCommands.renderDocuments(
      context, urn: request.urn, recipient: request.recipient, stage: request.stage,
      asOf: asOf, templatesDirectory: request.templatesDirectory,
      rulesDirectory: request.rulesDirectory, draft: request.draft, checked: checked)
    let store = try context.openStore()
    let record = try StoreCommands.load(store, urn: request.urn)
    var documents = rendered.documents.map { BundleDocument(path: $0.name, bytes: $0.bytes) }
    if request.recipient == .cps {
      documents += try prosecutorOnly(context, checked, request: request, asOf: asOf)
    }
    var spec = BundleSpec(
      name: request.bundleName ?? "\(record.urn)-\(request.recipient.rawValue)-\(request.stage)",
      urn: record.urn, sourceOrganization: "casefile", baggingDate: asOf.description,
      documents: documents)
    spec.media = try media(of: record, in: store)
    if let selectPayload = request.selectPayload {
      (spec.documents, spec.media) = try selectPayload(spec.documents, spec.media)
    }
    spec.serialization = request.serialization
    spec.maxPartSize = request.maxPartSize
    spec.draft = request.draft
    spec.extraInfo = try identity(checked, rendered: rendered, request: request) + request.extraInfo
    do {
      try FileManager.default.createDirectory(
        atPath: request.outputDirectory, withIntermediateDirectories: true)
    } catch {
      throw KitError.io("cannot create the directory \(request.outputDirectory)")
    }
    let written = try BundleCommands.writeBundle(
      spec, signingKey: key, to: request.outputDirectory)
    try store.recordDisclosure(
      DisclosureRecord(
        urn: record.urn, recipient: request.recipient.rawValue, stage: request.stage,
        draft: request.draft, bundleSHA256: written.map(\.sha256).joined(separator: ","),
        user: context.user,
        withheld: rendered.redactions.map { .init(record: $0.record, field: $0.field) }),
      reason: request.reason)
    return .built(paths: written.map(\.path), withheld: rendered.redactions.count)
  }

  /// The canonical case document and the SVRL report: for the prosecutor only, as both
  /// carry every record and finding unredacted.
  private static func prosecutorOnly(
    _ context: CaseFileContext, _ checked: RulesOutcome, request: Request, asOf: ISODate
  ) throws -> [BundleDocument] {
    let caseDocument = try CaseDocumentCommands.exportDocument(
      context, urn: request.urn, asOf: asOf, templatesDirectory: request.templatesDirectory,
      reason: request.reason ?? "build for cps")
    let svrl = try Rendering.check(checked, as: .svrl)
    return [
      BundleDocument(path: "case-document.xml", bytes: caseDocument),
      BundleDocument(path: "check/report.svrl", bytes: svrl),
    ]
  }

  /// Every media object of the case, at the path the records (and the HTML index) give it,
  /// streamed from the media store.
  private static func media(of record: CaseRecord, in store: SQLiteCaseStore) throws
    -> [BundleMedia]
  {
    try record.media.map { object in
      guard let sha256 = object.sha256, store.media.contains(sha256) else {
        throw KitError.badInput(
          "case \(record.urn): media \(object.id) is not in the media store; attach it again")
      }
      return BundleMedia(path: object.file, file: store.media.url(for: sha256).path)
    }
  }

  /// The bag-info fields that say what was checked: recipient, stage, file type, the rule
  /// pack's title and the SHA-256 over its files (sorted by path), and the findings counts.
  private static func identity(
    _ checked: RulesOutcome, rendered: DocumentsCommands.Outcome, request: Request
  ) throws -> [(label: String, value: String)] {
    let pack = try Schematron(contentsOf: checked.schematron)
    var hasher = SHA256()
    let root = URL(fileURLWithPath: pack.file).deletingLastPathComponent().path
    for file in pack.files.sorted() {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw KitError.io("cannot read \(file)")
      }
      let relative = file.hasPrefix(root + "/") ? String(file.dropFirst(root.count + 1)) : file
      hasher.update(data: Data(relative.utf8 + [0]))
      hasher.update(data: data)
    }
    let digest = hex(hasher.finalize())
    let document = checked.documents.first
    return [
      ("Casefile-Recipient", request.recipient.rawValue),
      ("Casefile-Stage", request.stage),
      ("Casefile-File-Type", rendered.fileType ?? "undecided"),
      ("Casefile-Rule-Pack", pack.title ?? URL(fileURLWithPath: pack.file).lastPathComponent),
      ("Casefile-Rule-Pack-SHA256", digest),
      ("Casefile-Check-Errors", String(document?.errors ?? 0)),
      ("Casefile-Check-Warnings", String(document?.warnings ?? 0)),
    ]
  }
}
