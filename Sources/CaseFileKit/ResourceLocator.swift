import Foundation

/// Finds the directories casefile reads at run time: its schemas, its templates and the DCF
/// reference data.
///
/// An explicit option wins, then an environment variable, then the directory beside the
/// executable's install (`share/casefile/`), then the source tree the executable was built
/// in (found by walking up from the executable), then the current directory.
package enum ResourceLocator {
  /// The `Schemas/` directory holding `records-v1.schema.json`.
  package static func schemasDirectory(explicit: String?) throws -> URL {
    try locate(
      explicit: explicit, environment: "CASEFILE_SCHEMAS", marker: "records-v1.schema.json",
      relativeCandidates: ["share/casefile/Schemas", "Schemas"],
      what: "the casefile Schemas directory",
      option: "--schemas")
  }

  /// The `Templates/` directory, recognised by its bank holiday file
  /// (`calendar/bank-holidays-england-wales.json`).
  ///
  /// `explicit` is `--templates DIR`; the environment variable is `CASEFILE_TEMPLATES`.
  package static func templatesDirectory(explicit: String?) throws -> URL {
    try locate(
      explicit: explicit, environment: "CASEFILE_TEMPLATES",
      marker: bankHolidayFile, relativeCandidates: ["share/casefile/Templates", "Templates"],
      what: "the casefile Templates directory", option: "--templates")
  }

  /// The bank holiday file's path inside the Templates directory.
  package static let bankHolidayFile = "calendar/bank-holidays-england-wales.json"

  /// The DCF 1.2.2 reference directory (`dcf-schema.json`, `business-rules.json`), or nil.
  ///
  /// The DCF schema is published outside casefile and is not shipped with it; a source
  /// checkout finds it at `../shared/reference/dcf-1.2.2`.
  package static func dcfDirectory(explicit: String?) -> URL? {
    try? locate(
      explicit: explicit, environment: "CASEFILE_DCF_DIR", marker: "dcf-schema.json",
      relativeCandidates: ["share/casefile/dcf-1.2.2", "../shared/reference/dcf-1.2.2"],
      what: "the DCF reference directory", option: "--dcf-dir")
  }

  static func locate(
    explicit: String?, environment: String, marker: String, relativeCandidates: [String],
    what: String,
    option: String
  ) throws -> URL {
    let fileManager = FileManager.default
    func holdsMarker(_ url: URL) -> Bool {
      fileManager.fileExists(atPath: url.appendingPathComponent(marker).path)
    }
    if let explicit {
      let url = URL(fileURLWithPath: explicit)
      guard holdsMarker(url) else {
        throw KitError.usage("\(option) \(explicit): no \(marker) there")
      }
      return url
    }
    if let value = ProcessInfo.processInfo.environment[environment], !value.isEmpty {
      let url = URL(fileURLWithPath: value)
      guard holdsMarker(url) else {
        throw KitError.usage("\(environment)=\(value): no \(marker) there")
      }
      return url
    }
    var roots: [URL] = []
    var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
      .resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<6 {
      roots.append(directory)
      directory = directory.deletingLastPathComponent()
    }
    roots.append(URL(fileURLWithPath: fileManager.currentDirectoryPath))
    for root in roots {
      for candidate in relativeCandidates {
        let url = root.appendingPathComponent(candidate).standardizedFileURL
        if holdsMarker(url) { return url }
      }
    }
    throw KitError.usage("cannot find \(what); give \(option) DIR or set \(environment)")
  }
}
