#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoIO

/// The suites of `geotwin bench`.
public enum BenchSuite: String, CaseIterable, Codable, Hashable, Sendable {
    case rtree, locate, transform, geojson, io, zonal, render, postgis

    /// What the suite measures, one line.
    public var summary: String {
        switch self {
        case .rtree: "PackedRTree build, window searches and nearest neighbours against GEOS STRtree"
        case .locate: "PolygonLocator point location against GEOS prepared predicates over an STRtree"
        case .transform: "Transformer EPSG:4326 -> EPSG:5179 against PROJ's plain proj_trans_generic loop"
        case .geojson: "GeoJSON FeatureCollection parsing against GEOS's GeoJSON reader"
        case .io: "write and read every GeoDataFormat (GeoJSON, WKB stream, GeoPackage)"
        case .zonal: "ZonalStatistics with exact coverage fractions over a Float32 raster"
        case .render: "SVG maps: the national coverage map and the population choropleth"
        case .postgis: "load and read back points and a layer through PostGIS (postgresql:// URL)"
        }
    }
}

/// What every suite takes: sizes, runs, seed and the user's own data.
public struct BenchOptions: Sendable {
    /// Runs per measure (alternating pairs where there is a peer).
    public var runs: Int
    /// The seed of the synthetic data.
    public var seed: UInt64
    /// The size of the synthetic data (points, boxes, raster side; the suite's default when nil).
    public var size: Int?
    /// Small sizes for a smoke run.
    public var quick: Bool
    /// Thread CPU time instead of wall time.
    public var cpuTime: Bool
    /// A CSV of points (`lat,lon` or `x,y` columns) replacing the synthetic points.
    public var pointsFile: String?
    /// A layer file (any ``GeoDataFormat``) or a `postgresql://` URL replacing the Korean layers.
    public var layer: String?
    /// A raster file replacing the synthetic raster of the zonal suite.
    public var rasterFile: String?
    /// The Geodata folder or its korea.gpkg (nil: searched as GeodataLocation does).
    public var geodata: String?
    /// Skip the in-process peers.
    public var noPeer: Bool
    /// A folder for temporary files (nil: the system's).
    public var workDirectory: String?
    /// Only the measures an out-of-process peer also takes (set when `geotwin bench` runs as the
    /// GeoTwin side of a whole-process pair, so both processes do the same work).
    public var onlyPeerMeasures = false
    /// Progress lines (stderr in the CLI).
    public var progress: @Sendable (String) -> Void

    /// Creates options; `runs` defaults to 5 (3 with `quick`).
    public init(runs: Int? = nil, seed: UInt64 = 42, size: Int? = nil, quick: Bool = false, cpuTime: Bool = false,
                pointsFile: String? = nil, layer: String? = nil, rasterFile: String? = nil, geodata: String? = nil,
                noPeer: Bool = false, workDirectory: String? = nil, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.runs = runs ?? (quick ? 3 : 5)
        self.seed = seed
        self.size = size
        self.quick = quick
        self.cpuTime = cpuTime
        self.pointsFile = pointsFile
        self.layer = layer
        self.rasterFile = rasterFile
        self.geodata = geodata
        self.noPeer = noPeer
        self.workDirectory = workDirectory
        self.progress = progress
    }

    /// The size to use: `size`, else `quick`'s small size, else the full size.
    public func size(full: Int, quick small: Int) -> Int { size ?? (quick ? small : full) }

    /// The timer of these options.
    public var timer: PairedTimer { PairedTimer(runs: runs, cpuTime: cpuTime) }

    /// A fresh folder for the suite's temporary files.
    public func makeWorkFolder(_ suite: String) throws -> URL {
        let base = workDirectory.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        let url = base.appendingPathComponent("geotwin-bench-\(suite)-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Fixed-seed and user-supplied data shared by the suites.
public enum BenchData {
    /// South Korea's box in degrees: 124.6-131.9 E, 33.1-38.6 N.
    public static let koreaBox = BoundingBox(minX: 124.6, minY: 33.1, maxX: 131.9, maxY: 38.6)

    /// `count` points uniform in `box` from SplitMix64(`seed`): x then y for each point.
    public static func uniformPoints(_ count: Int, in box: BoundingBox = koreaBox, seed: UInt64) -> (xs: [Double], ys: [Double]) {
        var rng = SplitMix64(seed: seed)
        var xs = [Double](repeating: 0, count: count), ys = [Double](repeating: 0, count: count)
        for i in 0..<count {
            xs[i] = box.minX + rng.nextUnit() * (box.maxX - box.minX)
            ys[i] = box.minY + rng.nextUnit() * (box.maxY - box.minY)
        }
        return (xs, ys)
    }

    /// The points of a CSV file (longitude/latitude or x/y columns, detected from the header);
    /// rows that are not points are skipped.
    public static func csvPoints(_ path: String) throws -> (xs: [Double], ys: [Double]) {
        let reader = try CSVPointReader(path: path)
        var chunk = CSVPointChunk()
        var xs: [Double] = [], ys: [Double] = []
        while try reader.read(into: &chunk, maxRows: 1 << 16, problems: { _ in }) {
            for i in 0..<chunk.count where chunk.isValid[i] {
                xs.append(chunk.xs[i])
                ys.append(chunk.ys[i])
            }
        }
        return (xs, ys)
    }

    /// The features of a layer file (the first layer of a multi-layer file).
    public static func layerFeatures(_ path: String) throws -> GeoDataLayer {
        try GeoDataSource(path: path).readLayer(nil)
    }
}

/// A suite's failure to set up or run.
public struct BenchSuiteError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
