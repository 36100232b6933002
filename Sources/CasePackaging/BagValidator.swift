import Foundation

/// The BagIt rules (RFC 8493 for 1.0, and the drafts 0.93 to 0.97 before it) applied to
/// what a reader found; problems are values in the report.
enum BagValidator {
  static let versions = ["0.93", "0.94", "0.95", "0.96", "0.97", "1.0"]
  static let reservedTagFiles: Set<String> = [
    "bagit.txt", "bag-info.txt", "fetch.txt", "package-info.txt",
  ]

  /// A parsed manifest: path to checksum, in file order.
  struct Manifest {
    var algorithm: DigestAlgorithm
    var name: String
    var entries: [(path: String, checksum: String)] = []
  }

  /// The algorithms of the bag's payload manifests that this reader can compute.
  static func payloadAlgorithms(_ contents: BagContents) -> Set<DigestAlgorithm> {
    manifestAlgorithms(
      in: contents.files.keys.filter { !$0.contains("/") && $0.hasPrefix("manifest-") })
  }

  static func validate(
    _ contents: BagContents, path: String, trust: BagPublicKey?
  ) -> BagReport {
    var report = BagReport(path: path, serialization: contents.serialization, root: contents.root)
    report.files = contents.files.values.map { ($0.path, $0.size) }
      .sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
    let payload = contents.files.values.filter(\.isPayload)
    report.payloadFiles = payload.count
    report.payloadBytes = payload.reduce(0) { $0 + $1.size }
    report.tagFiles = contents.files.keys.filter { !$0.hasPrefix("data/") }.sorted()
    func problem(
      _ severity: BagProblem.Severity, _ code: String, _ file: String?, _ message: String
    ) {
      report.problems.append(BagProblem(severity, code, file: file, message))
    }

    // bagit.txt
    guard let declaration = contents.files["bagit.txt"]?.content else {
      problem(.error, "bagit-txt-missing", "bagit.txt", "the bag has no bagit.txt")
      return report
    }
    var declarationBytes = declaration
    let hadBOM = declarationBytes.starts(with: [0xef, 0xbb, 0xbf])
    if hadBOM { declarationBytes.removeFirst(3) }
    guard let declarationText = String(validating: declarationBytes, as: UTF8.self) else {
      problem(.error, "bagit-txt-malformed", "bagit.txt", "bagit.txt is not UTF-8")
      return report
    }
    let declarationLines = lines(declarationText)
    var declared: [String: String] = [:]
    for line in declarationLines {
      guard let (label, value) = labelValue(line) else { continue }
      declared[label] = value
    }
    guard let version = declared["BagIt-Version"],
      let encoding = declared["Tag-File-Character-Encoding"]
    else {
      problem(
        .error, "bagit-txt-malformed", "bagit.txt",
        "bagit.txt must hold BagIt-Version and Tag-File-Character-Encoding")
      return report
    }
    report.version = version
    report.encoding = encoding
    guard versions.contains(version) else {
      problem(
        .error, "unsupported-version", "bagit.txt",
        "BagIt-Version \(version) is not one of " + versions.joined(separator: ", "))
      return report
    }
    let isCurrent = version == "1.0"
    if hadBOM {
      problem(
        isCurrent ? .error : .warning, "bagit-txt-bom", "bagit.txt",
        "bagit.txt starts with a byte-order mark")
    }
    if isCurrent,
      declarationLines.count != 2 || !declarationLines[0].hasPrefix("BagIt-Version:")
        || !declarationLines[1].hasPrefix("Tag-File-Character-Encoding:")
    {
      problem(
        .error, "bagit-txt-malformed", "bagit.txt",
        "bagit.txt must be exactly two lines, BagIt-Version then Tag-File-Character-Encoding")
    }
    guard let stringEncoding = textEncoding(encoding) else {
      problem(
        .error, "unsupported-encoding", "bagit.txt",
        "tag files in \(encoding) cannot be read (UTF-8, UTF-16, ISO-8859-1, US-ASCII can)")
      return report
    }
    func text(_ name: String) -> String? {
      guard let bytes = contents.files[name]?.content else { return nil }
      guard let text = decode(bytes, stringEncoding) else {
        problem(.error, "tag-file-encoding", name, "\(name) is not valid \(encoding)")
        return nil
      }
      return text
    }

    // Payload directory.
    if !contents.directories.contains("data") && payload.isEmpty {
      problem(.error, "no-payload-directory", "data", "the bag has no data/ directory")
    }
    for file in contents.files.values where file.path.hasPrefix("data") && !file.isPayload {
      if file.path == "data" {
        problem(.error, "no-payload-directory", "data", "data is a file, not a directory")
      }
    }

    // bag-info.txt
    if let info = text("bag-info.txt") {
      report.bagInfo = parseBagInfo(info) { line in
        problem(
          .error, "bag-info-malformed", "bag-info.txt",
          "line \(line) is neither `Label: value` nor a continuation")
      }
      checkOxum(report: &report, payloadCount: payload.count, payloadBytes: report.payloadBytes)
      if let date = report.info("Bagging-Date"), !isDate(date) {
        problem(.warning, "bagging-date", "bag-info.txt", "Bagging-Date is not YYYY-MM-DD")
      }
    }
    report.profile = report.info("BagIt-Profile-Identifier")

    // Payload manifests.
    var manifests: [Manifest] = []
    var tagManifests: [Manifest] = []
    for name in contents.files.keys.sorted() where !name.contains("/") {
      let isTag = name.hasPrefix("tagmanifest-")
      guard isTag || name.hasPrefix("manifest-"), name.hasSuffix(".txt") else { continue }
      let algorithmName = String(name.dropFirst(isTag ? 12 : 9).dropLast(4))
      guard let algorithm = DigestAlgorithm(rawValue: algorithmName) else {
        problem(
          .warning, "unknown-algorithm", name,
          "\(algorithmName) is not an algorithm this reader checks (md5, sha1, sha256, sha512)")
        continue
      }
      guard let body = text(name) else { continue }
      var manifest = Manifest(algorithm: algorithm, name: name)
      var seen: Set<String> = []
      for (number, line) in lines(body).enumerated() where !line.isEmpty {
        guard let entry = manifestLine(line, algorithm: algorithm, current: isCurrent) else {
          problem(
            .error, "manifest-line-malformed", name,
            "line \(number + 1) is not `CHECKSUM PATH` with a \(algorithm.rawValue) checksum")
          continue
        }
        guard let path = safeManifestPath(entry.path) else {
          problem(
            .error, "path-outside-bag", name,
            "line \(number + 1) names a path outside the bag (absolute or with ..)")
          continue
        }
        if !isTag && !path.hasPrefix("data/") {
          problem(
            .error, "manifest-path-not-payload", name,
            "line \(number + 1) names \(path), which is not under data/")
          continue
        }
        guard seen.insert(path).inserted else {
          problem(.error, "manifest-duplicate-entry", name, "\(path) is listed twice")
          continue
        }
        manifest.entries.append((path, entry.checksum))
      }
      if isTag { tagManifests.append(manifest) } else { manifests.append(manifest) }
    }
    report.manifests = manifests.map(\.algorithm.rawValue)
    report.tagManifests = tagManifests.map(\.algorithm.rawValue)
    if manifests.isEmpty {
      problem(.error, "no-manifest", nil, "the bag has no payload manifest this reader can check")
    } else if isCurrent, !manifests.contains(where: { $0.algorithm >= .sha256 }) {
      problem(
        .warning, "weak-algorithm", manifests[0].name,
        "RFC 8493 recommends sha256 or sha512 manifests; md5 and sha1 are kept for compatibility")
    }

    // Every listed payload file present with the right checksum; every payload file listed.
    var listedAnywhere: Set<String> = []
    for manifest in manifests {
      var listed: Set<String> = []
      for (path, checksum) in manifest.entries {
        listed.insert(path)
        guard let file = contents.files[path] else {
          problem(.error, "missing-file", path, "listed in \(manifest.name) but not in the bag")
          continue
        }
        if let digest = file.digests[manifest.algorithm], digest != checksum.lowercased() {
          problem(
            .error, "checksum-mismatch", path,
            "the \(manifest.algorithm.rawValue) checksum does not match \(manifest.name)")
        }
      }
      listedAnywhere.formUnion(listed)
      if isCurrent {
        for file in payload where !listed.contains(file.path) {
          problem(.error, "unlisted-file", file.path, "not listed in \(manifest.name)")
        }
      }
    }
    if !isCurrent, !manifests.isEmpty {
      for file in payload where !listedAnywhere.contains(file.path) {
        problem(.error, "unlisted-file", file.path, "not listed in any payload manifest")
      }
    }

    // Tag manifests.
    for manifest in tagManifests {
      for (path, checksum) in manifest.entries {
        guard let file = contents.files[path] else {
          problem(.error, "missing-file", path, "listed in \(manifest.name) but not in the bag")
          continue
        }
        if file.isPayload {
          problem(
            .warning, "tag-manifest-lists-payload", path, "\(manifest.name) lists a payload file")
          continue
        }
        guard let bytes = file.content else { continue }
        let digest = MultiHasher.digests(of: bytes, [manifest.algorithm])[manifest.algorithm]
        if digest != checksum.lowercased() {
          problem(
            .error, "checksum-mismatch", path,
            "the \(manifest.algorithm.rawValue) checksum does not match \(manifest.name)")
        }
      }
    }
    if isCurrent, !tagManifests.isEmpty, !manifests.isEmpty {
      let payloadSet = Set(manifests.map(\.algorithm))
      for manifest in tagManifests where !payloadSet.contains(manifest.algorithm) {
        problem(
          .warning, "tag-manifest-algorithm", manifest.name,
          "RFC 8493 advises tag manifests in the payload manifests' algorithms")
      }
    }

    // fetch.txt: a bag whose payload must be fetched is incomplete here.
    if let fetch = text("fetch.txt") {
      for (number, line) in lines(fetch).enumerated() where !line.isEmpty {
        let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard fields.count == 3, let target = safeManifestPath(decodePercent(String(fields[2])))
        else {
          problem(
            .error, "fetch-malformed", "fetch.txt", "line \(number + 1) is not `URL LENGTH PATH`")
          continue
        }
        if contents.files[target] == nil {
          problem(
            .error, "fetch-incomplete", target,
            "listed in fetch.txt and not in the bag; verify does not fetch")
        }
      }
    }

    // The signature and our profile.
    let signatureFile = contents.files[BagSignatureFile.name]?.content
    if let trust {
      if let signatureFile {
        if let tagManifest = contents.files[BagSignatureFile.signedFile]?.content {
          switch BagSignatureFile.verify(
            signatureFile: signatureFile, tagManifest: tagManifest, trusted: trust)
          {
          case .verified(let keyID): report.signature = .verified(keyID: keyID)
          case .malformed(let why):
            report.signature = .failed(why)
            problem(.error, "signature-malformed", BagSignatureFile.name, why)
          case .wrongKey(let signedBy, let trusted):
            report.signature = .failed("signed by key \(signedBy), not the trusted \(trusted)")
            problem(
              .error, "signature-wrong-key", BagSignatureFile.name,
              "the bag says it was signed by key \(signedBy) and the signature does not verify "
                + "with the trusted key \(trusted)")
          case .invalid:
            report.signature = .failed("does not verify")
            problem(
              .error, "signature-invalid", BagSignatureFile.name,
              "the signature over \(BagSignatureFile.signedFile) does not verify with the trusted key"
            )
          }
        } else {
          report.signature = .failed("no \(BagSignatureFile.signedFile)")
          problem(
            .error, "signature-invalid", BagSignatureFile.signedFile,
            "the signed tag manifest is missing")
        }
      } else {
        report.signature = .failed("absent")
        problem(
          .error, "signature-missing", BagSignatureFile.name,
          "a trusted key was given and the bag is not signed")
      }
    } else if signatureFile != nil {
      report.signature = .notChecked
      problem(
        .warning, "signature-not-checked", BagSignatureFile.name,
        "the bag is signed; give --trust PUBKEY to check the signature")
    }
    if report.profile == CasefileProfile.identifier {
      report.profileChecked = true
      checkProfile(&report, contents: contents, version: version)
    }
    return report
  }

  private static func checkProfile(
    _ report: inout BagReport, contents: BagContents, version: String
  ) {
    func problem(_ file: String?, _ message: String) {
      report.problems.append(BagProblem(.error, "profile", file: file, message))
    }
    if !CasefileProfile.acceptBagItVersion.contains(version) {
      problem("bagit.txt", "the casefile profile accepts BagIt 1.0 only")
    }
    for label in CasefileProfile.requiredBagInfo where report.info(label) == nil {
      problem("bag-info.txt", "the casefile profile requires \(label)")
    }
    for label in CasefileProfile.nonRepeatableBagInfo {
      if report.bagInfo.filter({ $0.label.lowercased() == label.lowercased() }).count > 1 {
        problem("bag-info.txt", "the casefile profile allows \(label) once")
      }
    }
    if let draft = report.info(CasefileProfile.draftLabel) {
      if draft == "true" {
        report.problems.append(
          BagProblem(.warning, "draft", file: "bag-info.txt", "the bundle is marked as a draft"))
      } else {
        problem("bag-info.txt", "\(CasefileProfile.draftLabel) may only be true")
      }
    }
    if Set(report.manifests) != CasefileProfile.manifests {
      problem(nil, "the casefile profile requires exactly the sha256 payload manifest")
    }
    if Set(report.tagManifests) != CasefileProfile.tagManifests {
      problem(nil, "the casefile profile requires exactly the sha256 tag manifest")
    }
    for name in CasefileProfile.tagFilesRequired where contents.files[name] == nil {
      problem(name, "the casefile profile requires \(name)")
    }
    if contents.files["fetch.txt"] != nil {
      problem("fetch.txt", "the casefile profile does not allow fetch.txt")
    }
    for name in report.tagFiles {
      let isStandard =
        reservedTagFiles.contains(name) || name.hasPrefix("manifest-")
        || name.hasPrefix("tagmanifest-")
      if !isStandard && !CasefileProfile.tagFilesAllowed.contains(name) {
        problem(name, "the casefile profile does not allow this tag file")
      }
    }
    if contents.serialization == "tar.gz" {
      problem(nil, "the casefile profile accepts tar and zip, not gzip-compressed tar")
    }
  }

  private static func checkOxum(report: inout BagReport, payloadCount: Int, payloadBytes: Int64) {
    let values = report.bagInfo.filter { $0.label.lowercased() == "payload-oxum" }
    if values.count > 1 {
      report.problems.append(
        BagProblem(.error, "oxum-malformed", file: "bag-info.txt", "Payload-Oxum appears twice"))
    }
    guard let oxum = values.first?.value else { return }
    let parts = oxum.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, let octets = Int64(parts[0]), let streams = Int(parts[1]) else {
      report.problems.append(
        BagProblem(
          .error, "oxum-malformed", file: "bag-info.txt", "Payload-Oxum is not OCTETS.STREAMS"))
      return
    }
    if octets != payloadBytes || streams != payloadCount {
      report.problems.append(
        BagProblem(
          .error, "oxum-mismatch", file: "bag-info.txt",
          "Payload-Oxum is \(oxum) but the payload is \(payloadBytes).\(payloadCount)"))
    }
  }

  /// Lines split at LF, CR or CRLF, without a final empty line.
  static func lines(_ text: String) -> [String] {
    var result: [String] = []
    var current = ""
    var previousCR = false
    for scalar in text.unicodeScalars {
      if scalar == "\n" {
        if !previousCR { result.append(current) }
        current = ""
        previousCR = false
      } else if scalar == "\r" {
        result.append(current)
        current = ""
        previousCR = true
      } else {
        current.unicodeScalars.append(scalar)
        previousCR = false
      }
    }
    if !current.isEmpty { result.append(current) }
    return result
  }

  static func labelValue(_ line: String) -> (String, String)? {
    guard let colon = line.firstIndex(of: ":") else { return nil }
    let label = line[..<colon].trimmingCharacters(in: .whitespaces)
    guard !label.isEmpty else { return nil }
    return (label, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
  }

  static func parseBagInfo(_ text: String, malformed: (Int) -> Void) -> [(String, String)] {
    var fields: [(String, String)] = []
    for (number, line) in lines(text).enumerated() where !line.isEmpty {
      if line.hasPrefix(" ") || line.hasPrefix("\t") {
        if fields.isEmpty {
          malformed(number + 1)
        } else {
          fields[fields.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
        }
        continue
      }
      guard let field = labelValue(line) else {
        malformed(number + 1)
        continue
      }
      fields.append(field)
    }
    return fields
  }

  static func manifestLine(
    _ line: String, algorithm: DigestAlgorithm, current: Bool
  ) -> (checksum: String, path: String)? {
    guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
    let checksum = String(line[..<space])
    var rest = line[space...].drop { $0 == " " || $0 == "\t" }
    if !current, rest.hasPrefix("*") { rest = rest.dropFirst() }
    guard checksum.count == algorithm.hexLength, checksum.allSatisfy(\.isHexDigit), !rest.isEmpty
    else { return nil }
    return (checksum, decodePercent(String(rest)))
  }

  /// Decodes `%0A`, `%0D` and `%25` (RFC 8493 §2.1.3); other `%` sequences stay as they are.
  static func decodePercent(_ path: String) -> String {
    guard path.contains("%") else { return path }
    var out = ""
    var scalars = Array(path.unicodeScalars)[...]
    while let first = scalars.first {
      if first == "%", scalars.count >= 3 {
        let code = String(String.UnicodeScalarView(scalars.dropFirst().prefix(2))).uppercased()
        let decoded: Unicode.Scalar? =
          switch code {
          case "0A": "\n"
          case "0D": "\r"
          case "25": "%"
          default: nil
          }
        if let decoded {
          out.unicodeScalars.append(decoded)
          scalars = scalars.dropFirst(3)
          continue
        }
      }
      out.unicodeScalars.append(first)
      scalars = scalars.dropFirst()
    }
    return out
  }

  /// The path with `./` prefixes removed, or nil when it is absolute or has `..`.
  static func safeManifestPath(_ path: String) -> String? {
    var name = Substring(path)
    while name.hasPrefix("./") { name = name.dropFirst(2) }
    if name.hasPrefix("/") || name.contains("\0") { return nil }
    let components = name.split(separator: "/", omittingEmptySubsequences: false)
    if components.contains("..") || components.contains("") { return nil }
    return String(name)
  }

  static func isDate(_ value: String) -> Bool {
    (try? BagWriter.midnightUTC(value)) != nil
  }

  static func textEncoding(_ name: String) -> String.Encoding? {
    switch name.uppercased() {
    case "UTF-8", "UTF8": .utf8
    case "UTF-16": .utf16
    case "UTF-16LE": .utf16LittleEndian
    case "UTF-16BE": .utf16BigEndian
    case "ISO-8859-1", "LATIN-1", "LATIN1": .isoLatin1
    case "US-ASCII", "ASCII": .ascii
    case "WINDOWS-1252", "CP1252": .windowsCP1252
    default: nil
    }
  }

  static func decode(_ bytes: [UInt8], _ encoding: String.Encoding) -> String? {
    if encoding == .utf8 {
      let body = bytes.starts(with: [0xef, 0xbb, 0xbf]) ? Array(bytes.dropFirst(3)) : bytes
      return String(validating: body, as: UTF8.self)
    }
    return String(data: Data(bytes), encoding: encoding)
  }
}
