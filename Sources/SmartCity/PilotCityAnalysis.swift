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
public import GeoCore
import GeoGEOS
import GeoIndex
public import GeoRaster

/// Share of buildings and residents reached by 119 within the target time, for one dispatch time.
public struct ResponseCoverage: Hashable, Sendable, Codable {
    /// The average 119 dispatch time the scenario assumes, seconds (446 = 7:26, 358 = 5:58).
    public var dispatchSeconds: Int
    /// `7:26` or `5:58`.
    public var dispatchLabel: String
    /// Buildings reached within the target.
    public var buildingsWithin: Int
    /// Buildings analysed.
    public var buildings: Int
    /// `buildingsWithin / buildings`, 0...1.
    public var buildingShare: Double
    /// Residents of the buildings reached within the target.
    public var residentsWithin: Int
    /// Residents of all buildings.
    public var residents: Int
    /// `residentsWithin / residents`, 0...1 (0 without residents).
    public var residentShare: Double
}

/// CCTV coverage of streets and blocks, measured on a raster coverage surface.
public struct CCTVCoverage: Hashable, Sendable, Codable {
    /// Cameras.
    public var cameras: Int
    /// Radius one camera covers, m.
    public var radiusMetres: Double
    /// Raster cell size, m.
    public var cellMetres: Double
    /// Share of the street area (road centrelines buffered to the street width) covered, 0...1.
    public var streetShare: Double
    /// Share of the block area covered, 0...1.
    public var blockShare: Double
}

/// Walking access from buildings to the nearest mobility hub.
public struct HubAccess: Hashable, Sendable, Codable {
    /// Hubs.
    public var hubs: Int
    /// Buildings analysed.
    public var buildings: Int
    /// Mean walking distance, m.
    public var meanMetres: Double
    /// Longest walking distance, m.
    public var maxMetres: Double
    /// Share of buildings within ``PilotCityAnalysis/hubThreshold``, 0...1.
    public var buildingShareWithin300: Double
    /// Share of residents within ``PilotCityAnalysis/hubThreshold``, 0...1.
    public var residentShareWithin300: Double
    /// Walking distance per building (same order as the buildings layer), m; not encoded.
    public var distances: [Double] = []

    enum CodingKeys: String, CodingKey {
        case hubs, buildings, meanMetres, maxMetres, buildingShareWithin300, residentShareWithin300
    }
}

/// A population density surface: residents per hectare on a grid over the site.
public struct DensitySurface: Sendable {
    /// Residents per hectare per cell (EPSG:5179).
    public var raster: Raster<Double>
    /// Cell size, m.
    public var cellMetres: Double
    /// Highest cell density, residents/ha.
    public var maxPerHectare: Double
    /// Mean density over the cells whose centre lies in the footprint, residents/ha.
    public var meanPerHectare: Double
    /// The non-empty cells as square polygons with a `density` property (residents/ha), for maps.
    public var cells: FeatureCollection
}

/// The analyses a city operator asks of a pilot twin, and the assumptions they use.
public enum PilotCityAnalysis {
    /// Target response time, s (the "within 7 minutes" of the 119 statistics).
    public static let responseTarget = 420.0
    /// Daejeon 119 dispatch times before and with the integrated platform, s (7:26, 5:58).
    public static let dispatchTimes = [446, 358]
    /// Fire engine travel speed, m/s (30 km/h, an urban average assumed by GeoTwin).
    public static let fireSpeed = 30_000.0 / 3600
    /// Ratio of street distance to straight-line distance (urban grid circuity), for 119 travel.
    public static let detourFactor = 1.3
    /// Ratio of walking distance to straight-line distance on the street grid.
    public static let walkingDetour = 1.25
    /// Walking distance to a mobility hub counted as close, m.
    public static let hubThreshold = 300.0
    /// CCTV camera coverage radius, m.
    public static let cameraRadius = 50.0
    /// Street width used to turn centrelines into street areas, m.
    public static let streetWidth = 20.0

    /// The point of a building: the centre of its bounding box.
    static func anchor(_ g: Geometry?) -> Coordinate? {
        guard let b = g?.boundingBox, !b.isEmpty else { return nil }
        return Coordinate((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)
    }

    static func residents(_ f: Feature) -> Int { Int(f.properties["residents"]?.intValue ?? 0) }

    static func pointIndex(_ layer: TwinLayer) -> (PackedRTree, [Coordinate])? {
        let pts = layer.features.features.compactMap { anchor($0.geometry) }
        guard !pts.isEmpty, let tree = try? PackedRTree(boxes: pts.map { BoundingBox(minX: $0.x, minY: $0.y, maxX: $0.x, maxY: $0.y) }) else {
            return nil
        }
        return (tree, pts)
    }

    /// 119 response coverage for each dispatch time. Model: the response time at a building is
    /// the dispatch time plus its travel time from the nearest fire station (kNN) minus the mean
    /// travel time over the site's buildings, so the site's average response equals the dispatch
    /// figure and nearer buildings are reached sooner. Travel time = straight-line distance ×
    /// ``detourFactor`` / ``fireSpeed``. A building counts when its response is at most
    /// ``responseTarget``.
    public static func responseCoverage(_ twin: PilotCity, dispatchSeconds: [Int] = dispatchTimes) -> [ResponseCoverage] {
        let buildings = twin.layer(.buildings).features.features
        guard let (tree, stations) = pointIndex(twin.layer(.fireStations)) else {
            return dispatchSeconds.map { ResponseCoverage(dispatchSeconds: $0, dispatchLabel: label($0), buildingsWithin: 0, buildings: buildings.count,
                                                          buildingShare: 0, residentsWithin: 0, residents: 0, residentShare: 0) }
        }
        var travel: [Double] = [], people: [Int] = []
        for b in buildings {
            guard let p = anchor(b.geometry), let n = tree.neighbors(of: p, k: 1).first else { continue }
            let s = stations[n.index]
            travel.append(hypot(p.x - s.x, p.y - s.y) * detourFactor / fireSpeed)
            people.append(residents(b))
        }
        let mean = travel.isEmpty ? 0 : travel.reduce(0, +) / Double(travel.count)
        let total = people.reduce(0, +)
        return dispatchSeconds.map { d in
            var n = 0, r = 0
            for (t, p) in zip(travel, people) where Double(d) + t - mean <= responseTarget {
                n += 1
                r += p
            }
            return ResponseCoverage(dispatchSeconds: d, dispatchLabel: label(d), buildingsWithin: n, buildings: travel.count,
                                    buildingShare: travel.isEmpty ? 0 : Double(n) / Double(travel.count),
                                    residentsWithin: r, residents: total, residentShare: total > 0 ? Double(r) / Double(total) : 0)
        }
    }

    static func label(_ s: Int) -> String { "\(s / 60):\(String(cFormat: "%02ld", s % 60))" }

    /// CCTV coverage of streets and blocks: a GeoRaster sensor coverage surface (cells within
    /// ``cameraRadius`` of a camera) at `cellMetres`, and the exact-fraction covered share of the
    /// street area (centrelines buffered by half ``streetWidth``, clipped to the footprint) and of
    /// the union of the blocks.
    public static func cctvCoverage(_ twin: PilotCity, cellMetres: Double = 5) throws(PilotCityError) -> CCTVCoverage {
        let cameras = twin.layer(.cctv).features.features.compactMap { anchor($0.geometry) }
        do {
            let grid = try RasterGrid.covering(twin.site.footprint.boundingBox.expanded(by: cameraRadius), resolution: cellMetres)
            let surface = try Proximity.sensorCoverage(sensors: cameras, radius: cameraRadius, grid: grid, crs: .epsg(PilotSite.epsg))
            let engine = try GeometryEngine()
            let footprint = try engine.handle(twin.site.footprint)
            let roads = twin.layer(.roads).features.features.compactMap(\.geometry)
            let streets = try engine.intersection(
                try engine.buffer(try engine.unaryUnion(roads), distance: streetWidth / 2, style: BufferStyle(capStyle: .flat)), footprint).geometry()
            let blocks = try engine.unaryUnion(twin.layer(.blocks).features.features.compactMap(\.geometry)).geometry()
            return CCTVCoverage(cameras: cameras.count, radiusMetres: cameraRadius, cellMetres: cellMetres,
                                streetShare: try Proximity.coveredShare(of: streets, surface: surface) ?? 0,
                                blockShare: try Proximity.coveredShare(of: blocks, surface: surface) ?? 0)
        } catch let e as RasterError {
            throw .raster("\(e)")
        } catch {
            throw .geometry("CCTV coverage: \(error)")
        }
    }

    /// Walking distance from each building to the nearest mobility hub (GeoIndex kNN over the
    /// hubs): straight-line distance × ``walkingDetour``.
    public static func hubAccess(_ twin: PilotCity) -> HubAccess {
        let buildings = twin.layer(.buildings).features.features
        let hubs = twin.layer(.mobilityHubs).features.features.count
        guard let (tree, points) = pointIndex(twin.layer(.mobilityHubs)) else {
            return HubAccess(hubs: 0, buildings: buildings.count, meanMetres: .infinity, maxMetres: .infinity,
                             buildingShareWithin300: 0, residentShareWithin300: 0, distances: [])
        }
        var distances: [Double] = [], near = 0, nearPeople = 0, people = 0
        for b in buildings {
            guard let p = anchor(b.geometry), let n = tree.neighbors(of: p, k: 1).first else { continue }
            let h = points[n.index]
            let d = hypot(p.x - h.x, p.y - h.y) * walkingDetour
            distances.append(d)
            people += residents(b)
            if d <= hubThreshold {
                near += 1
                nearPeople += residents(b)
            }
        }
        let count = Double(max(1, distances.count))
        return HubAccess(hubs: hubs, buildings: distances.count, meanMetres: distances.reduce(0, +) / count,
                         maxMetres: distances.max() ?? 0, buildingShareWithin300: Double(near) / count,
                         residentShareWithin300: people > 0 ? Double(nearPeople) / Double(people) : 0, distances: distances)
    }

    /// Residents per hectare on a grid of `cellMetres` over the footprint: each building's
    /// residents go to the cell holding its centre.
    public static func densitySurface(_ twin: PilotCity, cellMetres: Double = 100) throws(PilotCityError) -> DensitySurface {
        do {
            let grid = try RasterGrid.covering(twin.site.footprint.boundingBox, resolution: cellMetres)
            var raster = Raster<Double>(grid: grid, fill: 0, crs: .epsg(PilotSite.epsg))
            let perHectare = 10_000 / (cellMetres * cellMetres)
            for b in twin.layer(.buildings).features.features {
                guard let p = anchor(b.geometry), let cell = grid.cell(containing: p) else { continue }
                raster[cell.row, cell.col] += Double(residents(b)) * perHectare
            }
            let inside = FootprintTest(twin.site.footprint)
            var sum = 0.0, n = 0, cells: [Feature] = []
            for r in 0..<grid.height {
                for c in 0..<grid.width {
                    let centre = grid.cellCenter(row: r, col: c)
                    let v = raster[r, c]
                    if inside.contains(centre.x, centre.y) {
                        sum += v
                        n += 1
                    }
                    guard v > 0 else { continue }
                    let h = cellMetres / 2
                    cells.append(Feature(id: .string("\(r)-\(c)"), geometry: .polygon(Polygon(exterior: [
                        Coordinate(centre.x - h, centre.y - h), Coordinate(centre.x + h, centre.y - h), Coordinate(centre.x + h, centre.y + h),
                        Coordinate(centre.x - h, centre.y + h), Coordinate(centre.x - h, centre.y - h),
                    ])), properties: ["density": .double(v)]))
                }
            }
            return DensitySurface(raster: raster, cellMetres: cellMetres, maxPerHectare: raster.cells.max() ?? 0,
                                  meanPerHectare: n > 0 ? sum / Double(n) : 0, cells: FeatureCollection(cells))
        } catch {
            throw .raster("density surface: \(error)")
        }
    }
}
