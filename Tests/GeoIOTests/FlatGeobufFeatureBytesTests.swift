import GeoBenchSupport
import GeoCore
import Testing
@testable import GeoIO

/// A feature laid out directly (``FlatGeobufWriter/appendFeature(_:properties:headerType:hasZ:hasM:to:)``)
/// has the bytes the general FlatBuffers builder gives for the same fields, appended after
/// anything already in the buffer; what it does not lay out it leaves to the builder.
@Suite struct FlatGeobufFeatureBytesTests {
    /// The builder's bytes and the direct ones, each appended after `prefix`.
    static func both(_ g: Geometry?, properties: [UInt8], headerType: FlatGeobufGeometryType,
                     prefix: [UInt8]) -> (built: [UInt8], direct: [UInt8]?) {
        var built = prefix
        let fields = FlatGeobufWriter.featureFields(g, properties: properties, headerType: headerType, hasZ: false, hasM: false)
        FlatBufferBuilder.build(.table(fields), sizePrefixed: true, appendingTo: &built)
        var direct = prefix
        let laidOut = FlatGeobufWriter.appendFeature(g, properties: properties, headerType: headerType,
                                                     hasZ: false, hasM: false, to: &direct)
        return (built, laidOut ? direct : nil)
    }

    static func ring(_ random: inout SplitMix64, points: Int) -> [Coordinate] {
        var r = (0..<points).map { _ in Coordinate(random.nextUnit() * 100, random.nextUnit() * 100) }
        if let first = r.first { r.append(first) }
        return r
    }

    /// Geometries of every kind the direct layout takes, with empty parts, holes and one-part
    /// multi geometries, from a seeded generator.
    static func geometries() -> [(Geometry, FlatGeobufGeometryType)] {
        var random = SplitMix64(seed: 7)
        var out: [(Geometry, FlatGeobufGeometryType)] = [
            (.point(Point(Coordinate(126.9, 37.5))), .point),
            (.point(.empty), .point),
            (.multiPoint(MultiPoint([])), .multiPoint),
            (.multiPoint(MultiPoint([Point(Coordinate(1, 2)), .empty, Point(Coordinate(3, 4))])), .multiPoint),
            (.lineString(LineString([])), .lineString),
            (.lineString(LineString([Coordinate(0, 0), Coordinate(1, 1)])), .lineString),
            (.multiLineString(MultiLineString([])), .multiLineString),
            (.multiLineString(MultiLineString([LineString([]), LineString([])])), .multiLineString),
            (.multiLineString(MultiLineString([LineString([Coordinate(0, 0), Coordinate(2, 1)])])), .multiLineString),
            (.polygon(Polygon(exterior: [])), .polygon),
            (.polygon(Polygon(exterior: [], holes: [ring(&random, points: 3)])), .polygon),
            (.multiPolygon(MultiPolygon([])), .multiPolygon),
            (.multiPolygon(MultiPolygon([Polygon(exterior: [])])), .multiPolygon),
        ]
        for n in [1, 2, 3, 7, 40, 301] {
            out.append((.lineString(LineString(ring(&random, points: n))), .lineString))
            out.append((.multiLineString(MultiLineString((0..<(n % 4 + 1)).map { _ in LineString(ring(&random, points: n)) })), .multiLineString))
            out.append((.polygon(Polygon(exterior: ring(&random, points: n + 2))), .polygon))
            out.append((.polygon(Polygon(exterior: ring(&random, points: n + 2),
                                         holes: (0..<(n % 3 + 1)).map { _ in ring(&random, points: 3 + n % 5) })), .polygon))
            let parts = (0..<(n % 5 + 1)).map { i in
                Polygon(exterior: ring(&random, points: n + 3), holes: i % 2 == 0 ? [] : [ring(&random, points: 4)])
            }
            out.append((.multiPolygon(MultiPolygon(parts)), .multiPolygon))
            out.append((.multiPoint(MultiPoint(ring(&random, points: n).map { Point($0) })), .multiPoint))
        }
        return out
    }

    @Test func directLayoutHasTheBuildersBytes() {
        let propertySets: [[UInt8]] = [[], [0, 0, 1], Array(0..<37)]
        var compared = 0
        for (g, type) in Self.geometries() {
            for properties in propertySets {
                // Every alignment of the buffer's start within the block.
                for prefixLength in 0..<9 {
                    let prefix = [UInt8](repeating: 0xAB, count: prefixLength)
                    let (built, direct) = Self.both(g, properties: properties, headerType: type, prefix: prefix)
                    #expect(direct == built, "\(g.kind) with \(properties.count) property bytes after \(prefixLength) bytes")
                    compared += 1
                }
            }
        }
        // A feature without a geometry.
        for properties in propertySets {
            let (built, direct) = Self.both(nil, properties: properties, headerType: .polygon, prefix: [1, 2, 3])
            #expect(direct == built)
        }
        #expect(compared > 500)
    }

    @Test func leavesToTheBuilderWhatItDoesNotLayOut() {
        let point = Geometry.point(Point(Coordinate(1, 2)))
        var out: [UInt8] = [9]
        #expect(!FlatGeobufWriter.appendFeature(point, properties: [], headerType: .unknown, hasZ: false, hasM: false, to: &out))
        #expect(!FlatGeobufWriter.appendFeature(point, properties: [], headerType: .point, hasZ: true, hasM: false, to: &out))
        #expect(!FlatGeobufWriter.appendFeature(point, properties: [], headerType: .point, hasZ: false, hasM: true, to: &out))
        #expect(!FlatGeobufWriter.appendFeature(.geometryCollection(GeometryCollection([point])), properties: [],
                                                headerType: .geometryCollection, hasZ: false, hasM: false, to: &out))
        #expect(out == [9])
    }
}
