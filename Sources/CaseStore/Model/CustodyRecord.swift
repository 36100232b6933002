/// A defendant's custody, bail or remand position and the first hearing it leads to.
package struct CustodyRecord: Codable, Equatable, Sendable {
  package var id: String
  package var defendant: String
  package var status: CustodyStatus
  /// ISO date the status began (charge, remand or bail date).
  package var since: String
  /// `true` when the police ask the court to remand the defendant in custody (needs an MG7).
  package var remandSought: Bool
  package var bailConditions: [String]
  /// ISO 8601 date-time of the first hearing, when listed.
  package var firstHearing: String?
  /// The court of the first hearing.
  package var court: String?
  /// Details of the bail breached, for a breach-of-bail file.
  package var breachOfBail: String?

  package init(
    id: String, defendant: String, status: CustodyStatus, since: String,
    remandSought: Bool = false, bailConditions: [String] = [], firstHearing: String? = nil,
    court: String? = nil, breachOfBail: String? = nil
  ) {
    self.id = id
    self.defendant = defendant
    self.status = status
    self.since = since
    self.remandSought = remandSought
    self.bailConditions = bailConditions
    self.firstHearing = firstHearing
    self.court = court
    self.breachOfBail = breachOfBail
  }
}

/// Where the defendant is between charge and hearing.
package enum CustodyStatus: String, Codable, CaseIterable, Sendable {
  case custody
  case conditionalBail = "conditional-bail"
  case unconditionalBail = "unconditional-bail"
  case releasedUnderInvestigation = "released-under-investigation"
  case notApplicable = "not-applicable"
}

extension CustodyRecord {
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try c.decode(String.self, forKey: .id),
      defendant: try c.decode(String.self, forKey: .defendant),
      status: try c.decode(CustodyStatus.self, forKey: .status),
      since: try c.decode(String.self, forKey: .since),
      remandSought: try c.decodeFlag(.remandSought, default: false),
      bailConditions: try c.decodeList(.bailConditions),
      firstHearing: try c.decodeIfPresent(String.self, forKey: .firstHearing),
      court: try c.decodeIfPresent(String.self, forKey: .court),
      breachOfBail: try c.decodeIfPresent(String.self, forKey: .breachOfBail))
  }
}
