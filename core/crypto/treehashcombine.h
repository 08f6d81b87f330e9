#pragma once

#include "sha256.h"

#include <QtGlobal>

#include <span>

// Combining hashes into a SHA-256 tree hash, as in AWS's "Computing Checksums":
// https://docs.aws.amazon.com/amazonglacier/latest/dev/checksum-calculations.html
namespace thaw::crypto {

// The tree's leaves are 1 MiB of data each; the last may be shorter.
inline constexpr qint64 TreeHashLeafSize = 1024 * 1024;

// The root over `hashes`, which are either the leaf hashes of an archive, or the tree hashes
// of consecutive tree-hash-aligned pieces of equal power-of-two size in MiB (the last piece may
// be shorter): adjacent hashes are paired left to right, an odd one out is promoted unchanged
// to the next level. One hash is its own root; no hash at all gives SHA-256 of the empty string,
// the tree hash of empty data (as botocore.utils.calculate_tree_hash returns).
Digest combineTreeHashes(std::span<const Digest> hashes);

} // namespace thaw::crypto
