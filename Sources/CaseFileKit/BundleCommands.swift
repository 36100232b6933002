import CasePackaging
import CaseStore
import Foundation

/// One document of a bundle, rendered in memory.
package struct BundleDocument: Sendable {
  /// The path under `data/` (for example `documents/MG5.xml`).
  package var path: String
  package var bytes: [UInt8]

  package init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}

/// One media file of a bundle, streamed from the store's media directory.
package struct BundleMedia: Sendable {
  /// The path under `data/` (for example `media/EX-1.mp4`).
  package var path: String
  /// The local file holding the bytes.
  package var file: String

  package init(path: String, file: String) {
    self.path = path
    self.file = file
  }
}

/// What `casefile build` hands to packaging for one recipient's bundle.
package struct BundleSpec: Sendable {
  /// The archive's base name and top-level directory.
  package var name: String
  /// The case URN, the External-Identifier.
  package var urn: String
  package var sourceOrganization: String
  /// The Bagging-Date, YYYY-MM-DD (from the records, so a rebuild is byte-identical).
  package var baggingDate: String
  package var documents: [BundleDocument]
  package var media: [BundleMedia] = []
  package var serialization: BagSerialization = .tar
  package var maxPartSize: Int64?
  package var draft = false
  /// More bag-info fields (such as the recipient and the rule pack's identity).
  package var extraInfo: [(label: String, value: String)] = []

  package init(
    name: String, urn: String, sourceOrganization: String, baggingDate: String,
    documents: [BundleDocument]
  ) {
    self.name = name
    self.urn = urn
    self.sourceOrganization = sourceOrganization
    self.baggingDate = baggingDate
    self.documents = documents
  }
}

/// Bags and bundles: writing, verifying and inspecting.
package enum BundleCommands {
  /// Writes a signed bundle that follows the casefile BagIt profile into `directory`.
  package static func writeBundle(
    _ spec: BundleSpec, signingKey: BagSigningKey, to directory: String
  ) throws -> [WrittenBag] {
    var request = BagRequest(
      name: spec.name,
      payload: spec.documents.map { BagPayloadEntry(path: $0.path, source: .bytes($0.bytes)) }
        + spec.media.map { BagPayloadEntry(path: $0.path, source: .file($0.file)) },
      baggingDate: spec.baggingDate)
    request.serialization = spec.serialization
    request.sourceOrganization = spec.sourceOrganization
    request.externalIdentifier = spec.urn
    request.profileIdentifier = CasefileProfile.identifier
    request.draft = spec.draft
    request.extraInfo = spec.extraInfo
    request.maxPartSize = spec.maxPartSize
    request.signingKey = signingKey
    return try BagWriter.write(request, to: directory)
  }

  /// What `casefile bag create` bags.
  package struct BagFiles: Sendable {
    package var files: [String]
    package var outputDirectory: String
    package var name: String?
    /// `tar` or `zip`.
    package var serialization = "tar"
    package var maxPartSize: Int64?
    package var signingKeyPath: String?
    package var externalIdentifier: String?
    package var sourceOrganization: String?
    package var baggingDate: String?
    package var draft = false

    package init(files: [String], outputDirectory: String) {
      self.files = files
      self.outputDirectory = outputDirectory
    }
  }

  /// Bags local files (each under `data/` by its file name). With a signing key the bag
  /// follows the casefile profile; without one it is a plain BagIt 1.0 bag.
  package static func createBag(_ input: BagFiles) throws -> [WrittenBag] {
    guard !input.files.isEmpty else { throw KitError.usage("give at least one file to bag") }
    var names: Set<String> = []
    var payload: [BagPayloadEntry] = []
    for file in input.files {
      let name = URL(fileURLWithPath: file).lastPathComponent
      guard names.insert(name.lowercased()).inserted else {
        throw KitError.usage("two files are named \(name); bag files with different names")
      }
      payload.append(BagPayloadEntry(path: name, source: .file(file)))
    }
    let date = input.baggingDate ?? today()
    var request = BagRequest(name: input.name ?? "bag", payload: payload, baggingDate: date)
    guard let serialization = BagSerialization(rawValue: input.serialization) else {
      throw KitError.usage("the serialization is tar or zip")
    }
    request.serialization = serialization
    request.maxPartSize = input.maxPartSize
    request.externalIdentifier = input.externalIdentifier
    request.sourceOrganization = input.sourceOrganization
    request.draft = input.draft
    if let keyPath = input.signingKeyPath {
      request.signingKey = try KeysCommands.signingKey(at: keyPath)
      request.profileIdentifier = CasefileProfile.identifier
      if request.sourceOrganization == nil { request.sourceOrganization = "casefile" }
      if request.externalIdentifier == nil { request.externalIdentifier = request.name }
    }
    return try BagWriter.write(request, to: input.outputDirectory)
  }

  /// Verifies a bag archive or directory, checking the signature with `trustPath`'s key
  /// and casefile XML documents against the schemas (`--schemas DIR`, else found as
  /// `ResourceLocator` finds them; without a Schemas directory, XML is not checked).
  package static func verify(
    path: String, trustPath: String?, schemasDirectory: String? = nil
  ) throws -> BagReport {
    let trust = try trustPath.map { try KeysCommands.publicKey(at: $0) }
    let schemas: URL?
    if let schemasDirectory {
      schemas = URL(fileURLWithPath: schemasDirectory)
    } else {
      schemas = try? ResourceLocator.schemasDirectory(explicit: nil)
    }
    return try BagReader.verify(
      path: path, trust: trust,
      payloadCheck: schemas.map { BundleXMLCheck.check(schemasDirectory: $0) })
  }

  /// Records a bundle check in the audit log of the store `context` names, when that store
  /// exists (a bundle checked where there is no store records nothing; an explicit
  /// `--store` that does not exist is an error). The entry holds the outcome in counts and
  /// codes and the bag's External-Identifier as its case, never file names or contents.
  package static func recordVerification(
    _ report: BagReport, context: CaseFileContext, storeRequired: Bool
  ) throws {
    guard storeRequired || FileManager.default.fileExists(atPath: context.storePath.path) else {
      return
    }
    try context.openStore().appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "verify-bundle",
        urn: report.info("External-Identifier"),
        detail: "valid=\(report.isValid) errors=\(report.errors.count) "
          + "warnings=\(report.warnings.count) payload-files=\(report.payloadFiles) "
          + "signature=\(report.signature.name) "
          + "recipient=\(report.info("Casefile-Recipient") ?? "-")"))
  }

  /// `verify`: the rendered report and whether the bag is valid.
  package static func verifyOutput(
    path: String, trustPath: String?, schemasDirectory: String? = nil, json: Bool,
    audit: (BagReport) throws -> Void = { _ in }
  ) throws -> (output: String, valid: Bool) {
    let report = try verify(
      path: path, trustPath: trustPath, schemasDirectory: schemasDirectory)
    try audit(report)
    return (try BundleRendering.verify(report, json: json), report.isValid)
  }

  /// `inspect`: the rendered listing.
  package static func inspectOutput(path: String, json: Bool) throws -> String {
    try BundleRendering.inspect(try verify(path: path, trustPath: nil), json: json)
  }

  /// `bag create`: writes the bags and returns one `PATH SHA256` line per archive.
  package static func createBagOutput(_ input: BagFiles) throws -> String {
    try createBag(input).map { "\($0.path) \($0.sha256)\n" }.joined()
  }

  /// Today's date in UTC, YYYY-MM-DD.
  package static func today() -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date())
  }
}
