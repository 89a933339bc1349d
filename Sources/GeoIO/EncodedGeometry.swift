import GeoCore

/// A geometry kept in its WKB encoding, as a GeoPackage row holds it, for writers that lay out
/// coordinates as WKB does (FlatGeobuf and Shapefile store x, y pairs the same way, a GeoPackage
/// the WKB itself): they copy the coordinates from here instead of building a `Geometry` and
/// taking it apart again.
///
/// Only the plainest WKB is kept this way: little-endian throughout, two-dimensional, ISO type
/// codes, a line string, polygon, multi line string or multi polygon with every part present (a
/// line of two or more positions, a polygon of one or more rings, each closed and of four or
/// more positions), every coordinate finite and nothing after the geometry. Such bytes decode
/// (`WKB.decode(_:)`) to a geometry and encode back (``WKB/encode(_:byteOrder:flavor:)``) to
/// the same bytes. Anything else, valid or not, is left to `WKB.decode(_:)`.
public struct EncodedGeometry: Hashable, Sendable {
    /// The bytes as they came: the WKB, after `wkbOffset` bytes of what held it (a GeoPackage
    /// geometry's header), kept so that a writer of the same container can reuse them whole.
    let storage: [UInt8]
    /// Where the WKB starts in ``storage``.
    let wkbOffset: Int
    /// The geometry's kind.
    public let kind: Geometry.Kind
    /// The bounding box of its coordinates (that of the decoded ``geometry``).
    public let boundingBox: BoundingBox
    /// The number of positions.
    public let positionCount: Int

    /// The geometry in `bytes`, when they are WKB of the shape above; nil otherwise.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        self.init(bytes, wkbOffset: 0)
    }

    /// The geometry in the WKB of `bytes` after its first `wkbOffset` bytes (a header, kept with
    /// it), when that WKB is of the shape above; nil otherwise.
    init?(_ bytes: UnsafeRawBufferPointer, wkbOffset: Int) {
        var scan = Scan(UnsafeRawBufferPointer(rebasing: bytes[wkbOffset...]))
        guard let kind = scan.geometry(), scan.position == bytes.count - wkbOffset else { return nil }
        self.storage = Array(bytes)
        self.wkbOffset = wkbOffset
        self.kind = kind
        self.boundingBox = BoundingBox(minX: scan.lo.x, minY: scan.lo.y, maxX: scan.hi.x, maxY: scan.hi.y)
        self.positionCount = scan.positions
    }

    /// The WKB (a copy).
    public var wkb: [UInt8] { Array(storage[wkbOffset...]) }

    /// Calls `body` with the WKB's bytes.
    func withWKB<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[wkbOffset...])) }
    }

    /// The geometry decoded.
    public var geometry: Geometry {
        // Checked when made: the decoder accepts every such encoding.
        let decoded = withWKB { raw in Result { () throws(GeoIOError) in try WKB.decode(raw) } }
        do { return try decoded.get() } catch { preconditionFailure("checked WKB failed to decode: \(error)") }
    }

    /// Equal when the WKB is (whatever held it).
    public static func == (a: EncodedGeometry, b: EncodedGeometry) -> Bool {
        a.withWKB { x in b.withWKB { y in x.elementsEqual(y) } }
    }

    public func hash(into hasher: inout Hasher) {
        withWKB { hasher.combine(bytes: $0) }
    }

    /// Whether the geometry is of the polygon kinds (else the line kinds).
    var isPolygonal: Bool { kind == .polygon || kind == .multiPolygon }

    /// Whether the geometry is a multi kind.
    var isMulti: Bool { kind == .multiPolygon || kind == .multiLineString }

    /// Calls `body` with the WKB's bytes and where each part starts in them (see
    /// ``EncodedGeometry/Parts``).
    func withParts<R>(_ body: (Parts) -> R) -> R {
        withWKB { raw in body(Parts(raw: raw, polygonal: isPolygonal, multi: isMulti)) }
    }

    /// The parts of a geometry: its polygons (each a ring count, then rings) or its lines (each
    /// one run of positions); each run a count, then little-endian x, y pairs.
    struct Parts {
        let raw: UnsafeRawBufferPointer
        let polygonal: Bool
        let multi: Bool

        /// The number of parts.
        var count: Int { multi ? count(at: 5) : 1 }

        /// Calls `body` with the offset of each part's body (its ring or position count).
        func forEach(_ body: (Int) -> Void) {
            guard multi else { return body(5) }
            var p = 9
            for _ in 0..<count(at: 5) {
                body(p + 5)
                p = end(ofPartAt: p + 5)
            }
        }

        /// The number of runs of the part at `offset`: a polygon's rings, a line's one.
        func runCount(ofPartAt offset: Int) -> Int { polygonal ? count(at: offset) : 1 }

        /// Calls `body` with the x, y pairs of each run of the part at `offset`.
        func forEachRun(ofPartAt offset: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
            guard polygonal else { return body(run(at: offset)) }
            var p = offset + 4
            for _ in 0..<count(at: offset) {
                let r = run(at: p)
                body(r)
                p += 4 + r.count
            }
        }

        private func run(at offset: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: raw[(offset + 4)..<(offset + 4 + 16 * count(at: offset))])
        }

        private func end(ofPartAt offset: Int) -> Int {
            guard polygonal else { return offset + 4 + 16 * count(at: offset) }
            var p = offset + 4
            for _ in 0..<count(at: offset) { p += 4 + 16 * count(at: p) }
            return p
        }

        private func count(at offset: Int) -> Int {
            Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
    }

    /// A check of the bytes' shape, summing up positions and bounds on the way.
    private struct Scan {
        let bytes: UnsafeRawBufferPointer
        var position = 0
        var positions = 0
        /// Running bounds, two lanes at a time, a lane replaced only where the new value is
        /// strictly beyond it (as ``Geometry/boundingBox`` takes them).
        var lo = SIMD2<Double>(repeating: .infinity)
        var hi = SIMD2<Double>(repeating: -.infinity)

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        private var remaining: Int { bytes.count - position }

        /// A little-endian header of one of the four plain codes (`expected` when given).
        private mutating func header(_ expected: UInt32? = nil) -> UInt32? {
            guard remaining >= 5, bytes[position] == 1 else { return nil }
            let code = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position + 1, as: UInt32.self))
            guard code == 2 || code == 3 || code == 5 || code == 6, expected == nil || code == expected else { return nil }
            position += 5
            return code
        }

        private mutating func count() -> Int? {
            guard remaining >= 4 else { return nil }
            let n = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            position += 4
            return n
        }

        /// A run of at least `minimum` finite positions, closed when `closed`.
        private mutating func run(minimum: Int, closed: Bool) -> Bool {
            guard let n = count(), n >= minimum, n <= remaining / 16 else { return false }
            var lo = self.lo, hi = self.hi
            // x * 0 is 0 for a finite x and NaN for an infinity or a NaN: one sum tells.
            var zero = SIMD2<Double>(repeating: 0)
            #if _endian(little)
            let base = bytes.baseAddress.unsafelyUnwrapped + position
            for i in 0..<n {
                let v = (base + 16 * i).loadUnaligned(as: SIMD2<Double>.self)
                zero += v * 0
                lo.replace(with: v, where: v .< lo)
                hi.replace(with: v, where: v .> hi)
            }
            #else
            for i in 0..<n {
                let at = position + 16 * i
                let v = SIMD2(Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))),
                              Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))))
                zero += v * 0
                lo.replace(with: v, where: v .< lo)
                hi.replace(with: v, where: v .> hi)
            }
            #endif
            guard zero == .zero else { return false }
            if closed {
                let last = position + 16 * (n - 1)
                for k in 0..<2 {
                    let first = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position + 8 * k, as: UInt64.self)))
                    let end = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: last + 8 * k, as: UInt64.self)))
                    guard first == end else { return false }
                }
            }
            self.lo = lo
            self.hi = hi
            positions += n
            position += 16 * n
            return true
        }

        private mutating func polygon() -> Bool {
            guard let rings = count(), rings >= 1, rings <= remaining / 4 else { return false }
            for _ in 0..<rings where !run(minimum: 4, closed: true) { return false }
            return true
        }

        private mutating func part(polygonal: Bool) -> Bool {
            polygonal ? polygon() : run(minimum: 2, closed: false)
        }

        /// The kind of the geometry, nil when the bytes are not of the plain shape.
        mutating func geometry() -> Geometry.Kind? {
            guard let code = header() else { return nil }
            switch code {
            case 2: return run(minimum: 2, closed: false) ? .lineString : nil
            case 3: return polygon() ? .polygon : nil
            default:
                let polygonal = code == 6
                guard let n = count(), n >= 1, n <= remaining / 9 else { return nil }
                for _ in 0..<n {
                    guard header(polygonal ? 3 : 2) != nil, part(polygonal: polygonal) else { return nil }
                }
                return polygonal ? .multiPolygon : .multiLineString
            }
        }
    }
}
