import CaseJSON

extension DCFMappingBuilder {
  /// The mode of trial `likely_case_progression` implies; summary-only when it is absent
  /// (a breach-of-bail file states none).
  var modeOfTrial: ModeOfTrial {
    switch theCase.dcfString("likely_case_progression") {
    case "indictable_only": .indictableOnly
    case "either_way_and_likely_to_remain_in_the_magistrates_court",
      "either_way_and_likely_to_be_heard_in_the_crown_court":
      .eitherWay
    default: .summaryOnly
    }
  }

  /// Adds every offence of every defendant, linking named victims to victim people.
  mutating func addOffences(defendants: [String]) throws(InputError) {
    var unmatchedVictims = 0
    var withoutDetails = 0
    for ((index, defendant), defendantID) in zip(theCase.dcfObjects("defendants"), defendants) {
      for entry in DCFOffenceList(defendant: defendant).entries {
        guard let from = Self.date(entry.offence, "from_date") else {
          withoutDetails += 1
          continue
        }
        let path = casePath.appending(key: "defendants").appending(index: index)
          .appending(key: "offences").appending(index: entry.group)
          .appending(key: entry.listKey).appending(index: entry.position)
        guard let code = entry.item.dcfString("cjs_offence_code") else {
          throw failure(path.appending(key: "cjs_offence_code"), "the offence has no CJS code")
        }
        let names =
          entry.item.dcfArray("victim_names").compactMap(\.dcfObject)
          + [entry.item.dcfObject("victim_name")].compactMap { $0 }
        var victimIDs: [String] = []
        for name in names {
          if let match = victims.first(where: { $0.key == Self.victimKey(name) }) {
            if !victimIDs.contains(match.person) { victimIDs.append(match.person) }
          } else {
            unmatchedVictims += 1
          }
        }
        let to = Self.date(entry.offence, "to_date")
        let plea: AnticipatedPlea =
          switch entry.offence.dcfString("anticipated_plea") {
          case "guilty": .guilty
          case "not_guilty": .notGuilty
          default: .unknown
          }
        offences.append(
          Offence(
            id: Self.id("O", offences.count), defendant: defendantID, cjsCode: code.uppercased(),
            title: entry.offence.dcfString("offence_title") ?? "",
            wording: entry.offence.dcfString("charge_wording") ?? "", from: from,
            to: to == from ? nil : to, modeOfTrial: modeOfTrial, anticipatedPlea: plea,
            chargeDate: Self.date(entry.offence, "charge_date"), victims: victimIDs,
            committedOnBail: entry.offence.dcfBool("committed_on_bail") ?? false))
      }
    }
    if unmatchedVictims > 0 {
      notes.append(
        "offences: \(unmatchedVictims) victim name(s) match no victim among the witnesses and "
          + "were not linked")
    }
    if withoutDetails > 0 {
      notes.append(
        "offences: \(withoutDetails) offence(s) without offence details (dates, wording) were "
          + "left out")
    }
  }

  /// Adds each defendant's custody position and interview.
  mutating func addCustodyAndInterviews(defendants: [String], documentDate: ISODate) {
    for ((_, defendant), defendantID) in zip(theCase.dcfObjects("defendants"), defendants) {
      let chargeDates = offences.filter { $0.defendant == defendantID }.compactMap(\.chargeDate)
      let status: CustodyStatus =
        switch defendant.dcfString("person_remand_status") {
        case "custody": .custody
        case "conditional_bail": .conditionalBail
        case "unconditional_bail": .unconditionalBail
        default: .notApplicable
        }
      let location = defendant.dcfObject("first_hearing_location")
      custody.append(
        CustodyRecord(
          id: Self.id("C", custody.count), defendant: defendantID, status: status,
          since: chargeDates.min() ?? documentDate.description,
          remandSought: defendant["remand_application"] != nil,
          bailConditions: defendant.dcfObjects("bail_conditions").compactMap {
            $0.object.dcfString("condition")
          },
          firstHearing: dateTime(defendant, "first_hearing_datetime"),
          court: location?.dcfString("ou_bottom_level_name")
            ?? location?.dcfString("ou_third_level_name"),
          breachOfBail: defendant.dcfObject("breach_of_bail")?.dcfString("breach_details")))
      if let interview = defendant.dcfObject("interview") {
        addInterview(interview, defendant: defendantID, documentDate: documentDate)
      }
    }
  }

  private mutating func addInterview(
    _ interview: JSONObject, defendant: String, documentDate: ISODate
  ) {
    let id = Self.id("I", interviews.count)
    if interview.dcfString("type") == "NotInterviewed" || interview["reason"] != nil {
      interviews.append(
        Interview(
          id: id, interviewee: defendant, type: .notInterviewed,
          date: documentDate.description + "T00:00",
          summary: interview.dcfString("reason").map { "Not interviewed: " + $0 }))
      return
    }
    var lines: [String] = []
    if interview.dcfBool("no_comment_response") == true { lines.append("No comment interview.") }
    let parts = [
      ("Admissions", "admissions_made"), ("Denials", "denials"), ("Defences", "defences"),
      ("Explanations", "explanations"), ("Mitigation", "mitigations"),
      ("Aggravating features", "aggravating_features"),
    ]
    for (label, key) in parts {
      if let text = interview.dcfString(key) { lines.append("\(label): \(text)") }
    }
    interviews.append(
      Interview(
        id: id, interviewee: defendant, type: .audio,
        date: dateTime(interview, "date") ?? documentDate.description + "T00:00",
        summary: lines.isEmpty ? nil : lines.joined(separator: "\n")))
  }
}
