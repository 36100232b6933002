import CLibXML2
import Foundation

/// Process-wide libxml2 set-up, done once before any CaseXML call.
///
/// Initialises the parser (`xmlInitParser`) and installs ``ResourceGate`` as libxml2's
/// external entity loader (`xmlSetExternalEntityLoader`), so that every file or URL libxml2
/// would open on its own (DTDs, entities, schema includes and imports) is refused unless a
/// schema compilation in progress has listed it.
enum LibXML {
  private static let prepared: Bool = {
    xmlInitParser()
    xmlSetExternalEntityLoader(ResourceGate.loader)
    return true
  }()

  static func prepare() { _ = prepared }
}

/// The only way libxml2 opens a file by itself: an allow-list held while a schema set
/// compiles, empty the rest of the time.
enum ResourceGate {
  /// The files a compilation may open, with the catalog that maps URIs to them.
  final class Scope: @unchecked Sendable {
    let allowed: Set<String>
    let catalog: XMLCatalog?
    private let lock = NSLock()
    private var refusedStore: [String] = []

    init(allowed: Set<String>, catalog: XMLCatalog?) {
      self.allowed = allowed
      self.catalog = catalog
    }

    var refused: [String] { lock.withLock { refusedStore } }

    func refuse(_ url: String) { lock.withLock { refusedStore.append(url) } }

    /// The local file `url` stands for, if the scope allows it.
    func resolve(_ url: String) -> String? {
      let mapped = catalog?.resolve(url) ?? url
      guard let path = LocalPath.from(mapped) else { return nil }
      return allowed.contains(path) ? path : nil
    }
  }

  private static let stateLock = NSLock()
  private static let compileLock = NSLock()
  nonisolated(unsafe) private static var current: Scope?

  /// Runs `body` with `scope` active; compilations are serialised.
  static func with<T>(_ scope: Scope, _ body: () throws -> T) rethrows -> T {
    compileLock.lock()
    defer { compileLock.unlock() }
    stateLock.withLock { current = scope }
    defer { stateLock.withLock { current = nil } }
    return try body()
  }

  static let loader: xmlExternalEntityLoader = { url, _, context in
    guard let url else { return nil }
    let requested = String(cString: url)
    let scope = stateLock.withLock { current }
    guard let scope, let path = scope.resolve(requested) else {
      scope?.refuse(requested)
      return nil
    }
    return xmlNewInputFromFile(context, path)
  }
}
