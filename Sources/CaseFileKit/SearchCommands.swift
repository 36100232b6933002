import CaseStore
import Foundation

/// The answer to one search: the hits, best first.
package struct SearchResult: Codable, Sendable {
  package var hits: [SearchHit]
  package var count: Int { hits.count }

  package init(hits: [SearchHit]) { self.hits = hits }

  enum CodingKeys: String, CodingKey {
    case hits
    case count
  }

  package func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(hits, forKey: .hits)
    try container.encode(count, forKey: .count)
  }

  package init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    hits = try container.decode([SearchHit].self, forKey: .hits)
  }

  /// One line per hit: kind, URN, record id and snippet, tab-separated.
  package var text: String {
    guard !hits.isEmpty else { return "no matches\n" }
    return hits.map { "\($0.kind.rawValue)\t\($0.urn)\t\($0.recordID)\t\($0.snippet)\n" }
      .joined()
  }
}

/// Latencies of many searches run in one process.
package struct SearchBenchmark: Codable, Sendable {
  package var queries: Int
  package var runs: Int
  package var medianMilliseconds: Double
  package var p95Milliseconds: Double
  package var maximumMilliseconds: Double
  package var hits: Int

  /// The figures on one line.
  package var text: String {
    func format(_ value: Double) -> String { String(format: "%.2f", value) }
    return "searches=\(runs) queries=\(queries) hits=\(hits) "
      + "median_ms=\(format(medianMilliseconds)) p95_ms=\(format(p95Milliseconds)) max_ms=\(format(maximumMilliseconds))\n"
  }
}

/// Searching the records; every search is audited with counts only.
package enum SearchCommands {
  /// Searches the store and appends an audit entry with the query's length and the hit count
  /// (never the query text: it may hold a name).
  package static func search(
    _ context: CaseFileContext, query: String, kind: SearchKind?, limit: Int, reason: String?
  ) throws -> SearchResult {
    guard SQLiteCaseStore.searchLimitRange.contains(limit) else {
      throw KitError.usage("--limit must be between 1 and 1000")
    }
    let store = try context.openStore()
    let hits = try store.search(query: query, kind: kind, limit: limit)
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "search", urn: nil,
        detail: auditDetail(query: query, kind: kind, hits: hits.count), reason: reason))
    return SearchResult(hits: hits)
  }

  /// The audit detail of a search: counts and the kind, never the query text.
  static func auditDetail(query: String, kind: SearchKind?, hits: Int) -> String {
    "query-length=\(query.count) kind=\(kind?.rawValue ?? "any") hits=\(hits)"
  }

  /// Runs every query of `file` (one a line) `repeat` times against one open store and
  /// reports the latency of the searches; one audit entry records the run (counts only).
  package static func benchmark(
    _ context: CaseFileContext, queriesFile: String, repeat count: Int, limit: Int
  ) throws -> SearchBenchmark {
    guard count >= 1 else { throw KitError.usage("--repeat must be 1 or more") }
    let text: String
    do {
      text = try String(contentsOfFile: queriesFile, encoding: .utf8)
    } catch {
      throw KitError.io("\(queriesFile): cannot be read")
    }
    let queries = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    guard !queries.isEmpty else { throw KitError.badInput("\(queriesFile): no queries") }
    let store = try context.openStore()
    var samples: [Double] = []
    var hits = 0
    for _ in 0..<count {
      for query in queries {
        let start = DispatchTime.now().uptimeNanoseconds
        hits += try store.search(query: query, kind: nil, limit: limit).count
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
      }
    }
    samples.sort()
    func percentile(_ fraction: Double) -> Double {
      samples[min(samples.count - 1, Int((Double(samples.count - 1) * fraction).rounded()))]
    }
    try store.appendAudit(
      AuditEntry(
        at: AuditClock.now(), user: context.user, action: "search-benchmark", urn: nil,
        detail: "queries=\(queries.count) searches=\(samples.count) hits=\(hits)"))
    return SearchBenchmark(
      queries: queries.count, runs: samples.count, medianMilliseconds: percentile(0.5),
      p95Milliseconds: percentile(0.95), maximumMilliseconds: samples.last ?? 0, hits: hits)
  }
}
