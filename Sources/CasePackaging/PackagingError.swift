/// A failure of the packaging layer: a bag could not be written, or an archive or bag could
/// not be read safely.
///
/// A bag that was read but breaks a BagIt rule is not an error: it is a ``BagReport`` with
/// problems. Messages name files inside the bag and codes, never case data.
package struct PackagingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong, in a form programs can test.
  package enum Code: String, Sendable, Equatable {
    /// The input is neither a tar, gzip-compressed tar or zip archive nor a directory.
    case unsupportedFormat = "unsupported-format"
    /// libarchive could not read the archive (corrupt or truncated).
    case corruptArchive = "corrupt-archive"
    /// An entry name is absolute.
    case absolutePath = "absolute-path"
    /// An entry name has a `..` component.
    case parentTraversal = "parent-traversal"
    /// An entry is a symbolic link.
    case symbolicLink = "symbolic-link"
    /// An entry is a hard link.
    case hardLink = "hard-link"
    /// An entry is a device, fifo, socket, or has setuid/setgid bits, or is sparse or
    /// encrypted.
    case specialEntry = "special-entry"
    /// Two entries have the same name, exactly, case-folded or after Unicode normalisation.
    case duplicateEntry = "duplicate-entry"
    /// An entry name has a NUL, a control character or a backslash, or is not UTF-8.
    case badName = "bad-name"
    /// An entry name is too long or too deep.
    case nameTooLong = "name-too-long"
    /// An entry is larger than the limit.
    case entryTooLarge = "entry-too-large"
    /// The archive has more entries than the limit.
    case tooManyEntries = "too-many-entries"
    /// The archive expands far more than real data does, or past the total limit.
    case decompressionBomb = "decompression-bomb"
    /// Data follows the end of the archive.
    case trailingData = "trailing-data"
    /// The archive has entries outside one top-level directory.
    case notOneTopLevelDirectory = "not-one-top-level-directory"
    /// An entry's data is shorter or longer than its header says.
    case sizeMismatch = "size-mismatch"
    /// The archive changed while it was being read.
    case changedWhileReading = "changed-while-reading"
    /// The bag's input is not usable (a payload path, a bag-info label, a part size).
    case invalidInput = "invalid-input"
    /// A key file is malformed, or a key could not be used.
    case badKey = "bad-key"
    /// A file to write already exists and must not be replaced.
    case exists = "exists"
    /// A file or directory could not be read or written.
    case io = "io"
  }

  package var code: Code
  package var message: String
  /// The file (a path inside the bag, or a local path) the error is about.
  package var file: String?
  package var sourceFile: String
  package var sourceLine: Int

  package init(
    _ code: Code, _ message: String, file: String? = nil,
    sourceFile: String = #fileID, sourceLine: Int = #line
  ) {
    self.code = code
    self.message = message
    self.file = file
    self.sourceFile = sourceFile
    self.sourceLine = sourceLine
  }

  package var description: String {
    if let file { return "\(file): \(message) [\(code.rawValue)]" }
    return "\(message) [\(code.rawValue)]"
  }

  package static func == (lhs: PackagingError, rhs: PackagingError) -> Bool {
    lhs.code == rhs.code && lhs.message == rhs.message && lhs.file == rhs.file
  }

  /// Whether the error is about the content of what was read (exit 65) rather than the
  /// machine failing to read or write (exit 74).
  package var isInputError: Bool {
    switch code {
    case .io: return false
    default: return true
    }
  }
}
