import Crypto
import Foundation

/// The Merkle tree of RFC 9162 (Certificate Transparency version 2), section 2.1, over the
/// audit log.
///
/// The hash chain (``AuditChain``) proves the log was not rewritten, but checking that one
/// entry is in it, or that today's log extends yesterday's, means reading every entry. A
/// Merkle tree over the same entries gives short proofs of both: an inclusion proof
/// (about log2(n) hashes) that an entry is in a log of n entries with a given root, and a
/// consistency proof that the log with one root is a prefix of the log with another.
///
/// Every hash is a SHA-256 digest held as 32 bytes. Leaf and interior-node hashes carry
/// different one-byte prefixes (`0x00` and `0x01`), so no leaf can pass for a node
/// (a second-preimage attack). The algorithms follow the RFC's text step by step, so they
/// agree byte for byte with every other RFC 6962 / 9162 implementation.
package enum MerkleTree {
  /// The length of every hash in the tree, in bytes: SHA-256's digest length.
  package static let hashLength = SHA256.byteCount

  /// The root of the tree with no leaves, MTH({}) = SHA-256 of the empty string.
  ///
  /// A log with no entries still has a root a checkpoint can sign.
  package static let emptyRoot: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

  /// The domain-separation prefix of a leaf hash.
  private static let leafPrefix: [UInt8] = [0x00]

  /// The domain-separation prefix of an interior-node hash.
  private static let nodePrefix: [UInt8] = [0x01]

  /// The hash of one leaf, SHA-256(0x00 || data).
  ///
  /// The audit log hashes an entry's bytes with this before adding it to the tree, so a
  /// leaf is never mistaken for an interior node whose children happen to spell its bytes.
  package static func leafHash(_ data: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: leafPrefix)
    hasher.update(data: data)
    return Array(hasher.finalize())
  }

  /// The hash of an interior node, SHA-256(0x01 || left || right).
  package static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(data: nodePrefix)
    hasher.update(data: left)
    hasher.update(data: right)
    return Array(hasher.finalize())
  }

  /// MTH(D[n]), the root of the tree over `leafHashes` in order, by the RFC's recursive
  /// definition.
  ///
  /// Kept separate from ``Accumulator`` on purpose: the two compute the same value by
  /// different routes, so each checks the other. Holds every leaf hash, so streams of
  /// entries should use ``Accumulator`` instead.
  package static func root(leafHashes: [[UInt8]]) -> [UInt8] {
    subtreeRoot(leafHashes[...])
  }

  /// MTH over a contiguous run of leaf hashes (RFC 9162 section 2.1.1).
  private static func subtreeRoot(_ leafHashes: ArraySlice<[UInt8]>) -> [UInt8] {
    guard let first = leafHashes.first else { return emptyRoot }
    guard leafHashes.count > 1 else { return first }
    let split = largestPowerOfTwo(below: leafHashes.count)
    return nodeHash(
      subtreeRoot(leafHashes.prefix(split)), subtreeRoot(leafHashes.dropFirst(split)))
  }

  /// k, the largest power of two smaller than `count` (which is more than 1): the RFC
  /// splits every tree there, so its left subtree is always perfect.
  private static func largestPowerOfTwo(below count: Int) -> Int {
    1 << (Int.bitWidth - 1 - (count - 1).leadingZeroBitCount)
  }
}

// MARK: - Inclusion proofs

extension MerkleTree {
  /// PATH(m, D[n]) (RFC 9162 section 2.1.3.1): the hashes that, with leaf `index`'s hash,
  /// rebuild the root of the tree over `leafHashes`, nearest the leaf first.
  ///
  /// An auditor holding only a signed root can check one entry with these, without the rest
  /// of the log. An `index` outside `leafHashes` has no path and gives an empty proof,
  /// which ``verifyInclusion(index:size:leafHash:proof:root:)`` refuses for that index.
  package static func inclusionProof(index: Int, leafHashes: [[UInt8]]) -> [[UInt8]] {
    guard leafHashes.indices.contains(index) else { return [] }
    return path(index, leafHashes[...])
  }

  /// PATH(m, D[n]) over a run of leaf hashes, `index` counted from the run's start.
  private static func path(_ index: Int, _ leafHashes: ArraySlice<[UInt8]>) -> [[UInt8]] {
    guard leafHashes.count > 1 else { return [] }
    let split = largestPowerOfTwo(below: leafHashes.count)
    let left = leafHashes.prefix(split)
    let right = leafHashes.dropFirst(split)
    if index < split {
      return path(index, left) + [subtreeRoot(right)]
    }
    return path(index - split, right) + [subtreeRoot(left)]
  }

  /// Whether `proof` shows that `leafHash` is leaf `index` of the tree of `size` leaves
  /// whose root is `root`: the verification algorithm of RFC 9162 section 2.1.3.2, step for
  /// step.
  ///
  /// The RFC's first step fails an index at or past the size; a negative index or size
  /// fails the same way, and so does a leaf hash that is not 32 bytes (no SHA-256 digest
  /// is, so it cannot be a leaf of this tree). A proof with too many hashes fails at step
  /// 4a, one with too few at step 5.
  package static func verifyInclusion(
    index: Int64, size: Int64, leafHash: [UInt8], proof: [[UInt8]], root: [UInt8]
  ) -> Bool {
    guard index >= 0, index < size, leafHash.count == hashLength else { return false }
    var position = TreePosition(first: index, second: size - 1)
    var computed = leafHash
    for sibling in proof {
      guard position.second != 0 else { return false }
      if position.isRightChildOrLastNode {
        computed = nodeHash(sibling, computed)
        position.climbPastLeftmostAncestors()
      } else {
        computed = nodeHash(computed, sibling)
      }
      position.climbOneLevel()
    }
    return position.second == 0 && computed == root
  }
}

// MARK: - Consistency proofs

extension MerkleTree {
  /// PROOF(m, D[n]) (RFC 9162 section 2.1.4.1): the hashes that show the tree over the
  /// first `oldSize` of `leafHashes` is a prefix of the tree over all of them.
  ///
  /// A witness that signed the old root checks with these that the log only grew. The RFC
  /// defines the proof for 0 < m <= n; for `oldSize` 0 (the empty tree is a prefix of every
  /// tree, so there is nothing to prove) and for a size outside `0...leafHashes.count` this
  /// returns an empty proof, which ``verifyConsistency(oldSize:newSize:oldRoot:newRoot:proof:)``
  /// accepts only where the RFC's rules allow it.
  package static func consistencyProof(oldSize: Int, leafHashes: [[UInt8]]) -> [[UInt8]] {
    guard oldSize > 0, oldSize <= leafHashes.count else { return [] }
    return subproof(oldSize, leafHashes[...], oldTreeIsComplete: true)
  }

  /// SUBPROOF(m, D[n], b) over a run of leaf hashes.
  ///
  /// `oldTreeIsComplete` is the RFC's `b`: true while the subtree being described is the
  /// whole old tree, whose root the verifier already has, so its root is left out.
  private static func subproof(
    _ oldSize: Int, _ leafHashes: ArraySlice<[UInt8]>, oldTreeIsComplete: Bool
  ) -> [[UInt8]] {
    if oldSize == leafHashes.count {
      return oldTreeIsComplete ? [] : [subtreeRoot(leafHashes)]
    }
    let split = largestPowerOfTwo(below: leafHashes.count)
    let left = leafHashes.prefix(split)
    let right = leafHashes.dropFirst(split)
    if oldSize <= split {
      return subproof(oldSize, left, oldTreeIsComplete: oldTreeIsComplete)
        + [subtreeRoot(right)]
    }
    return subproof(oldSize - split, right, oldTreeIsComplete: false) + [subtreeRoot(left)]
  }

  /// The leaf ranges whose subtree roots make PROOF(m, D[n]), in the proof's order.
  ///
  /// The proof's hashes are the roots of disjoint runs of leaves that SUBPROOF picks from
  /// the sizes alone, so a log too long to hold in memory is proved by computing these
  /// ranges first and then streaming its leaves once through one ``Accumulator`` per range
  /// (``StreamingConsistencyProof``). Empty for the cases where ``consistencyProof(oldSize:leafHashes:)``
  /// is empty.
  package static func consistencyProofRanges(oldSize: Int64, newSize: Int64) -> [Range<Int64>] {
    guard oldSize > 0, oldSize <= newSize else { return [] }
    var ranges: [Range<Int64>] = []
    // SUBPROOF(m, D[start..<end], b) unrolled: each step keeps one half and proves the
    // other by its root, which comes after the rest of the proof in the RFC's order, so the
    // roots are collected in reverse and the list turned round at the end.
    var old = oldSize
    var start: Int64 = 0
    var end = newSize
    var oldTreeIsComplete = true
    while old != end - start {
      let split = Int64(largestPowerOfTwo(below: Int(end - start)))
      if old <= split {
        ranges.append((start + split)..<end)
        end = start + split
      } else {
        ranges.append(start..<(start + split))
        start += split
        old -= split
        oldTreeIsComplete = false
      }
    }
    if !oldTreeIsComplete { ranges.append(start..<end) }
    return ranges.reversed()
  }

  /// Whether `proof` shows that the tree of `oldSize` leaves with root `oldRoot` is a prefix
  /// of the tree of `newSize` leaves with root `newRoot`: RFC 9162 section 2.1.4.2.
  ///
  /// The RFC's algorithm covers 0 < oldSize < newSize. Around it:
  /// - a negative size, or `oldSize` > `newSize` (a log that shrank), fails;
  /// - `oldSize` == `newSize` is the same tree: the proof must be empty and the roots equal;
  /// - `oldSize` 0: the empty tree is a prefix of every tree, so the proof must be empty and
  ///   `newRoot` is not constrained; `oldRoot` must be ``emptyRoot``, because a caller that
  ///   claims an empty old log with any other root holds a wrong root.
  package static func verifyConsistency(
    oldSize: Int64, newSize: Int64, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]
  ) -> Bool {
    guard oldSize >= 0, oldSize <= newSize else { return false }
    if oldSize == newSize {
      return proof.isEmpty && oldRoot == newRoot
    }
    if oldSize == 0 {
      return proof.isEmpty && oldRoot == emptyRoot
    }
    return verifyGrowth(
      oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: proof)
  }

  /// The algorithm of RFC 9162 section 2.1.4.2 for 0 < `oldSize` < `newSize`, step for
  /// step: rebuilds both roots from the proof and compares them with the ones given.
  private static func verifyGrowth(
    oldSize: Int64, newSize: Int64, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]
  ) -> Bool {
    // Step 1: an empty proof proves nothing about two different sizes.
    guard !proof.isEmpty else { return false }
    // Step 2: a perfect old tree is itself a node of the new tree; its root starts the path.
    let path = oldSize.nonzeroBitCount == 1 ? [oldRoot] + proof : proof
    // Steps 3 and 4.
    var position = TreePosition(first: oldSize - 1, second: newSize - 1)
    position.climbPastRightChildren()
    // Step 5.
    guard let start = path.first else { return false }
    var oldComputed = start
    var newComputed = start
    // Step 6.
    for sibling in path.dropFirst() {
      guard position.second != 0 else { return false }
      if position.isRightChildOrLastNode {
        oldComputed = nodeHash(sibling, oldComputed)
        newComputed = nodeHash(sibling, newComputed)
        position.climbPastLeftmostAncestors()
      } else {
        newComputed = nodeHash(newComputed, sibling)
      }
      position.climbOneLevel()
    }
    // Step 7.
    return oldComputed == oldRoot && newComputed == newRoot && position.second == 0
  }
}

// MARK: - Walking up the tree

extension MerkleTree {
  /// The RFC's verification cursor: `first` (fn) is the node being rebuilt, `second` (sn)
  /// the last node of the tree, both as indices within their level. Every step up the tree
  /// halves both; the walk has reached the root when `second` is 0.
  private struct TreePosition {
    /// fn: the index of the node whose hash is being rebuilt.
    var first: Int64
    /// sn: the index of the tree's last node at the same level.
    var second: Int64

    /// Whether the node's sibling lies to its left (the RFC's "LSB(fn) is set, or fn is
    /// equal to sn"). A last node with an even index has no right sibling at this level,
    /// and its next sibling is to the left further up.
    var isRightChildOrLastNode: Bool {
      first & 1 == 1 || first == second
    }

    /// One step up the tree (the RFC's "right-shift both fn and sn one time").
    mutating func climbOneLevel() {
      first >>= 1
      second >>= 1
    }

    /// Skips the levels where a last node with an even index has no sibling (the RFC's "if
    /// LSB(fn) is not set, right-shift both fn and sn equally until either LSB(fn) is set
    /// or fn is 0").
    mutating func climbPastLeftmostAncestors() {
      while first & 1 == 0, first != 0 {
        climbOneLevel()
      }
    }

    /// Climbs while the node is a right child (consistency step 4: "if LSB(fn) is set,
    /// right-shift both fn and sn equally until LSB(fn) is not set"), to the node whose
    /// hash the proof starts from.
    mutating func climbPastRightChildren() {
      while first & 1 == 1 {
        climbOneLevel()
      }
    }
  }
}

// MARK: - Streaming roots

extension MerkleTree {
  /// The root of a growing tree, fed one leaf hash at a time, in O(log n) memory.
  ///
  /// Verifying or checkpointing a log of millions of entries must not hold every leaf hash.
  /// Any tree of n leaves is a row of perfect subtrees, one for each set bit of n, largest
  /// on the left; the accumulator keeps only their roots (at most 64). Appending a leaf
  /// pushes it as a subtree of one leaf and merges equal-sized neighbours, as adding 1
  /// carries through n's low set bits. The roots live in one flat byte buffer so an append
  /// allocates nothing once the buffer has grown.
  package struct Accumulator: Sendable {
    /// The roots of the perfect subtrees, 32 bytes each, largest (leftmost) first.
    private var subtreeRoots: [UInt8] = []

    /// The number of leaf hashes appended so far.
    package private(set) var size: Int64 = 0

    /// An accumulator over no leaves, whose root is ``MerkleTree/emptyRoot``.
    package init() {
      subtreeRoots.reserveCapacity(Int64.bitWidth * MerkleTree.hashLength)
    }

    /// Adds the next leaf, given as its leaf hash (``MerkleTree/leafHash(_:)``).
    ///
    /// The hash must be 32 bytes: anything else is a programming error that would shift
    /// every later root in the buffer, so it stops the program rather than give a wrong
    /// root.
    package mutating func append(leafHash: [UInt8]) {
      precondition(leafHash.count == MerkleTree.hashLength, "a leaf hash is 32 bytes")
      subtreeRoots.append(contentsOf: leafHash)
      var carries = size
      while carries & 1 == 1 {
        mergeLastTwoSubtrees()
        carries >>= 1
      }
      size += 1
    }

    /// MTH of every leaf appended so far (``MerkleTree/emptyRoot`` when none).
    ///
    /// Folds the subtree roots from the right: the tree's root joins the largest perfect
    /// subtree with the tree of everything after it.
    package var root: [UInt8] {
      let width = MerkleTree.hashLength
      guard subtreeRoots.count >= width else { return MerkleTree.emptyRoot }
      var folded = Array(subtreeRoots[(subtreeRoots.count - width)...])
      var end = subtreeRoots.count - width
      while end > 0 {
        folded = MerkleTree.nodeHash(Array(subtreeRoots[(end - width)..<end]), folded)
        end -= width
      }
      return folded
    }

    /// Replaces the last two subtree roots, two perfect subtrees of the same size, with the
    /// root of the subtree they make together, in place.
    private mutating func mergeLastTwoSubtrees() {
      let width = MerkleTree.hashLength
      let leftStart = subtreeRoots.count - 2 * width
      var hasher = SHA256()
      hasher.update(data: MerkleTree.nodePrefix)
      subtreeRoots.withUnsafeBytes { bytes in
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[leftStart...]))
      }
      let parent = hasher.finalize()
      subtreeRoots.withUnsafeMutableBytes { bytes in
        parent.withUnsafeBytes { digest in
          UnsafeMutableRawBufferPointer(rebasing: bytes[leftStart..<(leftStart + width)])
            .copyMemory(from: digest)
        }
      }
      subtreeRoots.removeLast(width)
    }
  }
}

/// A consistency proof built from leaf hashes streamed once, in order, in O(log n) memory
/// (see ``MerkleTree/consistencyProofRanges(oldSize:newSize:)``), together with the roots of
/// the old and the new tree.
package struct StreamingConsistencyProof: Sendable {
  private let ranges: [Range<Int64>]
  private var accumulators: [MerkleTree.Accumulator]
  private var oldTree = MerkleTree.Accumulator()
  private var newTree = MerkleTree.Accumulator()
  private let oldSize: Int64
  /// The index of the range the next leaf may fall in, ranges taken in leaf order.
  private var order: [Int]
  private var next = 0

  /// A proof from a tree of `oldSize` leaves to the tree of every leaf appended.
  package init(oldSize: Int64, newSize: Int64) {
    self.oldSize = oldSize
    let ranges = MerkleTree.consistencyProofRanges(oldSize: oldSize, newSize: newSize)
    self.ranges = ranges
    accumulators = Array(repeating: MerkleTree.Accumulator(), count: ranges.count)
    order = ranges.indices.sorted { ranges[$0].lowerBound < ranges[$1].lowerBound }
  }

  /// Adds the next leaf hash.
  package mutating func append(leafHash: [UInt8]) {
    let index = newTree.size
    if index < oldSize { oldTree.append(leafHash: leafHash) }
    newTree.append(leafHash: leafHash)
    while next < order.count, ranges[order[next]].upperBound <= index { next += 1 }
    if next < order.count, ranges[order[next]].contains(index) {
      accumulators[order[next]].append(leafHash: leafHash)
    }
  }

  /// The proof's hashes, in the RFC's order.
  package var proof: [[UInt8]] { accumulators.map(\.root) }
  /// The root of the first `oldSize` leaves.
  package var oldRoot: [UInt8] { oldTree.root }
  /// The root of every leaf appended.
  package var newRoot: [UInt8] { newTree.root }
  /// The number of leaves appended.
  package var size: Int64 { newTree.size }
}
