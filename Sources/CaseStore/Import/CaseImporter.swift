import CaseJSON
import Foundation

/// The formats `casefile import` reads.
package enum InputFormat: String, CaseIterable, Sendable {
  /// casefile's own records JSON (`Schemas/records-v1.schema.json`).
  case records
  /// The national Digital Case File JSON, version 1.2.2.
  case dcf
}

/// What importing one file did.
package struct ImportResult: Sendable {
  package var file: String
  package var format: InputFormat
  package var urns: [String]
  package var records: Int
  package var mediaStored: Int
  package var replaced: [String]
  /// Remarks that are not errors (a DCF fact with no place in the model, for example).
  package var notes: [String]
  /// Where the save's time went.
  package var timings = SaveTimings()
}

/// A file read, parsed, validated and checked in full, ready to be written.
package struct PreparedFile: Sendable {
  package var url: URL
  /// The file as the user named it.
  package var file: String
  package var format: InputFormat
  package var cases: [CaseRecord]
  package var notes: [String]
}

/// Reads and checks input files without touching the store; safe to use from many threads.
package struct CasePreparer: Sendable {
  package let records: RecordsFormat
  let dcf: DCFRulePackLoader

  /// `loadDCF` runs at most once, the first time a DCF file is met (the pack is costly
  /// to compile and most imports never need it).
  package init(records: RecordsFormat, loadDCF: @escaping @Sendable () throws -> DCFRulePack?) {
    self.records = records
    self.dcf = DCFRulePackLoader(load: loadDCF)
  }

  /// Reads, parses, validates and checks one file; `format` nil means detect it.
  package func prepare(_ url: URL, as format: InputFormat?) throws -> PreparedFile {
    let file = url.relativePath
    let data = try InputFile.read(url)
    let value = try InputFile.parse(data, file: file)
    let detected = try format ?? CaseImporter.detect(value, file: file)
    switch detected {
    case .records:
      let cases = try records.read(value, file: file).cases
      return PreparedFile(url: url, file: file, format: detected, cases: cases, notes: [])
    case .dcf:
      guard let pack = try dcf.pack() else {
        throw InputError(
          code: .unreadable, file: file,
          problems: [
            InputProblem(
              path: "$", rule: "dcf-rules",
              message: "the DCF schema and business rules were not found; "
                + "point --dcf-dir or CASEFILE_DCF_DIR at the DCF 1.2.2 directory")
          ])
      }
      let converted = try pack.convert(value, file: file)
      return PreparedFile(
        url: url, file: file, format: detected, cases: [converted.record], notes: converted.notes)
    }
  }
}

/// Loads the DCF rule pack once, on first use, from any thread.
final class DCFRulePackLoader: @unchecked Sendable {
  private let lock = NSLock()
  private let load: @Sendable () throws -> DCFRulePack?
  private var loaded: DCFRulePack??

  init(load: @escaping @Sendable () throws -> DCFRulePack?) {
    self.load = load
  }

  func pack() throws -> DCFRulePack? {
    lock.lock()
    defer { lock.unlock() }
    if let loaded { return loaded }
    let pack = try load()
    loaded = .some(pack)
    return pack
  }
}

/// Imports input files into a store, each file all or nothing.
///
/// A file is read, parsed, validated and checked in full before anything is written
/// (`CasePreparer`); its media are then streamed into the media store and its cases saved
/// in one transaction. When the save fails, the media objects this file added are removed
/// again.
package struct CaseImporter: Sendable {
  package let store: any CaseStoring
  package let preparer: CasePreparer

  package init(store: any CaseStoring, preparer: CasePreparer) {
    self.store = store
    self.preparer = preparer
  }

  /// Stores the media and saves the cases of a prepared file, in one transaction.
  package func commit(_ prepared: PreparedFile, mode: SaveMode, user: String) throws -> ImportResult
  {
    var cases = prepared.cases
    let ingested = try ingestMedia(
      &cases, relativeTo: prepared.url.deletingLastPathComponent(), file: prepared.file)
    do {
      let summary = try store.saveCases(
        cases, mode: mode,
        audit: AuditContext(user: user, action: "import", source: prepared.url.lastPathComponent))
      return ImportResult(
        file: prepared.file, format: prepared.format, urns: cases.map(\.urn),
        records: summary.records,
        mediaStored: ingested.count, replaced: summary.replaced, notes: prepared.notes,
        timings: summary.timings)
    } catch {
      _ = try? store.removeUnreferencedMedia(ingested)
      throw error
    }
  }

  /// Works out whether a parsed document is records JSON or a DCF.
  package static func detect(_ value: JSONValue, file: String) throws(InputError) -> InputFormat {
    if RecordsFormat.recognises(value) { return .records }
    if DCFRulePack.recognises(value) { return .dcf }
    throw InputError(
      code: .invalid, file: file,
      problems: [
        InputProblem(
          path: "$", rule: "format",
          message: "neither records JSON (\"format\": \"casefile-records\") nor a DCF "
            + "(\"schema_version\" and \"case\"); name the format with --as")
      ])
  }

  /// Streams every media file into the media store and fills in its hash and size.
  ///
  /// Returns the hashes of objects this call added, so a failed save can remove them.
  func ingestMedia(_ cases: inout [CaseRecord], relativeTo base: URL, file: String) throws
    -> [String]
  {
    var added: [String] = []
    do {
      for caseIndex in cases.indices {
        for mediaIndex in cases[caseIndex].media.indices {
          let media = cases[caseIndex].media[mediaIndex]
          let path = "$.cases[\(caseIndex)].media[\(mediaIndex)].file"
          let source = base.appendingPathComponent(media.file)
          guard FileManager.default.fileExists(atPath: source.path) else {
            throw InputError(
              code: .invalid, file: file,
              problems: [
                InputProblem(
                  path: path, rule: "media-missing",
                  message: "the media file \(media.file) does not exist beside the records file")
              ])
          }
          let ingest: MediaIngest
          do {
            ingest = try store.media.ingest(fileAt: source, expectedSHA256: media.sha256)
          } catch let error as StoreError {
            throw InputError(
              code: .invalid, file: file,
              problems: [InputProblem(path: path, rule: "media", message: error.message)])
          }
          if !ingest.alreadyPresent { added.append(ingest.sha256) }
          if let size = media.size, size != ingest.size {
            throw InputError(
              code: .invalid, file: file,
              problems: [
                InputProblem(
                  path: path, rule: "media-size",
                  message: "the file has \(ingest.size) bytes, not the \(size) the records say")
              ])
          }
          cases[caseIndex].media[mediaIndex].sha256 = ingest.sha256
          cases[caseIndex].media[mediaIndex].size = ingest.size
        }
      }
    } catch {
      _ = try? store.removeUnreferencedMedia(added)
      throw error
    }
    return added
  }
}
