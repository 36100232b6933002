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
  /// - Parameters:
  ///   - context: The store and the acting user.
  ///   - urn: The case.
  ///   - asOf: The date the facts (ages, time limits) are computed for.
  ///   - templatesDirectory: An explicit `--templates` directory, else it is looked for.
  ///   - reason: Why the case is exported, for the audit log.
  /// - Returns: The document's bytes.
  /// - Throws: ``KitError`` (usage when the templates or schemas cannot be found, bad input
  ///   when the bank holiday file is broken or does not cover a year the case needs or the
  ///   document does not match its schema, not found for an unknown case), ``StoreError``
  ///   when the store cannot be read.
  package static func exportDocument(
    _ context: CaseFileContext, urn: String, asOf: ISODate, templatesDirectory: String?,
    reason: String?
  ) throws -> [UInt8] {
    let holidays = try bankHolidays(templatesDirectory: templatesDirectory)
    let store = try context.openStore()
    let record = try StoreCommands.load(store, urn: urn)
    let document: [UInt8]
    do {
      document = try CaseDocumentWriter().write(record, asOf: asOf, holidays: holidays)
    } catch let error as CalendarError {
      throw KitError.badInput("case \(urn): \(error.message)")
    } catch let error as XMLWriterError {
      throw KitError.badInput("case \(urn) cannot be written as XML: \(error.message)")
    }
    try checkAgainstSchema(document, urn: urn, schemasDirectory: context.schemasDirectory)
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "export-document", urn: urn,
        detail: "records=\(record.recordCount) asOf=\(asOf)", reason: reason))
    return document
  }

  /// Validates a case document against `case-document-v1.xsd` before it leaves casefile.
  ///
  /// A document that does not match means the store holds a value the records schema
  /// refuses (an edit command can store one); the error names lines only, never values.
  static func checkAgainstSchema(_ document: [UInt8], urn: String, schemasDirectory: String?)
    throws
  {
    let directory = try ResourceLocator.schemasDirectory(explicit: schemasDirectory)
    let schema = directory.appendingPathComponent(CaseDocumentWriter.schemaFileName)
    guard FileManager.default.fileExists(atPath: schema.path) else {
      throw KitError.usage(
        "\(directory.path): no \(CaseDocumentWriter.schemaFileName) there; give --schemas DIR")
    }
    let issues = try XMLSchemaSet(contentsOf: schema.path).validate(
      bytes: document, name: "case \(urn)")
    guard issues.isEmpty else {
      let lines = Array(Set(issues.map(\.line))).sorted().prefix(5).map(String.init)
      throw KitError.badInput(
        "case \(urn): its case document does not match \(CaseDocumentWriter.schemaFileName) "
          + "(line \(lines.joined(separator: ", "))): a record holds a value the records schema "
          + "refuses; `casefile export \(urn) --as records` and importing that file names it")
    }
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
