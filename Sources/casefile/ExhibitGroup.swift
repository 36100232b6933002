import ArgumentParser
import CaseFileKit
import CaseStore

struct ExhibitGroup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exhibit",
    abstract: "Add exhibits, record continuity and link exhibits to statements.",
    subcommands: [Add.self, Continuity.self, Link.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add an exhibit.")

    @OptionGroup var target: EditTarget
    @Option(help: "The exhibit reference, such as AB/1.") var reference: String
    @Option(help: "What the exhibit is.") var description: String
    @Option(help: "The id of the person who produces it.") var producedBy: String
    @Option(help: "When it was seized (YYYY-MM-DDThh:mm).") var seizedAt: String?
    @Option(help: "Where or whom it was seized from.") var seizedFrom: String?

    func run() throws {
      try reportingErrors {
        var request = EditRequests.AddExhibit(
          reference: reference, description: description, producedBy: producedBy)
        request.seizedAt = seizedAt
        request.seizedFrom = seizedFrom
        let id = try target.edit("add-exhibit") { try request.apply(to: &$0) }
        print("added exhibit \(id) (\(reference)) to \(target.urn)")
      }
    }
  }

  struct Continuity: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record a hand-over or movement of an exhibit.")

    @OptionGroup var target: EditTarget
    @Argument(help: "The exhibit id.") var exhibit: String
    @Option(help: "When (YYYY-MM-DDThh:mm).") var at: String
    @Option(help: "What happened, such as 'booked into property store'.") var action: String
    @Option(help: "The id of the person handing over.") var from: String?
    @Option(help: "The id of the person receiving.") var to: String?
    @Option(help: "Where it happened.") var location: String?

    func run() throws {
      try reportingErrors {
        let request = EditRequests.AddContinuity(
          exhibit: exhibit,
          event: ContinuityEvent(at: at, action: action, from: from, to: to, location: location))
        try target.edit("add-continuity") { try request.apply(to: &$0) }
        print("recorded continuity for exhibit \(exhibit) in \(target.urn)")
      }
    }
  }

  struct Link: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record that a statement produces an exhibit.")

    @OptionGroup var target: EditTarget
    @Option(help: "The exhibit id.") var exhibit: String
    @Option(help: "The statement id.") var statement: String

    func run() throws {
      try reportingErrors {
        let request = EditRequests.LinkExhibit(exhibit: exhibit, statement: statement)
        try target.edit("link-exhibit") { try request.apply(to: &$0) }
        print("linked exhibit \(exhibit) to statement \(statement) in \(target.urn)")
      }
    }
  }
}
