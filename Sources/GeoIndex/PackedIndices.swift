/// The original item index of every leaf slot of a ``PackedRTree``, each stored in the fewest bits
/// that hold `count - 1` (20 bits for 1,000,000 items: 2.5 MB instead of 4 MB as `UInt32`).
///
/// Entry `i` starts at bit `i * width` of a little-endian byte string; the string carries 7
/// spare bytes so that every entry is read with one unaligned 8-byte load, a shift and a mask
/// (`width <= 32`, so an entry never spans more than 5 bytes past its first).
@usableFromInline
struct PackedIndices: Sendable {
    /// The number of entries.
    let count: Int
    /// Bits per entry, `1...32`.
    let width: Int
    private let bytes: ContiguousArray<UInt8>

    /// Packs `values`, every one of which must be below `max(count, 1)` (a permutation of
    /// `0..<count` in a tree).
    init(_ values: ContiguousArray<UInt32>) {
        let n = values.count
        let width = n > 1 ? UInt32.bitWidth - UInt32(n - 1).leadingZeroBitCount : 1
        var bytes = ContiguousArray<UInt8>(repeating: 0, count: (n * width + 7) / 8 + 7)
        bytes.withUnsafeMutableBytes { raw in
            values.withUnsafeBufferPointer { v in
                for i in 0..<n {
                    let bit = i * width
                    let old = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                    let new = old | UInt64(v[i]) << UInt64(bit & 7)
                    raw.storeBytes(of: new.littleEndian, toByteOffset: bit >> 3, as: UInt64.self)
                }
            }
        }
        self.count = n
        self.width = width
        self.bytes = bytes
    }

    /// Bytes held, padding included.
    var byteCount: Int { bytes.count }

    /// Entry `i` (`0 <= i < count`).
    subscript(i: Int) -> Int {
        withReader { $0[i] }
    }

    /// The slot holding item `index`, or `nil` (linear scan).
    func slot(of index: Int) -> Int? {
        withReader { r in (0..<count).first { r[$0] == index } }
    }

    /// Calls `body` with a reader over the entries, valid only inside `body`.
    @inline(__always)
    func withReader<R>(_ body: (Reader) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { raw in
            // `bytes` always holds its spare bytes, so the base address exists.
            try body(Reader(base: raw.baseAddress.unsafelyUnwrapped, width: width))
        }
    }

    /// Unchecked access to the packed entries through a pointer captured once.
    struct Reader {
        let base: UnsafeRawPointer
        let width: Int
        private let mask: UInt64

        init(base: UnsafeRawPointer, width: Int) {
            self.base = base
            self.width = width
            self.mask = UInt64.max >> UInt64(64 - width)
        }

        /// The address of the first byte of entry `i`.
        @inline(__always)
        func address(of i: Int) -> UnsafeRawPointer { base + (i &* width) &>> 3 }

        /// Asks for the cache lines of the entries in `range` (each read with an 8-byte load).
        @inline(__always)
        func prefetch(_ range: Range<Int>) {
            prefetchLines(address(of: range.lowerBound), bytes: (range.count &* width &+ 7) &>> 3 &+ 8)
        }

        /// Entry `i`; `i` must be in range.
        @inline(__always)
        subscript(i: Int) -> Int {
            let bit = i &* width
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit &>> 3, as: UInt64.self))
            return Int(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
        }
    }
}
