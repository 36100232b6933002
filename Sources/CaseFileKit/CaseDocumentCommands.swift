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

  /// The case document of a case with its facts computed for `asOf`; the export is audited.
  ///
  /// - Parameters:
  ///   - context: The store and the acting user.
  ///   - urn: The case.
  ///   - asOf: The date the facts (ages, time limits) are computed for.
  ///   - templatesDirectory: An explicit `--templates` directory, else it is looked for.
  ///   - reason: Why the case is exported, for the audit log.
  /// - Returns: The document's bytes.
  /// - Throws: ``KitError`` (usage when the templates cannot be found, bad input when the
  ///   bank holiday file is broken or does not cover a year the case needs, not found for
  ///   an unknown case), ``StoreError`` when the store cannot be read.
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
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "export-document", urn: urn,
        detail: "records=\(record.recordCount) asOf=\(asOf)", reason: reason))
    return document
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
