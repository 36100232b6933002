import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#endif

/// The embedded record store: one SQLite database in WAL mode, with its media beside it.
///
/// The database is opened through a GRDB `DatabaseQueue` (one connection per process; WAL lets other processes read while one writes) with foreign keys on, a busy
/// timeout, `synchronous = FULL` (a committed case survives a power cut) and every write in
/// an immediate transaction. Media objects live in a ``MediaStore`` in the directory
/// `<database path>.media/`. Several stores, in one process or many, may use the same file.
package final class SQLiteCaseStore: CaseStoring {
  /// The database file.
  package let url: URL
  /// The media store beside the database.
  package let media: MediaStore
  /// The connections to the database.
  let database: DatabaseQueue

  /// How long a writer waits for another writer before giving up, in seconds.
  package static let defaultBusyTimeout: TimeInterval = 10

  private init(url: URL, database: DatabaseQueue, media: MediaStore) {
    self.url = url
    self.database = database
    self.media = media
  }

  /// Creates a new, empty store at `url`; refuses when any file is already there.
  package static func create(at url: URL) throws -> SQLiteCaseStore {
    try create(at: url, busyTimeout: defaultBusyTimeout)
  }

  /// Opens an existing store; refuses a missing file, a file that is not a casefile store
  /// and a store written by a newer casefile.
  package static func open(at url: URL) throws -> SQLiteCaseStore {
    try open(at: url, busyTimeout: defaultBusyTimeout)
  }

  /// Creates a store with a chosen busy timeout; `nil` fails at once when busy (tests only).
  static func create(at url: URL, busyTimeout: TimeInterval?) throws -> SQLiteCaseStore {
    let path = url.path
    // O_EXCL makes the check and the creation one step, so two creators cannot both win.
    let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      if errno == EEXIST {
        throw StoreError(
          .storeExists,
          "a file already exists at the store path: open it, or choose another path")
      }
      throw StoreError.system("open", .io, "the store file could not be created; check the path")
    }
    Glibc.close(descriptor)
    do {
      let database = try openDatabase(path: path, busyTimeout: busyTimeout)
      // WAL is a property of the file: set once here, every later open finds it.
      try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL")
      }
      try StoreSchema.migrator.migrate(database)
      let media = try MediaStore(directory: mediaDirectory(for: url))
      return SQLiteCaseStore(url: url, database: database, media: media)
    } catch {
      for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
      throw StoreError.wrapping(error)
    }
  }

  /// Opens a store with a chosen busy timeout; `nil` fails at once when busy (tests only).
  static func open(at url: URL, busyTimeout: TimeInterval?) throws -> SQLiteCaseStore {
    let path = url.path
    var status = stat()
    guard stat(path, &status) == 0 else {
      if errno == ENOENT {
        throw StoreError(
          .storeMissing, "no store exists at the store path: create one with `casefile init`")
      }
      throw StoreError.system("stat", .io, "the store file could not be read; check the path")
    }
    guard status.st_mode & S_IFMT == S_IFREG, try hasSQLiteHeader(path: path) else {
      throw notAStore()
    }
    do {
      // Look read-only first: somebody else's database must not be migrated or written.
      let needsMigration = try inspect(path: path, busyTimeout: busyTimeout)
      let database = try openDatabase(path: path, busyTimeout: busyTimeout)
      if needsMigration { try StoreSchema.migrator.migrate(database) }
      let media = try MediaStore(directory: mediaDirectory(for: url))
      return SQLiteCaseStore(url: url, database: database, media: media)
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// The media directory of the store at `url`: `<database path>.media`.
  package static func mediaDirectory(for url: URL) -> URL {
    url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".media")
  }

  /// Closes the database connections; the store cannot be used afterwards.
  package func close() throws {
    do {
      try database.close()
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// Copies the write-ahead log into the database file and empties the log.
  package func checkpoint() throws {
    do {
      _ = try database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    } catch {
      throw StoreError.wrapping(error)
    }
  }

  /// Reads one pragma's value on the writer connection (for checks and tests).
  func pragma(_ name: String) throws -> String? {
    try database.writeWithoutTransaction { db in
      try String.fetchOne(db, sql: "PRAGMA \(name)")
    }
  }

  // MARK: - Opening

  /// The connection database, configured for evidence: foreign keys, busy timeout, FULL sync.
  private static func openDatabase(path: String, busyTimeout: TimeInterval?) throws -> DatabaseQueue
  {
    let database = try DatabaseQueue(path: path, configuration: configuration(busyTimeout))
    // GRDB's own WAL set-up would reset `synchronous` to NORMAL and write to the file on
    // every open (to make sure a WAL file exists), so WAL is switched on once at creation
    // instead and FULL is set here explicitly. Opening a store then writes nothing.
    try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    return database
  }

  /// The GRDB configuration every connection of the store uses.
  static func configuration(_ busyTimeout: TimeInterval?) -> Configuration {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = busyTimeout.map { .timeout($0) } ?? .immediateError
    configuration.label = "casefile.store"
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
      db.add(function: StoreSchema.phoneticFunction)
    }
    return configuration
  }

  /// Checks, read-only, that the file is a casefile store this build can use.
  ///
  /// Returns `true` when the store has migrations this build should apply.
  private static func inspect(path: String, busyTimeout: TimeInterval?) throws -> Bool {
    var configuration = configuration(busyTimeout)
    configuration.readonly = true
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    defer { try? queue.close() }
    return try queue.read { db in
      let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id")
      guard applicationID == StoreSchema.applicationID else { throw notAStore() }
      let migrator = StoreSchema.migrator
      if try migrator.hasBeenSuperseded(db) {
        throw StoreError(
          .schemaTooNew,
          "the store was written by a newer casefile: upgrade casefile to open it")
      }
      return try !migrator.hasCompletedMigrations(db)
    }
  }

  /// Whether the file starts with SQLite's 16-byte header string.
  private static func hasSQLiteHeader(path: String) throws -> Bool {
    let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw StoreError.system(
        "open", .io, "the store file could not be read; check its permissions")
    }
    defer { Glibc.close(descriptor) }
    var header = [UInt8](repeating: 0, count: 16)
    let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 16) }
    return count == 16 && header == Array("SQLite format 3\0".utf8)
  }

  private static func notAStore() -> StoreError {
    StoreError(.notAStore, "the file is not a casefile store: check the --store path")
  }
}

/// The current UTC time as ISO 8601 with seconds, such as `2025-01-31T09:30:00Z`.
func storeTimestamp(_ date: Date = Date()) -> String {
  var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
  var parts = tm()
  gmtime_r(&seconds, &parts)
  func pad(_ value: Int32, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
  return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
    + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))Z"
}
