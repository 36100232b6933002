/// An offence charged, or to be charged, against one defendant.
package struct Offence: Codable, Equatable, Sendable {
  package var id: String
  /// The id of the defendant (a person with the `defendant` role).
  package var defendant: String
  /// The CJS offence code, for example `TH68010`.
  package var cjsCode: String
  package var title: String
  /// The charge wording.
  package var wording: String
  /// ISO date the offence was committed, or the first day of a range.
  package var from: String
  /// ISO date of the last day of a range, when the offence spans several days.
  package var to: String?
  package var modeOfTrial: ModeOfTrial
  package var anticipatedPlea: AnticipatedPlea
  /// ISO date of charge; absent before charge.
  package var chargeDate: String?
  /// `false` when the Director's Guidance reserves the charging decision to the prosecutor.
  package var policeMayCharge: Bool
  /// Ids of victims of this offence.
  package var victims: [String]
  package var committedOnBail: Bool
  /// The points to prove and the evidence (statement, exhibit or interview ids) for each.
  package var pointsToProve: [PointToProve]

  package init(
    id: String, defendant: String, cjsCode: String, title: String, wording: String,
    from: String, to: String? = nil, modeOfTrial: ModeOfTrial,
    anticipatedPlea: AnticipatedPlea, chargeDate: String? = nil, policeMayCharge: Bool = true,
    victims: [String] = [], committedOnBail: Bool = false, pointsToProve: [PointToProve] = []
  ) {
    self.id = id
    self.defendant = defendant
    self.cjsCode = cjsCode
    self.title = title
    self.wording = wording
    self.from = from
    self.to = to
    self.modeOfTrial = modeOfTrial
    self.anticipatedPlea = anticipatedPlea
    self.chargeDate = chargeDate
    self.policeMayCharge = policeMayCharge
    self.victims = victims
    self.committedOnBail = committedOnBail
    self.pointsToProve = pointsToProve
  }
}

/// How an offence may be tried.
package enum ModeOfTrial: String, Codable, CaseIterable, Sendable {
  case summaryOnly = "summary-only"
  case eitherWay = "either-way"
  case indictableOnly = "indictable-only"
}

/// The plea the police anticipate.
package enum AnticipatedPlea: String, Codable, CaseIterable, Sendable {
  case guilty
  case notGuilty = "not-guilty"
  case unknown
}

/// One point the prosecution must prove, and the evidence that proves it.
package struct PointToProve: Codable, Equatable, Sendable {
  package var point: String
  /// Ids of statements, exhibits or interviews that prove the point.
  package var evidence: [String]

  package init(point: String, evidence: [String]) {
    self.point = point
    self.evidence = evidence
  }
}

extension Offence {
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try c.decode(String.self, forKey: .id),
      defendant: try c.decode(String.self, forKey: .defendant),
      cjsCode: try c.decode(String.self, forKey: .cjsCode),
      title: try c.decode(String.self, forKey: .title),
      wording: try c.decode(String.self, forKey: .wording),
      from: try c.decode(String.self, forKey: .from),
      to: try c.decodeIfPresent(String.self, forKey: .to),
      modeOfTrial: try c.decode(ModeOfTrial.self, forKey: .modeOfTrial),
      anticipatedPlea: try c.decode(AnticipatedPlea.self, forKey: .anticipatedPlea),
      chargeDate: try c.decodeIfPresent(String.self, forKey: .chargeDate),
      policeMayCharge: try c.decodeFlag(.policeMayCharge, default: true),
      victims: try c.decodeList(.victims),
      committedOnBail: try c.decodeFlag(.committedOnBail, default: false),
      pointsToProve: try c.decodeList(.pointsToProve))
  }
}
