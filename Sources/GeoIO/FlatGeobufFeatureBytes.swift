import GeoCore

extension FlatGeobufWriter {
    /// The fields of a Feature table: its geometry (already promoted to the header's type) and its
    /// properties' bytes (left out when empty).
    static func featureFields(_ geometry: Geometry?, properties: [UInt8], headerType: FlatGeobufGeometryType,
                              hasZ: Bool, hasM: Bool) -> [(slot: Int, value: FlatBufferValue)] {
        var fields: [(slot: Int, value: FlatBufferValue)] = []
        if let g = geometry { fields.append((0, geometryTable(g, headerType: headerType, hasZ: hasZ, hasM: hasM))) }
        if !properties.isEmpty { fields.append((1, .bytes(properties))) }
        return fields
    }

    /// Appends a feature's size-prefixed buffer to `out`: the bytes that
    /// `FlatBufferBuilder.build(.table(featureFields(...)), sizePrefixed: true, appendingTo: &out)`
    /// appends, laid out directly rather than through a tree of ``FlatBufferValue``s (whose
    /// arrays and reference counting were most of the time a feature took to write). It lays
    /// out the two-dimensional geometries of a file whose header names their type; for anything
    /// else (a header type `Unknown`, heights or measures, a geometry collection) it returns
    /// false, having appended nothing, and the caller builds the tree.
    static func appendFeature(_ geometry: Geometry?, properties: [UInt8], headerType: FlatGeobufGeometryType,
                              hasZ: Bool, hasM: Bool, to out: inout [UInt8]) -> Bool {
        #if _endian(big)
        return false
        #else
        guard headerType != .unknown, !hasZ, !hasM else { return false }
        if case .geometryCollection = geometry { return false }
        DirectFeatureWriter.appendBuffer(to: &out, sizePrefixed: true) { $0.feature(geometry, properties: properties) }
        return true
        #endif
    }

    /// Appends the feature of an encoded geometry as ``appendFeature(_:properties:headerType:hasZ:hasM:to:)``
    /// appends that of the geometry it decodes to (made a one-member multi geometry when the
    /// header's type is its multi type): the coordinates copied from the WKB. False, having
    /// appended nothing, where that function would return false.
    static func appendFeature(_ encoded: EncodedGeometry, properties: [UInt8], headerType: FlatGeobufGeometryType,
                              hasZ: Bool, hasM: Bool, to out: inout [UInt8]) -> Bool {
        #if _endian(big)
        return false
        #else
        guard headerType != .unknown, !hasZ, !hasM else { return false }
        DirectFeatureWriter.appendBuffer(to: &out, sizePrefixed: true) {
            $0.feature(encoded, headerType: headerType, properties: properties)
        }
        return true
        #endif
    }
}

/// Writes one size-prefixed Feature buffer the way ``FlatBufferBuilder`` lays it out: each table
/// preceded by its vtable (padded so that the table starts 8-aligned) and followed by what its
/// fields refer to, in field order; vectors' elements aligned to their size; alignment counted
/// from the buffer's start, after the size prefix. Every table here has only reference fields,
/// in increasing slot order, so field `i` sits at offset `4 + 4 i`.
private struct DirectFeatureWriter: FlatBufferWriting {
    var bytes: [UInt8] = []
    var base = 0

    /// Writes the Feature table and returns its position.
    mutating func feature(_ geometry: Geometry?, properties: [UInt8]) -> Int {
        feature(hasGeometry: geometry != nil, properties: properties) { $0.geometry(geometry!) }
    }

    /// Writes the Feature table of an encoded geometry and returns its position.
    mutating func feature(_ encoded: EncodedGeometry, headerType: FlatGeobufGeometryType, properties: [UInt8]) -> Int {
        feature(hasGeometry: true, properties: properties) { $0.geometry(encoded, headerType: headerType) }
    }

    private mutating func feature(hasGeometry: Bool, properties: [UInt8], geometry: (inout Self) -> Int) -> Int {
        let hasProperties = !properties.isEmpty
        let fieldCount = (hasGeometry ? 1 : 0) + (hasProperties ? 1 : 0)
        let slots = hasProperties ? 2 : (hasGeometry ? 1 : 0)
        let table = beginTable(slots: slots, fieldCount: fieldCount) { slot in
            slot == 0 ? hasGeometry : hasProperties
        }
        var field = 0
        if hasGeometry {
            patch(table + 4, geometry(&self))
            field += 1
        }
        if hasProperties {
            let at = beginVector(count: properties.count, alignment: 1)
            bytes.append(contentsOf: properties)
            patch(table + 4 + 4 * field, at)
        }
        return table
    }

    /// Writes the Geometry table of `g` (two-dimensional, not a collection) and returns its position.
    private mutating func geometry(_ g: Geometry) -> Int {
        switch g {
        case .point(let p):
            if let c = p.coordinate { return runs(1, ends: false) { [c].withUnsafeBytes($0) } }
            return runs(0, ends: false) { _ in }
        case .multiPoint(let mp):
            let coordinates = mp.points.compactMap(\.coordinate)
            return runs(1, ends: false) { coordinates.withUnsafeBytes($0) }
        case .lineString(let l):
            return runs(1, ends: false) { l.coordinates.withUnsafeBytes($0) }
        case .multiLineString(let ml):
            return runs(ml.lineStrings.count, ends: true) { each in for l in ml.lineStrings { l.coordinates.withUnsafeBytes(each) } }
        case .polygon(let p):
            return polygon(p)
        case .multiPolygon(let mp):
            let (table, parts) = beginMultiPolygon(count: mp.polygons.count)
            for (i, p) in mp.polygons.enumerated() { patch(parts + 4 + 4 * i, polygon(p)) }
            return table
        case .geometryCollection:
            preconditionFailure("collections are laid out through FlatBufferValue")
        }
    }

    private mutating func polygon(_ p: Polygon) -> Int {
        // Its rings: none when it has no coordinates at all, else the exterior then the holes.
        if p.exterior.isEmpty && p.holes.isEmpty { return runs(0, ends: true) { _ in } }
        return runs(1 + p.holes.count, ends: true) { each in
            p.exterior.withUnsafeBytes(each)
            for h in p.holes { h.withUnsafeBytes(each) }
        }
    }

    /// Lays out an encoded geometry as ``geometry(_:)`` lays out the geometry it decodes to, made
    /// a one-member multi geometry when the header's type is its multi type.
    private mutating func geometry(_ e: EncodedGeometry, headerType: FlatGeobufGeometryType) -> Int {
        e.withParts { parts in
            switch e.kind {
            case .lineString:
                // As one member of a MultiLineString: one run, so still no ends.
                return runs(1, ends: headerType == .multiLineString) { parts.forEachRun(ofPartAt: 5, $0) }
            case .multiLineString:
                return runs(parts.count, ends: true) { each in parts.forEach { parts.forEachRun(ofPartAt: $0, each) } }
            case .polygon where headerType != .multiPolygon:
                return polygon(parts, at: 5)
            default:
                let (table, vector) = beginMultiPolygon(count: parts.count)
                var i = 0
                parts.forEach { p in
                    patch(vector + 4 + 4 * i, polygon(parts, at: p))
                    i += 1
                }
                return table
            }
        }
    }

    /// Writes a MultiPolygon's Geometry table, whose one field, `parts` (slot 7), is a vector of
    /// `count` Polygon tables: the vector's slots are left zero for the tables written next.
    /// Returns the table's position and the vector's.
    private mutating func beginMultiPolygon(count: Int) -> (table: Int, parts: Int) {
        let table = beginTable(slots: 8, fieldCount: 1) { $0 == 7 }
        let vector = beginVector(count: count, alignment: 4)
        bytes.append(contentsOf: repeatElement(0, count: 4 * count))
        patch(table + 4, vector)
        return (table, vector)
    }

    /// An encoded polygon's rings (it has at least one).
    private mutating func polygon(_ parts: EncodedGeometry.Parts, at p: Int) -> Int {
        runs(parts.runCount(ofPartAt: p), ends: true) { parts.forEachRun(ofPartAt: p, $0) }
    }

    /// Writes a Geometry table of `count` runs of coordinates, which `forEach` hands over in
    /// order, each as its x, y pairs' bytes (little-endian: this layout is used on little-endian
    /// machines only): `ends` (slot 0, the running point count at each run's end) when `ends` is
    /// set and there is more than one run, then `xy` (slot 1) when there is a coordinate.
    private mutating func runs(_ count: Int, ends: Bool,
                               _ forEach: (((UnsafeRawBufferPointer) -> Void)) -> Void) -> Int {
        var points = 0
        forEach { points += $0.count / 16 }
        let hasEnds = ends && count > 1, hasXY = points > 0
        let slots = hasXY ? 2 : (hasEnds ? 1 : 0)
        let table = beginTable(slots: slots, fieldCount: (hasEnds ? 1 : 0) + (hasXY ? 1 : 0)) { slot in
            slot == 0 ? hasEnds : hasXY
        }
        var field = 0
        if hasEnds {
            let at = beginVector(count: count, alignment: 4)
            var written: UInt32 = 0
            forEach { run in
                written += UInt32(run.count / 16)
                appendLE(&bytes, written)
            }
            patch(table + 4, at)
            field += 1
        }
        if hasXY {
            let at = beginVector(count: 2 * points, alignment: 8)
            forEach { run in bytes.append(contentsOf: run) }
            patch(table + 4 + 4 * field, at)
        }
        return table
    }

    /// Writes the vtable of a table of `fieldCount` reference fields in `slots` slots (`present`
    /// tells which hold one) and the table's own bytes, zero but for the offset back to its
    /// vtable; returns the table's position.
    private mutating func beginTable(slots: Int, fieldCount: Int, present: (Int) -> Bool) -> Int {
        let tableSize = 4 + 4 * fieldCount
        let vtableSize = 4 + 2 * slots
        pad(to: 2)
        pad(to: 8, plus: vtableSize)
        let vtable = bytes.count
        appendLE(&bytes, UInt16(vtableSize))
        appendLE(&bytes, UInt16(tableSize))
        var next = 4
        for slot in 0..<slots {
            if present(slot) {
                appendLE(&bytes, UInt16(next))
                next += 4
            } else {
                appendLE(&bytes, UInt16(0))
            }
        }
        let table = bytes.count
        appendLE(&bytes, Int32(table - vtable))
        bytes.append(contentsOf: repeatElement(0, count: tableSize - 4))
        return table
    }
}
