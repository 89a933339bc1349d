/// Why a spatial index could not be built, read or changed. Each case names the item, field or
/// byte offset at fault.
public enum GeoIndexError: Error, Equatable, Sendable {
    /// The box of item `index` has a NaN or infinite limit.
    case nonFiniteBox(index: Int)
    /// The box of item `index` has `minX > maxX` or `minY > maxY`.
    case invertedBox(index: Int)
    /// A flat box array whose length is not a multiple of four.
    case flatBoxCountNotMultipleOfFour(length: Int)
    /// The node size is outside `2...65535`.
    case invalidNodeSize(Int)
    /// More items than the index can address (at most `UInt32.max - 1` for a packed tree,
    /// `Int32.max - 1` ids for a dynamic tree).
    case tooManyItems(Int)
    /// The serialised bytes end before `expected` bytes (or have trailing bytes after them).
    case lengthMismatch(expected: Int, actual: Int)
    /// The serialised bytes do not start with the GeoTwin index magic `GTRI`.
    case badMagic
    /// The serialised format version is not one this build reads.
    case unsupportedVersion(Int)
    /// The serialised storage type byte is neither 1 (Float64) nor 2 (Float32).
    case unknownStorageType(Int)
    /// A serialised field is inconsistent; `offset` is the byte offset of the offending value.
    case corrupt(field: String, offset: Int)
    /// A dynamic-tree id that is negative or too large.
    case invalidID(Int)
    /// A dynamic-tree id that is already in the tree.
    case duplicateID(Int)
    /// A dynamic-tree id that is not in the tree.
    case unknownID(Int)
}
