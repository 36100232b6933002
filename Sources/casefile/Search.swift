import ArgumentParser
import CaseFileKit
import CaseStore

extension SearchKind: ExpressibleByArgument {}

struct Search: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Search names, URNs, exhibit references, offences and statements.",
    discussion: """
      Every word of QUERY must match: a word of a person's name or alias, a case URN or \
      title, an exhibit reference or description, an offence's CJS code or title, or a \
      statement's text. Words of three or more characters match as prefixes; a word of \
      letters also matches names that sound the same (Soundex), so Smyth finds Smith. \
      Quotes, *, NEAR(, AND, - and : in QUERY are plain text. Hits are ranked (bm25), best \
      first, each with its kind, URN, record id and the matching snippet (matched words in \
      [ ]). Every search is recorded in the audit log with the query's length and the number \
      of hits, never the query text.

      --bench FILE runs each line of FILE as a query (--repeat times) in one process and \
      prints the median and 95th percentile latency instead of hits.

      Exit codes: 0 searched (even with no hits), 64 usage error, 65 bad store, 74 I/O error.
      """)

  @OptionGroup var global: GlobalOptions

  @Option(help: "Only hits of this kind: person, exhibit, statement, offence or case.")
  var kind: SearchKind?

  @Option(help: "The most hits shown (1 to 1000).")
  var limit: Int = 20

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @Option(help: "Why you are searching (recorded in the audit log).")
  var reason: String?

  @Option(help: "Benchmark: a file of queries, one a line, timed in one process.")
  var bench: String?

  @Option(help: "Benchmark: how many times each query runs.")
  var `repeat`: Int = 1

  @Argument(help: "The words to search for.")
  var query: [String] = []

  func validate() throws {
    if bench == nil && query.isEmpty { throw ValidationError("give a QUERY to search for") }
  }

  func run() throws {
    try reportingErrors {
      if let bench {
        let figures = try SearchCommands.benchmark(
          global.context, queriesFile: bench, repeat: `repeat`, limit: limit)
        switch format {
        case .text: print(figures.text, terminator: "")
        case .json: print(try Rendering.json(figures), terminator: "")
        }
        return
      }
      let result = try SearchCommands.search(
        global.context, query: query.joined(separator: " "), kind: kind, limit: limit,
        reason: reason)
      switch format {
      case .text: print(result.text, terminator: "")
      case .json: print(try Rendering.json(result), terminator: "")
      }
    }
  }
}
