import CaseJSON

/// A defendant's offences, flattened out of the DCF's offence groups.
///
/// A FirstHearingDCF defendant holds `offences`, a list of groups (`GenericOffences`,
/// `AssaultOffences`, `RetailTheftOffences`), each with its own list of offences.
struct DCFOffenceList {
  /// One offence of a group.
  struct Entry {
    /// Position of the group in the defendant's `offences`.
    var group: Int
    /// The group's list member (`generic_offences`, `assault_offences`, …).
    var listKey: String
    /// Position in that list.
    var position: Int
    /// The group item (with `cjs_offence_code`, `property_ids`, victims).
    var item: JSONObject
    /// The item's `offence` object (dates, title, wording, plea).
    var offence: JSONObject
  }

  /// The group list members the DCF defines.
  static let listKeys = ["generic_offences", "assault_offences", "retail_theft_offences"]

  /// Every offence of the defendant, in document order.
  let entries: [Entry]

  /// Flattens `defendant`'s offence groups.
  init(defendant: JSONObject) {
    var entries: [Entry] = []
    for (groupIndex, group) in defendant.dcfObjects("offences") {
      for key in Self.listKeys {
        for (position, item) in group.dcfObjects(key) {
          entries.append(
            Entry(
              group: groupIndex, listKey: key, position: position, item: item,
              offence: item.dcfObject("offence") ?? JSONObject()))
        }
      }
    }
    self.entries = entries
  }
}
