import ArgumentParser

/// The `casefile` command: builds and checks prosecution case files.
@main
struct Casefile: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "casefile",
    abstract: "Build, check and package prosecution case files from shared police records.",
    discussion: """
      The store is an embedded SQLite database: --store PATH, else $CASEFILE_STORE, else \
      ./casefile.sqlite. The acting user (recorded in the audit log) is --user NAME, else \
      $CASEFILE_USER, else the login name.

      Exit codes:
        0   success
        1   the command ran and the answer is "no" (for example an invalid DCF file)
        64  usage error (bad options or arguments, no store)
        65  bad input data (malformed or invalid file; the message names the file and path)
        70  internal error
        74  I/O error (the store or a file could not be read or written)
      """,
    version: CasefileVersion.text,
    subcommands: [
      Init.self, Import.self, DCF.self, CaseGroup.self, Export.self, WitnessGroup.self,
      StatementGroup.self, ExhibitGroup.self, UnusedGroup.self, MediaGroup.self, Samples.self,
      Schema.self, Check.self, Rules.self, Documents.self, Keys.self, Bag.self, Verify.self,
      Inspect.self, Build.self, Deadlines.self, Templates.self, Erase.self,
      Workflow.self, Users.self, Status.self, Audit.self,
      Submit.self, Receipt.self, Actions.self, Search.self,
      Version.self,
    ]
  )
}
