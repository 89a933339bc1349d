import GeoCore

/// A recursive-descent reader of (E)WKT over UTF-8 bytes. Keywords are case-insensitive;
/// dimensions come from a `Z`/`M`/`ZM` tag (separate or attached, `POINTZ`), from the enclosing
/// collection's tag, or else from the first position (3 numbers XYZ, 4 numbers XYZM).
struct WKTReader {
    private let p: UnsafePointer<UInt8>
    private let end: Int
    private var i = 0

    init(_ p: UnsafePointer<UInt8>, count: Int) {
        self.p = p
        self.end = count
    }

    /// Dimensions of the positions of one geometry; `nil` fields are not yet known.
    private struct Dimensions {
        var hasZ: Bool?
        var hasM: Bool?
    }

    func location(_ offset: Int) -> GeoIOLocation {
        var line = 1, lineStart = 0
        for k in 0..<min(offset, end) where p[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        return .text(offset: offset, line: line, column: offset - lineStart + 1)
    }

    private var here: GeoIOLocation { location(i) }

    private mutating func skipWhitespace() {
        while i < end, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
    }

    private mutating func peek() -> UInt8? {
        skipWhitespace()
        return i < end ? p[i] : nil
    }

    private mutating func expect(_ c: UInt8) throws(GeoIOError) {
        let what = "'\(Character(Unicode.Scalar(c)))'"
        guard let next = peek() else { throw .unexpectedEnd(expected: what, at: here) }
        guard next == c else { throw .syntax(expected: what, at: here) }
        i += 1
    }

    private static func isLetter(_ c: UInt8) -> Bool { c | 0x20 >= 0x61 && c | 0x20 <= 0x7A }

    /// Reads a run of letters, upper-cased (empty when none).
    private mutating func word() -> String {
        skipWhitespace()
        let start = i
        while i < end, Self.isLetter(p[i]) { i += 1 }
        return String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self).uppercased()
    }

    /// Reads an optional `SRID=n;` prefix, then one geometry, then the end of input.
    mutating func document() throws(GeoIOError) -> (geometry: Geometry, srid: Int32?) {
        var srid: Int32?
        skipWhitespace()
        let save = i
        if word() == "SRID" {
            try expect(UInt8(ascii: "="))
            skipWhitespace()
            let at = here
            guard i < end, let n = DecimalNumber.scan(p, from: i, to: end, json: false), n.isInteger,
                  let value = Int32(exactly: n.integer)
            else { throw .invalidNumber(at: at) }
            i = n.end
            srid = value
            try expect(UInt8(ascii: ";"))
        } else {
            i = save
        }
        let g = try geometry(inherited: Dimensions(), depth: 0)
        if peek() != nil { throw .trailingData(at: here) }
        return (g, srid)
    }

    private static let kinds: [(String, Geometry.Kind)] = [
        ("POINT", .point), ("LINESTRING", .lineString), ("POLYGON", .polygon), ("MULTIPOINT", .multiPoint),
        ("MULTILINESTRING", .multiLineString), ("MULTIPOLYGON", .multiPolygon),
        ("GEOMETRYCOLLECTION", .geometryCollection),
    ]

    private mutating func header(inherited: Dimensions) throws(GeoIOError) -> (Geometry.Kind, Dimensions) {
        skipWhitespace()
        let start = i
        let keyword = word()
        if keyword.isEmpty {
            if i >= end { throw .unexpectedEnd(expected: "a geometry keyword", at: here) }
            throw .syntax(expected: "a geometry keyword", at: here)
        }
        var dims = inherited
        var kind: Geometry.Kind?
        for (name, k) in Self.kinds where keyword.hasPrefix(name) {
            let suffix = keyword.dropFirst(name.count)
            switch suffix {
            case "": dims = inherited
            case "Z": dims = Dimensions(hasZ: true, hasM: false)
            case "M": dims = Dimensions(hasZ: false, hasM: true)
            case "ZM": dims = Dimensions(hasZ: true, hasM: true)
            default: continue
            }
            kind = k
            break
        }
        guard let kind else { throw .unknownGeometryType(keyword, at: location(start)) }
        let save = i
        switch word() {
        case "Z": dims = Dimensions(hasZ: true, hasM: false)
        case "M": dims = Dimensions(hasZ: false, hasM: true)
        case "ZM": dims = Dimensions(hasZ: true, hasM: true)
        default: i = save
        }
        return (kind, dims)
    }

    /// Consumes `EMPTY` if it is the next word.
    private mutating func empty() -> Bool {
        let save = i
        if word() == "EMPTY" { return true }
        i = save
        return false
    }

    private mutating func geometry(inherited: Dimensions, depth: Int) throws(GeoIOError) -> Geometry {
        if depth > WKB.maxNestingDepth { throw .nestingTooDeep(limit: WKB.maxNestingDepth, at: here) }
        var (kind, dims) = try header(inherited: inherited)
        let isEmpty = empty()
        switch kind {
        case .point:
            if isEmpty { return .point(.empty) }
            try expect(UInt8(ascii: "("))
            let c = try position(&dims)
            try expect(UInt8(ascii: ")"))
            return .point(Point(position: c))
        case .lineString:
            return .lineString(LineString(positions: isEmpty ? [] : try positions(&dims, minimum: 2)))
        case .polygon:
            return .polygon(isEmpty ? .empty : try polygon(&dims))
        case .multiPoint:
            if isEmpty { return .multiPoint(MultiPoint([])) }
            let points = try list { (r) throws(GeoIOError) -> Point in
                if r.empty() { return .empty }
                if r.peek() == UInt8(ascii: "(") {
                    r.i += 1
                    let c = try r.position(&dims)
                    try r.expect(UInt8(ascii: ")"))
                    return Point(position: c)
                }
                return Point(position: try r.position(&dims))
            }
            return .multiPoint(MultiPoint(points))
        case .multiLineString:
            if isEmpty { return .multiLineString(MultiLineString([])) }
            let lines = try list { (r) throws(GeoIOError) -> LineString in
                LineString(positions: r.empty() ? [] : try r.positions(&dims, minimum: 2))
            }
            return .multiLineString(MultiLineString(lines))
        case .multiPolygon:
            if isEmpty { return .multiPolygon(MultiPolygon([])) }
            let polygons = try list { (r) throws(GeoIOError) -> Polygon in
                r.empty() ? .empty : try r.polygon(&dims)
            }
            return .multiPolygon(MultiPolygon(polygons))
        case .geometryCollection:
            if isEmpty { return .geometryCollection(GeometryCollection([])) }
            let members = try list { (r) throws(GeoIOError) -> Geometry in
                try r.geometry(inherited: dims, depth: depth + 1)
            }
            return .geometryCollection(GeometryCollection(members))
        }
    }

    /// `( item, item, ... )`.
    private mutating func list<T>(_ item: (inout WKTReader) throws(GeoIOError) -> T) throws(GeoIOError) -> [T] {
        try expect(UInt8(ascii: "("))
        var items: [T] = []
        repeat {
            items.append(try item(&self))
        } while try separator()
        return items
    }

    /// After a list element: `,` (true) or `)` (false).
    private mutating func separator() throws(GeoIOError) -> Bool {
        guard let c = peek() else { throw .unexpectedEnd(expected: "',' or ')'", at: here) }
        guard c == UInt8(ascii: ",") || c == UInt8(ascii: ")") else { throw .syntax(expected: "',' or ')'", at: here) }
        i += 1
        return c == UInt8(ascii: ",")
    }

    private mutating func number() throws(GeoIOError) -> Double {
        skipWhitespace()
        let start = i
        guard i < end else { throw .unexpectedEnd(expected: "a number", at: here) }
        guard let n = DecimalNumber.scan(p, from: i, to: end, json: false) else {
            throw .syntax(expected: "a number", at: here)
        }
        guard n.value.isFinite else {
            // Decimal numbers only (no NaN or inf literals), so this is a number beyond a 64-bit
            // float, as `1e400`.
            let token = String(decoding: UnsafeBufferPointer(start: p + start, count: n.end - start), as: UTF8.self)
            throw .numberOutOfRange("\(token) is beyond the range of a 64-bit float (±1.8e308)", at: location(start))
        }
        i = n.end
        return n.value
    }

    private mutating func position(_ dims: inout Dimensions) throws(GeoIOError) -> Position {
        skipWhitespace()
        let start = i
        var values = (try number(), try number(), 0.0, 0.0)
        var count = 2
        while count < 4, let c = peek(), c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                || (c &- UInt8(ascii: "0")) < 10 {
            if count == 2 { values.2 = try number() } else { values.3 = try number() }
            count += 1
        }
        if dims.hasZ == nil { dims = Dimensions(hasZ: count >= 3, hasM: count == 4) }
        let hasZ = dims.hasZ ?? false, hasM = dims.hasM ?? false
        let expected = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0)
        guard count == expected else { throw .syntax(expected: "\(expected) numbers per position", at: location(start)) }
        var c = Position(x: values.0, y: values.1)
        if hasZ { c.z = values.2 }
        if hasM { c.m = hasZ ? values.3 : values.2 }
        return c
    }

    private mutating func positions(_ dims: inout Dimensions, minimum: Int) throws(GeoIOError) -> [Position] {
        skipWhitespace()
        let start = i
        let coords = try list { (r) throws(GeoIOError) in try r.position(&dims) }
        if coords.count < minimum {
            throw .tooFewPositions(count: coords.count, minimum: minimum, at: location(start))
        }
        return coords
    }

    private mutating func polygon(_ dims: inout Dimensions) throws(GeoIOError) -> Polygon {
        let rings = try list { (r) throws(GeoIOError) -> [Position] in
            r.skipWhitespace()
            let start = r.i
            let ring = try r.positions(&dims, minimum: 4)
            if !ring[0].coordinate.equals2D(ring[ring.count - 1].coordinate) { throw .ringNotClosed(at: r.location(start)) }
            return ring
        }
        return Polygon(positionRings: rings)
    }
}
