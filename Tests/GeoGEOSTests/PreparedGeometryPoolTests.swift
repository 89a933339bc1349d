import GeoCore
import Testing
@testable import GeoGEOS

@Suite struct PreparedGeometryPoolTests {
    /// A grid of `n x n` points over [-5, 15]^2.
    private static func grid(_ n: Int) -> [Geometry] {
        (0..<n * n).map { i in .point(Point(x: -5 + 20 * Double(i % n) / Double(n), y: -5 + 20 * Double(i / n) / Double(n))) }
    }

    @Test func manyTasksGetTheSerialAnswers() async throws {
        let engine = try GeometryEngine()
        let shape = try engine.geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 3 7, 7 7, 7 3, 3 3))")
        let points = Self.grid(40)
        let serial = try PreparedGeometry(shape, engine: engine)
        let expected = try points.map { try serial.contains($0) }

        let pool = try PreparedGeometryPool(shape)
        let chunks = stride(from: 0, to: points.count, by: 100).map { Array(points[$0..<min($0 + 100, points.count)]) }
        let results = try await withThrowingTaskGroup(of: (Int, [Bool]).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    (index, try pool.withPrepared { p throws(GEOSError) in
                        var answers: [Bool] = []
                        for point in chunk { answers.append(try p.contains(point)) }
                        return answers
                    })
                }
            }
            var byChunk = [[Bool]](repeating: [], count: chunks.count)
            for try await (index, answers) in group { byChunk[index] = answers }
            return byChunk.flatMap { $0 }
        }
        #expect(results == expected)
        #expect(pool.idleCount >= 1 && pool.idleCount <= chunks.count)
    }

    @Test func anInvalidGeometryFailsAtCreation() {
        let open = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1)]))
        #expect(throws: GEOSError.self) { _ = try PreparedGeometryPool(open) }
    }
}
