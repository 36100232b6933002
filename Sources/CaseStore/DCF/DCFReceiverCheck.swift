import CaseJSON

/// The checks a DCF receiver makes beyond the schema and the business rules.
///
/// - `dangling-reference`: every `property_ids` entry names a `property[].property_id` of the
///   case, and every `multimedia_evidence_response[].id` names a `multimedia_evidence[].id`.
/// - `duplicate-id`: `defendant_id`s, `witness_id`s (across all kinds of witness and victim),
///   `property_id`s and multimedia evidence `id`s are each unique in the case.
/// - `invalid-date`: every date or date-time attribute is an ISO 8601 date or date-time on a
///   real calendar day (see `DCFDate`).
/// - `date-order`: an offence's `to_date` and `charge_date` are not before its `from_date`,
///   and no offence is before its defendant's date of birth (the same order the records
///   checks require, so every valid DCF maps to a case casefile accepts).
/// - `youth-parent-guardian`: a defendant under 18 on the earliest `from_date` of their
///   offences must state `parent_guardian_copy` (whether a parent or guardian gets a copy of
///   the charge or requisition); when it is `true` on a requisition, `parent_guardian_date_sent`
///   must be given. (This is the youth rule the business rules intend, see
///   `parent_guardian_date_sent_1`, whose attribute is misspelt there.)
///
/// Also writes notes (not problems): a case likely to be heard in the Crown Court needs a
/// fuller file than a magistrates' first-hearing DCF.
struct DCFReceiverCheck {
  let plan: DCFRulePlan

  /// The problems and notes for `walk`, whose first object is the document root.
  func run(on walk: DCFDocumentWalk) -> (problems: [InputProblem], notes: [String]) {
    guard let root = walk.objects.first, let theCase = root.object.dcfObject("case") else {
      return ([], [])
    }
    let casePath = JSONPath.root.appending(key: "case")
    var problems: [InputProblem] = []
    problems += references(theCase, at: casePath, walk: walk)
    problems += uniqueness(theCase, at: casePath, walk: walk)
    problems += dates(walk)
    problems += youth(theCase, at: casePath)
    problems += offencesAfterBirth(theCase, at: casePath)
    return (problems, notes(theCase))
  }

  private func references(
    _ theCase: JSONObject, at casePath: JSONPath, walk: DCFDocumentWalk
  ) -> [InputProblem] {
    var problems: [InputProblem] = []
    let propertyIDs = theCase.dcfObjects("property").compactMap { $0.object["property_id"] }
    let mediaIDs = theCase.dcfObjects("multimedia_evidence").compactMap { $0.object["id"] }
    for typed in walk.objects {
      for (position, id) in typed.object.dcfArray("property_ids").enumerated()
      where !propertyIDs.contains(id) {
        problems.append(
          InputProblem(
            path: typed.path.appending(key: "property_ids").appending(index: position)
              .description,
            rule: "dangling-reference",
            message: "property_ids names no property_id in the case's property list"))
      }
    }
    for defendant in theCase.dcfObjects("defendants") {
      let base = casePath.appending(key: "defendants").appending(index: defendant.index)
      for response in defendant.object.dcfObjects("multimedia_evidence_response") {
        guard let id = response.object["id"], !mediaIDs.contains(id) else { continue }
        problems.append(
          InputProblem(
            path: base.appending(key: "multimedia_evidence_response")
              .appending(index: response.index).appending(key: "id").description,
            rule: "dangling-reference",
            message: "id names no multimedia_evidence id in the case"))
      }
    }
    return problems
  }

  private func uniqueness(
    _ theCase: JSONObject, at casePath: JSONPath, walk: DCFDocumentWalk
  ) -> [InputProblem] {
    var problems: [InputProblem] = []
    func checkUnique(_ entries: [(path: JSONPath, value: JSONValue)], name: String) {
      var seen: [JSONValue] = []
      for entry in entries {
        if seen.contains(entry.value) {
          problems.append(
            InputProblem(
              path: entry.path.description, rule: "duplicate-id",
              message: "\(name) is used more than once in the case"))
        }
        seen.append(entry.value)
      }
    }
    func member(_ list: String, _ key: String) -> [(path: JSONPath, value: JSONValue)] {
      theCase.dcfObjects(list).compactMap { item in
        item.object[key].map {
          (casePath.appending(key: list).appending(index: item.index).appending(key: key), $0)
        }
      }
    }
    checkUnique(member("defendants", "defendant_id"), name: "defendant_id")
    checkUnique(
      walk.objects.compactMap { typed in
        typed.object["witness_id"].map { (typed.path.appending(key: "witness_id"), $0) }
      },
      name: "witness_id")
    checkUnique(member("property", "property_id"), name: "property_id")
    checkUnique(member("multimedia_evidence", "id"), name: "multimedia_evidence id")
    return problems
  }

  private func dates(_ walk: DCFDocumentWalk) -> [InputProblem] {
    var problems: [InputProblem] = []
    for typed in walk.objects {
      for (key, value) in typed.object where plan.dateProperties.contains(key) {
        guard case .string(let text) = value, DCFDate.parse(text) == nil else { continue }
        problems.append(
          InputProblem(
            path: typed.path.appending(key: key).description, rule: "invalid-date",
            message: "\(key) is not an ISO 8601 date or date-time on a real calendar day"))
      }
      if typed.definition == "Offence",
        let from = typed.object.dcfString("from_date").flatMap(DCFDate.parse),
        let to = typed.object.dcfString("to_date").flatMap(DCFDate.parse), to < from
      {
        problems.append(
          InputProblem(
            path: typed.path.appending(key: "to_date").description, rule: "date-order",
            message: "to_date is before from_date"))
      }
      if typed.definition == "Offence",
        let from = typed.object.dcfString("from_date").flatMap(DCFDate.parse),
        let charged = typed.object.dcfString("charge_date").flatMap(DCFDate.parse), charged < from
      {
        problems.append(
          InputProblem(
            path: typed.path.appending(key: "charge_date").description, rule: "date-order",
            message: "charge_date is before from_date"))
      }
    }
    return problems
  }

  private func youth(_ theCase: JSONObject, at casePath: JSONPath) -> [InputProblem] {
    var problems: [InputProblem] = []
    for (index, defendant) in theCase.dcfObjects("defendants") {
      guard let birth = defendant.dcfString("date_of_birth").flatMap(DCFDate.parse),
        let earliest = DCFOffenceList(defendant: defendant).entries
          .compactMap({ $0.offence.dcfString("from_date").flatMap(DCFDate.parse) }).min(),
        birth.years(until: earliest) < 18
      else { continue }
      let base = casePath.appending(key: "defendants").appending(index: index)
      if defendant["parent_guardian_copy"] == nil {
        problems.append(
          InputProblem(
            path: base.appending(key: "parent_guardian_copy").description,
            rule: "youth-parent-guardian",
            message: "the defendant was under 18 at the earliest offence date; "
              + "parent_guardian_copy is required"))
      } else if defendant.dcfBool("parent_guardian_copy") == true,
        defendant.dcfString("initiation_type") == "requisition",
        defendant["parent_guardian_date_sent"] == nil
      {
        problems.append(
          InputProblem(
            path: base.appending(key: "parent_guardian_date_sent").description,
            rule: "youth-parent-guardian",
            message: "the defendant was under 18 at the earliest offence date and a parent or "
              + "guardian gets a copy of the requisition; parent_guardian_date_sent is required"))
      }
    }
    return problems
  }

  private func offencesAfterBirth(_ theCase: JSONObject, at casePath: JSONPath) -> [InputProblem] {
    var problems: [InputProblem] = []
    for (index, defendant) in theCase.dcfObjects("defendants") {
      guard let birth = defendant.dcfString("date_of_birth").flatMap(DCFDate.parse) else {
        continue
      }
      let offences = DCFOffenceList(defendant: defendant).entries
      if offences.contains(where: { entry in
        entry.offence.dcfString("from_date").flatMap(DCFDate.parse).map { $0 < birth } ?? false
      }) {
        problems.append(
          InputProblem(
            path: casePath.appending(key: "defendants").appending(index: index)
              .appending(key: "date_of_birth").description,
            rule: "date-order", message: "an offence of this defendant is before date_of_birth"))
      }
    }
    return problems
  }

  private func notes(_ theCase: JSONObject) -> [String] {
    switch theCase.dcfString("likely_case_progression") {
    case "indictable_only", "either_way_and_likely_to_be_heard_in_the_crown_court":
      return [
        "crown-court-file: the case is likely to be heard in the Crown Court; a first-hearing "
          + "DCF is not a full Crown Court file (the full MG6 disclosure series and the "
          + "evidence to be served are needed)"
      ]
    default:
      return []
    }
  }
}
