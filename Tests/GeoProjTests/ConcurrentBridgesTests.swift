import GeoCore
import GeoGEOS
import Testing
@testable import GeoProj

/// Many tasks transforming (PROJ) and intersecting (GEOS) at once, each with its own
/// Transformer and GeometryEngine, must give exactly the serial answers.
@Suite struct ConcurrentBridgesTests {
    /// A square block of `side` degrees at a point of a grid over central Korea (EPSG:4326).
    private static func block(_ i: Int, side: Double = 0.05) -> Geometry {
        let x = 126.3 + Double(i % 20) * 0.07, y = 35.0 + Double(i / 20) * 0.1
        return .polygon(Polygon(exterior: [
            Coordinate(x, y), Coordinate(x + side, y), Coordinate(x + side, y + side), Coordinate(x, y + side), Coordinate(x, y),
        ]))
    }

    /// Transforms block `i` to EPSG:5186 and intersects it with its neighbour; returns the area
    /// of the intersection (m²) and the transformed vertices.
    private static func work(_ i: Int, _ transformer: Transformer, _ engine: GeometryEngine) throws -> (Double, [Coordinate]) {
        let a = try transformer.transform(block(i, side: 0.1))
        let b = try transformer.transform(block(i + 1, side: 0.1))
        let area = try engine.area(engine.intersection(a, b))
        var vertices: [Coordinate] = []
        a.forEachCoordinate { vertices.append($0) }
        return (area, vertices)
    }

    @Test func parallelResultsEqualSerialResults() async throws {
        let source = CRS(epsg: 4326), target = CRS(epsg: 5186)
        let count = 200
        let serialTransformer = try Transformer(from: source, to: target)
        let serialEngine = try GeometryEngine()
        let serial = try (0..<count).map { try Self.work($0, serialTransformer, serialEngine) }
        #expect(serial.contains { $0.0 > 0 })

        let tasks = 8
        let parallel = try await withThrowingTaskGroup(of: [(Int, Double, [Coordinate])].self) { group in
            for t in 0..<tasks {
                group.addTask {
                    let transformer = try Transformer(from: source, to: target)
                    let engine = try GeometryEngine()
                    return try stride(from: t, to: count, by: tasks).map { i in
                        let (area, vertices) = try Self.work(i, transformer, engine)
                        return (i, area, vertices)
                    }
                }
            }
            var results = [(Double, [Coordinate])](repeating: (0, []), count: count)
            for try await chunk in group {
                for (i, area, vertices) in chunk { results[i] = (area, vertices) }
            }
            return results
        }
        for i in 0..<count {
            #expect(parallel[i].0 == serial[i].0, "block \(i) area")
            #expect(parallel[i].1 == serial[i].1, "block \(i) vertices")
        }
    }
}
