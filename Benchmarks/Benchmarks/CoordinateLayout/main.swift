// Coordinate layout: a vertex with optional z and m inline (x, y, z?, m?: 48 bytes, the layout
// `Coordinate` had before GeoTwin moved z and m beside the coordinates; `Position` keeps it) against
// the 16-byte 2D `Coordinate`, on every ring of Geodata/korea.gpkg.
//
//   cd Benchmarks && swift run -c release CoordinateLayout [path/to/korea.gpkg] [runs]
//
// Both layouts hold the same numbers; each kernel runs on both, alternating, and the medians are
// printed: memory of the loaded rings, a bounding-box pass (what loading and indexing do), an
// affine screen transform (what the renderer does per vertex) and even-odd point-in-ring over
// random points against every ring (what point location does in its exact step).
import Foundation
import GeoCore
import GeoIO


let args = CommandLine.arguments
let path = args.count > 1 ? args[1] : "../Geodata/korea.gpkg"
let runs = args.count > 2 ? Int(args[2]) ?? 7 : 7

func loadRings(_ path: String) throws -> [[Position]] {
    var out: [[Position]] = []
    func wide(_ r: [Coordinate]) -> [Position] { r.map { Position($0) } }
    func rings(_ g: Geometry) {
        switch g {
        case .polygon(let p): out.append(wide(p.exterior)); out += p.holes.map(wide)
        case .multiPolygon(let mp): for p in mp.polygons { out.append(wide(p.exterior)); out += p.holes.map(wide) }
        case .lineString(let l): out.append(wide(l.coordinates))
        case .geometryCollection(let c): c.geometries.forEach(rings)
        default: break
        }
    }
    let source = try GeoDataSource(path: path)
    for layer in source.featureLayers {
        try source.forEachFeature(layer: layer.name) { f in if let g = f.geometry { rings(g) } }
    }
    return out
}
let wide = try loadRings(path)
let narrow: [[Coordinate]] = wide.map { $0.map(\.coordinate) }
let vertices = wide.reduce(0) { $0 + $1.count }
print("rings \(wide.count), vertices \(vertices)")
print("inline z/m (Position) stride \(MemoryLayout<Position>.stride) B, Coordinate stride \(MemoryLayout<Coordinate>.stride) B")
print(String(format: "vertex memory: %.1f MB (48-byte) vs %.1f MB (16-byte)",
             Double(vertices * MemoryLayout<Position>.stride) / 1e6, Double(vertices * MemoryLayout<Coordinate>.stride) / 1e6))

func time(_ body: () -> Double) -> (Double, Double) {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let r = body()
    return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6, r)
}

@inline(never) func bboxWide(_ rings: [[Position]]) -> Double {
    var minX = Double.infinity, maxY = -Double.infinity
    for r in rings { for c in r { minX = min(minX, c.x); maxY = max(maxY, c.y) } }
    return minX + maxY
}
@inline(never) func bboxNarrow(_ rings: [[Coordinate]]) -> Double {
    var minX = Double.infinity, maxY = -Double.infinity
    for r in rings { for c in r { minX = min(minX, c.x); maxY = max(maxY, c.y) } }
    return minX + maxY
}
@inline(never) func affineWide(_ rings: [[Position]], _ out: inout [Double]) -> Double {
    var i = 0
    for r in rings { for c in r { out[i] = c.x * 0.37 + 12; out[i + 1] = 900 - c.y * 0.37; i += 2 } }
    return out[i - 1]
}
@inline(never) func affineNarrow(_ rings: [[Coordinate]], _ out: inout [Double]) -> Double {
    var i = 0
    for r in rings { for c in r { out[i] = c.x * 0.37 + 12; out[i + 1] = 900 - c.y * 0.37; i += 2 } }
    return out[i - 1]
}
@inline(never) func pipWide(_ rings: [[Position]], _ px: [Double], _ py: [Double]) -> Double {
    var inside = 0
    for r in rings where r.count > 3 {
        for k in px.indices {
            let x = px[k], y = py[k]
            var odd = false
            var j = r.count - 1
            for i in 0..<r.count {
                let a = r[i], b = r[j]
                if (a.y > y) != (b.y > y), x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x { odd.toggle() }
                j = i
            }
            if odd { inside += 1 }
        }
    }
    return Double(inside)
}
@inline(never) func pipNarrow(_ rings: [[Coordinate]], _ px: [Double], _ py: [Double]) -> Double {
    var inside = 0
    for r in rings where r.count > 3 {
        for k in px.indices {
            let x = px[k], y = py[k]
            var odd = false
            var j = r.count - 1
            for i in 0..<r.count {
                let a = r[i], b = r[j]
                if (a.y > y) != (b.y > y), x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x { odd.toggle() }
                j = i
            }
            if odd { inside += 1 }
        }
    }
    return Double(inside)
}

func randomPoints(_ n: Int) -> ([Double], [Double]) {
    var state: UInt64 = 42
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    var xs: [Double] = [], ys: [Double] = []
    for _ in 0..<n { xs.append(124.5 + 6.4 * next()); ys.append(33 + 5.6 * next()) }
    return (xs, ys)
}
let (px, py) = randomPoints(8)
var out = [Double](repeating: 0, count: 2 * vertices)
var results: [String: ([Double], [Double])] = [:]
for _ in 0..<runs {
    for (name, w, n) in [
        ("bbox pass", { bboxWide(wide) }, { bboxNarrow(narrow) }),
        ("affine transform", { affineWide(wide, &out) }, { affineNarrow(narrow, &out) }),
        ("point-in-ring, 8 points x every ring", { pipWide(wide, px, py) }, { pipNarrow(narrow, px, py) }),
    ] as [(String, () -> Double, () -> Double)] {
        let (tw, rw) = time(w)
        let (tn, rn) = time(n)
        precondition(rw == rn, "\(name): layouts disagree")
        results[name, default: ([], [])].0.append(tw)
        results[name, default: ([], [])].1.append(tn)
    }
}
func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
print("| kernel | 48-byte median ms | 16-byte median ms | ratio |")
print("|---|---:|---:|---:|")
for name in ["bbox pass", "affine transform", "point-in-ring, 8 points x every ring"] {
    let (w, n) = results[name]!
    print(String(format: "| %@ | %.2f | %.2f | %.2fx |", name, median(w), median(n), median(w) / median(n)))
}
