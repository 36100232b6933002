import ArgumentParser
import CaseFileKit
import Foundation

struct Templates: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a force's templates, rules, schemas and file types.",
    subcommands: [Validate.self])

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check that the templates, rules, schemas and file types hold together.",
      discussion: """
        Checks that every schema compiles (imports resolved locally); the rule pack compiles \
        and every rule's fixtures give the expected result; every rule has a passing and a \
        failing fixture and a unique id; every form template renders, for every sample \
        case, XML valid against its schema (a failure names the template, the sample and \
        the line); every file type names forms with a template and a schema, a rule and \
        phases of the pack; the BagIt profile has the profile specification's shape. \
        Prints the time taken. Run it in a force's CI on every change.

        Exit codes: 0 everything holds, 1 a check failed, 64 usage error.
        """)

    @Option(help: "The Templates directory (default: casefile's own).")
    var templates: String?

    @Option(help: "The Schemas directory (default: casefile's own).")
    var schemas: String?

    @Option(help: "A directory of records JSON sample cases (default: Samples/records).")
    var samples: String?

    @Option(help: "Output format: text or junit.")
    var format: TemplatesFormat = .text

    enum TemplatesFormat: String, ExpressibleByArgument, CaseIterable {
      case text
      case junit
    }

    func run() throws {
      try reportingErrors {
        let directories = try TemplatesValidation.directories(
          templates: templates, schemas: schemas, samples: samples)
        let start = Date()
        let checks = TemplatesValidation.validate(directories)
        let seconds = Date().timeIntervalSince(start)
        switch format {
        case .text: print(TemplatesValidation.text(checks, seconds: seconds), terminator: "")
        case .junit:
          FileHandle.standardOutput.write(
            Data(try TemplatesValidation.junit(checks, seconds: seconds)))
        }
        if checks.contains(where: { !$0.passed }) { throw ExitCode(ExitStatus.no.rawValue) }
      }
    }
  }
}
