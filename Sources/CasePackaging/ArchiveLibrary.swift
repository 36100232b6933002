import CLibArchive

/// Facts about the libarchive this binary is linked with.
public enum ArchiveLibrary {
  /// The libarchive version string, from `archive_version_string()`.
  public static var version: String {
    String(cString: archive_version_string())
  }
}
