import CaseStore
import Foundation

/// Where a command works and who is acting: the global options, resolved.
package struct CaseFileContext: Sendable {
  /// The store's database file.
  package var storePath: URL
  /// The acting user, recorded in the audit log.
  package var user: String
  /// An explicit `--schemas` directory, if given.
  package var schemasDirectory: String?
  /// An explicit `--dcf-dir`, if given.
  package var dcfDirectory: String?

  /// Resolves the global options: `--store` or `$CASEFILE_STORE` or `./casefile.sqlite`;
  /// `--user` or `$CASEFILE_USER` or the login name.
  package init(
    store: String?, user: String?, schemasDirectory: String? = nil, dcfDirectory: String? = nil
  ) {
    let environment = ProcessInfo.processInfo.environment
    let storeText =
      store ?? environment["CASEFILE_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? "casefile.sqlite"
    self.storePath = URL(fileURLWithPath: storeText)
    self.user =
      user ?? environment["CASEFILE_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.loginName()
    self.schemasDirectory = schemasDirectory
    self.dcfDirectory = dcfDirectory
  }

  /// Opens the existing store.
  package func openStore() throws -> SQLiteCaseStore {
    try SQLiteCaseStore.open(at: storePath)
  }

  /// The compiled records format from the schemas directory.
  package func recordsFormat() throws -> RecordsFormat {
    try RecordsFormat(
      schemasDirectory: ResourceLocator.schemasDirectory(explicit: schemasDirectory))
  }

  /// The DCF rule pack, or nil when the DCF reference directory cannot be found.
  package func dcfRulePack() throws -> DCFRulePack? {
    guard let directory = ResourceLocator.dcfDirectory(explicit: dcfDirectory) else {
      if let dcfDirectory {
        throw KitError.usage("--dcf-dir \(dcfDirectory): no dcf-schema.json there")
      }
      return nil
    }
    return try DCFRulePack(directory: directory)
  }

  /// The DCF rule pack, or a usage error saying how to point at it.
  package func requiredDCFRulePack() throws -> DCFRulePack {
    guard let pack = try dcfRulePack() else {
      throw KitError.usage(
        "cannot find the DCF 1.2.2 schema and business rules; give --dcf-dir DIR or set CASEFILE_DCF_DIR"
      )
    }
    return pack
  }

  static func loginName() -> String {
    if let name = getlogin() { return String(cString: name) }
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
      return String(cString: name)
    }
    return "unknown"
  }
}
