import CaseJSON
import CaseStore
import CaseXML
import Foundation

/// The import paths the fuzz harness drives.
package enum FuzzTarget: String, CaseIterable, Sendable {
  /// casefile's records JSON: parse, schema, decode, semantic checks, re-encode.
  case records
  /// A DCF 1.2.2 document: parse, validate (schema, business rules, receiver checks), map.
  case dcf
  /// XML received from outside: CaseXML's tree parser, canonical form, and streamed
  /// validation against the case document schema.
  case xml
  /// A bundle received from outside: the bytes as a tar or zip archive through
  /// `casefile verify` (the hostile-entry checks, the BagIt validator, the XML checks).
  case bag

  /// The environment variable that names the target for the fuzz executable.
  package static let environmentVariable = "CASEFILE_FUZZ_TARGET"

  /// The target `CASEFILE_FUZZ_TARGET` names; `records` when it is unset or empty.
  package static func fromEnvironment() throws(ImportHarness.SetupError) -> FuzzTarget {
    let written = ProcessInfo.processInfo.environment[environmentVariable] ?? ""
    if written.isEmpty { return .records }
    guard let target = FuzzTarget(rawValue: written) else {
      throw ImportHarness.SetupError(
        message: "\(environmentVariable)=\(written): expected records, dcf, xml or bag")
    }
    return target
  }
}

/// How one input fared.
package enum FuzzOutcome: String, Sendable, Equatable {
  /// The bytes are not JSON the strict parser accepts.
  case malformed
  /// Well-formed JSON that the import path refused with an `InputError`.
  case rejected
  /// Accepted: a records document that round-trips, or a valid DCF that maps to a case.
  case accepted
  /// An invariant listed in ``ImportHarness/ignoredInvariants`` broke; checks of the input
  /// stopped there.
  case tolerated
}

/// The harness behind the libFuzzer targets and the regression tests.
///
/// One input goes down the same path `casefile import` takes, and the invariants the test
/// plan names are checked on the way: an accepted records document re-encodes and re-reads to
/// an equal document; no accepted document holds a person or offence that its input did not;
/// a DCF with no problems maps to a case without trapping, and that case passes the records
/// checks. Schemas are compiled once, when the harness is made.
package struct ImportHarness: Sendable {
  /// Why the harness could not be set up (a missing schema or rule pack, a bad target name).
  package struct SetupError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    package var message: String
    /// The message.
    package var description: String { message }
  }

  /// One broken invariant: a bug in the import path.
  package struct Violation: Error, CustomStringConvertible, Sendable, Equatable {
    /// The invariant's short name, such as `round-trip`.
    package var invariant: String
    /// What was seen.
    package var detail: String
    /// `invariant: detail`.
    package var description: String { "\(invariant): \(detail)" }
  }

  /// The import path this harness drives.
  package let target: FuzzTarget
  /// The compiled records schema.
  let records: RecordsFormat
  /// The DCF rule pack; present when `target` is `dcf`.
  let rulePack: DCFRulePack?
  /// The case document schema; present when `target` is `xml`.
  let caseSchema: XMLSchemaSet?
  /// Names of invariants (`mapped-case-checks`, …) whose violations end an input's checks
  /// with ``FuzzOutcome/tolerated`` instead of failing: a known, reported bug that should not
  /// hide others while its fix lands.
  package var ignoredInvariants: Set<String> = []

  /// The environment variable listing invariants to ignore, comma-separated.
  package static let ignoreEnvironmentVariable = "CASEFILE_FUZZ_IGNORE"

  /// Compiles what `target` needs from the given directories.
  package init(target: FuzzTarget, schemasDirectory: URL, dcfDirectory: URL?) throws(SetupError) {
    self.target = target
    do {
      records = try RecordsFormat(schemasDirectory: schemasDirectory)
    } catch {
      throw SetupError(message: "cannot load the records schema: \(error)")
    }
    caseSchema = try Self.caseSchema(for: target, in: schemasDirectory)
    guard target == .dcf else {
      rulePack = nil
      return
    }
    guard let dcfDirectory else {
      throw SetupError(
        message: "cannot find the DCF 1.2.2 directory; set CASEFILE_DCF_DIR")
    }
    do {
      rulePack = try DCFRulePack(directory: dcfDirectory)
    } catch {
      throw SetupError(message: "cannot load the DCF rule pack: \(error)")
    }
  }

  /// Finds the schemas and the DCF directory the way the CLI does (`CASEFILE_SCHEMAS`,
  /// `CASEFILE_DCF_DIR`, then beside the executable or the source tree).
  package static func located(target: FuzzTarget) throws(SetupError) -> ImportHarness {
    let schemas: URL
    do {
      schemas = try ResourceLocator.schemasDirectory(explicit: nil)
    } catch {
      throw SetupError(message: "\(error)")
    }
    let dcf = target == .dcf ? ResourceLocator.dcfDirectory(explicit: nil) : nil
    var harness = try ImportHarness(target: target, schemasDirectory: schemas, dcfDirectory: dcf)
    let ignored = ProcessInfo.processInfo.environment[ignoreEnvironmentVariable] ?? ""
    harness.ignoredInvariants = Set(
      ignored.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    return harness
  }

  /// Runs one input and traps (so that libFuzzer records the input) if an invariant breaks.
  @discardableResult
  package func run(_ data: Data) -> FuzzOutcome {
    do {
      return try check(data)
    } catch {
      fatalError("casefile-fuzz \(target.rawValue) invariant broken: \(error)")
    }
  }

  /// Runs one input through the target's import path, checking every invariant.
  ///
  /// A crash inside the import path traps as it would in `casefile import`.
  ///
  /// - Throws: the first `Violation` found whose invariant is not ignored.
  package func check(_ data: Data) throws(Violation) -> FuzzOutcome {
    if target == .bag {
      do {
        return try checkBag(data)
      } catch {
        if ignoredInvariants.contains(error.invariant) { return .tolerated }
        throw error
      }
    }
    if target == .xml, let caseSchema {
      do {
        return try checkXML(data, schema: caseSchema)
      } catch {
        if ignoredInvariants.contains(error.invariant) { return .tolerated }
        throw error
      }
    }
    let value: JSONValue
    do {
      value = try JSONParser.parse(data)
    } catch {
      return .malformed
    }
    do {
      switch target {
      case .records: return try checkRecords(value, bytes: data)
      case .dcf: return try checkDCF(value)
      case .xml, .bag: return .malformed
      }
    } catch {
      if ignoredInvariants.contains(error.invariant) { return .tolerated }
      throw error
    }
  }

  // MARK: Records

  private func checkRecords(_ value: JSONValue, bytes: Data) throws(Violation) -> FuzzOutcome {
    let document: RecordsDocument
    do {
      document = try records.read(value, file: "fuzz-input.json")
    } catch {
      return .rejected
    }
    try Self.checkCounts(document, against: value)
    let encoded: Data
    do {
      encoded = try RecordsFormat.encode(document)
    } catch {
      throw Violation(invariant: "encode", detail: "an accepted document does not encode: \(error)")
    }
    let reparsed: JSONValue
    do {
      reparsed = try JSONParser.parse(encoded)
    } catch {
      throw Violation(
        invariant: "round-trip", detail: "the encoded document does not parse: \(error)")
    }
    let reread: RecordsDocument
    do {
      reread = try records.read(reparsed, file: "fuzz-reencoded.json")
    } catch {
      throw Violation(
        invariant: "round-trip", detail: "the encoded document is refused: \(error)")
    }
    guard reread == document else {
      throw Violation(
        invariant: "round-trip",
        detail: "re-reading the encoded document gives a different document: "
          + Self.firstDifference(document, reread))
    }
    let again: Data
    do {
      again = try RecordsFormat.encode(reread)
    } catch {
      throw Violation(invariant: "encode", detail: "a re-read document does not encode: \(error)")
    }
    guard again == encoded else {
      throw Violation(invariant: "stable-encoding", detail: "encoding is not stable")
    }
    return .accepted
  }

  /// Every case has as many people and offences as the input's `cases[i]` arrays.
  static func checkCounts(_ document: RecordsDocument, against value: JSONValue) throws(Violation) {
    guard case .object(let root) = value, case .array(let cases)? = root["cases"] else {
      throw Violation(invariant: "shape", detail: "an accepted document has no cases array")
    }
    guard cases.count == document.cases.count else {
      throw Violation(
        invariant: "no-invention",
        detail: "\(cases.count) cases in the input, \(document.cases.count) accepted")
    }
    for (index, (written, record)) in zip(cases, document.cases).enumerated() {
      let people = arrayCount(written, "people")
      let offences = arrayCount(written, "offences")
      guard people == record.people.count, offences == record.offences.count else {
        throw Violation(
          invariant: "no-invention",
          detail: "case \(index): \(people) people and \(offences) offences in the input, "
            + "\(record.people.count) and \(record.offences.count) accepted")
      }
    }
  }

  /// The length of `value[key]` when it is an array, else 0.
  static func arrayCount(_ value: JSONValue, _ key: String) -> Int {
    guard case .object(let object) = value, case .array(let items)? = object[key] else { return 0 }
    return items.count
  }

  /// A short, value-free description of where two documents first differ.
  static func firstDifference(_ first: RecordsDocument, _ second: RecordsDocument) -> String {
    guard first.cases.count == second.cases.count else {
      return "\(first.cases.count) cases became \(second.cases.count)"
    }
    for (index, (left, right)) in zip(first.cases, second.cases).enumerated() where left != right {
      let fields: [(String, Bool)] = [
        ("urn", left.urn == right.urn), ("title", left.title == right.title),
        ("summary", left.summary == right.summary), ("markers", left.markers == right.markers),
        ("people", left.people == right.people), ("offences", left.offences == right.offences),
        ("custody", left.custody == right.custody),
        ("witnesses", left.witnesses == right.witnesses),
        ("statements", left.statements == right.statements),
        ("exhibits", left.exhibits == right.exhibits),
        ("interviews", left.interviews == right.interviews),
        ("unused", left.unused == right.unused), ("media", left.media == right.media),
      ]
      let changed = fields.filter { !$0.1 }.map(\.0)
      return "case \(index) differs in \(changed.joined(separator: ", "))"
    }
    return "the envelope differs"
  }

  // MARK: DCF

  private func checkDCF(_ value: JSONValue) throws(Violation) -> FuzzOutcome {
    guard let rulePack else {
      throw Violation(invariant: "setup", detail: "the dcf target has no rule pack")
    }
    let report = rulePack.validate(value)
    guard report.isValid else { return .rejected }
    let mapping: DCFMapping
    do {
      mapping = try DCFMapper.mapWithNotes(value, file: "fuzz-input.json")
    } catch {
      // The mapper may refuse a valid document when a fact it needs cannot be read.
      return .rejected
    }
    let record = mapping.record
    try Self.checkDCFCounts(record, against: value)
    let problems = RecordsChecker.check(record)
    guard problems.isEmpty else {
      let rules = problems.map { "\($0.rule) at \($0.path)" }
      throw Violation(
        invariant: "mapped-case-checks",
        detail: "a valid DCF maps to a case the records checks refuse: "
          + rules.prefix(5).joined(separator: "; "))
    }
    return .accepted
  }

  /// The mapped case has one defendant per DCF defendant, no more offences than the DCF's
  /// offence groups list, and no more people than defendants, witnesses and three officers.
  static func checkDCFCounts(_ record: CaseRecord, against value: JSONValue) throws(Violation) {
    guard case .object(let root) = value, case .object(let theCase)? = root["case"] else {
      throw Violation(invariant: "shape", detail: "a valid DCF has no case object")
    }
    let defendants = objects(theCase["defendants"])
    let witnesses = objects(theCase["witnesses"]).count
    var offenceEntries = 0
    for defendant in defendants {
      for group in objects(defendant["offences"]) {
        for key in ["generic_offences", "assault_offences", "retail_theft_offences"] {
          offenceEntries += objects(group[key]).count
        }
      }
    }
    let mappedDefendants = record.people.filter { $0.roles.contains(.defendant) }.count
    guard mappedDefendants == defendants.count else {
      throw Violation(
        invariant: "no-invention",
        detail: "\(defendants.count) defendants in the DCF, \(mappedDefendants) mapped")
    }
    guard record.offences.count <= offenceEntries else {
      throw Violation(
        invariant: "no-invention",
        detail: "\(offenceEntries) offences in the DCF, \(record.offences.count) mapped")
    }
    let peopleLimit = defendants.count + witnesses + 3
    guard record.people.count <= peopleLimit else {
      throw Violation(
        invariant: "no-invention",
        detail: "at most \(peopleLimit) people in the DCF, \(record.people.count) mapped")
    }
  }

  /// The objects in `value` when it is an array (other items skipped), else none.
  static func objects(_ value: JSONValue?) -> [JSONObject] {
    guard case .array(let items)? = value else { return [] }
    return items.compactMap { item in
      guard case .object(let object) = item else { return nil }
      return object
    }
  }
}
