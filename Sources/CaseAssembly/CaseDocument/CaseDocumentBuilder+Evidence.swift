import CaseStore
import CaseXML

/// The evidence parts of the case document: witnesses, statements, exhibits, interviews,
/// unused material and media.
extension CaseDocumentBuilder {
  mutating func writeWitnesses() throws {
    try xml.start("witnesses")
    for witness in record.witnesses {
      try xml.start(
        "witness",
        [
          "id": witness.id, "person": witness.person, "kind": witness.kind.rawValue,
          "key": flag(witness.key),
        ])
      for statement in statementsByWitness[witness.id] ?? [] {
        try xml.empty("statementRef", ["ref": statement])
      }
      for measure in witness.specialMeasures {
        try xml.element("specialMeasure", text: measure)
      }
      for day in witness.datesToAvoid { try xml.element("dateToAvoid", text: day) }
      try xml.element("interpreter", text: witness.interpreter)
      try xml.end()
    }
    try xml.end()
  }

  mutating func writeStatements() throws {
    try xml.start("statements")
    for statement in record.statements {
      try xml.start(
        "statement",
        [
          "id": statement.id, "witness": statement.witness, "date": statement.date,
          "media": statement.media,
        ])
      try xml.element("text", text: statement.text)
      for exhibit in statement.exhibits { try xml.empty("exhibitRef", ["ref": exhibit]) }
      try xml.end()
    }
    try xml.end()
  }

  mutating func writeExhibits() throws {
    try xml.start("exhibits")
    for exhibit in record.exhibits {
      try xml.start(
        "exhibit",
        [
          "id": exhibit.id, "reference": exhibit.reference, "producedBy": exhibit.producedBy,
          "seizedAt": exhibit.seizedAt,
        ])
      try xml.element("description", text: exhibit.description)
      try xml.element("seizedFrom", text: exhibit.seizedFrom)
      for event in exhibit.continuity {
        try xml.start("continuityEvent", ["at": event.at, "from": event.from, "to": event.to])
        try xml.element("action", text: event.action)
        try xml.element("location", text: event.location)
        try xml.end()
      }
      for media in exhibit.media { try xml.empty("mediaRef", ["ref": media]) }
      try xml.end()
    }
    try xml.end()
  }

  mutating func writeInterviews() throws {
    try xml.start("interviews")
    for interview in record.interviews {
      try xml.start(
        "interview",
        [
          "id": interview.id, "interviewee": interview.interviewee,
          "type": interview.type.rawValue, "date": interview.date,
        ])
      try xml.element("summary", text: interview.summary)
      for media in interview.media { try xml.empty("mediaRef", ["ref": media]) }
      try xml.end()
    }
    try xml.end()
  }

  mutating func writeUnused() throws {
    let streamlined = UnusedSchedule.isStreamlined(record)
    try xml.start("unusedMaterial", ["streamlined": flag(streamlined)])
    for item in record.unused {
      let schedule = UnusedSchedule(for: item.sensitivity, streamlined: streamlined)
      try xml.start(
        "unusedItem",
        [
          "id": item.id, "sensitivity": item.sensitivity.rawValue,
          "schedule": schedule.rawValue,
        ])
      try xml.element("description", text: item.description)
      try xml.element("reason", text: item.reason)
      try xml.end()
    }
    try xml.end()
  }

  mutating func writeMedia() throws {
    try xml.start("media")
    for media in record.media {
      try xml.start(
        "mediaObject",
        [
          "id": media.id, "mediaType": media.mediaType, "sha256": media.sha256,
          "size": media.size.map(String.init),
        ])
      try xml.element("file", text: media.file)
      try xml.element("description", text: media.description)
      try xml.end()
    }
    try xml.end()
  }
}
