/// Why a spatial index could not be built, read or changed. Each case names the item, field or
/// byte offset at fault.
public enum GeoIndexError: Error, Equatable, Sendable, CustomStringConvertible {
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

    /// One line of text naming the item, field or byte offset.
    public var description: String {
        switch self {
        case .nonFiniteBox(let i): "the box of item \(i) has a NaN or infinite limit"
        case .invertedBox(let i): "the box of item \(i) has a minimum above its maximum"
        case .flatBoxCountNotMultipleOfFour(let n): "a flat box array of \(n) values is not a multiple of four long"
        case .invalidNodeSize(let n): "node size \(n) is outside 2...65535"
        case .tooManyItems(let n): "\(n) items are more than the index can address"
        case .lengthMismatch(let expected, let actual): "serialised index is \(actual) bytes, expected \(expected)"
        case .badMagic: "serialised index does not start with the magic GTRI"
        case .unsupportedVersion(let v): "serialised index format version \(v) is not supported"
        case .unknownStorageType(let t): "serialised index storage type \(t) is neither 1 (Float64) nor 2 (Float32)"
        case .corrupt(let field, let offset): "serialised index field \(field) at byte \(offset) is inconsistent"
        case .invalidID(let id): "id \(id) is negative or too large"
        case .duplicateID(let id): "id \(id) is already in the tree"
        case .unknownID(let id): "id \(id) is not in the tree"
        }
    }
}
