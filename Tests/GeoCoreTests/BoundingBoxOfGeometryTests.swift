import Testing
@testable import GeoCore
import GeoBenchSupport

/// `Geometry.boundingBox` against the vertex-by-vertex definition (`expand(toInclude:)` over
/// `forEachCoordinate`), compared bit for bit: NaN coordinates (whole or one axis), signed
/// zeros, empty parts and nested collections.
@Suite struct BoundingBoxOfGeometryTests {
    static func reference(_ g: Geometry) -> BoundingBox {
        var box = BoundingBox.empty
        g.forEachCoordinate { box.expand(toInclude: $0) }
        return box
    }

    static func bits(_ b: BoundingBox) -> [UInt64] {
        [b.minX.bitPattern, b.minY.bitPattern, b.maxX.bitPattern, b.maxY.bitPattern]
    }

    struct Draw {
        var rng: SplitMix64
        mutating func next() -> UInt64 { rng.next() }
        mutating func value() -> Double {
            switch next() % 10 {
            case 0: return .nan
            case 1: return 0.0
            case 2: return -0.0
            case 3: return Double(next() % 5)
            default: return Double(Int64(bitPattern: next() % 2001) - 1000) / 8
            }
        }
        mutating func ring() -> [Coordinate] {
            (0..<Int(next() % 6)).map { _ in Coordinate(x: value(), y: value()) }
        }
        mutating func geometry(depth: Int = 0) -> Geometry {
            switch next() % (depth < 2 ? 7 : 6) {
            case 0: return .point(next() % 4 == 0 ? Point(coordinate: nil) : Point(Coordinate(x: value(), y: value())))
            case 1: return .lineString(LineString(ring()))
            case 2: return .polygon(Polygon(exterior: ring(), holes: (0..<Int(next() % 3)).map { _ in ring() }))
            case 3: return .multiPoint(MultiPoint(coordinates: ring()))
            case 4: return .multiLineString(MultiLineString((0..<Int(next() % 3)).map { _ in LineString(ring()) }))
            case 5: return .multiPolygon(MultiPolygon((0..<Int(next() % 3)).map { _ in Polygon(exterior: ring(), holes: [ring()]) }))
            default: return .geometryCollection(GeometryCollection((0..<Int(next() % 4)).map { _ in geometry(depth: depth + 1) }))
            }
        }
    }

    @Test func sameBitsAsVertexByVertex() {
        var draw = Draw(rng: SplitMix64(seed: 2026))
        for i in 0..<50_000 {
            let g = draw.geometry()
            #expect(Self.bits(g.boundingBox) == Self.bits(Self.reference(g)), "geometry \(i): \(g)")
            if Self.bits(g.boundingBox) != Self.bits(Self.reference(g)) { return }
        }
    }

    /// `isEmpty` and `coordinateCount` are read from the parts' sizes; the oracle visits every vertex.
    @Test func emptinessAndVertexCountAsVertexByVertex() {
        var draw = Draw(rng: SplitMix64(seed: 7))
        var empties = 0
        for i in 0..<50_000 {
            let g = draw.geometry()
            var visited = 0
            g.forEachCoordinate { _ in visited += 1 }
            if visited == 0 { empties += 1 }
            #expect(g.isEmpty == (visited == 0), "geometry \(i): \(g)")
            #expect(g.coordinateCount == visited, "geometry \(i): \(g)")
            if g.isEmpty != (visited == 0) || g.coordinateCount != visited { return }
        }
        // Both answers occur often enough to matter.
        #expect(empties > 1_000 && empties < 49_000)
    }

    @Test func emptyGeometriesHaveTheEmptyBox() {
        #expect(Geometry.polygon(Polygon(exterior: [])).boundingBox == .empty)
        #expect(Geometry.geometryCollection(GeometryCollection([])).boundingBox == .empty)
        #expect(Geometry.point(Point(coordinate: nil)).boundingBox == .empty)
    }
}
