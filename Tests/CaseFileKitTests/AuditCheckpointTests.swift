import CasePackaging
import Foundation
import Testing

@testable import CaseFileKit

@Suite("Audit checkpoint file")
struct AuditCheckpointTests {
  private let key = BagSigningKey.generate()
  private let head = String(repeating: "ab", count: 32)

  private func checkpoint() throws -> AuditCheckpoint {
    try AuditCheckpoint.make(
      entries: 42, head: head, signedAt: "2026-11-26T04:00:00Z", signedBy: "liaison", key: key)
  }

  @Test func readsBackWhatItWritesAndVerifiesWithItsKey() throws {
    let made = try checkpoint()
    let read = try AuditCheckpoint(fileText: made.fileText, file: "c.txt")
    #expect(read == made)
    #expect(read.isSigned(by: key.publicKey))
    #expect(!read.isSigned(by: BagSigningKey.generate().publicKey))
    #expect(made.fileText.hasPrefix("Casefile-Audit-Checkpoint: 1\nEntries: 42\nHead: \(head)\n"))
  }

  @Test func everyChangedFieldBreaksTheSignature() throws {
    let made = try checkpoint()
    var changes: [AuditCheckpoint] = []
    for index in 0..<5 {
      var changed = made
      switch index {
      case 0: changed.entries = 41
      case 1: changed.head = String(repeating: "cd", count: 32)
      case 2: changed.signedAt = "2026-11-27T04:00:00Z"
      case 3: changed.signedBy = "someone"
      default: changed.keyID = "0000000000000000"
      }
      changes.append(changed)
    }
    for changed in changes {
      #expect(!changed.isSigned(by: key.publicKey))
    }
  }

  @Test func everyFlippedByteIsRefusedOrFailsTheSignature() throws {
    let text = Array(try checkpoint().fileText.utf8)
    for index in text.indices {
      var bytes = text
      bytes[index] ^= 0x01
      let flipped = String(decoding: bytes, as: UTF8.self)
      guard let read = try? AuditCheckpoint(fileText: flipped, file: "c.txt") else { continue }
      // A flip inside the base64 padding can decode to the same signature; nothing else may.
      if read == (try checkpoint()) { continue }
      #expect(!read.isSigned(by: key.publicKey), "byte \(index)")
    }
  }

  @Test(arguments: [
    ("", "expected Casefile-Audit-Checkpoint"),
    ("Casefile-Audit-Checkpoint: 2\n", "expected Casefile-Audit-Checkpoint"),
    ("no newline", "does not end with a newline"),
  ])
  func malformedFilesAreRefusedByName(_ text: String, _ why: String) throws {
    #expect {
      try AuditCheckpoint(fileText: text, file: "c.txt")
    } throws: { error in
      "\(error)".contains("c.txt is not an audit checkpoint") && "\(error)".contains(why)
    }
  }

  @Test func badFieldsAreRefused() throws {
    let good = try checkpoint().fileText
    let broken = [
      good.replacingOccurrences(of: "Entries: 42", with: "Entries: -1"),
      good.replacingOccurrences(of: "Entries: 42", with: "Entries: many"),
      good.replacingOccurrences(of: "Head: ab", with: "Head: AB"),
      good.replacingOccurrences(of: "Signature: ", with: "Signature: !!"),
      good.replacingOccurrences(of: "Head:", with: "Hash:"),
      good + "Extra: line\n",
    ]
    for text in broken {
      #expect(throws: KitError.self) { try AuditCheckpoint(fileText: text, file: "c.txt") }
    }
  }

  @Test func aUserNameWithAControlCharacterIsRefused() {
    #expect(throws: KitError.self) {
      try AuditCheckpoint.make(
        entries: 1, head: head, signedAt: "t", signedBy: "eve\nEntries: 9", key: key)
    }
  }
}
