import CaseStore
import Foundation

/// Importing records JSON and DCF files, and validating DCF files without importing.
package enum ImportCommands {
  /// The outcome of importing several files: each file succeeds or fails whole.
  package struct Outcome: Sendable {
    package var imported: [ImportResult] = []
    package var failed: [any Error] = []
    /// The whole import, from opening the store to the last commit.
    package var elapsed: Duration = .zero
    /// The saves' timings, summed over the files imported.
    package var timings: SaveTimings {
      imported.map(\.timings).reduce(SaveTimings(), +)
    }
  }

  /// How many files are read and checked ahead of the one being written.
  static let prefetchDepth = max(2, ProcessInfo.processInfo.activeProcessorCount)

  /// Imports each file in its own transaction; a bad file changes nothing and the rest go on.
  package static func importFiles(
    _ context: CaseFileContext, files: [String], format: InputFormat?, replace: Bool,
    progress: (String) -> Void = { _ in }
  ) throws -> Outcome {
    let started = ContinuousClock.now
    let store = try context.openStore()
    let preparer = CasePreparer(
      records: try context.recordsFormat(), loadDCF: { try context.dcfRulePack() })
    let importer = CaseImporter(store: store, preparer: preparer)
    let urls = files.map { URL(fileURLWithPath: $0) }
    let prepared = OrderedPrefetch(count: urls.count, lookahead: prefetchDepth) { index in
      try preparer.prepare(urls[index], as: format)
    }
    var outcome = Outcome()
    for (index, file) in files.enumerated() {
      progress("[\(index + 1)/\(files.count)] \(file)")
      do {
        guard let next = prepared.next() else { break }
        outcome.imported.append(
          try importer.commit(
            try next.get(), mode: replace ? .replace : .insertOnly, user: context.user))
      } catch let error as StoreError where error.code == .caseExists {
        outcome.failed.append(
          KitError.badInput("\(file): \(error.message) (use --replace to replace the stored case)"))
      } catch let error as StoreError where error.code == .storageFull || error.code == .io {
        throw error
      } catch {
        outcome.failed.append(error)
      }
    }
    outcome.elapsed = ContinuousClock.now - started
    return outcome
  }

  /// Validates DCF files against the schema and business rules, importing nothing.
  package static func validateDCF(_ context: CaseFileContext, files: [String]) throws
    -> [DCFFileReport]
  {
    let pack = try context.requiredDCFRulePack()
    return files.map { file in
      do {
        let value = try InputFile.parse(URL(fileURLWithPath: file))
        let report = pack.validate(value)
        return DCFFileReport(
          file: file, kind: report.kind.rawValue, problems: report.problems, notes: report.notes,
          readable: true)
      } catch let error as InputError {
        return DCFFileReport(
          file: file, kind: nil, problems: error.problems, notes: [], readable: false)
      } catch {
        return DCFFileReport(
          file: file, kind: nil,
          problems: [InputProblem(path: "$", rule: "read", message: "cannot read the file")],
          notes: [],
          readable: false)
      }
    }
  }
}

/// The result of validating one DCF file.
package struct DCFFileReport: Sendable, Codable {
  package var file: String
  /// `FirstHearingDCF` or `BobDCF`, when the file could be read.
  package var kind: String?
  package var problems: [InputProblem]
  package var notes: [String]
  /// `false` when the file could not be read or parsed at all.
  package var readable: Bool

  package var valid: Bool { readable && problems.isEmpty }
}
