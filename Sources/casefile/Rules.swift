import ArgumentParser
import CaseFileKit
import Foundation

struct Rules: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules", abstract: "List, explain and run Schematron rules.",
    subcommands: [List.self, Explain.self, Run.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the rules of the rule pack.",
      discussion: """
        One line per assert or report: its id, severity, the stages (phases) it runs at and \
        its message. The pack is rules/national-file-standard.sch in the Templates \
        directory, or DIR/national-file-standard.sch for --rules DIR. Exit 65 when the \
        pack cannot be read or compiled.
        """)

    @OptionGroup var pack: PackOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() throws {
      try reportingErrors {
        let catalog = try RulesCommands.list(
          rulesDirectory: pack.rules, templatesDirectory: pack.templates)
        switch format {
        case .text: print(Rendering.ruleList(catalog), terminator: "")
        case .json: print(try Rendering.json(catalog), terminator: "")
        }
      }
    }
  }

  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Explain one rule, with its fixtures as examples.",
      discussion: """
        Shows the rule's message, citation, severity, stages, pattern, context and test, the \
        pattern's rationale, and each fixture under tests/RULE-ID/ beside the pack with what \
        the rule says about it. Exit 65 when there is no such rule or the pack cannot be \
        compiled.
        """)

    @OptionGroup var pack: PackOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @Argument(help: "The rule id, such as NFS-DISC-01.")
    var rule: String

    func run() throws {
      try reportingErrors {
        let explanation = try RulesCommands.explain(
          rule, rulesDirectory: pack.rules, templatesDirectory: pack.templates)
        switch format {
        case .text: print(Rendering.ruleExplanation(explanation), terminator: "")
        case .json: print(try Rendering.json(explanation), terminator: "")
        }
      }
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run any Schematron file on any XML documents.",
      discussion: """
        ISO Schematron with the XPath 1.0 query binding. The schema is compiled once and \
        run on each document at --phase (default: the schema's defaultPhase, else #ALL). \
        Documents are parsed safely: no network, no DOCTYPE. Text and JSON reports are \
        written one document at a time (memory stays flat); a document that cannot be read \
        is named on standard error and the others are still reported. --format svrl takes \
        one document; junit writes a test suite per document and a test case per rule.

        Exit codes: 0 no error findings, 1 error findings, 64 usage error, 65 the \
        schematron cannot be read or compiled, the phase is unknown, or a document cannot \
        be read or is not well-formed (the message names the file and line).
        """)

    @Option(help: "The phase to run (a phase id or #ALL).")
    var phase: String?

    @Option(help: "Output format: text, json, svrl or junit.")
    var format: RulesOutputFormat = .text

    @Flag(help: "With --format junit: warnings fail their test case too.")
    var warningsFail = false

    @Argument(help: "The Schematron file.")
    var schematron: String

    @Argument(help: "The XML documents to check.")
    var documents: [String] = []

    func validate() throws {
      if documents.isEmpty { throw ValidationError("give at least one XML document") }
      if format == .svrl && documents.count > 1 {
        throw ValidationError("--format svrl describes one document; give one, or use junit")
      }
      if warningsFail && format != .junit {
        throw ValidationError("--warnings-fail applies to --format junit only")
      }
    }

    func run() throws {
      try reportingErrors {
        if format == .text || format == .json {
          let errors = try RulesStreaming.run(
            schematron: schematron, documents: documents, phase: phase, format: format.kit
          ) { FileHandle.standardOutput.write(Data($0.utf8)) }
          if errors > 0 { throw ExitCode(ExitStatus.no.rawValue) }
          return
        }
        let outcome = try RulesCommands.run(
          schematron: schematron, documents: documents, phase: phase)
        let bytes = try Rendering.rulesRun(outcome, as: format.kit, warningsFail: warningsFail)
        FileHandle.standardOutput.write(Data(bytes))
        if outcome.errors > 0 { throw ExitCode(ExitStatus.no.rawValue) }
      }
    }
  }
}
