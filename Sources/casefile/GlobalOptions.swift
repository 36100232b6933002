import ArgumentParser
import CaseFileKit

/// The options every command that touches a store accepts.
struct GlobalOptions: ParsableArguments {
  @Option(help: "The store's database file (default: $CASEFILE_STORE, else ./casefile.sqlite).")
  var store: String?

  @Option(help: "Who is acting, for the audit log (default: $CASEFILE_USER, else the login name).")
  var user: String?

  @Option(help: "casefile's Schemas directory, to use a force's own copy.")
  var schemas: String?

  var context: CaseFileContext {
    CaseFileContext(store: store, user: user, schemasDirectory: schemas)
  }
}

/// Output formats of reporting commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}
