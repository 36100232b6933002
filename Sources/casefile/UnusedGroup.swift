import ArgumentParser
import CaseFileKit
import CaseStore

struct UnusedGroup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "unused", abstract: "Add or update unused material.",
    subcommands: [Add.self, Update.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add an item of unused material.")

    @OptionGroup var target: EditTarget
    @Option(help: "What the item is.") var description: String
    @Option(help: "non-sensitive, sensitive (MG6D) or edited.") var sensitivity: Sensitivity
    @Option(name: .customLong("why"), help: "Why it is sensitive or edited.") var why: String?

    func run() throws {
      try reportingErrors {
        let request = EditRequests.AddUnused(
          description: description, sensitivity: sensitivity, reason: why)
        let id = try target.edit("add-unused") { try request.apply(to: &$0) }
        print("added unused item \(id) to \(target.urn)")
      }
    }
  }

  struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Change an unused item's sensitivity or reason.")

    @OptionGroup var target: EditTarget
    @Argument(help: "The unused item id.") var item: String
    @Option(help: "non-sensitive, sensitive or edited.") var sensitivity: Sensitivity?
    @Option(name: .customLong("why"), help: "Why it is sensitive or edited (empty to remove).")
    var why: String?

    func run() throws {
      try reportingErrors {
        var request = EditRequests.UpdateUnused(item: item)
        request.sensitivity = sensitivity
        request.reason = why
        try target.edit("update-unused") { try request.apply(to: &$0) }
        print("updated unused item \(item) in \(target.urn)")
      }
    }
  }
}
