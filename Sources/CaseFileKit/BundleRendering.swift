import CasePackaging
import Foundation

/// Text and JSON renderings of bag reports (`verify`, `inspect`).
package enum BundleRendering {
  /// The JSON shape of `verify --format json` and `inspect --format json`.
  struct ReportJSON: Encodable {
    struct Problem: Encodable {
      var severity: String
      var code: String
      var file: String?
      var message: String
    }
    struct Field: Encodable {
      var label: String
      var value: String
    }
    struct File: Encodable {
      var path: String
      var size: Int64
    }
    struct Signature: Encodable {
      var status: String
      var keyId: String?
      var detail: String?
    }
    var path: String
    var valid: Bool
    var serialization: String
    var root: String
    var bagitVersion: String?
    var tagFileEncoding: String?
    var payload: [String: Int64]
    var manifests: [String]
    var tagManifests: [String]
    var profile: String?
    var profileChecked: Bool
    var signature: Signature
    var bagInfo: [Field]
    var errors: [Problem]
    var warnings: [Problem]
    var files: [File]?
  }

  static func json(_ report: BagReport, files: Bool) -> ReportJSON {
    func problems(_ list: [BagProblem]) -> [ReportJSON.Problem] {
      list.map {
        .init(severity: $0.severity.rawValue, code: $0.code, file: $0.file, message: $0.message)
      }
    }
    var signature = ReportJSON.Signature(status: report.signature.name)
    switch report.signature {
    case .verified(let keyID): signature.keyId = keyID
    case .failed(let detail): signature.detail = detail
    default: break
    }
    return ReportJSON(
      path: report.path, valid: report.isValid, serialization: report.serialization,
      root: report.root, bagitVersion: report.version, tagFileEncoding: report.encoding,
      payload: ["files": Int64(report.payloadFiles), "bytes": report.payloadBytes],
      manifests: report.manifests, tagManifests: report.tagManifests, profile: report.profile,
      profileChecked: report.profileChecked, signature: signature,
      bagInfo: report.bagInfo.map { .init(label: $0.label, value: $0.value) },
      errors: problems(report.errors), warnings: problems(report.warnings),
      files: files ? report.files.map { .init(path: $0.path, size: $0.size) } : nil)
  }

  /// `verify`'s report.
  package static func verify(_ report: BagReport, json: Bool) throws -> String {
    if json { return try Rendering.json(Self.json(report, files: false)) }
    var out = ""
    let verdict = report.isValid ? "valid" : "INVALID"
    out +=
      "\(report.path): \(verdict) BagIt \(report.version ?? "?") bag (\(report.serialization))\n"
    out += "  payload: \(report.payloadFiles) files, \(report.payloadBytes) bytes; manifests: "
    out += (report.manifests.isEmpty ? "none" : report.manifests.joined(separator: ", ")) + "\n"
    if report.profileChecked { out += "  profile: casefile v1 checked\n" }
    switch report.signature {
    case .absent: out += "  signature: none\n"
    case .notChecked: out += "  signature: present, not checked (no --trust)\n"
    case .verified(let keyID): out += "  signature: verified with trusted key \(keyID)\n"
    case .failed(let detail): out += "  signature: FAILED (\(detail))\n"
    }
    for problem in report.problems {
      out +=
        "  \(problem.severity.rawValue): \(problem.file ?? "-"): \(problem.message) [\(problem.code)]\n"
    }
    out += "\(report.errors.count) errors, \(report.warnings.count) warnings\n"
    return out
  }

  /// `inspect`'s listing.
  package static func inspect(_ report: BagReport, json: Bool) throws -> String {
    if json { return try Rendering.json(Self.json(report, files: true)) }
    var out = "\(report.path)\n"
    out += "  bag: \(report.root) (\(report.serialization)), BagIt \(report.version ?? "?")"
    out += ", tag files in \(report.encoding ?? "?")\n"
    for field in report.bagInfo { out += "  \(field.label): \(field.value)\n" }
    out += "  manifests: \(report.manifests.joined(separator: ", "))"
    out += "; tag manifests: \(report.tagManifests.joined(separator: ", "))\n"
    out += "  signature: \(report.signature.name)\n"
    out += "  files:\n"
    for file in report.files { out += "    \(file.size)\t\(file.path)\n" }
    out +=
      "  \(report.isValid ? "valid" : "INVALID"): \(report.errors.count) errors, "
      + "\(report.warnings.count) warnings (casefile verify for details)\n"
    return out
  }
}
