import CaseAssembly
import CaseStore
import CaseXML
import Foundation

/// Writing a case's canonical case document (`Schemas/case-document-v1.xsd`).
package enum CaseDocumentCommands {
  /// Parses an `--as-of` value: a real calendar date written `YYYY-MM-DD`.
  package static func asOfDate(_ text: String) -> ISODate? {
    ISODate(text)
  }

  /// Today's date in UTC, the default as-of date.
  ///
  /// - Throws: ``KitError/io(_:)`` when the clock gives a date outside the years 1 to 9999.
  package static func todayUTC(_ now: Date = Date()) throws -> ISODate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: now)
    guard let year = parts.year, let month = parts.month, let day = parts.day,
      let today = ISODate(year: year, month: month, day: day)
    else {
      throw KitError.io("the system clock gives no usable date; give --as-of YYYY-MM-DD")
    }
    return today
  }

  /// The case document of a case with its facts computed for `asOf`, checked against
  /// `case-document-v1.xsd`; the export is audited.
  ///
  /// - Throws: ``KitError`` (usage when the templates or schemas cannot be found, bad input
  ///   when the bank holiday file is broken or does not cover a year the case needs or the
  ///   document does not match its schema, not found for an unknown case), ``StoreError``
  ///   when the store cannot be read.
  package static func exportDocument(
    _ context: CaseFileContext, urn: String, asOf: ISODate, templatesDirectory: String?,
    reason: String?
  ) throws -> [UInt8] {
    let exporter = try CaseDocumentExporter(
      context, asOf: asOf, templatesDirectory: templatesDirectory)
    let store = try context.openStore()
    let record = try StoreCommands.loadToRead(
      store, urn: urn, action: "export-document", reason: reason, context: context)
    let document = try exporter.document(for: record)
    try exporter.audit(store, record: record, reason: reason)
    return document
  }

  /// Writes the case document of every case in the store to `directory` as `URN.xml`
  /// (each file written to a temporary name and renamed), in URN order; each export is
  /// audited. Stops at the first case that cannot be written, keeping the files already
  /// written.
  ///
  /// - Returns: The paths written.
  package static func exportAllDocuments(
    _ context: CaseFileContext, to directory: String, asOf: ISODate,
    templatesDirectory: String?, reason: String?, progress: (Int, Int) -> Void = { _, _ in }
  ) throws -> [String] {
    let exporter = try CaseDocumentExporter(
      context, asOf: asOf, templatesDirectory: templatesDirectory)
    let store = try context.openStore()
    let output = URL(fileURLWithPath: directory)
    do {
      try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    } catch {
      throw KitError.io("cannot create the directory \(directory)")
    }
    let summaries = try store.caseSummaries()
    var written: [String] = []
    for (index, summary) in summaries.enumerated() {
      let record = try StoreCommands.loadToRead(
        store, urn: summary.urn, action: "export-document", reason: reason, context: context)
      let document = try exporter.document(for: record)
      let file = output.appendingPathComponent("\(summary.urn).xml")
      do {
        try Data(document).write(to: file, options: .atomic)
      } catch {
        throw KitError.io("cannot write \(file.path)")
      }
      try exporter.audit(store, record: record, reason: reason)
      written.append(file.path)
      progress(index + 1, summaries.count)
    }
    return written
  }

  /// Reads the bank holidays of England and Wales from the Templates directory.
  static func bankHolidays(templatesDirectory: String?) throws -> BankHolidayCalendar {
    let directory = try ResourceLocator.templatesDirectory(explicit: templatesDirectory)
    let file = directory.appendingPathComponent(ResourceLocator.bankHolidayFile)
    let bytes: [UInt8]
    do {
      bytes = Array(try Data(contentsOf: file))
    } catch {
      throw KitError.io("cannot read \(file.path)")
    }
    do {
      return try BankHolidayCalendar(jsonBytes: bytes)
    } catch {
      throw KitError.badInput("\(file.path): \(error.message)")
    }
  }
}

/// What writing case documents needs, loaded once: the bank holidays and the compiled case
/// document schema every document is checked against before it leaves casefile.
struct CaseDocumentExporter {
  let user: String
  let asOf: ISODate
  let holidays: BankHolidayCalendar
  let schema: XMLSchemaSet

  init(_ context: CaseFileContext, asOf: ISODate, templatesDirectory: String?) throws {
    self.user = context.user
    self.asOf = asOf
    holidays = try CaseDocumentCommands.bankHolidays(templatesDirectory: templatesDirectory)
    let directory = try ResourceLocator.schemasDirectory(explicit: context.schemasDirectory)
    let file = directory.appendingPathComponent(CaseDocumentWriter.schemaFileName)
    guard FileManager.default.fileExists(atPath: file.path) else {
      throw KitError.usage(
        "\(directory.path): no \(CaseDocumentWriter.schemaFileName) there; give --schemas DIR")
    }
    schema = try XMLSchemaSet(contentsOf: file.path)
  }

  /// The case document of `record`, validated.
  ///
  /// A document that does not match means the store holds a value the records schema
  /// refuses (an edit command can store one); the error names lines only, never values.
  func document(for record: CaseRecord) throws -> [UInt8] {
    let urn = record.urn
    let document: [UInt8]
    do {
      document = try CaseDocumentWriter().write(record, asOf: asOf, holidays: holidays)
    } catch let error as CalendarError {
      throw KitError.badInput("case \(urn): \(error.message)")
    } catch let error as XMLWriterError {
      throw KitError.badInput("case \(urn) cannot be written as XML: \(error.message)")
    }
    let issues = try schema.validate(bytes: document, name: "case \(urn)")
    guard issues.isEmpty else {
      let lines = Array(Set(issues.map(\.line))).sorted().prefix(5).map(String.init)
      throw KitError.badInput(
        "case \(urn): its case document does not match \(CaseDocumentWriter.schemaFileName) "
          + "(line \(lines.joined(separator: ", "))): a record holds a value the records schema "
          + "refuses; `casefile export \(urn) --as records` and importing that file names it")
    }
    return document
  }

  /// Records the export in the audit log.
  func audit(_ store: any CaseStoring, record: CaseRecord, reason: String?) throws {
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: user, action: "export-document", urn: record.urn,
        detail: "records=\(record.recordCount) asOf=\(asOf)", reason: reason))
  }
}
