#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GeoCore
import GeoGEOS
import GeoIndex

/// The deterministic generator of the modelled twin layers: a street grid over the site
/// footprint, sized to the plan figures, seeded by the pilot's name (FNV-1a of `sejong-5-1` /
/// `busan-edc` into SplitMix64), so every run gives the same twin.
///
/// Rules (all in EPSG:5179 metres):
/// - blocks: squares of 110-130 m (drawn once per site) on a grid with 20 m streets, kept when
///   all four corners lie in the footprint; each block holds 2 x 2 parcels;
/// - buildings: one per parcel, inset 10 m; 15 % non-residential (2-5 floors, no households),
///   the rest residential with floors drawn uniformly from the plan's range; the plan's
///   households are shared out in proportion to floors, residents in proportion to households
///   (largest remainder, so the totals are exact);
/// - roads: the grid's street centrelines clipped to the footprint (GEOS);
/// - mobility hubs: the street intersection nearest to each node of a lattice with the plan's
///   hub spacing (350 m in Sejong's car-free core, 500 m in Busan);
/// - CCTV: 55 % of the street intersections; IoT sensors: 40 per km² along the streets;
/// - one fire station 2.5 km and one police station 1.5 km from the footprint's centre, in a
///   direction drawn from the seed (no station data ships with GeoTwin: replace them with real
///   stations for operational use).
enum PilotCityGenerator {
    static let street = 20.0
    static let nonResidentialShare = 0.15
    static let cctvShare = 0.55
    static let sensorsPerKm2 = 40.0
    static let fireStationDistance = 2_500.0
    static let policeStationDistance = 1_500.0

    /// FNV-1a 64-bit hash of the UTF-8 bytes of `name`.
    static func seed(_ name: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    static func generate(site: PilotSite, plan: PilotCityPlan) throws(PilotCityError) -> [TwinLayerKind: TwinLayer] {
        var rng = PilotCityRandom(seed: seed(plan.id.rawValue))
        let inside = FootprintTest(site.footprint)
        let box = site.footprint.boundingBox
        let side = 110 + 20 * rng.nextUnit()
        let pitch = side + street
        let x0 = box.minX - pitch * rng.nextUnit(), y0 = box.minY - pitch * rng.nextUnit()
        let cols = Int(((box.maxX - x0) / pitch).rounded(.up)), rows = Int(((box.maxY - y0) / pitch).rounded(.up))
        guard cols > 0, rows > 0, cols * rows < 1_000_000 else { throw .geometry("footprint extent unusable for the street grid") }

        var blocks: [Feature] = [], parcels: [Feature] = [], buildings: [Feature] = []
        var floors: [Int] = [], residential: [Bool] = []
        for r in 0..<rows {
            for c in 0..<cols {
                let bx = x0 + Double(c) * pitch + street / 2, by = y0 + Double(r) * pitch + street / 2
                let corners = [(bx, by), (bx + side, by), (bx + side, by + side), (bx, by + side)]
                guard corners.allSatisfy({ inside.contains($0.0, $0.1) }) else { continue }
                let blockID = "B\(r)-\(c)"
                blocks.append(Feature(id: .string(blockID), geometry: square(bx, by, side), properties: ["block": .string(blockID)]))
                let half = side / 2
                for (i, (px, py)) in [(bx, by), (bx + half, by), (bx, by + half), (bx + half, by + half)].enumerated() {
                    let parcelID = "\(blockID)-\(i)"
                    parcels.append(Feature(id: .string(parcelID), geometry: square(px, py, half),
                                           properties: ["parcel": .string(parcelID), "block": .string(blockID)]))
                    let isResidential = rng.nextUnit() >= nonResidentialShare
                    let f = isResidential ? plan.floors.lowerBound + Int(rng.nextUnit() * Double(plan.floors.count))
                        : 2 + Int(rng.nextUnit() * 4)
                    floors.append(f)
                    residential.append(isResidential)
                    buildings.append(Feature(id: .string("H\(parcelID)"), geometry: square(px + 10, py + 10, half - 20),
                                             properties: ["parcel": .string(parcelID), "floors": .int(Int64(f)),
                                                          "use": .string(isResidential ? "residential" : "non-residential")]))
                }
            }
        }
        guard !buildings.isEmpty else { throw .geometry("\(plan.nameEnglish): the footprint holds no block") }
        let households = apportion(plan.households, weights: zip(floors, residential).map { $1 ? Double($0) : 0 })
        let residents = apportion(plan.residents, weights: households.map(Double.init))
        for i in buildings.indices {
            buildings[i].properties["households"] = .int(Int64(households[i]))
            buildings[i].properties["residents"] = .int(Int64(residents[i]))
        }

        var roads: [Feature] = []
        var crossings: [Coordinate] = []
        do {
            let engine = try GeometryEngine()
            let footprint = try engine.handle(site.footprint)
            for c in 0...cols {
                let x = x0 + Double(c) * pitch
                try clip(.lineString(LineString([Coordinate(x, y0), Coordinate(x, y0 + Double(rows) * pitch)])), footprint, engine,
                         id: "X\(c)", into: &roads)
            }
            for r in 0...rows {
                let y = y0 + Double(r) * pitch
                try clip(.lineString(LineString([Coordinate(x0, y), Coordinate(x0 + Double(cols) * pitch, y)])), footprint, engine,
                         id: "Y\(r)", into: &roads)
            }
        } catch { throw .geometry("\(plan.nameEnglish) roads: \(error)") }
        for r in 0...rows {
            for c in 0...cols {
                let x = x0 + Double(c) * pitch, y = y0 + Double(r) * pitch
                if inside.contains(x, y) { crossings.append(Coordinate(x, y)) }
            }
        }
        guard !crossings.isEmpty else { throw .geometry("\(plan.nameEnglish): the footprint holds no street crossing") }

        let hubs = hubSites(crossings, box: box, spacing: plan.hubSpacing, rng: &rng)
        let cameras = crossings.filter { _ in rng.nextUnit() < cctvShare }
        var sensors: [Coordinate] = []
        let sensorCount = Int((sensorsPerKm2 * site.areaKm2).rounded())
        var attempts = 0
        while sensors.count < sensorCount && attempts < sensorCount * 20 {
            attempts += 1
            let base = crossings[min(crossings.count - 1, Int(rng.nextUnit() * Double(crossings.count)))]
            let along = (rng.nextUnit() - 0.5) * pitch
            let p = rng.nextUnit() < 0.5 ? Coordinate(base.x + along, base.y) : Coordinate(base.x, base.y + along)
            if inside.contains(p.x, p.y) { sensors.append(p) }
        }
        let centre = Coordinate((box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2)
        let fireAngle = 2 * Double.pi * rng.nextUnit(), policeAngle = 2 * Double.pi * rng.nextUnit()
        let fire = Coordinate(centre.x + fireStationDistance * cos(fireAngle), centre.y + fireStationDistance * sin(fireAngle))
        let police = Coordinate(centre.x + policeStationDistance * cos(policeAngle), centre.y + policeStationDistance * sin(policeAngle))

        let note = "generated by the GeoTwin twin generator (seed \(plan.id.rawValue)), sized to the plan: not real data"
        func points(_ kind: TwinLayerKind, _ ps: [Coordinate], _ prefix: String) -> TwinLayer {
            TwinLayer(kind: kind, origin: .modelled, features: FeatureCollection(ps.enumerated().map { i, p in
                Feature(id: .string("\(prefix)\(i + 1)"), geometry: .point(Point(p)), properties: ["name": .string("\(prefix)\(i + 1)")])
            }), note: note)
        }
        return [
            .blocks: TwinLayer(kind: .blocks, origin: .modelled, features: FeatureCollection(blocks), note: note),
            .parcels: TwinLayer(kind: .parcels, origin: .modelled, features: FeatureCollection(parcels), note: note),
            .buildings: TwinLayer(kind: .buildings, origin: .modelled, features: FeatureCollection(buildings), note: note),
            .roads: TwinLayer(kind: .roads, origin: .modelled, features: FeatureCollection(roads), note: note),
            .mobilityHubs: points(.mobilityHubs, hubs, "hub-"),
            .cctv: points(.cctv, cameras, "cctv-"),
            .iotSensors: points(.iotSensors, sensors, "iot-"),
            .fireStations: points(.fireStations, [fire], "119-"),
            .policeStations: points(.policeStations, [police], "112-"),
        ]
    }

    /// Shares `total` out in proportion to `weights` (largest remainder, ties by index); all
    /// zero weights give all zeros.
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0, total > 0 else { return [Int](repeating: 0, count: weights.count) }
        let exact = weights.map { Double(total) * $0 / sum }
        var out = exact.map { Int($0.rounded(.down)) }
        let left = total - out.reduce(0, +)
        let order = exact.indices.sorted { (exact[$0] - Double(out[$0]), -$0) > (exact[$1] - Double(out[$1]), -$1) }
        for i in order.prefix(left) { out[i] += 1 }
        return out
    }

    private static func square(_ x: Double, _ y: Double, _ s: Double) -> Geometry {
        .polygon(Polygon(exterior: [Coordinate(x, y), Coordinate(x + s, y), Coordinate(x + s, y + s), Coordinate(x, y + s), Coordinate(x, y)]))
    }

    private static func clip(_ line: Geometry, _ footprint: GEOSGeometryHandle, _ engine: GeometryEngine, id: String,
                             into roads: inout [Feature]) throws {
        let part = try engine.intersection(line, footprint)
        if try part.isEmpty() { return }
        roads.append(Feature(id: .string(id), geometry: try part.geometry(), properties: ["street": .string(id)]))
    }

    /// The crossing nearest to each node of a lattice of `spacing` metres (offset drawn from the
    /// seed), without duplicates, in lattice order.
    private static func hubSites(_ crossings: [Coordinate], box: BoundingBox, spacing: Double, rng: inout PilotCityRandom) -> [Coordinate] {
        var out: [Coordinate] = []
        guard let tree = try? PackedRTree(boxes: crossings.map { BoundingBox(minX: $0.x, minY: $0.y, maxX: $0.x, maxY: $0.y) }) else { return out }
        var used: Set<Int> = []
        let ox = box.minX + spacing * rng.nextUnit() / 2, oy = box.minY + spacing * rng.nextUnit() / 2
        var y = oy
        while y <= box.maxY {
            var x = ox
            while x <= box.maxX {
                if let n = tree.neighbors(of: Coordinate(x, y), k: 1, maxDistance: spacing / 2).first, used.insert(n.index).inserted {
                    out.append(crossings[n.index])
                }
                x += spacing
            }
            y += spacing
        }
        return out
    }
}

/// Even-odd point-in-polygon over every ring of a polygon or multipolygon (boundary counts as in
/// only where the crossing rule puts it; used for generated points, not user data).
struct FootprintTest {
    private var rings: [[Coordinate]] = []

    init(_ geometry: Geometry) {
        switch geometry {
        case .polygon(let p): rings = [p.exterior] + p.holes
        case .multiPolygon(let m): rings = m.polygons.flatMap { [$0.exterior] + $0.holes }
        case .geometryCollection(let c): rings = c.geometries.flatMap { FootprintTest($0).rings }
        default: rings = []
        }
    }

    func contains(_ x: Double, _ y: Double) -> Bool {
        var inside = false
        for ring in rings where ring.count >= 3 {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.y > y) != (b.y > y), x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                j = i
            }
        }
        return inside
    }
}
