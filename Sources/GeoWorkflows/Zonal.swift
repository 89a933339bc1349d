public import GeoCore
internal import GeoIO
internal import GeoProj
public import GeoRaster

/// Zonal statistics of a raster file over the polygons of a vector source, as a table.
///
/// ```swift
/// let table = try ZonalJob(raster: "dem.tif", zones: "Geodata/korea.gpkg", layer: "sigungu",
///                          idProperty: "code", statistics: [.mean, .max]).run()
/// print(table.csv)
/// ```
public struct ZonalJob: Sendable {
    /// The raster file (GeoTIFF or ASCII grid).
    public var raster: String
    /// The zones' source (GeoJSON, WKB stream, GeoPackage, or a `postgresql://` table).
    public var zones: String
    /// The zones' layer in a multi-layer source.
    public var layer: String?
    /// The property holding each zone's id (nil: the feature id, else the row number from 0).
    public var idProperty: String?
    /// The statistics, in column order.
    public var statistics: [ZonalStatistic]
    /// The zones' CRS when their file does not say it; they are reprojected to the raster's CRS.
    /// GeoJSON zones are taken in the raster's CRS unless this is given.
    public var zonesCRS: CRS?
    /// Coverage threshold and fraction precision.
    public var options: ZonalOptions
    /// The most memory the job may plan to use (default: half of physical memory); a raster
    /// whose decoded cells would take more is refused from its header, before it is read.
    public var memoryBudget: MemoryBudget
    /// Called with (zones done, zones) as the zones are summarised: counts only grow, the last
    /// call has done == zones, calls never overlap. ``ProgressReporter/callback`` draws a bar.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    /// Creates a job.
    public init(raster: String, zones: String, layer: String? = nil, idProperty: String? = nil,
                statistics: [ZonalStatistic] = [.count, .sum, .mean, .min, .max], zonesCRS: CRS? = nil,
                options: ZonalOptions = ZonalOptions(), memoryBudget: MemoryBudget = .halfOfPhysicalMemory,
                progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) {
        self.progress = progress
        self.raster = raster
        self.zones = zones
        self.layer = layer
        self.idProperty = idProperty
        self.statistics = statistics
        self.zonesCRS = zonesCRS
        self.options = options
        self.memoryBudget = memoryBudget
    }

    /// The result: one row per zone in input order.
    public struct Table: Hashable, Sendable {
        /// The statistics (columns after `id`).
        public var statistics: [ZonalStatistic]
        /// Each zone's id.
        public var ids: [String]
        /// Each zone's values, nil where a statistic has no value (no cell covered).
        public var rows: [[Double?]]

        /// The table as CSV: a header `id,<statistic>...`, then one line per zone.
        public var csv: String {
            var out = "id," + statistics.map(\.description).joined(separator: ",") + "\n"
            for (id, row) in zip(ids, rows) {
                out += CSVWriter.field(id)
                for v in row { out += "," + (v.map { "\($0)" } ?? "") }
                out += "\n"
            }
            return out
        }
    }

    /// Reads the raster and the zones, reprojects the zones when their CRS differs from the
    /// raster's, and computes the table. An uncompressed GeoTIFF is read in place from a memory
    /// map, only where the zones are (`ZonalRaster` of GeoRaster); the zones are shared out over the cores.
    /// - Throws: ``WorkflowError`` naming the file and the problem (e.g. an id property no zone
    ///   has, a zone that is not a polygon), or the reader's error.
    public func run() throws -> Table {
        let header = try RasterHeader(path: raster)
        // An ASCII grid is held as text, then as Float64 values.
        let textBytes = (try RasterFormat(path: raster)) == .asciiGrid ? 2 * Double(header.fileSize) : 0
        try memoryBudget.check(Double(header.width) * Double(header.height) * Double(header.bytesPerCell) + textBytes,
                               for: "reading \(raster) (\(header.width) x \(header.height) cells)")
        let rasterValue = try ZonalRaster(path: raster)
        GeoDataLocations.registerProviders()
        let source = try GeoDataSource(path: zones)
        let zoneLayer = try source.readLayer(layer)
        var features = zoneLayer.collection
        // GeoJSON (and GeoJSONSeq) zones are taken in the raster's CRS unless told otherwise.
        var from = zonesCRS ?? ([.geoJSON, .geoJSONSeq].contains(source.format) ? nil : zoneLayer.crs)
        if let f = from, let r = rasterValue.crs, f == r { from = nil }
        if zonesCRS == nil, rasterValue.crs == nil { from = nil }
        if let from {
            guard let target = rasterValue.crs else { throw WorkflowError("\(raster) has no CRS to reproject the zones to") }
            do {
                features = try Transformer(from: from, to: target).transform(features)
            } catch {
                throw WorkflowError("\(source.path): reprojecting the zones from \(from): \(error)")
            }
        }
        if let key = idProperty, !features.features.isEmpty, !features.features.contains(where: { $0.properties[key] != nil }) {
            let known = Set(features.features.flatMap(\.properties.keys)).sorted().joined(separator: ", ")
            throw WorkflowError("\(source.path): no zone has the property '\(key)' (properties: \(known.isEmpty ? "none" : known))")
        }
        var geometries: [Geometry] = []
        for (i, f) in features.features.enumerated() {
            switch f.geometry {
            case .polygon?, .multiPolygon?, .geometryCollection?: geometries.append(f.geometry ?? .multiPolygon(MultiPolygon([])))
            case nil: geometries.append(.multiPolygon(MultiPolygon([])))
            case let g?: throw WorkflowError("\(source.path): feature \(i) is a \(g.kind.rawValue), not a polygon")
            }
        }
        let rows = try rasterValue.table(zones: geometries, statistics: statistics, options: options, progress: progress)
        return Table(statistics: statistics, ids: features.features.enumerated().map { zoneID($1, index: $0) }, rows: rows)
    }

    private func zoneID(_ f: Feature, index: Int) -> String {
        if let key = idProperty {
            switch f.properties[key] {
            case .string(let s)?: return s
            case .int(let v)?: return String(v)
            case .double(let v)?: return "\(v)"
            case .bool(let b)?: return String(b)
            default: return ""
            }
        }
        switch f.id {
        case .string(let s)?: return s
        case .int(let v)?: return String(v)
        case nil: return String(index)
        }
    }
}
