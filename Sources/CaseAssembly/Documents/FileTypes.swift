import Foundation

/// What a file type contains at each stage, read from `Templates/file-types/*.json`.
///
/// The rule pack decides the file type (its info reports `NFS-TYPE-001` to `-004` name the
/// type, `-005` and `-006` the remand and breach-of-bail additions); this data decides the
/// documents. Each file is one type:
///
/// ```json
/// {"fileType": "NGAP", "decidedBy": "NFS-TYPE-003", "addition": false,
///  "title": "...", "stages": {"first-hearing": [
///    {"form": "MG5", "disclosable": true, "when": ["always"]}]}}
/// ```
///
/// `when` lists conditions of which any one includes the document (see ``Condition``).
package struct FileType: Codable, Equatable, Sendable {
  /// The type's name as the rule pack reports it (`pre-charge`, `GAP`, `NGAP`, `Crown Court`,
  /// `remand`, `breach of bail`).
  package var fileType: String
  /// The id of the pack's report that selects this type.
  package var decidedBy: String
  /// `true` for a type whose documents are added to the main type's (remand, breach of
  /// bail).
  package var addition: Bool
  package var title: String
  /// The documents of each stage, in file order.
  package var stages: [String: [Entry]]

  /// One document of a file type at a stage.
  package struct Entry: Codable, Equatable, Sendable {
    /// The form's name (`MG5`).
    package var form: String
    /// Whether the document may go to the defence and the court.
    package var disclosable: Bool
    /// The conditions of which any one includes the document.
    package var when: [Condition]
  }

  /// When a document is included, judged on the case's view.
  package enum Condition: String, Codable, CaseIterable, Sendable {
    case always
    case hasVictims = "has-victims"
    case hasWitnesses = "has-witnesses"
    case hasStatements = "has-statements"
    case hasExhibits = "has-exhibits"
    case hasInterviews = "has-interviews"
    case hasUnused = "has-unused"
    case hasSensitiveUnused = "has-sensitive-unused"
    case streamlined
    case notStreamlined = "not-streamlined"
    case remandSought = "remand-sought"
    case breachOfBail = "breach-of-bail"

    /// Whether the condition holds for `view`.
    package func holds(for view: DocumentView) -> Bool {
      switch self {
      case .always: return true
      case .hasVictims: return view.offences.contains { !$0.victims.isEmpty }
      case .hasWitnesses: return !view.witnesses.isEmpty
      case .hasStatements: return !view.statements.isEmpty
      case .hasExhibits: return !view.exhibits.isEmpty
      case .hasInterviews: return !view.interviews.isEmpty
      case .hasUnused: return !view.unused.isEmpty
      case .hasSensitiveUnused: return view.unused.contains(where: \.onMG6D)
      case .streamlined: return view.streamlined
      case .notStreamlined: return !view.streamlined
      case .remandSought: return view.custody.contains(where: \.remandSought)
      case .breachOfBail: return view.custody.contains { $0.breachOfBail != nil }
      }
    }
  }
}

/// Every file type, read once.
package struct FileTypeCatalog: Sendable {
  package let types: [FileType]

  /// Reads the file types from their JSON texts, keyed by file name (for messages).
  ///
  /// - Throws: ``DocumentError/Code/fileTypes`` naming the file when one does not decode,
  ///   names a form casefile does not have or repeats a type.
  package init(files: [(name: String, bytes: [UInt8])]) throws(DocumentError) {
    var types: [FileType] = []
    for file in files.sorted(by: { $0.name < $1.name }) {
      let type: FileType
      do {
        type = try JSONDecoder().decode(FileType.self, from: Data(file.bytes))
      } catch {
        throw DocumentError(
          .fileTypes,
          "\(file.name): not a file type (fileType, decidedBy, addition, title, "
            + "stages of {form, disclosable, when}): \(Self.describe(error))")
      }
      for (stage, entries) in type.stages {
        for entry in entries where FormCatalog.form(named: entry.form) == nil {
          throw DocumentError(
            .fileTypes, "\(file.name): stage \(stage) names the unknown form \(entry.form)")
        }
      }
      guard !types.contains(where: { $0.fileType == type.fileType }) else {
        throw DocumentError(.fileTypes, "\(file.name): file type \(type.fileType) is repeated")
      }
      types.append(type)
    }
    self.types = types
  }

  /// The documents of `fileType` at `stage` with the additions whose deciding reports
  /// fired, for `view`: entries whose conditions hold, each form once (first wins).
  ///
  /// A `nil` type (the pack could not decide one, as for a breach of bail with no offence)
  /// gives the additions' documents only.
  ///
  /// - Throws: ``DocumentError/Code/fileTypes`` when the type is unknown or has nothing
  ///   for the stage.
  package func documents(
    fileType: String?, firedRules: Set<String>, stage: String, view: DocumentView
  ) throws(DocumentError) -> [FileType.Entry] {
    var entries: [FileType.Entry] = []
    if let fileType {
      guard let main = types.first(where: { !$0.addition && $0.fileType == fileType }) else {
        throw DocumentError(.fileTypes, "no file type \"\(fileType)\" in the file types data")
      }
      guard let stageEntries = main.stages[stage] else {
        throw DocumentError(
          .fileTypes,
          "file type \(fileType) has no documents at stage \(stage); its stages are "
            + main.stages.keys.sorted().joined(separator: ", "))
      }
      entries = stageEntries
    }
    let additions = types.filter { $0.addition && firedRules.contains($0.decidedBy) }
      .flatMap { $0.stages[stage] ?? [] }
    var chosen: [FileType.Entry] = []
    for entry in entries + additions
    where entry.when.contains(where: { $0.holds(for: view) })
      && !chosen.contains(where: { $0.form == entry.form })
    {
      chosen.append(entry)
    }
    return chosen
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return "missing \(path(context.codingPath + [key]))"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      return "bad value at \(path(context.codingPath))"
    default:
      return "not JSON"
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    "$" + keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
  }
}
