import CaseStore

/// The schedule an item of unused material goes on.
///
/// A sensitive item goes on the MG6D. A non-sensitive item, or an edited one (sensitive and
/// non-sensitive content, listed as non-sensitive and marked "edited", never also on the
/// MG6D), goes on the MG6C, or on the streamlined disclosure certificate (SDC) when the case
/// is streamlined. Whether any schedule is needed at a given stage (a guilty plea needs
/// none) is for the rules to decide; this only says which one an item belongs to.
package enum UnusedSchedule: String, CaseIterable, Sendable {
  /// The non-sensitive unused material schedule.
  case mg6c = "MG6C"
  /// The sensitive unused material schedule.
  case mg6d = "MG6D"
  /// The streamlined disclosure certificate, used instead of the MG6C in a summary case.
  case sdc = "SDC"

  /// The schedule for an item of `sensitivity` in a case that is or is not streamlined.
  package init(for sensitivity: Sensitivity, streamlined: Bool) {
    switch sensitivity {
    case .sensitive: self = .mg6d
    case .nonSensitive, .edited: self = streamlined ? .sdc : .mg6c
    }
  }

  /// Whether the case's unused material follows the streamlined procedure: the case has at
  /// least one offence and every offence is summary-only, so it stays in the magistrates'
  /// court.
  ///
  /// An either-way offence may go to the Crown Court, where the full MG6 series is needed,
  /// and the record model does not hold the venue, so any either-way or indictable-only
  /// offence makes the case not streamlined.
  package static func isStreamlined(_ record: CaseRecord) -> Bool {
    !record.offences.isEmpty && record.offences.allSatisfy { $0.modeOfTrial == .summaryOnly }
  }
}
