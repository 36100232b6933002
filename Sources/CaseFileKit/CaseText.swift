import CaseStore

/// A readable, sectioned view of one case for `casefile case show`.
package enum CaseText {
  /// Renders the whole case for a person at a terminal.
  package static func render(_ record: CaseRecord) -> String {
    var out = "Case \(record.urn): \(record.title)\n\(record.summary)\n"
    if !record.markers.isEmpty { out += "Markers: \(record.markers.joined(separator: ", "))\n" }
    let names = Dictionary(
      record.people.map { ($0.id, name($0)) }, uniquingKeysWith: { first, _ in first })
    section(&out, "People", record.people) { person in
      var line =
        "\(person.id)  \(name(person))  [\(person.roles.map(\.rawValue).joined(separator: ", "))]"
      if let born = person.dateOfBirth { line += "  born \(born)" }
      if let rank = person.rank { line += "  \(rank) \(person.collarNumber ?? "")" }
      return line
    }
    section(&out, "Offences", record.offences) { offence in
      "\(offence.id)  \(offence.cjsCode)  \(offence.title)  (\(offence.modeOfTrial.rawValue), "
        + "plea \(offence.anticipatedPlea.rawValue))  defendant \(names[offence.defendant] ?? offence.defendant)"
        + "  from \(offence.from)"
        + (offence.chargeDate.map { "  charged \($0)" } ?? "  not charged")
        + (offence.policeMayCharge ? "" : "  prosecutor decides charge")
    }
    section(&out, "Custody and bail", record.custody) { custody in
      "\(custody.id)  \(names[custody.defendant] ?? custody.defendant)  \(custody.status.rawValue) since \(custody.since)"
        + (custody.remandSought ? "  remand sought" : "")
        + (custody.firstHearing.map { "  first hearing \($0)" } ?? "")
        + (custody.court.map { " at \($0)" } ?? "")
    }
    section(&out, "Witnesses", record.witnesses) { witness in
      "\(witness.id)  \(names[witness.person] ?? witness.person)  \(witness.kind.rawValue)"
        + (witness.key ? "  key" : "")
        + (witness.specialMeasures.isEmpty
          ? "" : "  special measures: \(witness.specialMeasures.count)")
    }
    section(&out, "Statements", record.statements) { statement in
      "\(statement.id)  by \(statement.witness)  \(statement.date)"
        + (statement.text.map { "  \($0.count) characters" } ?? "")
        + (statement.media.map { "  recording \($0)" } ?? "")
        + (statement.exhibits.isEmpty
          ? "" : "  produces \(statement.exhibits.joined(separator: ", "))")
    }
    section(&out, "Exhibits", record.exhibits) { exhibit in
      "\(exhibit.id)  \(exhibit.reference)  \(exhibit.description)  produced by "
        + "\(names[exhibit.producedBy] ?? exhibit.producedBy)  continuity events: \(exhibit.continuity.count)"
    }
    section(&out, "Interviews", record.interviews) { interview in
      "\(interview.id)  \(names[interview.interviewee] ?? interview.interviewee)  \(interview.type.rawValue)  \(interview.date)"
    }
    section(&out, "Unused material", record.unused) { item in
      "\(item.id)  \(item.sensitivity.rawValue)  \(item.description)"
    }
    section(&out, "Media", record.media) { media in
      "\(media.id)  \(media.file)  \(media.mediaType)  \(media.size.map { "\($0) bytes" } ?? "")  "
        + "sha256 \(media.sha256 ?? "?")"
    }
    return out
  }

  static func name(_ person: Person) -> String {
    (person.name.given + [person.name.family]).joined(separator: " ")
  }

  static func section<Item>(
    _ out: inout String, _ title: String, _ items: [Item], _ line: (Item) -> String
  ) {
    guard !items.isEmpty else { return }
    out += "\n\(title) (\(items.count))\n"
    for item in items { out += "  " + line(item) + "\n" }
  }
}
