import ArgumentParser
import CaseFileKit
import Foundation

struct Samples: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Generate synthetic sample cases.", subcommands: [Generate.self])

  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write realistic synthetic cases (about 100 records each) as records JSON.",
      discussion: "The same --seed and --cases always give the same files.")

    @Option(help: "How many cases.") var cases: Int
    @Option(help: "Cases per records file.") var perFile = 100
    @Option(help: "The random seed.") var seed: UInt64 = 1
    @Option(help: "The output directory.") var out: String
    @Flag(help: "Also write the same rows as one CSV file per record kind.") var csv = false

    func run() throws {
      try reportingErrors {
        let showProgress = standardErrorIsTerminal
        let summary = try SampleCommands.generate(
          cases: cases, perFile: perFile, seed: seed, directory: URL(fileURLWithPath: out),
          csv: csv,
          progress: { done in
            if showProgress {
              printError("\r\(done)/\(cases) cases", terminator: done == cases ? "\n" : "")
            }
          })
        print(
          "generated \(summary.cases) cases, \(summary.records) records, in \(summary.files) files under \(out)"
        )
      }
    }
  }
}
