/// The casefile BagIt profile (`Schemas/bagit-profile-casefile-v1.json`), as the rules
/// `verify` checks for bags that name it; a test keeps the two in step.
package enum CasefileProfile {
  package static let identifier =
    "https://casefile.example/Schemas/bagit-profile-casefile-v1.json"
  package static let requiredBagInfo = [
    "Source-Organization", "External-Identifier", "Bagging-Date", "Payload-Oxum",
    "BagIt-Profile-Identifier",
  ]
  package static let nonRepeatableBagInfo =
    requiredBagInfo + ["Bag-Group-Identifier", "Bag-Count", "Casefile-Draft"]
  package static let manifests: Set<String> = ["sha256"]
  package static let tagManifests: Set<String> = ["sha256"]
  package static let tagFilesRequired = [BagSignatureFile.name]
  package static let tagFilesAllowed = [BagSignatureFile.name]
  package static let allowFetch = false
  package static let acceptSerialization = ["application/x-tar", "application/zip"]
  package static let acceptBagItVersion = ["1.0"]
  /// The bag-info field that marks a draft, and its one value.
  package static let draftLabel = "Casefile-Draft"
}
