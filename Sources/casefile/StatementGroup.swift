import ArgumentParser
import CaseFileKit
import Foundation

struct StatementGroup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "statement", abstract: "Add MG11 witness statements.", subcommands: [Add.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Add a statement from a UTF-8 text file, or from a recording already attached as media.")

    @OptionGroup var target: EditTarget
    @Option(help: "The witness id.") var witness: String
    @Option(help: "The date of the statement (YYYY-MM-DD).") var date: String
    @Option(help: "A UTF-8 text file holding the statement.") var textFile: String?
    @Option(help: "The id of a media object holding a recorded statement.") var media: String?
    @Option(help: "An exhibit the statement produces (repeat for several).") var exhibit: [String] =
      []

    func validate() throws {
      if textFile == nil && media == nil {
        throw ValidationError("give --text-file FILE or --media ID")
      }
    }

    func run() throws {
      try reportingErrors {
        var request = EditRequests.AddStatement(witness: witness, date: date)
        if let textFile { request.text = try TextInput.read(textFile) }
        request.media = media
        request.exhibits = exhibit
        let id = try target.edit("add-statement") { try request.apply(to: &$0) }
        print("added statement \(id) to \(target.urn)")
      }
    }
  }
}
