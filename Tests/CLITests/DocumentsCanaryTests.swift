import CaseAssembly
import CaseFileKit
import Foundation
import Testing

/// Every sample with each value the defence and the court must not see replaced by a marker
/// that appears nowhere else, imported into a fresh store and rendered through the kit for
/// every recipient at every stage its file type has: the file type comes from the rule pack,
/// as in `casefile documents`, so this covers the documents the kit really picks.
@Suite("casefile documents keeps sensitive values from the defence and the court")
struct DocumentsCanaryTests {
  /// A sample rewritten with markers, and the markers it holds.
  struct Marked {
    var json: [String: Any]
    var markers: [String] = []
    var counter = 0

    mutating func text(_ owner: String, _ field: String) -> String {
      let marker = "ZQCANARY-\(owner)-\(field)"
      markers.append(marker)
      return marker
    }

    mutating func date(century: Int) -> String {
      counter += 1
      let marker = String(format: "%04d-%02d-%02d", century, 1 + counter / 28, 1 + counter % 28)
      markers.append(marker)
      return marker
    }

    mutating func phone() -> String {
      counter += 1
      let marker = "+99 555 \(70_000 + counter)"
      markers.append(marker)
      return marker
    }
  }

  static func mark(_ sample: URL) throws -> Marked {
    let data = try Data(contentsOf: sample)
    var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var cases = try #require(root["cases"] as? [[String: Any]])
    var marked = Marked(json: [:])
    for index in cases.indices {
      var people = cases[index]["people"] as? [[String: Any]] ?? []
      for p in people.indices {
        let id = people[p]["id"] as? String ?? "P"
        let defendant = (people[p]["roles"] as? [String] ?? []).contains("defendant")
        if people[p]["dateOfBirth"] != nil, !defendant {
          people[p]["dateOfBirth"] = marked.date(century: 1901)
        }
        for field in ["gender", "address", "occupation"] where people[p][field] != nil {
          people[p][field] = marked.text(id, field)
        }
        if people[p]["email"] != nil {
          people[p]["email"] = marked.text(id, "email").lowercased() + "@example.org"
          marked.markers[marked.markers.count - 1] = people[p]["email"] as? String ?? ""
        }
        if people[p]["phone"] != nil { people[p]["phone"] = marked.phone() }
      }
      cases[index]["people"] = people
      var witnesses = cases[index]["witnesses"] as? [[String: Any]] ?? []
      for w in witnesses.indices {
        let id = witnesses[w]["id"] as? String ?? "W"
        if let dates = witnesses[w]["datesToAvoid"] as? [String] {
          witnesses[w]["datesToAvoid"] = dates.map { _ in marked.date(century: 2099) }
        }
        if let measures = witnesses[w]["specialMeasures"] as? [String] {
          witnesses[w]["specialMeasures"] = measures.indices.map {
            marked.text(id, "specialMeasure\($0)")
          }
        }
      }
      cases[index]["witnesses"] = witnesses
      var unused = cases[index]["unused"] as? [[String: Any]] ?? []
      for u in unused.indices {
        let id = unused[u]["id"] as? String ?? "U"
        if unused[u]["reason"] != nil { unused[u]["reason"] = marked.text(id, "reason") }
        if unused[u]["sensitivity"] as? String == "sensitive" {
          unused[u]["description"] = marked.text(id, "description")
        }
      }
      cases[index]["unused"] = unused
    }
    root["cases"] = cases
    marked.json = root
    return marked
  }

  static func contains(_ documents: [RenderedDocument], _ marker: String) -> Bool {
    let needle = Array(marker.utf8)
    return documents.contains { document in
      document.bytes.count >= needle.count
        && (0...(document.bytes.count - needle.count)).contains { start in
          document.bytes[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
  }

  @Test func noMarkerReachesTheDefenceOrTheCourtAndTheCPSKeepsThemAll() throws {
    let directory = try TemporaryDirectory()
    #expect(try runCasefile(["init", "--store", directory.store]).status == 0)
    let samples = packageRoot.appendingPathComponent("Samples/records")
    let names = try FileManager.default.contentsOfDirectory(atPath: samples.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    var markersByURN: [String: [String]] = [:]
    // The marked samples go beside a copy of the samples' media, so media paths resolve.
    let work = directory.url.appendingPathComponent("samples")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: samples.appendingPathComponent("media"), to: work.appendingPathComponent("media"))
    for name in names {
      let marked = try Self.mark(samples.appendingPathComponent(name))
      let file = work.appendingPathComponent(name)
      try JSONSerialization.data(withJSONObject: marked.json).write(to: file)
      let imported = try runCasefile(["import", "--store", directory.store, file.path])
      #expect(imported.status == 0, "\(name): \(imported.stderr)")
      let cases = marked.json["cases"] as? [[String: Any]] ?? []
      if let urn = cases.first?["urn"] as? String { markersByURN[urn] = marked.markers }
    }
    let context = CaseFileContext(store: directory.store, user: "tester")
    let templates = packageRoot.appendingPathComponent("Templates").path
    var checked = 0
    for (urn, markers) in markersByURN.sorted(by: { $0.key < $1.key }) {
      var cps: [RenderedDocument] = []
      for stage in RulesCommands.stages {
        for recipient in Recipient.allCases {
          let outcome: DocumentsCommands.Outcome
          do {
            outcome = try DocumentsCommands.renderDocuments(
              context, urn: urn, recipient: recipient, stage: stage,
              asOf: CaseDocumentCommands.asOfDate("2026-10-20"), templatesDirectory: templates)
          } catch KitError.badInput(let message) where message.contains("no documents at stage") {
            continue
          }
          if recipient == .cps {
            cps += outcome.documents
            continue
          }
          let onlyDisclosable = outcome.documents.allSatisfy { $0.disclosable }
          #expect(onlyDisclosable)
          #expect(outcome.redactions.allSatisfy { $0.recipient == recipient })
          for marker in markers {
            let leaked = Self.contains(outcome.documents, marker)
            #expect(!leaked, "\(urn) \(stage) \(recipient) sees \(marker)")
            checked += 1
          }
        }
      }
      #expect(!cps.isEmpty, "\(urn) rendered at no stage")
      for marker in markers {
        let kept = Self.contains(cps, marker)
        #expect(kept, "\(urn): the CPS file lost \(marker)")
      }
    }
    #expect(checked > 500)
  }
}
