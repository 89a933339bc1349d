internal import GeoCore
internal import CGEOS

// GeoCore <-> GEOS conversion through interleaved coordinate buffers
// (`GEOSCoordSeq_copyFromBuffer_r` / `GEOSCoordSeq_copyToBuffer_r`): one copy per ring or line,
// never a call per coordinate. Z is carried (a missing Z is NaN in GEOS); M is dropped, because
// GEOS 3.11 coordinate sequences store X, Y and Z only.

extension GeometryEngine {
    /// A new GEOS geometry (owned by the caller) with the content of `geometry`.
    func makeGEOSGeometry(_ geometry: Geometry) throws(GEOSError) -> OpaquePointer {
        try makeGEOS(geometry, hasZ: geometry.hasZ)
    }

    private func makeGEOS(_ geometry: Geometry, hasZ: Bool) throws(GEOSError) -> OpaquePointer {
        let h = context.handle
        switch geometry {
        case .point(let point):
            return try makePoint(point, hasZ: hasZ)
        case .lineString(let line):
            guard !line.coordinates.isEmpty else {
                return try context.check("convert LineString", GEOSGeom_createEmptyLineString_r(h))
            }
            let seq = try makeSequence(line.coordinates, z: line.z, hasZ: hasZ, "convert LineString")
            return try context.check("convert LineString", GEOSGeom_createLineString_r(h, seq))
        case .polygon(let polygon):
            return try makePolygon(polygon, hasZ: hasZ)
        case .multiPoint(let multi):
            return try makeCollection(GEOS_MULTIPOINT, "convert MultiPoint", count: multi.points.count) { i throws(GEOSError) in
                try makePoint(multi.points[i], hasZ: hasZ)
            }
        case .multiLineString(let multi):
            return try makeCollection(GEOS_MULTILINESTRING, "convert MultiLineString", count: multi.lineStrings.count) { i throws(GEOSError) in
                try makeGEOS(.lineString(multi.lineStrings[i]), hasZ: hasZ)
            }
        case .multiPolygon(let multi):
            return try makeCollection(GEOS_MULTIPOLYGON, "convert MultiPolygon", count: multi.polygons.count) { i throws(GEOSError) in
                try makePolygon(multi.polygons[i], hasZ: hasZ)
            }
        case .geometryCollection(let collection):
            return try makeCollection(GEOS_GEOMETRYCOLLECTION, "convert GeometryCollection", count: collection.geometries.count) { i throws(GEOSError) in
                try makeGEOS(collection.geometries[i], hasZ: hasZ)
            }
        }
    }

    private func makePoint(_ point: Point, hasZ: Bool) throws(GEOSError) -> OpaquePointer {
        let h = context.handle
        guard let c = point.coordinate else {
            return try context.check("convert Point", GEOSGeom_createEmptyPoint_r(h))
        }
        let seq = try makeSequence([c], z: point.z.map { [$0] }, hasZ: hasZ, "convert Point")
        return try context.check("convert Point", GEOSGeom_createPoint_r(h, seq))
    }

    private func makeRing(_ ring: [Coordinate], z: [Double]?, hasZ: Bool) throws(GEOSError) -> OpaquePointer {
        let seq = try makeSequence(ring, z: z, hasZ: hasZ, "convert Polygon ring")
        return try context.check("convert Polygon ring", GEOSGeom_createLinearRing_r(context.handle, seq))
    }

    private func makePolygon(_ polygon: Polygon, hasZ: Bool) throws(GEOSError) -> OpaquePointer {
        let h = context.handle
        if polygon.exterior.isEmpty {
            guard polygon.holes.isEmpty else {
                throw GEOSError(operation: "convert Polygon", message: "a polygon with holes has an empty exterior ring")
            }
            return try context.check("convert Polygon", GEOSGeom_createEmptyPolygon_r(h))
        }
        guard let holeCount = UInt32(exactly: polygon.holes.count) else {
            throw GEOSError(operation: "convert Polygon", message: "\(polygon.holes.count) holes exceed GEOS's limit")
        }
        var rings: [OpaquePointer?] = []
        rings.reserveCapacity(polygon.holes.count + 1)
        do {
            rings.append(try makeRing(polygon.exterior, z: polygon.z?.first, hasZ: hasZ))
            for (i, hole) in polygon.holes.enumerated() { rings.append(try makeRing(hole, z: polygon.z?[i + 1], hasZ: hasZ)) }
        } catch {
            for ring in rings { GEOSGeom_destroy_r(h, ring) }
            throw error
        }
        context.clearError()
        let result = rings.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createPolygon_r(h, buffer[0], buffer.baseAddress.map { $0 + 1 }, holeCount)
        }
        return try context.check("convert Polygon", result)
    }

    private func makeCollection(
        _ type: GEOSGeomTypes, _ operation: String, count: Int,
        _ child: (Int) throws(GEOSError) -> OpaquePointer
    ) throws(GEOSError) -> OpaquePointer {
        let h = context.handle
        guard let n = UInt32(exactly: count) else {
            throw GEOSError(operation: operation, message: "\(count) members exceed GEOS's limit")
        }
        var members: [OpaquePointer?] = []
        members.reserveCapacity(count)
        do {
            for i in 0..<count { members.append(try child(i)) }
        } catch {
            for member in members { GEOSGeom_destroy_r(h, member) }
            throw error
        }
        context.clearError()
        let result = members.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(h, Int32(type.rawValue), buffer.baseAddress, n)
        }
        return try context.check(operation, result)
    }

    /// A GEOS coordinate sequence (owned by the caller) copied from one interleaved buffer.
    private func makeSequence(_ coordinates: [Coordinate], z: [Double]?, hasZ: Bool, _ operation: String) throws(GEOSError) -> OpaquePointer {
        guard let n = UInt32(exactly: coordinates.count) else {
            throw GEOSError(operation: operation, message: "\(coordinates.count) vertices exceed GEOS's limit of \(UInt32.max)")
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(coordinates.count * (hasZ ? 3 : 2))
        if hasZ {
            for (i, c) in coordinates.enumerated() {
                scratch.append(c.x)
                scratch.append(c.y)
                scratch.append(z?[i] ?? .nan)
            }
        } else {
            for c in coordinates {
                scratch.append(c.x)
                scratch.append(c.y)
            }
        }
        context.clearError()
        let h = context.handle
        let seq = scratch.withUnsafeBufferPointer { buffer in
            GEOSCoordSeq_copyFromBuffer_r(h, buffer.baseAddress, n, hasZ ? 1 : 0, 0)
        }
        return try context.check(operation, seq)
    }

    /// The GeoCore value of a GEOS geometry (which stays owned by the caller).
    func makeGeometry(_ g: OpaquePointer) throws(GEOSError) -> Geometry {
        let h = context.handle
        context.clearError()
        let type = GEOSGeomTypeId_r(h, g)
        let hasZ = GEOSHasZ_r(h, g) == 1
        switch type {
        case Int32(GEOS_POINT.rawValue):
            return .point(try readPoint(g, hasZ: hasZ))
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            let (c, z) = try readCoordinates(g, hasZ: hasZ)
            return .lineString(LineString(c, z: z))
        case Int32(GEOS_POLYGON.rawValue):
            return .polygon(try readPolygon(g, hasZ: hasZ))
        case Int32(GEOS_MULTIPOINT.rawValue):
            return .multiPoint(MultiPoint(try readMembers(g) { m throws(GEOSError) in try readPoint(m, hasZ: hasZ) }))
        case Int32(GEOS_MULTILINESTRING.rawValue):
            return .multiLineString(MultiLineString(try readMembers(g) { m throws(GEOSError) in
                let (c, z) = try readCoordinates(m, hasZ: hasZ)
                return LineString(c, z: z)
            }))
        case Int32(GEOS_MULTIPOLYGON.rawValue):
            return .multiPolygon(MultiPolygon(try readMembers(g) { m throws(GEOSError) in try readPolygon(m, hasZ: hasZ) }))
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            return .geometryCollection(GeometryCollection(try readMembers(g) { m throws(GEOSError) in try makeGeometry(m) }))
        default:
            if context.lastError != nil { throw context.failure("read geometry") }
            throw GEOSError(operation: "read geometry", message: "GEOS geometry type \(type) has no GeoCore equivalent")
        }
    }

    private func readPoint(_ g: OpaquePointer, hasZ: Bool) throws(GEOSError) -> Point {
        let (c, z) = try readCoordinates(g, hasZ: hasZ)
        return Point(coordinate: c.first, z: z?.first)
    }

    private func readPolygon(_ g: OpaquePointer, hasZ: Bool) throws(GEOSError) -> Polygon {
        let h = context.handle
        context.clearError()
        if try context.check("read Polygon", predicate: GEOSisEmpty_r(h, g)) { return .empty }
        let shell = try context.check("read Polygon", GEOSGetExteriorRing_r(h, g))
        let (exterior, exteriorZ) = try readCoordinates(shell, hasZ: hasZ)
        let holeCount = GEOSGetNumInteriorRings_r(h, g)
        guard holeCount >= 0 else { throw context.failure("read Polygon") }
        var rings = [exterior]
        var zs = [exteriorZ]
        rings.reserveCapacity(Int(holeCount) + 1)
        for i in 0..<holeCount {
            let ring = try context.check("read Polygon", GEOSGetInteriorRingN_r(h, g, i))
            let (c, z) = try readCoordinates(ring, hasZ: hasZ)
            rings.append(c)
            zs.append(z)
        }
        guard zs.contains(where: { $0 != nil }) else { return Polygon(rings: rings) }
        return Polygon(rings: rings, z: zip(rings, zs).map { $1 ?? [Double](repeating: .nan, count: $0.count) })
    }

    private func readMembers<T>(_ g: OpaquePointer, _ read: (OpaquePointer) throws(GEOSError) -> T) throws(GEOSError) -> [T] {
        let h = context.handle
        context.clearError()
        let count = GEOSGetNumGeometries_r(h, g)
        guard count >= 0 else { throw context.failure("read collection") }
        var members: [T] = []
        members.reserveCapacity(Int(count))
        for i in 0..<count {
            members.append(try read(try context.check("read collection", GEOSGetGeometryN_r(h, g, i))))
        }
        return members
    }

    /// The vertices of a point, line or ring, copied out of GEOS in one buffer, with their
    /// heights when the geometry has any that is a number.
    private func readCoordinates(_ g: OpaquePointer, hasZ: Bool) throws(GEOSError) -> ([Coordinate], [Double]?) {
        let h = context.handle
        context.clearError()
        if try context.check("read coordinates", predicate: GEOSisEmpty_r(h, g)) { return ([], nil) }
        let seq = try context.check("read coordinates", GEOSGeom_getCoordSeq_r(h, g))
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(h, seq, &size) != 0 else { throw context.failure("read coordinates") }
        let count = Int(size)
        let dims = hasZ ? 3 : 2
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(0, count: count * dims))
        let ok = scratch.withUnsafeMutableBufferPointer { buffer in
            GEOSCoordSeq_copyToBuffer_r(h, seq, buffer.baseAddress, hasZ ? 1 : 0, 0)
        }
        guard ok != 0 else { throw context.failure("read coordinates") }
        var result: [Coordinate] = []
        result.reserveCapacity(count)
        if hasZ {
            var z: [Double] = []
            z.reserveCapacity(count)
            for i in 0..<count {
                result.append(Coordinate(x: scratch[3 * i], y: scratch[3 * i + 1]))
                z.append(scratch[3 * i + 2])
            }
            return (result, z.contains { !$0.isNaN } ? z : nil)
        }
        for i in 0..<count {
            result.append(Coordinate(x: scratch[2 * i], y: scratch[2 * i + 1]))
        }
        return (result, nil)
    }
}
