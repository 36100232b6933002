/// The view model every form template renders from: one case, its facts, as display text.
///
/// It is built from a ``CaseRecord`` and its ``CaseFacts`` (the data the canonical case
/// document carries) by ``DocumentViewBuilder``, redacted for a recipient by
/// ``RecipientView`` and handed to the templates. Every value is already text, so the
/// templates stay logic-less: a missing value is `nil` (an absent section), a list is an
/// array (a repeated section). People are held once, in ``people``; the copies embedded in
/// witnesses, statements, offences and custody records are refreshed from that list by
/// ``resolved()``, so redacting ``people`` redacts every copy.
package struct DocumentView: Sendable, Equatable {
  package var urn: String
  package var title: String
  package var summary: String
  package var asOf: String
  package var markers: [String]
  /// The recipient the view is for (`cps`, `defence`, `court`).
  package var recipient: String
  /// The file type the rule pack determined (such as `NGAP`).
  package var fileType: String
  /// The workflow stage (`pre-charge`, `first-hearing`, `trial`).
  package var stage: String
  /// Built with error findings (`casefile build --draft`): the index says so.
  package var draft = false
  package var streamlined: Bool
  package var people: [PersonView]
  package var defendants: [PersonView]
  package var offences: [OffenceView]
  package var custody: [CustodyView]
  /// Witnesses in MG9 order: victims, other civilians, experts, police, officer in the case.
  package var witnesses: [WitnessView]
  /// Statements in MG9 order of their makers, then case order.
  package var statements: [StatementView]
  package var exhibits: [ExhibitView]
  package var interviews: [InterviewView]
  /// Every unused item, numbered consecutively across the schedules in case order.
  package var unused: [UnusedView]
  package var media: [MediaView]
  package var officerInCase: PersonView?
  package var disclosureOfficer: PersonView?
  /// The form being rendered; set per document.
  package var form: FormView?
  /// The statement an MG11 is rendered for; set per document.
  package var statement: StatementView?
  /// The documents of the file, for the HTML index; set for the index only.
  package var documents: [IndexEntryView]

  /// This view with every embedded copy of a person refreshed from ``people``.
  package func resolved() -> DocumentView {
    var view = self
    let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    func refresh(_ person: PersonView?) -> PersonView? { person.flatMap { byID[$0.id] ?? $0 } }
    view.defendants = defendants.compactMap { byID[$0.id] }
    for index in view.offences.indices {
      view.offences[index].defendant = refresh(view.offences[index].defendant)
      view.offences[index].victims = view.offences[index].victims.compactMap { byID[$0.id] }
    }
    for index in view.custody.indices {
      view.custody[index].defendant = refresh(view.custody[index].defendant)
    }
    for index in view.witnesses.indices {
      view.witnesses[index].person = refresh(view.witnesses[index].person)
    }
    for index in view.statements.indices {
      view.statements[index].maker = refresh(view.statements[index].maker)
    }
    for index in view.interviews.indices {
      view.interviews[index].interviewee = refresh(view.interviews[index].interviewee)
    }
    view.officerInCase = refresh(officerInCase)
    view.disclosureOfficer = refresh(disclosureOfficer)
    view.statement = statement.flatMap { current in
      view.statements.first { $0.id == current.id }
    }
    return view
  }
}

/// The form a document is rendered as.
package struct FormView: Sendable, Equatable {
  /// The form's name (`MG5`).
  package var name: String
  /// The form's title (`Case summary`).
  package var title: String
  /// The version of the form's schema.
  package var version: String
  /// The form schema's namespace.
  package var namespace: String
}

/// One person, with their details as display text.
package struct PersonView: Sendable, Equatable {
  package var id: String
  package var roles: [String]
  package var fullName: String
  package var nameTitle: String?
  package var givenNames: String
  package var familyName: String
  package var aliases: [String]
  package var isOrganisation: Bool
  package var isDefendant: Bool
  package var dateOfBirth: String?
  package var ageAsOf: String?
  package var youth: Bool
  package var gender: String?
  package var address: String?
  package var phone: String?
  package var email: String?
  package var occupation: String?
  package var rank: String?
  package var collarNumber: String?
}

/// One offence with its defendant, victims, points to prove and time limits.
package struct OffenceView: Sendable, Equatable {
  package var id: String
  package var defendant: PersonView?
  package var cjsCode: String
  package var title: String
  package var wording: String
  package var from: String
  package var to: String?
  package var modeOfTrial: String
  package var anticipatedPlea: String
  package var chargeDate: String?
  package var policeMayCharge: Bool
  package var committedOnBail: Bool
  package var victims: [PersonView]
  package var pointsToProve: [PointView]
  package var ageAtOffence: String?
  package var sixMonthLimit: TimeLimitView?
  package var custodyTimeLimit: TimeLimitView?
}

/// One point to prove and the references of the evidence that proves it.
package struct PointView: Sendable, Equatable {
  package var point: String
  package var evidence: [String]
}

/// A time limit as display text.
package struct TimeLimitView: Sendable, Equatable {
  package var start: String
  package var days: String?
  package var expiry: String
  package var daysRemaining: String
  package var expired: Bool
}

/// A custody, bail or remand record.
package struct CustodyView: Sendable, Equatable {
  package var id: String
  package var defendant: PersonView?
  package var status: String
  package var since: String
  package var remandSought: Bool
  package var bailConditions: [String]
  package var firstHearing: String?
  package var court: String?
  package var breachOfBail: String?
  /// Whether the record holds a breach of bail (for the MG8's section).
  package var breached: Bool
}

/// A witness with the person they are.
package struct WitnessView: Sendable, Equatable {
  package var id: String
  /// The witness's position in the MG9, from 1.
  package var number: String
  package var person: PersonView?
  package var kind: String
  package var key: Bool
  package var specialMeasures: [String]
  package var datesToAvoid: [String]
  package var interpreter: String?
  package var statements: [String]
}

/// An MG11 statement with its maker.
package struct StatementView: Sendable, Equatable {
  package var id: String
  package var witness: String
  package var maker: PersonView?
  package var date: String
  package var text: String?
  package var media: String?
  package var exhibits: [String]
}

/// An exhibit and its continuity.
package struct ExhibitView: Sendable, Equatable {
  package var id: String
  package var reference: String
  package var description: String
  package var producedBy: String
  package var producerName: String
  package var seizedAt: String?
  package var seizedFrom: String?
  package var continuity: [ContinuityView]
  package var media: [String]
}

/// One hand-over of an exhibit.
package struct ContinuityView: Sendable, Equatable {
  package var at: String
  package var action: String
  package var from: String?
  package var to: String?
  package var location: String?
}

/// A suspect interview.
package struct InterviewView: Sendable, Equatable {
  package var id: String
  package var interviewee: PersonView?
  package var type: String
  package var date: String
  package var summary: String?
  package var media: [String]
}

/// An item of unused material with its schedule and number.
package struct UnusedView: Sendable, Equatable {
  package var id: String
  /// The item's number, consecutive across the MG6C and MG6D (or SDC and MG6D).
  package var number: String
  package var description: String
  package var sensitivity: String
  package var edited: Bool
  package var schedule: String
  package var onMG6C: Bool
  package var onMG6D: Bool
  package var onSDC: Bool
  package var reason: String?
}

/// A media file held in the media store.
package struct MediaView: Sendable, Equatable {
  package var id: String
  package var file: String
  package var mediaType: String
  package var sha256: String?
  package var size: String?
  package var description: String?
}

/// One line of the HTML index: a document or a media file and where it is.
package struct IndexEntryView: Sendable, Equatable {
  package var name: String
  package var title: String
  package var href: String
  package var mediaType: String
}
