import ArgumentParser
import CaseFileKit
import Foundation

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a case against the National File Standard rule pack.",
    discussion: """
      Builds the case's canonical case document in memory (as `casefile export` does), runs \
      the rule pack's phase for --stage on it and prints every finding: its severity \
      (error, warning, info), rule id, location (an XPath to the node), message and \
      citation. The stages are pre-charge, first-hearing (the default) and trial. Every \
      check is recorded in the audit log.

      The pack is rules/national-file-standard.sch in the Templates directory (--templates \
      DIR, else $CASEFILE_TEMPLATES, else found beside casefile), or \
      DIR/national-file-standard.sch for --rules DIR, a force's own pack.

      --format text is for people; json is for programs ({"case", "fileType", "stage", \
      "findings": [{"rule", "severity", "message", "location", "see"}], "summary": \
      {"errors", "warnings"}}); svrl is ISO Schematron's report language; junit is for CI.

      --all checks every case in the store and prints a table (URN, file type, errors, \
      warnings), or --format json or junit.

      Exit codes: 0 no error findings (warnings and info do not fail), 1 error findings \
      (in any case, with --all), 64 usage error (such as an unknown stage), 65 the rule \
      pack cannot be read or compiled (the message names the file and line) or the case \
      does not exist.
      """)

  @OptionGroup var global: GlobalOptions

  @Option(help: "The workflow stage: pre-charge, first-hearing or trial.")
  var stage: String = RulesCommands.defaultStage

  @Option(help: "Output format: text, json, svrl or junit.")
  var format: RulesOutputFormat = .text

  @OptionGroup var pack: PackOptions

  @Option(
    name: .customLong("as-of"),
    help: "The date the case document's facts are computed for, YYYY-MM-DD (default: today, UTC)."
  )
  var asOf: String?

  @Option(help: "Why you are checking the case (recorded in the audit log).")
  var reason: String?

  @Flag(help: "With --format junit: warnings fail their test case too.")
  var warningsFail = false

  @Flag(help: "Check every case in the store.")
  var all = false

  @Argument(help: "The case URN.")
  var urn: String?

  func validate() throws {
    switch (urn, all) {
    case (nil, false): throw ValidationError("give a case URN, or --all")
    case (.some, true): throw ValidationError("give a case URN or --all, not both")
    case (nil, true):
      if format == .svrl { throw ValidationError("--all writes text, json or junit, not svrl") }
    case (.some, false): break
    }
    if warningsFail && format != .junit {
      throw ValidationError("--warnings-fail applies to --format junit only")
    }
    guard RulesCommands.stages.contains(stage) else {
      throw ValidationError(
        "unknown stage \"\(stage)\"; the stages are "
          + RulesCommands.stages.joined(separator: ", "))
    }
    if let asOf, CaseDocumentCommands.asOfDate(asOf) == nil {
      throw ValidationError("--as-of \(asOf) is not a real date written YYYY-MM-DD")
    }
  }

  func run() throws {
    try reportingErrors {
      let date = asOf.flatMap(CaseDocumentCommands.asOfDate)
      guard let urn else {
        let outcome = try RulesCommands.checkAll(
          global.context, stage: stage, rulesDirectory: pack.rules,
          templatesDirectory: pack.templates,
          asOf: date, reason: reason
        ) { done, total in
          if standardErrorIsTerminal { printError("\rchecked \(done)/\(total)", terminator: "") }
        }
        if standardErrorIsTerminal { printError("") }
        FileHandle.standardOutput.write(
          Data(try Rendering.checkAll(outcome, as: format.kit, warningsFail: warningsFail)))
        if outcome.errors > 0 { throw ExitCode(ExitStatus.no.rawValue) }
        return
      }
      let outcome = try RulesCommands.check(
        global.context, urn: urn, stage: stage, rulesDirectory: pack.rules,
        templatesDirectory: pack.templates, asOf: date, reason: reason)
      FileHandle.standardOutput.write(
        Data(try Rendering.check(outcome, as: format.kit, warningsFail: warningsFail)))
      if outcome.errors > 0 { throw ExitCode(ExitStatus.no.rawValue) }
    }
  }
}

/// The report formats of `check` and `rules run`.
enum RulesOutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case svrl
  case junit

  var kit: RulesFormat {
    switch self {
    case .text: .text
    case .json: .json
    case .svrl: .svrl
    case .junit: .junit
    }
  }
}
