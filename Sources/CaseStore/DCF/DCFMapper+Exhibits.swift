import CaseJSON

extension DCFMappingBuilder {
  /// Adds multimedia evidence and recovered property as exhibits produced by the officer in
  /// the case, referenced by the officer's initials and a number (`PS/1`, `PS/2`, …).
  ///
  /// Multimedia evidence carries a link, not a file, so no media object is created. Property
  /// that was not recovered is not an exhibit and is left out.
  mutating func addExhibits(producer: String?, officer: JSONObject?) {
    guard let producer else { return }
    let initials = officer.map(Self.initials) ?? "OIC"
    var linked = 0
    for (_, media) in theCase.dcfObjects("multimedia_evidence") {
      exhibits.append(
        Exhibit(
          id: Self.id("E", exhibits.count), reference: "\(initials)/\(exhibits.count + 1)",
          description: media.dcfString(
            "description_of_what_is_contained_in_multimedia_evidence") ?? "",
          producedBy: producer))
      if media["url"] != nil { linked += 1 }
    }
    if linked > 0 {
      notes.append(
        "multimedia_evidence: \(linked) item(s) are links, not files; they are exhibits "
          + "without media objects")
    }
    var notRecovered = 0
    for (_, item) in theCase.dcfObjects("property") {
      switch item.dcfString("property_action") {
      case "stolen_recovered", "stolen_recovered_damaged":
        exhibits.append(
          Exhibit(
            id: Self.id("E", exhibits.count), reference: "\(initials)/\(exhibits.count + 1)",
            description: item.dcfString("description") ?? "", producedBy: producer,
            seizedFrom: item.dcfString("recovered_from")))
      default:
        notRecovered += 1
      }
    }
    if notRecovered > 0 {
      notes.append(
        "property: \(notRecovered) item(s) not recovered are not exhibits and were left out")
    }
  }

  /// The upper-case initials of an officer's given names and surname.
  static func initials(_ officer: JSONObject) -> String {
    let names = officer.dcfStrings("given_name") + [officer.dcfString("surname") ?? ""]
    let letters = names.compactMap { $0.first.map { String($0).uppercased() } }
    return letters.isEmpty ? "OIC" : letters.joined()
  }
}
