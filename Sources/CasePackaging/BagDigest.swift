import Crypto
import Foundation

/// A checksum algorithm a BagIt manifest may name.
package enum DigestAlgorithm: String, CaseIterable, Sendable, Comparable, Hashable {
  case md5
  case sha1
  case sha256
  case sha512

  package static func < (lhs: DigestAlgorithm, rhs: DigestAlgorithm) -> Bool {
    lhs.strength < rhs.strength
  }

  private var strength: Int {
    switch self {
    case .md5: 0
    case .sha1: 1
    case .sha256: 2
    case .sha512: 3
    }
  }

  /// The length of the algorithm's digest in hexadecimal digits.
  package var hexLength: Int {
    switch self {
    case .md5: 32
    case .sha1: 40
    case .sha256: 64
    case .sha512: 128
    }
  }
}

/// Hashes one stream with several algorithms at once (swift-crypto, BoringSSL).
package struct MultiHasher {
  private var md5: Insecure.MD5?
  private var sha1: Insecure.SHA1?
  private var sha256: SHA256?
  private var sha512: SHA512?

  package init(_ algorithms: Set<DigestAlgorithm>) {
    if algorithms.contains(.md5) { md5 = Insecure.MD5() }
    if algorithms.contains(.sha1) { sha1 = Insecure.SHA1() }
    if algorithms.contains(.sha256) { sha256 = SHA256() }
    if algorithms.contains(.sha512) { sha512 = SHA512() }
  }

  package mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count > 0 else { return }
    md5?.update(bufferPointer: bytes)
    sha1?.update(bufferPointer: bytes)
    sha256?.update(bufferPointer: bytes)
    sha512?.update(bufferPointer: bytes)
  }

  package mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// The lower-case hexadecimal digests.
  package func finalize() -> [DigestAlgorithm: String] {
    var result: [DigestAlgorithm: String] = [:]
    if let md5 { result[.md5] = hex(md5.finalize()) }
    if let sha1 { result[.sha1] = hex(sha1.finalize()) }
    if let sha256 { result[.sha256] = hex(sha256.finalize()) }
    if let sha512 { result[.sha512] = hex(sha512.finalize()) }
    return result
  }

  /// The digests of `bytes`.
  package static func digests(of bytes: [UInt8], _ algorithms: Set<DigestAlgorithm>)
    -> [DigestAlgorithm: String]
  {
    var hasher = MultiHasher(algorithms)
    hasher.update(bytes)
    return hasher.finalize()
  }
}

private let hexDigits = Array("0123456789abcdef".utf8)

/// Lower-case hexadecimal of a byte sequence.
package func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
  var out: [UInt8] = []
  out.reserveCapacity(bytes.underestimatedCount * 2)
  for byte in bytes {
    out.append(hexDigits[Int(byte >> 4)])
    out.append(hexDigits[Int(byte & 0x0f)])
  }
  return String(decoding: out, as: UTF8.self)
}

/// Lower-case hexadecimal of a digest.
package func hex<D: Digest>(_ digest: D) -> String {
  digest.withUnsafeBytes { hex($0) }
}
