import Foundation
import GeoCore
import GeoProj

/// The oracle values of Fixtures/proj_fixtures.json (pyproj; see generate_proj_fixtures.py).
struct ProjFixtures: Decodable {
    struct TransformRow: Decodable {
        let from: Int
        let to: Int
        let place: String
        let input: [Double]
        let output: [Double]
    }

    struct BoundsRow: Decodable {
        let from: Int
        let to: Int
        let input: [Double]
        let output: [Double]
        let densifyPoints: Int
    }

    struct CRSRow: Decodable {
        let epsg: Int
        let isGeographic: Bool
        let areaOfUse: [Double]
        let semiMajorAxis: Double
        let inverseFlattening: Double
    }

    struct DistanceRow: Decodable {
        let from: String
        let to: String
        let a: [Double]
        let b: [Double]
        let metres: Double
    }

    struct LengthRow: Decodable {
        let name: String
        let coordinates: [[Double]]
        let metres: Double
    }

    struct AreaRow: Decodable {
        let name: String
        let rings: [[[Double]]]
        let squareMetres: Double
    }

    let transforms: [TransformRow]
    let bounds: [BoundsRow]
    let crs: [CRSRow]
    let distances: [DistanceRow]
    let lengths: [LengthRow]
    let areas: [AreaRow]

    private struct Missing: Error {}

    private static let cached = Result<ProjFixtures, any Error> {
        guard let url = Bundle.module.url(forResource: "proj_fixtures", withExtension: "json", subdirectory: "Fixtures") else {
            throw Missing()
        }
        return try JSONDecoder().decode(ProjFixtures.self, from: Data(contentsOf: url))
    }

    /// The fixtures, decoded once for the whole test run.
    static func load() throws -> ProjFixtures { try cached.get() }
}

extension Coordinate {
    /// `[x, y]` from a fixture.
    init(_ pair: [Double]) { self.init(x: pair[0], y: pair[1]) }
}
