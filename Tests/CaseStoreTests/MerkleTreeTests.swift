import Foundation
import Testing

@testable import CaseStore

/// The RFC 9162 Merkle tree against known answers and against tampering.
///
/// The known answers come from scripts/merkle_vectors.py, a separate implementation written
/// from the RFC's text, which itself checks its answers against the values published by
/// the RFC 6962 implementations (certificate-transparency, transparency-dev/merkle).
@Suite("Store: RFC 9162 Merkle tree")
struct MerkleTreeTests {
  /// The largest tree the round-trip and tampering tests build.
  private static let largestTree = 40

  /// Distinct leaf hashes for the round-trip and tampering tests.
  private static let leafHashes: [[UInt8]] = (0..<largestTree).map { index in
    MerkleTree.leafHash(Array("audit entry \(index)".utf8))
  }

  /// The root of the first `size` of ``leafHashes``, for every size from 0 to the largest.
  private static let roots: [[UInt8]] = (0...largestTree).map { size in
    MerkleTree.root(leafHashes: Array(leafHashes.prefix(size)))
  }

  /// A hash that is in none of the test trees, to insert into proofs.
  private static let strayHash = MerkleTree.leafHash(Array("not in the tree".utf8))

  // MARK: Known answers

  @Test func emptyTreeRootIsTheHashOfTheEmptyString() {
    let published = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    #expect(hex(MerkleTree.emptyRoot) == published)
    #expect(hex(MerkleTree.root(leafHashes: [])) == published)
    #expect(hex(MerkleTree.Accumulator().root) == published)
  }

  @Test func publishedRootOfTheEightTestLeavesHolds() throws {
    let vectors = try MerkleVectors.load()
    let leafHashes = try vectors.leaves.map { MerkleTree.leafHash(try bytes(fromHex: $0)) }
    let published = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    #expect(leafHashes.count == 8)
    #expect(hex(MerkleTree.root(leafHashes: leafHashes)) == published)
    #expect(hex(accumulatedRoot(leafHashes)) == published)
  }

  @Test func leafHashesMatchTheVectors() throws {
    let vectors = try MerkleVectors.load()
    let leafHashes = try vectors.leaves.map { MerkleTree.leafHash(try bytes(fromHex: $0)) }
    #expect(leafHashes.map(hex) == vectors.leafHashes)
  }

  @Test func rootsMatchTheVectorsForEverySize() throws {
    let vectors = try MerkleVectors.load()
    let leafHashes = try vectors.decodedLeafHashes()
    #expect(vectors.roots.map(\.size) == Array(0...leafHashes.count))
    for vector in vectors.roots {
      let prefix = Array(leafHashes.prefix(vector.size))
      #expect(hex(MerkleTree.root(leafHashes: prefix)) == vector.root, "size \(vector.size)")
      #expect(hex(accumulatedRoot(prefix)) == vector.root, "size \(vector.size)")
    }
  }

  @Test func inclusionProofsMatchTheVectorsByteForByte() throws {
    let vectors = try MerkleVectors.load()
    let leafHashes = try vectors.decodedLeafHashes()
    #expect(vectors.inclusionProofs.count == 36)
    for vector in vectors.inclusionProofs {
      let label = Comment(rawValue: "index \(vector.index), size \(vector.size)")
      let tree = Array(leafHashes.prefix(vector.size))
      let proof = MerkleTree.inclusionProof(index: vector.index, leafHashes: tree)
      #expect(proof.map(hex) == vector.proof, label)
      let root = try bytes(fromHex: vectors.roots[vector.size].root)
      let verified = MerkleTree.verifyInclusion(
        index: Int64(vector.index), size: Int64(vector.size),
        leafHash: leafHashes[vector.index], proof: try vector.proof.map(bytes(fromHex:)),
        root: root)
      #expect(verified, label)
    }
  }

  @Test func consistencyProofsMatchTheVectorsByteForByte() throws {
    let vectors = try MerkleVectors.load()
    let leafHashes = try vectors.decodedLeafHashes()
    #expect(vectors.consistencyProofs.count == 36)
    for vector in vectors.consistencyProofs {
      let label = Comment(rawValue: "old size \(vector.oldSize), new size \(vector.newSize)")
      let tree = Array(leafHashes.prefix(vector.newSize))
      let proof = MerkleTree.consistencyProof(oldSize: vector.oldSize, leafHashes: tree)
      #expect(proof.map(hex) == vector.proof, label)
      let verified = MerkleTree.verifyConsistency(
        oldSize: Int64(vector.oldSize), newSize: Int64(vector.newSize),
        oldRoot: try bytes(fromHex: vectors.roots[vector.oldSize].root),
        newRoot: try bytes(fromHex: vectors.roots[vector.newSize].root),
        proof: try vector.proof.map(bytes(fromHex:)))
      #expect(verified, label)
    }
  }

  // MARK: The streaming accumulator

  @Test func accumulatorAgreesWithTheRecursiveRootAfterEveryAppendUpToOneHundred() {
    var accumulator = MerkleTree.Accumulator()
    var leafHashes: [[UInt8]] = []
    #expect(accumulator.root == MerkleTree.root(leafHashes: leafHashes))
    for index in 0..<100 {
      let leafHash = MerkleTree.leafHash(Array("entry \(index)".utf8))
      accumulator.append(leafHash: leafHash)
      leafHashes.append(leafHash)
      #expect(accumulator.size == Int64(leafHashes.count))
      #expect(accumulator.root == MerkleTree.root(leafHashes: leafHashes), "size \(index + 1)")
    }
  }

  @Test func accumulatorMatchesTheIndependentRootOfAMillionLeaves() throws {
    let vectors = try MerkleVectors.load()
    var accumulator = MerkleTree.Accumulator()
    for index in 0..<UInt64(vectors.largeTree.size) {
      let data = withUnsafeBytes(of: index.bigEndian) { Array($0) }
      accumulator.append(leafHash: MerkleTree.leafHash(data))
    }
    #expect(accumulator.size == Int64(vectors.largeTree.size))
    #expect(hex(accumulator.root) == vectors.largeTree.root)
  }

  // MARK: Round trips

  @Test func inclusionProofsVerifyForEveryIndexOfTreesUpToFortyLeaves() {
    var rejected: [String] = []
    for size in 1...Self.largestTree {
      for index in 0..<size {
        let proof = inclusionProof(index, size)
        if !verifiesInclusion(index, size, proof: proof) {
          rejected.append("index \(index), size \(size)")
        }
      }
    }
    #expect(rejected == [])
  }

  @Test func consistencyProofsVerifyForEveryOldSizeOfTreesUpToFortyLeaves() {
    var rejected: [String] = []
    for newSize in 1...Self.largestTree {
      for oldSize in 0...newSize {
        let proof = consistencyProof(oldSize, newSize)
        if !verifiesConsistency(oldSize, newSize, proof: proof) {
          rejected.append("old size \(oldSize), new size \(newSize)")
        }
      }
    }
    #expect(rejected == [])
  }

  @Test func streamedConsistencyProofsEqualTheRecursiveOnesForEverySize() {
    var differing: [String] = []
    for newSize in 1...Self.largestTree {
      for oldSize in 0...newSize {
        var streamed = StreamingConsistencyProof(oldSize: Int64(oldSize), newSize: Int64(newSize))
        for leaf in Self.leafHashes.prefix(newSize) { streamed.append(leafHash: leaf) }
        if streamed.proof != consistencyProof(oldSize, newSize)
          || streamed.oldRoot != Self.roots[oldSize] || streamed.newRoot != Self.roots[newSize]
          || streamed.size != Int64(newSize)
        {
          differing.append("old size \(oldSize), new size \(newSize)")
        }
      }
    }
    #expect(differing == [])
  }

  // MARK: Tampered inclusion proofs

  @Test func inclusionProofsFailWhenAnyHashChanges() {
    let accepted = everyInclusionProof { index, size, proof in
      proof.indices.compactMap { position in
        var tampered = proof
        tampered[position] = flipped(tampered[position])
        return verifiesInclusion(index, size, proof: tampered) ? "hash \(position)" : nil
      }
    }
    #expect(accepted == [])
  }

  @Test func inclusionProofsFailWhenAHashIsDropped() {
    let accepted = everyInclusionProof { index, size, proof in
      proof.indices.compactMap { position in
        var tampered = proof
        tampered.remove(at: position)
        return verifiesInclusion(index, size, proof: tampered) ? "without \(position)" : nil
      }
    }
    #expect(accepted == [])
  }

  @Test func inclusionProofsFailWithAnExtraHash() {
    let accepted = everyInclusionProof { index, size, proof in
      (0...proof.count).compactMap { position in
        var tampered = proof
        tampered.insert(Self.strayHash, at: position)
        return verifiesInclusion(index, size, proof: tampered) ? "extra at \(position)" : nil
      }
    }
    #expect(accepted == [])
  }

  /// An inclusion proof alone does not fix the tree's size (the proof for leaf 0 of 3
  /// leaves has the same shape as for leaf 0 of 4); the root does. So a proof offered for
  /// another size must fail against that size's root.
  @Test func inclusionProofsFailForAnyOtherTreeSize() {
    let accepted = everyInclusionProof { index, size, proof in
      (index + 1...Self.largestTree).filter { $0 != size }.compactMap { claimed in
        verifiesInclusion(index, claimed, proof: proof) ? "claimed size \(claimed)" : nil
      }
    }
    #expect(accepted == [])
  }

  @Test func inclusionProofsFailForAnyOtherLeafIndex() {
    let accepted = everyInclusionProof { index, size, proof in
      (0..<size).filter { $0 != index }.compactMap { claimed in
        let verified = MerkleTree.verifyInclusion(
          index: Int64(claimed), size: Int64(size), leafHash: Self.leafHashes[index],
          proof: proof, root: Self.roots[size])
        return verified ? "claimed index \(claimed)" : nil
      }
    }
    #expect(accepted == [])
  }

  @Test func inclusionProofsFailAgainstAWrongRootOrLeaf() {
    let accepted = everyInclusionProof { index, size, proof in
      let candidates: [(String, [UInt8], [UInt8])] = [
        ("wrong root", Self.leafHashes[index], flipped(Self.roots[size])),
        ("other tree's root", Self.leafHashes[index], Self.roots[size - 1]),
        ("wrong leaf", flipped(Self.leafHashes[index]), Self.roots[size]),
        ("short leaf", Array(Self.leafHashes[index].dropLast()), Self.roots[size]),
      ]
      return candidates.compactMap { label, leafHash, root in
        let verified = MerkleTree.verifyInclusion(
          index: Int64(index), size: Int64(size), leafHash: leafHash, proof: proof, root: root)
        return verified ? label : nil
      }
    }
    #expect(accepted == [])
  }

  /// Step 4a of the RFC's algorithm: once the walk has reached the root, a further hash is
  /// refused, even when the claimed root is what hashing it in would give.
  @Test func inclusionProofsFailWhenTheyClimbPastTheRoot() {
    let accepted = everyInclusionProof { index, size, proof in
      let claimedRoot = MerkleTree.nodeHash(Self.strayHash, Self.roots[size])
      let verified = MerkleTree.verifyInclusion(
        index: Int64(index), size: Int64(size), leafHash: Self.leafHashes[index],
        proof: proof + [Self.strayHash], root: claimedRoot)
      return verified ? ["accepted a hash above the root"] : []
    }
    #expect(accepted == [])
  }

  /// Step 5 of the RFC's algorithm: a tree of a power-of-two size is the left subtree of
  /// every tree up to twice its size, so its proofs rebuild its root on the way up theirs.
  /// Only the check that the walk ended at the top (sn = 0) refuses them for the larger
  /// size.
  @Test func inclusionProofsOfAPerfectTreeDoNotStretchToALargerTree() {
    var accepted: [String] = []
    for size in [1, 2, 4, 8, 16] {
      for index in 0..<size {
        let proof = inclusionProof(index, size)
        for claimed in (size + 1)...(2 * size) {
          let verified = MerkleTree.verifyInclusion(
            index: Int64(index), size: Int64(claimed), leafHash: Self.leafHashes[index],
            proof: proof, root: Self.roots[size])
          if verified {
            accepted.append("index \(index), size \(size) as \(claimed)")
          }
        }
      }
    }
    #expect(accepted == [])
  }

  @Test func inclusionVerificationRefusesAnIndexOutsideTheTree() {
    let leafHash = Self.leafHashes[0]
    let probes: [(index: Int64, size: Int64)] = [(0, 0), (1, 0), (1, 1), (2, 1), (-1, 1), (5, 3)]
    for probe in probes {
      let verified = MerkleTree.verifyInclusion(
        index: probe.index, size: probe.size, leafHash: leafHash, proof: [], root: leafHash)
      #expect(!verified, "index \(probe.index), size \(probe.size)")
    }
    #expect(
      MerkleTree.verifyInclusion(index: 0, size: 1, leafHash: leafHash, proof: [], root: leafHash)
    )
  }

  @Test func inclusionProofOfAnIndexOutsideTheTreeIsEmpty() {
    let tree = Array(Self.leafHashes.prefix(3))
    #expect(MerkleTree.inclusionProof(index: 3, leafHashes: tree) == [])
    #expect(MerkleTree.inclusionProof(index: -1, leafHashes: tree) == [])
    #expect(MerkleTree.inclusionProof(index: 0, leafHashes: []) == [])
  }

  // MARK: Tampered consistency proofs

  @Test func consistencyProofsFailWhenAnyHashChanges() {
    let accepted = everyConsistencyProof { oldSize, newSize, proof in
      proof.indices.compactMap { position in
        var tampered = proof
        tampered[position] = flipped(tampered[position])
        return verifiesConsistency(oldSize, newSize, proof: tampered) ? "hash \(position)" : nil
      }
    }
    #expect(accepted == [])
  }

  @Test func consistencyProofsFailWhenAHashIsDropped() {
    let accepted = everyConsistencyProof { oldSize, newSize, proof in
      proof.indices.compactMap { position in
        var tampered = proof
        tampered.remove(at: position)
        let verified = verifiesConsistency(oldSize, newSize, proof: tampered)
        return verified ? "without \(position)" : nil
      }
    }
    #expect(accepted == [])
  }

  @Test func consistencyProofsFailWithAnExtraHash() {
    let accepted = everyConsistencyProof { oldSize, newSize, proof in
      let strays = [Self.strayHash, Self.roots[oldSize], Self.roots[newSize]]
      return (0...proof.count).flatMap { position in
        strays.indices.compactMap { stray in
          var tampered = proof
          tampered.insert(strays[stray], at: position)
          let verified = verifiesConsistency(oldSize, newSize, proof: tampered)
          return verified ? "extra \(stray) at \(position)" : nil
        }
      }
    }
    #expect(accepted == [])
  }

  /// Old size 0 is left out: the empty tree is a prefix of every tree, so an empty proof
  /// rightly proves it against any new size.
  @Test func consistencyProofsFailForAnyOtherTreeSize() {
    let accepted = everyConsistencyProof { oldSize, newSize, proof in
      let otherOldSizes = (1...newSize).filter { $0 != oldSize }.compactMap { claimed in
        verifiesConsistency(claimed, newSize, proof: proof) ? "claimed old \(claimed)" : nil
      }
      let otherNewSizes = (oldSize...Self.largestTree).filter { $0 != newSize }.compactMap {
        claimed in
        verifiesConsistency(oldSize, claimed, proof: proof) ? "claimed new \(claimed)" : nil
      }
      return otherOldSizes + otherNewSizes
    }
    #expect(accepted == [])
  }

  @Test func consistencyProofsFailAgainstAWrongRoot() {
    let accepted = everyConsistencyProof { oldSize, newSize, proof in
      let oldRoot = Self.roots[oldSize]
      let newRoot = Self.roots[newSize]
      var candidates: [(String, [UInt8], [UInt8])] = [
        ("wrong old root", flipped(oldRoot), newRoot),
        ("wrong new root", oldRoot, flipped(newRoot)),
      ]
      if oldSize != newSize {
        candidates.append(("swapped roots", newRoot, oldRoot))
      }
      return candidates.compactMap { label, claimedOld, claimedNew in
        let verified = MerkleTree.verifyConsistency(
          oldSize: Int64(oldSize), newSize: Int64(newSize), oldRoot: claimedOld,
          newRoot: claimedNew, proof: proof)
        return verified ? label : nil
      }
    }
    #expect(accepted == [])
  }

  /// Step 6a of the RFC's algorithm: once the walk has reached the root, a further hash is
  /// refused, even when both claimed roots are what hashing it in would give.
  @Test func consistencyProofsFailWhenTheyClimbPastTheRoot() {
    let accepted = everyConsistencyProof { oldSize, newSize, proof in
      guard !proof.isEmpty else { return [] }
      let verified = MerkleTree.verifyConsistency(
        oldSize: Int64(oldSize), newSize: Int64(newSize),
        oldRoot: MerkleTree.nodeHash(Self.strayHash, Self.roots[oldSize]),
        newRoot: MerkleTree.nodeHash(Self.strayHash, Self.roots[newSize]),
        proof: proof + [Self.strayHash])
      return verified ? ["accepted a hash above the root"] : []
    }
    #expect(accepted == [])
  }

  /// Step 7 of the RFC's algorithm: a proof that the log grew to a power-of-two size
  /// rebuilds that tree's root on the way up any tree of up to twice the size. Only the
  /// check that the walk ended at the top (sn = 0) refuses it for the larger size.
  @Test func consistencyProofsOfAPerfectTreeDoNotStretchToALargerTree() {
    var accepted: [String] = []
    for newSize in [2, 4, 8, 16] {
      for oldSize in 1..<newSize {
        let proof = consistencyProof(oldSize, newSize)
        for claimed in (newSize + 1)...(2 * newSize) {
          if verify(Int64(oldSize), Int64(claimed), Self.roots[oldSize], Self.roots[newSize], proof)
          {
            accepted.append("\(oldSize) -> \(newSize) as \(claimed)")
          }
        }
      }
    }
    #expect(accepted == [])
  }

  @Test func consistencyVerificationFollowsTheRulesAroundTheAlgorithm() {
    let empty = MerkleTree.emptyRoot
    let one = Self.roots[1]
    let two = Self.roots[2]
    let proofOneToTwo = consistencyProof(1, 2)
    // A log that shrank is never consistent, whatever the proof.
    #expect(!verify(2, 1, two, one, []))
    #expect(!verify(2, 1, two, one, proofOneToTwo))
    #expect(!verify(-1, 2, one, two, proofOneToTwo))
    // The same size: an empty proof and equal roots, nothing else.
    #expect(verify(0, 0, empty, empty, []))
    #expect(verify(2, 2, two, two, []))
    #expect(!verify(2, 2, two, one, []))
    #expect(!verify(2, 2, two, two, [two]))
    // Old size 0: an empty proof, the empty tree's root, and any new tree.
    #expect(verify(0, 2, empty, two, []))
    #expect(!verify(0, 2, one, two, []))
    #expect(!verify(0, 2, empty, two, [two]))
    // Different sizes need a proof.
    #expect(!verify(1, 2, one, two, []))
    #expect(verify(1, 2, one, two, proofOneToTwo))
  }

  @Test func consistencyProofOfAnOldSizeOutsideTheTreeIsEmpty() {
    let tree = Array(Self.leafHashes.prefix(3))
    #expect(MerkleTree.consistencyProof(oldSize: 0, leafHashes: tree) == [])
    #expect(MerkleTree.consistencyProof(oldSize: 3, leafHashes: tree) == [])
    #expect(MerkleTree.consistencyProof(oldSize: 4, leafHashes: tree) == [])
    #expect(MerkleTree.consistencyProof(oldSize: -1, leafHashes: tree) == [])
  }

  // MARK: Helpers

  /// The inclusion proof for leaf `index` of the first `size` test leaves.
  private func inclusionProof(_ index: Int, _ size: Int) -> [[UInt8]] {
    MerkleTree.inclusionProof(index: index, leafHashes: Array(Self.leafHashes.prefix(size)))
  }

  /// The consistency proof from the first `oldSize` test leaves to the first `newSize`.
  private func consistencyProof(_ oldSize: Int, _ newSize: Int) -> [[UInt8]] {
    MerkleTree.consistencyProof(
      oldSize: oldSize, leafHashes: Array(Self.leafHashes.prefix(newSize)))
  }

  /// Whether `proof` verifies leaf `index` in the tree of `size` test leaves, against that
  /// tree's true root.
  private func verifiesInclusion(_ index: Int, _ size: Int, proof: [[UInt8]]) -> Bool {
    MerkleTree.verifyInclusion(
      index: Int64(index), size: Int64(size), leafHash: Self.leafHashes[index], proof: proof,
      root: Self.roots[size])
  }

  /// Whether `proof` verifies the tree of `oldSize` test leaves as a prefix of the tree of
  /// `newSize`, against both trees' true roots.
  private func verifiesConsistency(_ oldSize: Int, _ newSize: Int, proof: [[UInt8]]) -> Bool {
    verify(Int64(oldSize), Int64(newSize), Self.roots[oldSize], Self.roots[newSize], proof)
  }

  /// ``MerkleTree/verifyConsistency(oldSize:newSize:oldRoot:newRoot:proof:)``, shorter.
  private func verify(
    _ oldSize: Int64, _ newSize: Int64, _ oldRoot: [UInt8], _ newRoot: [UInt8],
    _ proof: [[UInt8]]
  ) -> Bool {
    MerkleTree.verifyConsistency(
      oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: proof)
  }

  /// Runs `tamper` on the true inclusion proof of every leaf of every test tree and
  /// collects what it reports as wrongly accepted, labelled with the proof it came from.
  private func everyInclusionProof(
    _ tamper: (_ index: Int, _ size: Int, _ proof: [[UInt8]]) -> [String]
  ) -> [String] {
    var accepted: [String] = []
    for size in 1...Self.largestTree {
      for index in 0..<size {
        let proof = inclusionProof(index, size)
        accepted += tamper(index, size, proof).map { "index \(index), size \(size): \($0)" }
      }
    }
    return accepted
  }

  /// Runs `tamper` on the true consistency proof of every pair of test trees with
  /// 1 <= old size <= new size and collects what it reports as wrongly accepted.
  private func everyConsistencyProof(
    _ tamper: (_ oldSize: Int, _ newSize: Int, _ proof: [[UInt8]]) -> [String]
  ) -> [String] {
    var accepted: [String] = []
    for newSize in 1...Self.largestTree {
      for oldSize in 1...newSize {
        let proof = consistencyProof(oldSize, newSize)
        accepted += tamper(oldSize, newSize, proof).map { "\(oldSize) -> \(newSize): \($0)" }
      }
    }
    return accepted
  }

  /// The root the streaming accumulator gives for `leafHashes`.
  private func accumulatedRoot(_ leafHashes: [[UInt8]]) -> [UInt8] {
    var accumulator = MerkleTree.Accumulator()
    for leafHash in leafHashes {
      accumulator.append(leafHash: leafHash)
    }
    return accumulator.root
  }
}

/// The vectors scripts/merkle_vectors.py writes (see that script for what each holds).
private struct MerkleVectors: Decodable {
  /// The root of the first `size` leaves.
  struct Root: Decodable {
    let size: Int
    let root: String
  }

  /// The inclusion proof of leaf `index` in the tree of the first `size` leaves.
  struct Inclusion: Decodable {
    let index: Int
    let size: Int
    let proof: [String]
  }

  /// The consistency proof from the first `oldSize` leaves to the first `newSize`.
  struct Consistency: Decodable {
    let oldSize: Int
    let newSize: Int
    let proof: [String]
  }

  /// The root of `size` leaves, leaf i being i as 8 bytes big-endian.
  struct LargeTree: Decodable {
    let size: Int
    let root: String
  }

  let leaves: [String]
  let leafHashes: [String]
  let roots: [Root]
  let inclusionProofs: [Inclusion]
  let consistencyProofs: [Consistency]
  let largeTree: LargeTree

  /// The fixture beside this file, read by path so the test target needs no resources.
  static func load() throws -> MerkleVectors {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/merkle-vectors.json")
    return try JSONDecoder().decode(MerkleVectors.self, from: Data(contentsOf: url))
  }

  /// The leaf hashes as bytes.
  func decodedLeafHashes() throws -> [[UInt8]] {
    try leafHashes.map(bytes(fromHex:))
  }
}

/// Text that is not an even number of hex digits.
private struct MalformedHex: Error {
  let text: String
}

/// Lowercase hex, as the vectors hold hashes.
private func hex(_ bytes: [UInt8]) -> String {
  bytes.map { String(format: "%02x", $0) }.joined()
}

/// The bytes a hex string spells.
private func bytes(fromHex text: String) throws -> [UInt8] {
  let digits = Array(text.utf8)
  guard digits.count.isMultiple(of: 2) else { throw MalformedHex(text: text) }
  return try stride(from: 0, to: digits.count, by: 2).map { offset in
    let pair = String(decoding: digits[offset..<offset + 2], as: UTF8.self)
    guard let byte = UInt8(pair, radix: 16) else { throw MalformedHex(text: text) }
    return byte
  }
}

/// `hash` with its first bit flipped: a different hash of the same length.
private func flipped(_ hash: [UInt8]) -> [UInt8] {
  var changed = hash
  if let first = changed.first {
    changed[0] = first ^ 0x80
  }
  return changed
}
