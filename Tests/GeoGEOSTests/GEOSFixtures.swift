import Foundation
import GeoCore
@testable import GeoGEOS

/// The oracle values of Fixtures/geos_fixtures.json (shapely; see generate_geos_fixtures.py).
struct GEOSFixtures: Decodable {
    struct Single: Decodable {
        let name: String
        let area: Double
        let length: Double
        let isValid: Bool
        let reason: String?
        let location: [Double]?
        let convexHull: String
        let centroid: [Double]?
        let pointOnSurface: [Double]?
        let makeValid: String?
        let makeValidArea: Double?
        let makeValidStructure: String?
        let makeValidStructureArea: Double?
    }

    struct PredicateRow: Decodable {
        let a: String
        let b: String
        let relate: String
        let intersects, contains, within, covers, coveredBy, touches, crosses, overlaps, disjoint, equals, containsProperly: Bool
        let distance: Double
    }

    struct OverlayResult: Decodable {
        let wkt: String
        let area: Double
        let length: Double
    }

    struct OverlayRow: Decodable {
        let a: String
        let b: String
        let intersection, union, difference, symmetricDifference: OverlayResult
    }

    struct BufferRow: Decodable {
        let name: String
        let distance: Double
        let quadrantSegments: Int
        let capStyle: String
        let joinStyle: String
        let mitreLimit: Double
        let singleSided: Bool
        let area: Double
        let wkt: String
    }

    struct SimplifyRow: Decodable {
        let name: String
        let wkt: String
        let tolerance: Double
        let preserveTopology: Bool
        let result: String
        let area: Double
        let length: Double
    }

    struct Dissolve: Decodable {
        let names: [String]
        let wkt: String
        let area: Double
    }

    let geometries: [String: String]
    let singles: [Single]
    let predicates: [PredicateRow]
    let overlays: [OverlayRow]
    let buffers: [BufferRow]
    let simplify: [SimplifyRow]
    let dissolve: Dissolve

    private static let cached = Result<GEOSFixtures, any Error> {
        guard let url = Bundle.module.url(forResource: "geos_fixtures", withExtension: "json", subdirectory: "Fixtures") else {
            throw GEOSError(operation: "fixture", message: "Fixtures/geos_fixtures.json is not in the test bundle")
        }
        return try JSONDecoder().decode(GEOSFixtures.self, from: Data(contentsOf: url))
    }

    /// The fixtures, decoded once for the whole test run.
    static func load() throws -> GEOSFixtures { try cached.get() }

    /// The named input geometry parsed with GEOS's WKT reader.
    func geometry(_ name: String, engine: GeometryEngine) throws -> Geometry {
        guard let wkt = geometries[name] else { throw GEOSError(operation: "fixture", message: "no geometry named \(name)") }
        return try engine.geometry(wkt: wkt)
    }
}

/// True when `a` and `b` differ by at most `tolerance` relative to their size (absolute near 0).
func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
