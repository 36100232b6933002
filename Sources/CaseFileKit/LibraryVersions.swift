import CasePackaging
import CaseStore
import CaseXML

/// The versions of the C libraries casefile links, for `casefile version` and bug reports.
package enum LibraryVersions {
  /// Library name and version pairs.
  package static var all: [(String, String)] {
    [
      ("libxml2", XMLLibrary.version), ("libarchive", ArchiveLibrary.version),
      ("sqlite", SQLiteCaseStore.sqliteVersion),
    ]
  }
}
