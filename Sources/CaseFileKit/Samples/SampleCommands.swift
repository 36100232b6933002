import CaseStore
import Foundation

/// `casefile samples generate`: synthetic cases as records JSON, and the same rows as CSV.
package enum SampleCommands {
  /// What was generated.
  package struct Summary: Sendable {
    package var cases: Int
    package var records: Int
    package var files: Int
  }

  /// Writes `cases` synthetic cases into `directory`, `perFile` cases per records file;
  /// with `csv`, also one CSV file per record kind holding the same rows (for comparing
  /// casefile's import with `sqlite3 .import`).
  package static func generate(
    cases: Int, perFile: Int, seed: UInt64, directory: URL, csv: Bool,
    progress: (Int) -> Void = { _ in }
  ) throws -> Summary {
    guard cases > 0, perFile > 0 else {
      throw KitError.usage("--cases and --per-file must be positive")
    }
    let fileManager = FileManager.default
    do {
      try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw KitError.io("cannot create \(directory.path)")
    }
    var generator = SyntheticCases(seed: seed)
    var tables = csv ? CSVTables(directory: directory) : nil
    var records = 0
    var files = 0
    var serial = 0
    while serial < cases {
      let count = min(perFile, cases - serial)
      let batch = (0..<count).map { offset in generator.nextCase(serial: serial + offset) }
      serial += count
      records += batch.reduce(0) { $0 + $1.recordCount }
      let data = try RecordsFormat.encode(RecordsDocument(cases: batch))
      let name = String(format: "cases-%05d.json", files)
      try write(data, to: directory.appendingPathComponent(name))
      try tables?.append(batch)
      files += 1
      progress(serial)
    }
    try tables?.close()
    return Summary(cases: cases, records: records, files: files)
  }

  static func write(_ data: Data, to url: URL) throws {
    do {
      try data.write(to: url, options: .atomic)
    } catch {
      throw KitError.io("cannot write \(url.path)")
    }
  }
}

/// One CSV file per record kind, appended to batch by batch.
struct CSVTables {
  let directory: URL
  var handles: [String: FileHandle] = [:]

  init(directory: URL) {
    self.directory = directory
  }

  mutating func append(_ cases: [CaseRecord]) throws {
    var rows: [String: [[String]]] = [:]
    for record in cases {
      let urn = record.urn
      rows["cases", default: []].append([urn, record.title, record.summary])
      for p in record.people {
        rows["people", default: []].append(
          [
            urn, p.id, p.roles.map(\.rawValue).joined(separator: ";"),
            p.name.given.joined(separator: " "), p.name.family,
            p.dateOfBirth ?? "", p.address ?? "", p.phone ?? "", p.email ?? "",
          ])
      }
      for o in record.offences {
        rows["offences", default: []].append(
          [
            urn, o.id, o.defendant, o.cjsCode, o.title, o.wording, o.from, o.modeOfTrial.rawValue,
            o.anticipatedPlea.rawValue, o.chargeDate ?? "",
          ])
      }
      for c in record.custody {
        rows["custody", default: []].append([
          urn, c.id, c.defendant, c.status.rawValue, c.since, c.firstHearing ?? "", c.court ?? "",
        ])
      }
      for w in record.witnesses {
        rows["witnesses", default: []].append([
          urn, w.id, w.person, w.kind.rawValue, w.key ? "1" : "0",
          w.datesToAvoid.joined(separator: ";"),
        ])
      }
      for s in record.statements {
        rows["statements", default: []].append([
          urn, s.id, s.witness, s.date, s.text ?? "", s.exhibits.joined(separator: ";"),
        ])
      }
      for e in record.exhibits {
        rows["exhibits", default: []].append([
          urn, e.id, e.reference, e.description, e.producedBy, e.seizedAt ?? "", e.seizedFrom ?? "",
        ])
        for (position, event) in e.continuity.enumerated() {
          rows["continuity_events", default: []].append([
            urn, e.id, "\(position)", event.at, event.action, event.from ?? "", event.to ?? "",
          ])
        }
      }
      for i in record.interviews {
        rows["interviews", default: []].append([
          urn, i.id, i.interviewee, i.type.rawValue, i.date, i.summary ?? "",
        ])
      }
      for u in record.unused {
        rows["unused_items", default: []].append([
          urn, u.id, u.description, u.sensitivity.rawValue, u.reason ?? "",
        ])
      }
    }
    for (table, tableRows) in rows {
      let handle = try self.handle(table)
      var text = ""
      for row in tableRows { text += row.map(Self.field).joined(separator: ",") + "\n" }
      handle.write(Data(text.utf8))
    }
  }

  mutating func handle(_ table: String) throws -> FileHandle {
    if let handle = handles[table] { return handle }
    let url = directory.appendingPathComponent("\(table).csv")
    guard FileManager.default.createFile(atPath: url.path, contents: nil),
      let handle = try? FileHandle(forWritingTo: url)
    else { throw KitError.io("cannot write \(url.path)") }
    handles[table] = handle
    return handle
  }

  func close() throws {
    for handle in handles.values { try handle.close() }
  }

  /// A CSV field, quoted per RFC 4180.
  static func field(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
