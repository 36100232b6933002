import CaseAssembly
import CaseStore
import Foundation
import Testing

@Suite("Recipient views and redaction")
struct RecipientRedactionTests {
  /// Forms the defence and the court may receive under some file type: a superset of what
  /// any file type gives them.
  static func disclosableForms() throws -> [FormDefinition] {
    let types = try FormFixtures.fileTypes().types
    let entries = types.flatMap { $0.stages.values.flatMap { $0 } }
    return FormCatalog.forms.filter { form in
      let mine = entries.filter { $0.form == form.name }
      return !mine.isEmpty && mine.allSatisfy(\.disclosable)
    }
  }

  /// Every value the defence and court must not see, with where it comes from; values that
  /// the record also holds in disclosable free text (a summary naming an occupation) are
  /// left out, as they cannot be told apart by a byte search.
  static func sensitiveValues(_ record: CaseRecord) -> [(
    owner: String, field: String, value: String
  )] {
    var values: [(String, String, String)] = []
    for person in record.people {
      let ownDate = person.roles.contains(.defendant)
      if !ownDate, let value = person.dateOfBirth {
        values.append((person.id, "dateOfBirth", value))
      }
      for (field, value) in [
        ("gender", person.gender), ("address", person.address), ("phone", person.phone),
        ("email", person.email), ("occupation", person.occupation),
      ] {
        if let value { values.append((person.id, field, value)) }
      }
    }
    for witness in record.witnesses {
      values += witness.datesToAvoid.map { (witness.id, "datesToAvoid", $0) }
      values += witness.specialMeasures.map { (witness.id, "specialMeasures", $0) }
    }
    for item in record.unused {
      if let reason = item.reason { values.append((item.id, "reason", reason)) }
      if item.sensitivity == .sensitive {
        values.append((item.id, "description", item.description))
      }
    }
    var free = [record.title, record.summary]
    free += record.offences.flatMap { [$0.title, $0.wording] + $0.pointsToProve.map(\.point) }
    free += record.statements.compactMap(\.text)
    free += record.exhibits.flatMap {
      [$0.description, $0.seizedFrom ?? ""]
        + $0.continuity.flatMap { [$0.action, $0.location ?? ""] }
    }
    free += record.interviews.compactMap(\.summary)
    free += record.unused.filter { $0.sensitivity != .sensitive }.map(\.description)
    free += record.media.flatMap { [$0.file, $0.description ?? ""] }
    free += record.custody.flatMap { $0.bailConditions + [$0.breachOfBail ?? "", $0.court ?? ""] }
    free += record.people.flatMap { [$0.name.family] + $0.name.given + [$0.rank ?? ""] }
    // Dates the disclosable documents carry: a date to avoid may fall on one of them.
    free += record.offences.flatMap { [$0.from, $0.to ?? "", $0.chargeDate ?? ""] }
    free += record.custody.flatMap { [$0.since, $0.firstHearing ?? ""] }
    free += record.statements.map(\.date) + record.interviews.map(\.date)
    free += record.exhibits.flatMap { [$0.seizedAt ?? ""] + $0.continuity.map(\.at) }
    free += record.people.filter { $0.roles.contains(.defendant) }.compactMap(\.dateOfBirth)
    if let facts = try? FormFixtures.view(record) {
      free += facts.offences.flatMap { offence in
        [offence.sixMonthLimit, offence.custodyTimeLimit].compactMap { $0 }.flatMap {
          [$0.start, $0.expiry]
        }
      }
    }
    let disclosable = free.joined(separator: "\n")
    return values.filter { !disclosable.contains($0.2) }
  }

  static func escaped(_ value: String) -> String {
    value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "'", with: "&#39;")
  }

  static func contains(_ documents: [RenderedDocument], _ value: String) -> Bool {
    let needles = Set([value, escaped(value)]).map { Array($0.utf8) }
    return documents.contains { document in
      needles.contains { needle in
        document.bytes.count >= needle.count
          && (0...(document.bytes.count - needle.count)).contains { start in
            document.bytes[start..<(start + needle.count)].elementsEqual(needle)
          }
      }
    }
  }

  @Test("no sensitive value reaches the defence or the court; the CPS keeps every one")
  func sensitiveValuesStayOut() throws {
    let library = try FormFixtures.library()
    let disclosable = try Self.disclosableForms()
    #expect(!disclosable.contains { ["MG3", "MG6", "MG6D", "MG6E", "MG10"].contains($0.name) })
    let store = try SampleStore(samples: CaseDocumentFixtures.sampleFiles())
    var checked = 0
    for sample in try CaseDocumentFixtures.sampleFiles() {
      let record = try store.record(sample.lastPathComponent)
      let full = try FormFixtures.view(record)
      let values = Self.sensitiveValues(record)
      let cps = try FormFixtures.renderAll(
        RecipientView.redact(full, for: .cps).view, library: library)
      for (owner, field, value) in values {
        let kept = Self.contains(cps, value)
        #expect(kept, "\(record.urn) cps lost \(owner).\(field)")
      }
      for recipient in [Recipient.defence, .court] {
        let (view, redactions) = RecipientView.redact(full, for: recipient)
        let documents = try FormFixtures.renderAll(view, library: library, forms: disclosable)
        for (owner, field, value) in values {
          let leaked = Self.contains(documents, value)
          #expect(!leaked, "\(record.urn) \(recipient) sees \(owner).\(field)")
          checked += 1
        }
        #expect(redactions.allSatisfy { $0.recipient == recipient })
        if !values.isEmpty { #expect(!redactions.isEmpty) }
      }
    }
    #expect(checked > 100)
  }

  @Test("redaction lists record and field, never a value, and leaves the record unchanged")
  func redactionListNamesRecordsNotValues() throws {
    let record = try CaseDocumentFixtures.sampleRecord("ngap-summary.json")
    let before = record
    let full = try FormFixtures.view(record)
    let (view, redactions) = RecipientView.redact(full, for: .defence)
    #expect(record == before)
    #expect(
      redactions.contains(Redaction(record: "P2", field: "people.address", recipient: .defence)))
    #expect(
      redactions.contains(
        Redaction(record: "P2", field: "people.date_of_birth", recipient: .defence)))
    #expect(
      redactions.contains(
        Redaction(record: "W1", field: "witnesses.dates_to_avoid", recipient: .defence)))
    #expect(!redactions.contains { $0.record == "P1" && $0.field == "people.date_of_birth" })
    let defendant = try #require(view.people.first { $0.id == "P1" })
    #expect(defendant.dateOfBirth == "1983-12-02")
    #expect(view.witnesses.allSatisfy { $0.person?.address == nil })
    let values = Self.sensitiveValues(record).map(\.value)
    for entry in redactions {
      #expect(!values.contains(entry.record) && !values.contains(entry.field))
    }
    #expect(RecipientView.redact(full, for: .cps).redactions.isEmpty)
  }

  @Test("sensitive unused items are left out of defence and court views whole")
  func sensitiveItemsLeftOut() throws {
    let record = try CaseDocumentFixtures.sampleRecord("indictable-only.json")
    let full = try FormFixtures.view(record)
    #expect(full.unused.contains { $0.onMG6D })
    for recipient in [Recipient.defence, .court] {
      let (view, redactions) = RecipientView.redact(full, for: recipient)
      #expect(!view.unused.contains { $0.onMG6D })
      #expect(redactions.contains { $0.field == "unused_items.item" })
    }
  }
}
