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
package struct ImportResult: Equatable, Sendable {
    package var file: String
    package var format: InputFormat
    package var urns: [String]
    package var records: Int
    package var mediaStored: Int
    package var replaced: [String]
    /// Remarks that are not errors (a DCF fact with no place in the model, for example).
    package var notes: [String]
}

/// Imports input files into a store, each file all or nothing.
///
/// A file is read, parsed, validated and checked in full before anything is written; its
/// media are then streamed into the media store and its cases saved in one transaction.
/// When the save fails, the media objects this file added are removed again.
package struct CaseImporter {
    package let store: any CaseStoring
    package let records: RecordsFormat
    /// Loads the DCF rule pack the first time a DCF file is met (it is costly to compile).
    let loadDCF: () throws -> DCFRulePack?
    var dcf: DCFRulePack?

    package init(store: any CaseStoring, records: RecordsFormat, loadDCF: @escaping () throws -> DCFRulePack?) {
        self.store = store
        self.records = records
        self.loadDCF = loadDCF
    }

    /// Imports one file; `format` nil means detect it from the content.
    package mutating func importFile(
        _ url: URL, as format: InputFormat?, mode: SaveMode, user: String
    ) throws -> ImportResult {
        let file = url.relativePath
        let data = try InputFile.read(url)
        let value = try InputFile.parse(data, file: file)
        let detected = try format ?? Self.detect(value, file: file)
        var notes: [String] = []
        var cases: [CaseRecord]
        switch detected {
        case .records:
            cases = try records.read(value, bytes: data, file: file).cases
        case .dcf:
            let converted = try readDCF(value, file: file)
            cases = [converted.record]
            notes = converted.notes
        }
        let ingested = try ingestMedia(&cases, relativeTo: url.deletingLastPathComponent(), file: file)
        do {
            let summary = try store.saveCases(
                cases, mode: mode,
                audit: AuditContext(user: user, action: "import", source: url.lastPathComponent))
            return ImportResult(
                file: file, format: detected, urns: cases.map(\.urn), records: summary.records,
                mediaStored: ingested.count, replaced: summary.replaced, notes: notes)
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

    mutating func readDCF(_ value: JSONValue, file: String) throws -> (record: CaseRecord, notes: [String]) {
        if dcf == nil { dcf = try loadDCF() }
        guard let dcf else {
            throw InputError(
                code: .unreadable, file: file,
                problems: [
                    InputProblem(
                        path: "$", rule: "dcf-rules",
                        message: "the DCF schema and business rules were not found; "
                            + "point --dcf-dir or CASEFILE_DCF_DIR at the DCF 1.2.2 directory")
                ])
        }
        return try dcf.convert(value, file: file)
    }

    /// Streams every media file into the media store and fills in its hash and size.
    ///
    /// Returns the hashes of objects this call added, so a failed save can remove them.
    func ingestMedia(_ cases: inout [CaseRecord], relativeTo base: URL, file: String) throws -> [String] {
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
