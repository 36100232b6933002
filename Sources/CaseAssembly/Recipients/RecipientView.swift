import CaseStore

/// Redacts a ``DocumentView`` for a recipient, working from the personal data marks of the
/// record model (``PersonalData/fields``).
///
/// For the CPS nothing changes. For the defence and the court every field whose treatment is
/// `contact` is removed (a defendant's own date of birth excepted), every `restricted` field
/// is removed, and sensitive unused items are left out whole; `identifying` fields (names)
/// stay, as those recipients may see the people. The record is never touched: redaction
/// works on the view, and the list it returns says what was withheld, for whom, by record
/// id and field, never the value.
package enum RecipientView {
  /// The view for `recipient` and what was redacted from it, in view order.
  package static func redact(_ view: DocumentView, for recipient: Recipient) -> (
    view: DocumentView, redactions: [Redaction]
  ) {
    var view = view
    view.recipient = recipient.rawValue
    guard recipient.isRestricted else { return (view, []) }
    var log = RedactionLog(recipient: recipient)
    let treatments = Dictionary(
      PersonalData.fields.map { ("\($0.record).\($0.field)", $0.treatment) },
      uniquingKeysWith: { first, _ in first })
    func withheld(_ field: String) -> Bool {
      switch treatments[field] {
      case .contact?, .restricted?: return true
      case .identifying?, nil: return false
      }
    }

    for index in view.people.indices {
      var person = view.people[index]
      let id = person.id
      if withheld("people.date_of_birth"), !person.isDefendant {
        log.clear(&person.dateOfBirth, record: id, field: "people.date_of_birth")
        person.ageAsOf = nil
      }
      if withheld("people.gender") { log.clear(&person.gender, record: id, field: "people.gender") }
      if withheld("people.address") {
        log.clear(&person.address, record: id, field: "people.address")
      }
      if withheld("people.phone") { log.clear(&person.phone, record: id, field: "people.phone") }
      if withheld("people.email") { log.clear(&person.email, record: id, field: "people.email") }
      if withheld("people.occupation") {
        log.clear(&person.occupation, record: id, field: "people.occupation")
      }
      view.people[index] = person
    }
    for index in view.witnesses.indices {
      let id = view.witnesses[index].id
      if withheld("witnesses.dates_to_avoid") {
        log.clear(
          &view.witnesses[index].datesToAvoid, record: id, field: "witnesses.dates_to_avoid")
      }
      if withheld("witnesses.special_measures") {
        log.clear(
          &view.witnesses[index].specialMeasures, record: id, field: "witnesses.special_measures")
      }
    }
    for index in view.unused.indices where withheld("unused_items.reason") {
      log.clear(
        &view.unused[index].reason, record: view.unused[index].id, field: "unused_items.reason")
    }
    for index in view.custody.indices where withheld("custody.bail_conditions") {
      log.clear(
        &view.custody[index].bailConditions, record: view.custody[index].id,
        field: "custody.bail_conditions")
    }
    for item in view.unused where item.onMG6D {
      log.add(record: item.id, field: "unused_items.item")
    }
    view.unused.removeAll(where: \.onMG6D)
    return (view.resolved(), log.entries)
  }
}

/// The redactions made for one recipient, each recorded once.
private struct RedactionLog {
  let recipient: Recipient
  var entries: [Redaction] = []

  mutating func add(record: String, field: String) {
    let entry = Redaction(record: record, field: field, recipient: recipient)
    if !entries.contains(entry) { entries.append(entry) }
  }

  mutating func clear(_ value: inout String?, record: String, field: String) {
    guard value != nil else { return }
    value = nil
    add(record: record, field: field)
  }

  mutating func clear(_ values: inout [String], record: String, field: String) {
    guard !values.isEmpty else { return }
    values = []
    add(record: record, field: field)
  }
}
