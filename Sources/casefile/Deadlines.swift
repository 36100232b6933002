import ArgumentParser
import CaseFileKit
import Foundation

struct Deadlines: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List custody time limits and six-month limits across every case.",
    discussion: """
      For every case in the store: each charge's custody time limit while the defendant is \
      remanded in custody (56/70/182 days, an expiry on a weekend, Christmas Day, Good \
      Friday or a bank holiday moved back to the preceding working day), and the six-month \
      limit of each summary-only offence not yet charged. Soonest expiry first, with the \
      case, the charge, the expiry date and the days left as of --as-of (default: today, \
      UTC). --within DAYS lists only those with at most DAYS left (expired ones always).

      Exit codes: 0 none has expired, 1 at least one has expired, 64 usage error, 65 bad \
      input (a broken bank holiday file, a year it does not cover).
      """)

  @OptionGroup var global: GlobalOptions

  @Option(help: "Only limits with at most this many days left (expired ones always).")
  var within: Int?

  @Option(
    name: .customLong("as-of"), help: "The date days are counted from, YYYY-MM-DD.")
  var asOf: String?

  @Option(help: "casefile's Templates directory (bank holidays), to use a force's own copy.")
  var templates: String?

  @Option(help: "Output format.")
  var format: OutputFormat = .text

  func validate() throws {
    if let within, within < 0 {
      throw ValidationError("--within takes a number of days, 0 or more")
    }
    if let asOf, CaseDocumentCommands.asOfDate(asOf) == nil {
      throw ValidationError("--as-of \(asOf) is not a real date written YYYY-MM-DD")
    }
  }

  func run() throws {
    try reportingErrors {
      let date = try asOf.flatMap(CaseDocumentCommands.asOfDate) ?? CaseDocumentCommands.todayUTC()
      let found = try DeadlineCommands.deadlines(
        global.context, asOf: date, within: within, templatesDirectory: templates)
      switch format {
      case .text: print(Rendering.deadlines(found, asOf: "\(date)"), terminator: "")
      case .json: print(try Rendering.json(found), terminator: "")
      }
      if found.contains(where: \.expired) { throw ExitCode(ExitStatus.no.rawValue) }
    }
  }
}
