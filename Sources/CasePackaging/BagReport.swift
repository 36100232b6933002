/// One thing wrong with a bag, or that the BagIt specification only discourages.
package struct BagProblem: Sendable, Equatable {
  package enum Severity: String, Sendable {
    case error
    case warning
  }

  package var severity: Severity
  /// A stable code, such as `checksum-mismatch` or `unlisted-file`.
  package var code: String
  /// The file inside the bag the problem is about.
  package var file: String?
  package var message: String

  package init(_ severity: Severity, _ code: String, file: String? = nil, _ message: String) {
    self.severity = severity
    self.code = code
    self.file = file
    self.message = message
  }
}

/// What a signature check found.
package enum SignatureStatus: Sendable, Equatable {
  /// The bag has no signature file.
  case absent
  /// The bag has a signature file and no key was given to check it with.
  case notChecked
  /// The signature verifies with the trusted key.
  case verified(keyID: String)
  /// The signature is missing, malformed or does not verify with the trusted key.
  case failed(String)

  package var name: String {
    switch self {
    case .absent: "absent"
    case .notChecked: "not-checked"
    case .verified: "verified"
    case .failed: "failed"
    }
  }
}

/// The outcome of reading and validating a bag.
package struct BagReport: Sendable {
  package var path: String
  /// `tar`, `tar.gz`, `zip` or `directory`.
  package var serialization: String
  /// The bag's top-level directory name.
  package var root: String
  package var version: String?
  package var encoding: String?
  package var payloadFiles = 0
  package var payloadBytes: Int64 = 0
  package var manifests: [String] = []
  package var tagManifests: [String] = []
  package var tagFiles: [String] = []
  package var bagInfo: [(label: String, value: String)] = []
  /// Every file of the bag (payload and tag files) with its size, sorted by path.
  package var files: [(path: String, size: Int64)] = []
  package var profile: String?
  /// Whether the casefile profile's rules were checked (the bag names our profile).
  package var profileChecked = false
  package var signature: SignatureStatus = .absent
  package var problems: [BagProblem] = []

  package var errors: [BagProblem] { problems.filter { $0.severity == .error } }
  package var warnings: [BagProblem] { problems.filter { $0.severity == .warning } }
  /// Valid when no problem is an error (warnings do not fail).
  package var isValid: Bool { errors.isEmpty }

  /// The first value of a bag-info label (labels compare case-insensitively).
  package func info(_ label: String) -> String? {
    bagInfo.first { $0.label.lowercased() == label.lowercased() }?.value
  }

  init(path: String, serialization: String, root: String) {
    self.path = path
    self.serialization = serialization
    self.root = root
  }
}
