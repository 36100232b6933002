import ArgumentParser
import CaseFileKit

struct Users: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Register users and their roles.",
    discussion: """
      The roles are the workflow's: case-builder, supervisor, disclosure-officer and \
      prosecution-liaison in the default workflow. While no user is registered, roles are \
      not enforced. The first user may be added by anyone and must hold the supervisor \
      role; after that only a registered supervisor (--user) adds users or changes roles.
      """,
    subcommands: [Add.self, List.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a user, or replace a user's roles.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "A force's own workflow file, whose roles are allowed.")
    var workflow: String?

    @Option(help: "casefile's Templates directory, to use a force's own copy.")
    var templates: String?

    @Option(name: .customLong("role"), help: "A role; repeat for several.")
    var roles: [String] = []

    @Argument(help: "The user's name, as given to --user.")
    var name: String

    func run() throws {
      try reportingErrors {
        print(
          try UsersCommands.add(
            global.context, name: name, roles: roles,
            options: WorkflowOptions(workflowFile: workflow, templatesDirectory: templates)))
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the users and their roles.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
      try reportingErrors {
        print(UsersCommands.table(try UsersCommands.list(global.context)), terminator: "")
      }
    }
  }
}
