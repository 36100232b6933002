import ArgumentParser
import CaseFileKit

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create an empty store.",
    discussion: "Refuses when a file already exists at the store path.")

  @OptionGroup var global: GlobalOptions

  func run() throws {
    try reportingErrors {
      print(try StoreCommands.initStore(global.context))
    }
  }
}
