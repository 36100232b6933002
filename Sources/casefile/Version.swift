import ArgumentParser
import CaseFileKit

enum CasefileVersion {
  static let text = "0.1.0"
}

struct Version: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show casefile's version and the libraries it runs with.")

  func run() {
    print("casefile \(CasefileVersion.text)")
    for (name, version) in LibraryVersions.all { print("\(name) \(version)") }
  }
}
