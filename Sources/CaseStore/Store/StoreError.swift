import Foundation
import GRDB

/// An error from the record store or the media store: the store could not do the job.
///
/// Every error has a ``Code`` that says what kind of failure it was, a ``message`` that says
/// what to do about it, an optional underlying ``cause`` and the place it was thrown from.
/// Messages hold identifiers (URNs, record ids, hashes) and codes only, never case data.
package struct StoreError: Error, Sendable {
  /// What kind of failure this was.
  package enum Code: String, Sendable, CaseIterable {
    /// The file is not a casefile store.
    case notAStore
    /// No store exists at the path given.
    case storeMissing
    /// A file already exists where a new store was to be created.
    case storeExists
    /// A case with the URN is already in the store and the save does not replace cases.
    case caseExists
    /// No case with the URN is in the store.
    case caseNotFound
    /// The store was written by a newer casefile whose schema this build does not know.
    case schemaTooNew
    /// The disk or file system is full.
    case storageFull
    /// Another writer held the store for longer than the busy timeout.
    case busy
    /// A case does not hold together: a duplicate or unknown record id, or a bad value.
    case invalidCase
    /// A media object the case names is not in the media store.
    case mediaMissing
    /// A media file's content does not match the SHA-256 or size it was expected to have.
    case mediaMismatch
    /// A media source is a symbolic link, a directory or a device rather than a regular file.
    case unsupportedFile
    /// Reading or writing the store's files failed.
    case io
  }

  /// Where in the source an error was thrown.
  package struct SourceLocation: Sendable, Hashable {
    package var file: String
    package var line: Int

    package init(file: String, line: Int) {
      self.file = file
      self.line = line
    }
  }

  /// The kind of failure.
  package var code: Code
  /// What went wrong and what to do about it; never holds personal data.
  package var message: String
  /// The underlying error, such as the SQLite error or the `errno` of a system call.
  package var cause: (any Error)?
  /// Where the error was thrown.
  package var location: SourceLocation

  /// Creates an error, recording the caller's file and line.
  package init(
    _ code: Code, _ message: String, cause: (any Error)? = nil,
    file: String = #fileID, line: Int = #line
  ) {
    self.code = code
    self.message = message
    self.cause = cause
    self.location = SourceLocation(file: file, line: line)
  }
}

extension StoreError: CustomStringConvertible {
  package var description: String {
    var text = "\(code.rawValue): \(message)"
    if let cause { text += " (cause: \(Self.describe(cause)))" }
    return text
  }

  /// A description of an underlying error that leaves out statement arguments.
  private static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "")"
    }
    return String(describing: error)
  }
}

extension StoreError {
  /// Turns any error thrown while using the database into a `StoreError`.
  ///
  /// A `StoreError` passes through unchanged. SQLite's result codes map to the codes the
  /// caller can act on: a full disk to ``Code/storageFull``, a lock held too long to
  /// ``Code/busy``, a constraint failure to ``Code/invalidCase``.
  package static func wrapping(
    _ error: any Error, file: String = #fileID, line: Int = #line
  ) -> StoreError {
    if let error = error as? StoreError { return error }
    guard let database = error as? DatabaseError else {
      return StoreError(
        .io, "the store could not complete the operation; nothing was written",
        cause: error, file: file, line: line)
    }
    let (code, message): (Code, String)
    switch database.resultCode {
    case .SQLITE_FULL:
      (code, message) = (.storageFull, "storage full: free space and retry; nothing was written")
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      (code, message) = (
        .busy,
        "the store is busy with another writer: retry when it has finished; nothing was written"
      )
    case .SQLITE_NOTADB:
      (code, message) = (.notAStore, "the file is not a casefile store: check the --store path")
    case .SQLITE_CORRUPT:
      (code, message) = (
        .io, "the store is damaged: restore it from a backup and do not write to it"
      )
    case .SQLITE_CONSTRAINT:
      (code, message) = (
        .invalidCase,
        "a case does not hold together (a duplicate or unknown record id, or a value out of "
          + "range): correct the input; nothing was written"
      )
    case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
      (code, message) = (
        .io, "the store cannot be opened for writing: check the file's permissions and path"
      )
    default:
      (code, message) = (
        .io, "reading or writing the store failed: check the disk and retry; nothing was written"
      )
    }
    return StoreError(code, message, cause: database, file: file, line: line)
  }

  /// Builds an error from the current `errno` after a failed system call.
  static func system(
    _ call: String, _ code: Code = .io, _ message: String,
    file: String = #fileID, line: Int = #line
  ) -> StoreError {
    let number = errno
    let resolved: Code = number == ENOSPC || number == EDQUOT ? .storageFull : code
    let text = resolved == .storageFull ? "storage full: free space and retry; " + message : message
    return StoreError(
      resolved, text, cause: SystemCallError(call: call, errno: number), file: file, line: line)
  }
}

/// A failed system call and the `errno` it set.
package struct SystemCallError: Error, Sendable, CustomStringConvertible {
  /// The name of the system call, such as `open` or `fsync`.
  package var call: String
  /// The error number the call set.
  package var errno: Int32

  package var description: String {
    "\(call) failed with errno \(errno) (\(String(cString: strerror(errno))))"
  }
}
