import ArgumentParser
import CaseFileKit

/// The options of the commands that make a case's file for a recipient (`documents`,
/// `build`): who it is for, the stage, the facts' date, and a force's own templates and
/// rules.
struct FileOptions: ParsableArguments {
  @Option(name: .customLong("for"), help: "The recipient: cps, defence or court.")
  var recipient: String

  @Option(help: "The stage: pre-charge, first-hearing or trial.")
  var stage: String = "first-hearing"

  @Option(
    name: .customLong("as-of"),
    help: "The date the facts are computed for, YYYY-MM-DD (default: today, UTC).")
  var asOf: String?

  @OptionGroup var pack: PackOptions

  func validate() throws {
    guard ["cps", "defence", "court"].contains(recipient) else {
      throw ValidationError("--for \(recipient): give cps, defence or court")
    }
    if let asOf, CaseDocumentCommands.asOfDate(asOf) == nil {
      throw ValidationError("--as-of \(asOf) is not a real date written YYYY-MM-DD")
    }
  }
}

/// A force's own rule pack and templates, for the commands that check cases or render them.
struct PackOptions: ParsableArguments {
  @Option(help: "casefile's Templates directory, to use a force's own copy.")
  var templates: String?

  @Option(help: "A directory holding a force's own national-file-standard.sch.")
  var rules: String?
}
