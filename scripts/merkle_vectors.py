#!/usr/bin/env python3
"""Known-answer vectors for casefile's RFC 9162 Merkle tree (Sources/CaseStore/Store/MerkleTree.swift).

An independent implementation, written from the text of RFC 9162 section 2.1 with hashlib
only, so the Swift tests compare two implementations rather than one with itself:

- MTH({}) = SHA-256()                                      (2.1.1)
- MTH({d0}) = SHA-256(0x00 || d0)
- MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of 2 < n
- PATH(m, D[n])                                            (2.1.3.1, inclusion proofs)
- PROOF(m, D[n]) = SUBPROOF(m, D[n], true)                 (2.1.4.1, consistency proofs)

The tree's leaves are the eight test leaves used by RFC 6962 implementations
(certificate-transparency, trillian, transparency-dev/merkle). Before writing, the script
checks its answers against the values those projects publish (PUBLISHED_* below: hash
values only), and stops if any differs.

Writes Tests/CaseStoreTests/Fixtures/merkle-vectors.json with the leaves, their leaf
hashes, the root of every prefix (sizes 0 to 8), every inclusion proof (0 <= index < size
<= 8) and every consistency proof (1 <= old <= new <= 8), all hashes in lowercase hex. It
also records the root of a large tree (LARGE_TREE_SIZE leaves, leaf i being i as 8 bytes
big-endian) so the Swift streaming accumulator is checked at scale.

Usage: scripts/merkle_vectors.py           write the JSON
       scripts/merkle_vectors.py --check   exit 1 if the committed JSON differs
"""
import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "Tests" / "CaseStoreTests" / "Fixtures" / "merkle-vectors.json"

LEAVES = [
    bytes.fromhex(""),
    bytes.fromhex("00"),
    bytes.fromhex("10"),
    bytes.fromhex("2021"),
    bytes.fromhex("3031"),
    bytes.fromhex("40414243"),
    bytes.fromhex("5051525354555657"),
    bytes.fromhex("606162636465666768696a6b6c6d6e6f"),
]

LARGE_TREE_SIZE = 1_000_000

# Published known answers for LEAVES (transparency-dev/merkle proof/verify_test.go, the same
# values as certificate-transparency's merkle_tree_test): the root of the first n leaves.
PUBLISHED_ROOTS = {
    0: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    2: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    3: "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    4: "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    5: "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    6: "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    7: "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}

# Published inclusion proofs, keyed by (zero-based leaf index, tree size).
PUBLISHED_INCLUSION = {
    (0, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (5, 8): [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 3): ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
    (1, 5): [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
}

# Published consistency proofs, keyed by (old size, new size).
PUBLISHED_CONSISTENCY = {
    (1, 1): [],
    (1, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (6, 8): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 5): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
    (6, 7): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}


def leaf_hash(data):
    """SHA-256(0x00 || data): the hash of a leaf (RFC 9162 2.1.1)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    """SHA-256(0x01 || left || right): the hash of an interior node (RFC 9162 2.1.1)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n):
    """k, the largest power of two smaller than n (n > 1)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(hashes):
    """MTH over a list of leaf hashes, by the recursive definition."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    k = split_point(len(hashes))
    return node_hash(mth(hashes[:k]), mth(hashes[k:]))


def path(m, hashes):
    """PATH(m, D[n]): the inclusion proof for leaf m (RFC 9162 2.1.3.1)."""
    if len(hashes) == 1:
        return []
    k = split_point(len(hashes))
    if m < k:
        return path(m, hashes[:k]) + [mth(hashes[k:])]
    return path(m - k, hashes[k:]) + [mth(hashes[:k])]


def subproof(m, hashes, complete):
    """SUBPROOF(m, D[n], b) (RFC 9162 2.1.4.1)."""
    n = len(hashes)
    if m == n:
        return [] if complete else [mth(hashes)]
    k = split_point(n)
    if m <= k:
        return subproof(m, hashes[:k], complete) + [mth(hashes[k:])]
    return subproof(m - k, hashes[k:], False) + [mth(hashes[:k])]


def consistency(m, hashes):
    """PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 9162 2.1.4.1)."""
    return subproof(m, hashes, True)


def large_tree_root(low, high):
    """MTH of leaves low..<high, leaf i being i as 8 bytes big-endian, by the recursive
    definition (deliberately not the stack the Swift accumulator uses), hashing each leaf
    as it is reached so the leaf hashes are never all held at once."""
    if high - low == 1:
        return leaf_hash(low.to_bytes(8, "big"))
    k = split_point(high - low)
    return node_hash(large_tree_root(low, low + k), large_tree_root(low + k, high))


def hexes(hashes):
    return [h.hex() for h in hashes]


def check_published(hashes):
    """Stops the script if any answer differs from the published ones."""
    problems = []
    for size, expected in PUBLISHED_ROOTS.items():
        if mth(hashes[:size]).hex() != expected:
            problems.append(f"root of size {size}")
    for (index, size), expected in PUBLISHED_INCLUSION.items():
        if hexes(path(index, hashes[:size])) != expected:
            problems.append(f"inclusion proof ({index}, {size})")
    for (old, new), expected in PUBLISHED_CONSISTENCY.items():
        if hexes(consistency(old, hashes[:new])) != expected:
            problems.append(f"consistency proof ({old}, {new})")
    if problems:
        sys.exit("differs from the published known answers: " + ", ".join(problems))


def vectors():
    hashes = [leaf_hash(leaf) for leaf in LEAVES]
    check_published(hashes)
    count = len(hashes)
    return {
        "description": "RFC 9162 section 2.1 Merkle tree vectors; written by "
        "scripts/merkle_vectors.py, do not edit. Hashes are lowercase hex; indices are "
        "zero-based.",
        "leaves": [leaf.hex() for leaf in LEAVES],
        "leafHashes": hexes(hashes),
        "roots": [{"size": size, "root": mth(hashes[:size]).hex()} for size in range(count + 1)],
        "inclusionProofs": [
            {"index": index, "size": size, "proof": hexes(path(index, hashes[:size]))}
            for size in range(1, count + 1)
            for index in range(size)
        ],
        "consistencyProofs": [
            {"oldSize": old, "newSize": new, "proof": hexes(consistency(old, hashes[:new]))}
            for new in range(1, count + 1)
            for old in range(1, new + 1)
        ],
        "largeTree": {
            "size": LARGE_TREE_SIZE,
            "leafData": "leaf i is i as an 8-byte big-endian unsigned integer",
            "root": large_tree_root(0, LARGE_TREE_SIZE).hex(),
        },
    }


def render():
    return json.dumps(vectors(), indent=2) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the committed JSON differs")
    arguments = parser.parse_args()
    text = render()
    if arguments.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run {sys.argv[0]}",
                  file=sys.stderr)
            return 1
        print(f"{OUTPUT.relative_to(ROOT)} is up to date")
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
