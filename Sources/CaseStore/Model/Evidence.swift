/// A witness: a person who gives evidence, with what the court needs to know to call them.
package struct Witness: Codable, Equatable, Sendable {
  package var id: String
  /// The id of the person who is the witness.
  package var person: String
  package var kind: WitnessKind
  /// `true` for a key witness (one whose evidence is needed to prove the case).
  package var key: Bool
  package var specialMeasures: [String]
  /// ISO dates the witness cannot attend (personal data).
  package var datesToAvoid: [String]
  /// The language or dialect when an interpreter is needed.
  package var interpreter: String?

  package init(
    id: String, person: String, kind: WitnessKind, key: Bool, specialMeasures: [String] = [],
    datesToAvoid: [String] = [], interpreter: String? = nil
  ) {
    self.id = id
    self.person = person
    self.kind = kind
    self.key = key
    self.specialMeasures = specialMeasures
    self.datesToAvoid = datesToAvoid
    self.interpreter = interpreter
  }
}

/// The kind of witness, in MG9 order.
package enum WitnessKind: String, Codable, CaseIterable, Sendable {
  case victim
  case civilian
  case expert
  case police
  case officerInCase = "officer-in-case"
}

/// An MG11 witness statement: written text, or a recording held as media.
package struct Statement: Codable, Equatable, Sendable {
  package var id: String
  package var witness: String
  /// ISO date the statement was made.
  package var date: String
  package var text: String?
  /// The id of the media object holding a recorded statement.
  package var media: String?
  /// Ids of exhibits the statement produces.
  package var exhibits: [String]

  package init(
    id: String, witness: String, date: String, text: String? = nil, media: String? = nil,
    exhibits: [String] = []
  ) {
    self.id = id
    self.witness = witness
    self.date = date
    self.text = text
    self.media = media
    self.exhibits = exhibits
  }
}

/// An exhibit, its seizure and the chain of continuity since.
package struct Exhibit: Codable, Equatable, Sendable {
  package var id: String
  /// The exhibit reference: the producer's initials and a number, such as `AB/1`.
  package var reference: String
  package var description: String
  /// The id of the person who produces the exhibit.
  package var producedBy: String
  /// ISO 8601 date-time of seizure.
  package var seizedAt: String?
  package var seizedFrom: String?
  package var continuity: [ContinuityEvent]
  /// Ids of media objects that hold the exhibit (CCTV, photographs).
  package var media: [String]

  package init(
    id: String, reference: String, description: String, producedBy: String,
    seizedAt: String? = nil, seizedFrom: String? = nil, continuity: [ContinuityEvent] = [],
    media: [String] = []
  ) {
    self.id = id
    self.reference = reference
    self.description = description
    self.producedBy = producedBy
    self.seizedAt = seizedAt
    self.seizedFrom = seizedFrom
    self.continuity = continuity
    self.media = media
  }
}

/// One hand-over or movement of an exhibit.
package struct ContinuityEvent: Codable, Equatable, Sendable {
  /// ISO 8601 date-time.
  package var at: String
  package var action: String
  /// Id of the person handing over, when a person.
  package var from: String?
  /// Id of the person receiving, when a person.
  package var to: String?
  package var location: String?

  package init(
    at: String, action: String, from: String? = nil, to: String? = nil, location: String? = nil
  ) {
    self.at = at
    self.action = action
    self.from = from
    self.to = to
    self.location = location
  }
}

/// A suspect interview.
package struct Interview: Codable, Equatable, Sendable {
  package var id: String
  package var interviewee: String
  package var type: InterviewType
  /// ISO 8601 date-time the interview started.
  package var date: String
  package var summary: String?
  package var media: [String]

  package init(
    id: String, interviewee: String, type: InterviewType, date: String,
    summary: String? = nil, media: [String] = []
  ) {
    self.id = id
    self.interviewee = interviewee
    self.type = type
    self.date = date
    self.summary = summary
    self.media = media
  }
}

/// How an interview was conducted and recorded.
package enum InterviewType: String, Codable, CaseIterable, Sendable {
  case audio
  case video
  case written
  case notInterviewed = "not-interviewed"
}

/// Material gathered that the prosecution does not rely on: it goes on a schedule.
package struct UnusedItem: Codable, Equatable, Sendable {
  package var id: String
  package var description: String
  package var sensitivity: Sensitivity
  /// Why the item is sensitive, or why it was edited.
  package var reason: String?

  package init(id: String, description: String, sensitivity: Sensitivity, reason: String? = nil) {
    self.id = id
    self.description = description
    self.sensitivity = sensitivity
    self.reason = reason
  }
}

/// Whether an unused item may be disclosed: MG6C (non-sensitive or edited) or MG6D (sensitive).
package enum Sensitivity: String, Codable, CaseIterable, Sendable {
  case nonSensitive = "non-sensitive"
  case sensitive
  /// Sensitive and non-sensitive content: goes on the MG6C marked "edited", never on the MG6D.
  case edited
}

/// A media file (video, audio, image, PDF) held content-addressed in the media store.
package struct MediaObject: Codable, Equatable, Sendable {
  package var id: String
  /// On import, a path relative to the records file; kept as the original file name.
  package var file: String
  /// Lower-case hex SHA-256 of the content; checked on import when given.
  package var sha256: String?
  package var mediaType: String
  package var size: Int64?
  package var description: String?

  package init(
    id: String, file: String, sha256: String? = nil, mediaType: String, size: Int64? = nil,
    description: String? = nil
  ) {
    self.id = id
    self.file = file
    self.sha256 = sha256
    self.mediaType = mediaType
    self.size = size
    self.description = description
  }
}

extension Witness {
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try c.decode(String.self, forKey: .id),
      person: try c.decode(String.self, forKey: .person),
      kind: try c.decode(WitnessKind.self, forKey: .kind),
      key: try c.decodeFlag(.key, default: false),
      specialMeasures: try c.decodeList(.specialMeasures),
      datesToAvoid: try c.decodeList(.datesToAvoid),
      interpreter: try c.decodeIfPresent(String.self, forKey: .interpreter))
  }
}

extension Statement {
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try c.decode(String.self, forKey: .id),
      witness: try c.decode(String.self, forKey: .witness),
      date: try c.decode(String.self, forKey: .date),
      text: try c.decodeIfPresent(String.self, forKey: .text),
      media: try c.decodeIfPresent(String.self, forKey: .media),
      exhibits: try c.decodeList(.exhibits))
  }
}

extension Exhibit {
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try c.decode(String.self, forKey: .id),
      reference: try c.decode(String.self, forKey: .reference),
      description: try c.decode(String.self, forKey: .description),
      producedBy: try c.decode(String.self, forKey: .producedBy),
      seizedAt: try c.decodeIfPresent(String.self, forKey: .seizedAt),
      seizedFrom: try c.decodeIfPresent(String.self, forKey: .seizedFrom),
      continuity: try c.decodeList(.continuity), media: try c.decodeList(.media))
  }
}

extension Interview {
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try c.decode(String.self, forKey: .id),
      interviewee: try c.decode(String.self, forKey: .interviewee),
      type: try c.decode(InterviewType.self, forKey: .type),
      date: try c.decode(String.self, forKey: .date),
      summary: try c.decodeIfPresent(String.self, forKey: .summary),
      media: try c.decodeList(.media))
  }
}
