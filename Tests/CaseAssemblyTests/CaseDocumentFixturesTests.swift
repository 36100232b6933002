import CaseAssembly
import CaseStore
import Foundation
import Testing

/// Fixtures of the case document tests: the samples, a fresh store holding them, the bank
/// holiday file, and the Python `xmlschema` checker.
enum CaseDocumentFixtures {
  /// The package's root directory, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The case document schema.
  static let schema = root.appendingPathComponent("Schemas/case-document-v1.xsd")

  /// Every records sample, sorted by file name.
  static func sampleFiles() throws -> [URL] {
    let directory = root.appendingPathComponent("Samples/records")
    return try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".json") }.sorted()
      .map { directory.appendingPathComponent($0) }
  }

  /// The committed bank holidays of England and Wales.
  static func holidays() throws -> BankHolidayCalendar {
    try BankHolidayCalendar(
      jsonBytes: Array(
        Data(
          contentsOf: root.appendingPathComponent(
            "Templates/calendar/bank-holidays-england-wales.json"))))
  }

  /// A date from `YYYY-MM-DD`; the test fails when the text is not a date.
  static func date(_ text: String) throws -> ISODate {
    try #require(ISODate(text), "not a date: \(text)")
  }

  /// The first case of a sample file, decoded straight from the JSON (no store).
  static func sampleRecord(_ name: String) throws -> CaseRecord {
    let data = try Data(contentsOf: root.appendingPathComponent("Samples/records/\(name)"))
    let document = try JSONDecoder().decode(RecordsDocument.self, from: data)
    return try #require(document.cases.first)
  }
}

/// A temporary directory with a fresh store into which samples are imported; removed at
/// the end of the test.
final class SampleStore {
  let directory: URL
  let store: SQLiteCaseStore
  /// The URN of each imported sample, by file name (`gap-summary.json`).
  private(set) var urns: [String: String] = [:]

  init(samples: [URL]) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "casefile-document-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    store = try SQLiteCaseStore.create(at: directory.appendingPathComponent("store.sqlite"))
    let format = try RecordsFormat(
      schemasDirectory: CaseDocumentFixtures.root.appendingPathComponent("Schemas"))
    let preparer = CasePreparer(records: format, loadDCF: { nil })
    let importer = CaseImporter(store: store, preparer: preparer)
    for sample in samples {
      let result = try importer.commit(
        try preparer.prepare(sample, as: .records), mode: .insertOnly, user: "tester")
      urns[sample.lastPathComponent] = result.urns.first
    }
  }

  deinit {
    try? store.close()
    try? FileManager.default.removeItem(at: directory)
  }

  /// The case of a sample as the store loads it.
  func record(_ sample: String) throws -> CaseRecord {
    let urn = try #require(urns[sample], "sample \(sample) was not imported")
    return try #require(try store.loadCase(urn: urn))
  }

  /// The case document of a sample, loaded from the store, for `asOf`.
  func document(_ sample: String, asOf: String) throws -> [UInt8] {
    try CaseDocumentWriter().write(
      record(sample), asOf: CaseDocumentFixtures.date(asOf),
      holidays: CaseDocumentFixtures.holidays())
  }
}

/// Runs Python's `xmlschema` over case documents: XSD validation (identity constraints
/// included) and an independent walk that checks every cross-reference.
enum PythonDocumentChecker {
  /// What the checker found in one document.
  struct Report: Decodable {
    /// XSD validation errors (empty when the document is valid).
    var schema: [String]
    /// Cross-references that do not resolve or point at the wrong kind of record.
    var references: [String]
    /// How many references were followed.
    var checkedReferences: Int
  }

  /// `true` when `python3` runs and can import `xmlschema`.
  static let isAvailable: Bool = {
    guard let result = try? run(["-c", "import xmlschema"]) else { return false }
    return result.status == 0
  }()

  /// Checks every file in one Python run; the result is keyed by file path.
  static func check(_ files: [URL]) throws -> [String: Report] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "casefile-checker-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = directory.appendingPathComponent("check.py")
    try Data(checkerScript.utf8).write(to: script)
    let result = try run([script.path, CaseDocumentFixtures.schema.path] + files.map(\.path))
    guard result.status == 0 else {
      Issue.record("the Python checker failed: \(result.stderr)")
      return [:]
    }
    return try JSONDecoder().decode([String: Report].self, from: Data(result.stdout.utf8))
  }

  private static func run(_ arguments: [String]) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: outData, as: UTF8.self),
      String(decoding: errData, as: UTF8.self)
    )
  }

  /// The checker: `check.py SCHEMA FILE...` prints a JSON object keyed by file.
  private static let checkerScript = #"""
    import json, sys
    import xml.etree.ElementTree as ET
    import xmlschema

    NS = "{urn:casefile:case-document:1}"
    KINDS = {"person": "people", "offence": "offences", "custodyRecord": "custodyRecords",
             "witness": "witnesses", "statement": "statements", "exhibit": "exhibits",
             "interview": "interviews", "unusedItem": "unusedMaterial",
             "mediaObject": "media"}

    def references(root):
        kinds, problems, count = {}, [], 0
        for kind, container in KINDS.items():
            for element in root.findall(NS + container + "/" + NS + kind):
                kinds[element.get("id")] = (kind, element)
        def roles(person_id):
            entry = kinds.get(person_id)
            if entry is None or entry[0] != "person":
                return []
            return [role.text for role in entry[1].findall(NS + "role")]
        def ref(owner, value, *expected):
            nonlocal count
            if value is None:
                return
            count += 1
            found = kinds.get(value, (None,))[0]
            if found not in expected:
                problems.append("%s -> %s is a %s, expected %s"
                                % (owner, value, found, "/".join(expected)))
        for offence in root.iter(NS + "offence"):
            oid = offence.get("id")
            ref(oid, offence.get("defendant"), "person")
            if "defendant" not in roles(offence.get("defendant")):
                problems.append(oid + " -> defendant without the defendant role")
            if offence.find(NS + "offenceFacts") is None:
                problems.append(oid + " has no offenceFacts")
            for victim in offence.findall(NS + "victimRef"):
                ref(oid, victim.get("ref"), "person")
            for evidence in offence.iter(NS + "evidenceRef"):
                ref(oid, evidence.get("ref"), "statement", "exhibit", "interview")
        for custody in root.iter(NS + "custodyRecord"):
            ref(custody.get("id"), custody.get("defendant"), "person")
        made = {}
        for statement in root.iter(NS + "statement"):
            sid = statement.get("id")
            ref(sid, statement.get("witness"), "witness")
            ref(sid, statement.get("media"), "mediaObject")
            made.setdefault(statement.get("witness"), []).append(sid)
            for exhibit in statement.findall(NS + "exhibitRef"):
                ref(sid, exhibit.get("ref"), "exhibit")
        for witness in root.iter(NS + "witness"):
            wid = witness.get("id")
            ref(wid, witness.get("person"), "person")
            listed = [s.get("ref") for s in witness.findall(NS + "statementRef")]
            for sid in listed:
                ref(wid, sid, "statement")
            if listed != made.get(wid, []):
                problems.append(wid + " lists statements %s but made %s"
                                % (listed, made.get(wid, [])))
        for exhibit in root.iter(NS + "exhibit"):
            eid = exhibit.get("id")
            ref(eid, exhibit.get("producedBy"), "person")
            for event in exhibit.findall(NS + "continuityEvent"):
                ref(eid, event.get("from"), "person")
                ref(eid, event.get("to"), "person")
            for media in exhibit.findall(NS + "mediaRef"):
                ref(eid, media.get("ref"), "mediaObject")
        for interview in root.iter(NS + "interview"):
            iid = interview.get("id")
            ref(iid, interview.get("interviewee"), "person")
            for media in interview.findall(NS + "mediaRef"):
                ref(iid, media.get("ref"), "mediaObject")
        for pid, (kind, element) in kinds.items():
            if kind == "person" and "defendant" in roles(pid) \
                    and element.find(NS + "defendantFacts") is None:
                problems.append(pid + " is a defendant without defendantFacts")
        return problems, count

    schema = xmlschema.XMLSchema10(sys.argv[1])
    result = {}
    for path in sys.argv[2:]:
        errors = [str(error.reason or error.message) for error in schema.iter_errors(path)]
        problems, count = references(ET.parse(path).getroot())
        result[path] = {"schema": errors, "references": problems, "checkedReferences": count}
    print(json.dumps(result, sort_keys=True))
    """#
}
