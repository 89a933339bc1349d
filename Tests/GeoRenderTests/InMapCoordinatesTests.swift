import Foundation
import GeoCore
import Testing
@testable import GeoRender

/// Layers whose features are already in map coordinates, and inset extents.
@Suite struct InMapCoordinatesTests {
    static func square(_ lon: Double, _ lat: Double, _ d: Double) -> [Coordinate] {
        [Coordinate(lon, lat), Coordinate(lon + d, lat), Coordinate(lon + d, lat + d), Coordinate(lon, lat + d), Coordinate(lon, lat)]
    }

    @Test func projectedFeaturesAreDrawnWhereTheirSourceIs() throws {
        let projection = try CRSProjection(fromEPSG: 4326, toEPSG: 5179)
        let ring = Self.square(127.0, 37.0, 0.01)
        let metric = ring.map { c -> Coordinate in
            let p = projection.project(x: c.x, y: c.y)
            return Coordinate(p.x, p.y)
        }
        let frame = Self.square(126.9, 36.9, 0.2)
        let geo = Layer(id: "geo", features: FeatureCollection([Feature(geometry: .polygon(Polygon(exterior: ring)), properties: [:]),
                                                                Feature(geometry: .polygon(Polygon(exterior: frame)), properties: [:])]))
        let pre = Layer(id: "pre", features: FeatureCollection([Feature(geometry: .polygon(Polygon(exterior: metric)), properties: [:])]),
                        inMapCoordinates: true)
        let svg = try MapRenderer.renderSVG(Map(width: 500, projection: projection, layers: [geo, pre])).svg
        let doc = SVGStructure(svg)
        let drawn = try #require(doc.children(of: "geo").first { $0.name == "path" }?.attributes["d"])
        let again = try #require(doc.children(of: "pre").first { $0.name == "path" }?.attributes["d"])
        #expect(drawn == again)
        // Without the flag the metres go through the projection as if they were degrees.
        let wrong = Layer(id: "pre", features: pre.features)
        let other = try? MapRenderer.renderSVG(Map(width: 500, projection: projection, layers: [geo, wrong])).svg
        #expect(other.map { SVGStructure($0).children(of: "pre").first { $0.name == "path" }?.attributes["d"] } != .some(drawn))
    }

    @Test func insetExtentOfMatchingFeatures() throws {
        let features = FeatureCollection([
            Feature(geometry: .polygon(Polygon(exterior: Self.square(0, 0, 10))), properties: ["code": .string("a")]),
            Feature(geometry: .polygon(Polygon(exterior: Self.square(20, 5, 5))), properties: ["code": .string("a")]),
            Feature(geometry: .polygon(Polygon(exterior: Self.square(100, 100, 1))), properties: ["code": .string("b")]),
            Feature(geometry: nil, properties: ["code": .string("a")]),
        ])
        let planar = PlanarProjection()
        let a = try #require(Inset.extent(of: features, projection: planar, padding: 2) { $0.properties["code"]?.stringValue == "a" })
        #expect(a == BoundingBox(minX: -2, minY: -2, maxX: 27, maxY: 12))
        let b = try #require(Inset.extent(of: features, projection: planar) { $0.properties["code"]?.stringValue == "b" })
        #expect(b == BoundingBox(minX: 100, minY: 100, maxX: 101, maxY: 101))
        #expect(Inset.extent(of: features, projection: planar) { $0.properties["code"]?.stringValue == "c" } == nil)
        // Projected: the corners go through the projection.
        let projection = try CRSProjection(fromEPSG: 4326, toEPSG: 5179)
        let geo = FeatureCollection([Feature(geometry: .polygon(Polygon(exterior: Self.square(127, 37, 0.1))), properties: [:])])
        let box = try #require(Inset.extent(of: geo, projection: projection) { _ in true })
        let sw = projection.project(x: 127, y: 37), ne = projection.project(x: 127.1, y: 37.1)
        #expect(box.contains(Coordinate(sw.x, sw.y)) && box.contains(Coordinate(ne.x, ne.y)))
        #expect(box.width > 8_000 && box.width < 10_000)
    }
}
