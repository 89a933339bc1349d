import Foundation
import GeoCore
@testable import GeoRender

/// Small synthetic layers built in code for the renderer tests.
enum TestLayers {
    /// A `columns` x `rows` grid of districts over [0, 100*columns] x [0, 100*rows] (metres),
    /// with jagged shared borders (a deterministic zig-zag on every internal edge, the same
    /// vertices on both sides) and properties `code`, `name` (Korean), `pop`.
    static func districts(columns: Int = 5, rows: Int = 4) -> FeatureCollection {
        func wiggle(_ a: Coordinate, _ b: Coordinate, seed: Int) -> [Coordinate] {
            // points strictly between a and b, offset perpendicular by a deterministic amount
            var out: [Coordinate] = []
            let n = 12
            for k in 1..<n {
                let t = Double(k) / Double(n)
                let off = Double(((k * 7 + seed * 13) % 9) - 4) * 0.6
                let dx = b.x - a.x, dy = b.y - a.y
                let len = (dx * dx + dy * dy).squareRoot()
                out.append(Coordinate(a.x + dx * t - dy / len * off, a.y + dy * t + dx / len * off))
            }
            return out
        }
        func edge(_ a: Coordinate, _ b: Coordinate, internalEdge: Bool) -> [Coordinate] {
            guard internalEdge else { return [] }
            // canonical direction so both neighbours get identical vertices
            if (a.x, a.y) < (b.x, b.y) {
                return wiggle(a, b, seed: Int(a.x + 3 * a.y + b.x + 7 * b.y))
            }
            return wiggle(b, a, seed: Int(b.x + 3 * b.y + a.x + 7 * a.y)).reversed()
        }
        let names = ["종로구", "중구", "용산구", "성동구", "광진구", "동대문구", "중랑구", "성북구", "강북구", "도봉구",
                     "노원구", "은평구", "서대문구", "마포구", "양천구", "강서구", "구로구", "금천구", "영등포구", "동작구"]
        var features: [Feature] = []
        for r in 0..<rows {
            for c in 0..<columns {
                let x0 = Double(c) * 100, y0 = Double(r) * 100, x1 = x0 + 100, y1 = y0 + 100
                let corners = [Coordinate(x0, y0), Coordinate(x1, y0), Coordinate(x1, y1), Coordinate(x0, y1)]
                let isInternal = [r > 0, c < columns - 1, r < rows - 1, c > 0]
                var ring: [Coordinate] = []
                for e in 0..<4 {
                    ring.append(corners[e])
                    ring += edge(corners[e], corners[(e + 1) % 4], internalEdge: isInternal[e])
                }
                ring.append(corners[0])
                let index = r * columns + c
                features.append(Feature(
                    id: .int(Int64(index)),
                    geometry: .polygon(Polygon(exterior: ring)),
                    properties: ["code": .string(String(11010 + index * 10)),
                                 "name": .string(names[index % names.count]),
                                 "pop": .int(Int64(10_000 + (index * 7919) % 90_000))]))
            }
        }
        return FeatureCollection(features)
    }

    /// A few point features (stations) inside the districts.
    static func stations() -> FeatureCollection {
        var features: [Feature] = []
        for i in 0..<6 {
            let x: Double = 50 + Double(i) * 70
            let y: Double = 60 + Double(i % 3) * 90
            let riders: Double = Double(100 * (i + 1))
            let properties: [String: PropertyValue] = ["name": .string("역 \(i)"), "riders": .double(riders)]
            features.append(Feature(id: .string("s\(i)"), geometry: .point(Point(x: x, y: y)), properties: properties))
        }
        return FeatureCollection(features)
    }

    /// The contents of a fixture file.
    static func fixture(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }

    /// Number of non-overlapping occurrences of `needle` in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
