import GRDB
import GRDBSQLite

extension SQLiteCaseStore {
  /// The version of the SQLite library the store runs on (`sqlite3_libversion()`).
  package static var sqliteVersion: String {
    String(cString: sqlite3_libversion())
  }
}
