import GeoCore

/// The little of the FlatBuffers binary format FlatGeobuf needs, written by hand: a bounds-checked
/// table reader and a forward builder of tables, vectors and strings.
///
/// A buffer starts with the `u32` offset of its root table. A table starts with an `i32` offset
/// back to its vtable (`u16` vtable size, `u16` table size, one `u16` offset per field, 0 for an
/// absent field); strings, vectors and sub-tables are reached through `u32` offsets relative to
/// the field holding them. Every read is checked against the buffer's end.
struct FlatBufferTable {
    let buffer: UnsafeRawBufferPointer
    /// The table's position in `buffer`.
    let position: Int
    private let vtable: Int
    private let vtableSize: Int
    /// Reports a problem at a position of the buffer.
    let fail: (String, Int) -> FileFormatError

    /// The root table of `buffer`.
    init(root buffer: UnsafeRawBufferPointer, fail: @escaping (String, Int) -> FileFormatError) throws(FileFormatError) {
        guard buffer.count >= 4 else { throw fail("buffer of \(buffer.count) bytes has no root offset", 0) }
        try self.init(buffer, at: Int(buffer.loadUnaligned(as: UInt32.self).littleEndian), fail: fail)
    }

    init(_ buffer: UnsafeRawBufferPointer, at position: Int, fail: @escaping (String, Int) -> FileFormatError) throws(FileFormatError) {
        self.buffer = buffer
        self.position = position
        self.fail = fail
        guard position >= 0, position + 4 <= buffer.count else { throw fail("table offset \(position) outside the \(buffer.count)-byte buffer", position) }
        let vt = position - Int(buffer.loadUnaligned(fromByteOffset: position, as: Int32.self).littleEndian)
        guard vt >= 0, vt + 4 <= buffer.count else { throw fail("vtable offset \(vt) outside the buffer", position) }
        let size = Int(buffer.loadUnaligned(fromByteOffset: vt, as: UInt16.self).littleEndian)
        guard size >= 4, size % 2 == 0, vt + size <= buffer.count else { throw fail("vtable of \(size) bytes does not fit", vt) }
        vtable = vt
        vtableSize = size
    }

    /// The absolute position of field `slot`, nil when absent.
    func field(_ slot: Int, size: Int) throws(FileFormatError) -> Int? {
        let entry = 4 + 2 * slot
        guard entry + 2 <= vtableSize else { return nil }
        let offset = Int(buffer.loadUnaligned(fromByteOffset: vtable + entry, as: UInt16.self).littleEndian)
        guard offset != 0 else { return nil }
        let at = position + offset
        guard at + size <= buffer.count else { throw fail("field \(slot) of \(size) bytes lies outside the buffer", at) }
        return at
    }

    func scalar<T: FixedWidthInteger>(_ slot: Int, default value: T) throws(FileFormatError) -> T {
        guard let at = try field(slot, size: MemoryLayout<T>.size) else { return value }
        return T(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: T.self))
    }

    func bool(_ slot: Int, default value: Bool = false) throws(FileFormatError) -> Bool {
        try scalar(slot, default: UInt8(value ? 1 : 0)) != 0
    }

    /// The target of the `u32` offset stored in field `slot`.
    private func target(_ slot: Int) throws(FileFormatError) -> Int? {
        guard let at = try field(slot, size: 4) else { return nil }
        let t = at + Int(buffer.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
        guard t + 4 <= buffer.count else { throw fail("offset of field \(slot) points outside the buffer", at) }
        return t
    }

    func table(_ slot: Int) throws(FileFormatError) -> FlatBufferTable? {
        guard let t = try target(slot) else { return nil }
        return try FlatBufferTable(buffer, at: t, fail: fail)
    }

    /// The position of the first element and the element count of the vector in `slot`.
    func vector(_ slot: Int, elementSize: Int) throws(FileFormatError) -> (start: Int, count: Int)? {
        guard let t = try target(slot) else { return nil }
        let count = Int(buffer.loadUnaligned(fromByteOffset: t, as: UInt32.self).littleEndian)
        guard count <= (buffer.count - t - 4) / elementSize else {
            throw fail("vector of \(count) elements of \(elementSize) bytes exceeds the \(buffer.count)-byte buffer", t)
        }
        return (t + 4, count)
    }

    func string(_ slot: Int) throws(FileFormatError) -> String? {
        guard let (start, count) = try vector(slot, elementSize: 1) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + count)]), as: UTF8.self)
    }

    func doubles(_ slot: Int) throws(FileFormatError) -> [Double]? {
        guard let (start, count) = try vector(slot, elementSize: 8) else { return nil }
        return (0..<count).map { Double(bitPattern: buffer.loadUnaligned(fromByteOffset: start + 8 * $0, as: UInt64.self).littleEndian) }
    }

    func uint32s(_ slot: Int) throws(FileFormatError) -> [UInt32]? {
        guard let (start, count) = try vector(slot, elementSize: 4) else { return nil }
        return (0..<count).map { buffer.loadUnaligned(fromByteOffset: start + 4 * $0, as: UInt32.self).littleEndian }
    }

    func tables(_ slot: Int) throws(FileFormatError) -> [FlatBufferTable]? {
        guard let (start, count) = try vector(slot, elementSize: 4) else { return nil }
        var out: [FlatBufferTable] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let at = start + 4 * i
            out.append(try FlatBufferTable(buffer, at: at + Int(buffer.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian), fail: fail))
        }
        return out
    }
}

/// A FlatBuffers value to build: a table of slots, or a string or vector it refers to.
indirect enum FlatBufferValue {
    case table([(slot: Int, value: FlatBufferValue)])
    case uint8(UInt8)
    case uint16(UInt16)
    case int32(Int32)
    case uint64(UInt64)
    case string(String)
    case bytes([UInt8])
    case doubles([Double])
    /// A vector of doubles: the x and y of every coordinate of the runs, in order, copied from
    /// the runs' storage (a coordinate's memory is its x then its y; little-endian machines).
    case coordinateRuns([[Coordinate]])
    case uint32s([UInt32])
    case tables([FlatBufferValue])

    var inlineSize: Int {
        switch self {
        case .uint8: 1
        case .uint16: 2
        case .int32: 4
        case .uint64: 8
        default: 4
        }
    }

    var isReference: Bool {
        switch self {
        case .uint8, .uint16, .int32, .uint64: false
        default: true
        }
    }
}

/// What the two FlatBuffers writers (``FlatBufferBuilder`` and the FlatGeobuf writer's direct
/// feature layout) share: a buffer appended to `bytes` from `base` (after a size prefix; alignment
/// is counted from there), its framing, padding and offsets.
protocol FlatBufferWriting {
    var bytes: [UInt8] { get set }
    /// Where the buffer starts in `bytes`.
    var base: Int { get set }
    init()
}

extension FlatBufferWriting {
    /// Appends to `out` the buffer whose root table `writeRoot` writes (returning its position):
    /// the root's offset first, the buffer padded to 8 bytes, and with `sizePrefixed` its byte
    /// count before it as a `u32` (FlatGeobuf's features), the offsets staying relative to it.
    static func appendBuffer(to out: inout [UInt8], sizePrefixed: Bool, _ writeRoot: (inout Self) -> Int) {
        var b = Self()
        swap(&b.bytes, &out)
        let start = b.bytes.count
        b.base = start + (sizePrefixed ? 4 : 0)
        b.bytes.append(contentsOf: repeatElement(0, count: b.base + 4 - start))
        let root = writeRoot(&b)
        b.patch(b.base, root)
        b.pad(to: 8)
        if sizePrefixed { b.store(UInt32(b.bytes.count - b.base), at: start) }
        swap(&b.bytes, &out)
    }

    /// Zeros until `extra` more bytes would end aligned to `alignment`.
    mutating func pad(to alignment: Int, plus extra: Int = 0) {
        let r = (bytes.count - base + extra) % alignment
        if r != 0 { bytes.append(contentsOf: repeatElement(0, count: alignment - r)) }
    }

    /// Stores `v` little-endian at `at`.
    mutating func store<T: FixedWidthInteger>(_ v: T, at: Int) {
        withUnsafeBytes(of: v.littleEndian) { for i in 0..<MemoryLayout<T>.size { bytes[at + i] = $0[i] } }
    }

    /// Stores at `at` the `u32` offset from `at` to `target`.
    mutating func patch(_ at: Int, _ target: Int) {
        store(UInt32(target - at), at: at)
    }

    /// A vector's length prefix, padded so that its `count` elements, to be appended next, start
    /// aligned to `alignment`; returns the vector's position.
    mutating func beginVector(count: Int, alignment: Int) -> Int {
        pad(to: 4)
        pad(to: max(4, alignment), plus: 4)
        let at = bytes.count
        appendLE(&bytes, UInt32(count))
        return at
    }
}

/// Writes a FlatBuffers buffer front to back: each table is preceded by its vtable and followed
/// by the strings, vectors and tables it refers to, every value aligned to its size.
struct FlatBufferBuilder: FlatBufferWriting {
    var bytes: [UInt8] = []
    var base = 0

    /// The buffer whose root is `table`.
    /// `sizePrefixed`: preceded by the buffer's byte count as a `u32` (FlatGeobuf's features),
    /// the offsets staying relative to the buffer.
    static func build(_ table: FlatBufferValue, sizePrefixed: Bool = false) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(256)
        build(table, sizePrefixed: sizePrefixed, appendingTo: &out)
        return out
    }

    /// Appends the buffer whose root is `table` to `out`: the same bytes ``build(_:sizePrefixed:)``
    /// returns (alignment is relative to the buffer's own start), without a buffer of its own.
    static func build(_ table: FlatBufferValue, sizePrefixed: Bool, appendingTo out: inout [UInt8]) {
        appendBuffer(to: &out, sizePrefixed: sizePrefixed) { $0.write(table) }
    }

    /// Writes `value` and returns its position.
    private mutating func write(_ value: FlatBufferValue) -> Int {
        switch value {
        case .table(let fields):
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: fields.count) { offsets in
                writeTable(fields, offsets: offsets)
            }
        case .string(let s):
            pad(to: 4)
            let at = bytes.count
            appendLE(&bytes, UInt32(s.utf8.count))
            bytes.append(contentsOf: s.utf8)
            bytes.append(0)
            return at
        case .coordinateRuns(let runs):
            let at = beginVector(count: 2 * runs.reduce(0) { $0 + $1.count }, alignment: 8)
            for r in runs { r.withUnsafeBytes { bytes.append(contentsOf: $0) } }
            return at
        case .bytes(let b):
            return writeVector(b, count: b.count, alignment: 1)
        case .doubles(let d):
            #if _endian(little)
            return d.withUnsafeBytes { writeVector($0, count: d.count, alignment: 8) }
            #else
            var raw: [UInt8] = []
            raw.reserveCapacity(d.count * 8)
            for v in d { appendLE(&raw, v) }
            return writeVector(raw, count: d.count, alignment: 8)
            #endif
        case .uint32s(let u):
            #if _endian(little)
            return u.withUnsafeBytes { writeVector($0, count: u.count, alignment: 4) }
            #else
            var raw: [UInt8] = []
            for v in u { appendLE(&raw, v) }
            return writeVector(raw, count: u.count, alignment: 4)
            #endif
        case .tables(let items):
            pad(to: 4)
            let start = bytes.count
            appendLE(&bytes, UInt32(items.count))
            bytes.append(contentsOf: repeatElement(0, count: 4 * items.count))
            for (i, item) in items.enumerated() { patch(start + 4 + 4 * i, write(item)) }
            return start
        case .uint8, .uint16, .int32, .uint64:
            return bytes.count
        }
    }

    /// Writes a table: its vtable, then its inline fields (at offsets aligned to their sizes, the
    /// larger sizes first, fields of one size in their given order: `offsets` is scratch space
    /// for them), then what its reference fields point to; returns the table's position.
    private mutating func writeTable(_ fields: [(slot: Int, value: FlatBufferValue)],
                                     offsets: UnsafeMutableBufferPointer<Int>) -> Int {
        var slots = 0
        for f in fields { slots = max(slots, f.slot + 1) }
        var cursor = 4
        var size = 8
        while size >= 1 {
            for (i, f) in fields.enumerated() where f.value.inlineSize == size {
                cursor = (cursor + size - 1) / size * size
                offsets[i] = cursor
                cursor += size
            }
            size /= 2
        }
        let tableSize = (cursor + 3) / 4 * 4
        pad(to: 2)
        let vtableSize = 4 + 2 * slots
        // The table must start 8-aligned: pad before the vtable so that it ends there.
        pad(to: 8, plus: vtableSize)
        let vtable = bytes.count
        appendLE(&bytes, UInt16(vtableSize))
        appendLE(&bytes, UInt16(tableSize))
        for slot in 0..<slots {
            // The first field laid out in this slot (slots are unique in practice).
            var offset = 0
            var size = 8
            while size >= 1 && offset == 0 {
                for (i, f) in fields.enumerated() where f.slot == slot && f.value.inlineSize == size {
                    offset = offsets[i]
                    break
                }
                size /= 2
            }
            appendLE(&bytes, UInt16(offset))
        }
        let table = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: tableSize))
        withUnsafeBytes(of: Int32(table - vtable).littleEndian) { for i in 0..<4 { bytes[table + i] = $0[i] } }
        for (i, f) in fields.enumerated() {
            let at = table + offsets[i]
            switch f.value {
            case .uint8(let v): bytes[at] = v
            case .uint16(let v): store(v, at: at)
            case .int32(let v): store(v, at: at)
            case .uint64(let v): store(v, at: at)
            default: break
            }
        }
        for (i, f) in fields.enumerated() where f.value.isReference {
            patch(table + offsets[i], write(f.value))
        }
        return table
    }

    /// A `u32` count then `raw`, the elements aligned to `alignment`; returns the count's position.
    private mutating func writeVector(_ raw: [UInt8], count: Int, alignment: Int) -> Int {
        raw.withUnsafeBytes { writeVector($0, count: count, alignment: alignment) }
    }

    private mutating func writeVector(_ raw: UnsafeRawBufferPointer, count: Int, alignment: Int) -> Int {
        let at = beginVector(count: count, alignment: alignment)
        bytes.append(contentsOf: raw)
        return at
    }
}
