import ArgumentParser
import CaseFileKit
import CaseStore

/// The case and the audit reason every edit command takes.
struct EditTarget: ParsableArguments {
  @OptionGroup var global: GlobalOptions

  @Option(help: "Why the change is made (recorded in the audit log).")
  var reason: String?

  @Argument(help: "The case URN.")
  var urn: String

  /// Runs an edit and prints its result line.
  func edit<Result>(_ action: String, _ change: (inout CaseRecord) throws -> Result) throws
    -> Result
  {
    try CaseEditor(global.context).edit(urn, action: action, reason: reason, change)
  }
}

extension WitnessKind: ExpressibleByArgument {}
extension Sensitivity: ExpressibleByArgument {}
