import ArgumentParser
import Foundation
import GeoTwin

/// `geotwin zonal`: zonal statistics of a raster over polygons, as CSV.
struct ZonalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zonal",
        abstract: "Zonal statistics with exact cell coverage fractions, printed as CSV in input order."
    )

    @Option(name: .long, help: "Raster: GeoTIFF (.tif) or ESRI ASCII grid (.asc).")
    var raster: String

    @Option(name: .long, help: "Zones: GeoJSON FeatureCollection (.geojson) or GeoPackage (.gpkg) of polygons, in the raster's CRS unless --zones-crs is given (a GeoPackage layer in another EPSG CRS is reprojected).")
    var zones: String

    @Option(name: .long, help: "GeoPackage layer of the zones (needed when the file has several feature layers).")
    var layer: String?

    @Option(name: .long, help: "Property holding each zone's id (default: the feature id, else the row number from 0).")
    var id: String?

    @Option(name: .long, help: "Comma-separated statistics: count,sum,mean,min,max,majority,minority,variety,variance,stdev,median,quantile=Q,frac=V.")
    var stats: String = "count,sum,mean,min,max"

    @Option(name: .customLong("zones-crs"), help: "CRS of the zones (e.g. EPSG:4326); they are reprojected to the raster's CRS.")
    var zonesCRS: String?

    @Option(name: .customLong("min-coverage"), help: "Ignore cells whose covered fraction is not above this (0...1).")
    var minCoverage: Double = 0

    @Flag(name: .customLong("float32-fractions"), help: "Round coverage fractions to Float32 as exactextract does.")
    var float32Fractions = false

    func run() throws {
        try reportingErrors { try execute() }
    }

    private func execute() throws {
        var zonesCRS = self.zonesCRS
        var statistics: [ZonalStatistic] = []
        for name in stats.split(separator: ",") {
            guard let s = ZonalStatistic(parsing: String(name)) else {
                throw CLIError("unknown statistic '\(name)'")
            }
            statistics.append(s)
        }
        guard minCoverage >= 0, minCoverage <= 1 else { throw CLIError("--min-coverage must be within 0...1") }
        let rasterValue = try RasterFiles.readRaster(raster)
        let zoneLayer = try GeoFile.readLayer(zones, named: layer)
        var features = FeatureCollection(zoneLayer.features)
        // GeoJSON zones are taken in the raster's CRS unless --zones-crs says otherwise.
        let layerCRS = try GeoFileFormat(path: zones) == .geoJSON ? nil : zoneLayer.crs.flatMap(GeoFile.epsgCode).map(Int.init)
        if zonesCRS == nil, let code = layerCRS, let rasterCode = rasterValue.crs?.epsg, code != rasterCode {
            zonesCRS = "EPSG:\(code)"
        }
        if let source = zonesCRS {
            guard let crs = rasterValue.crs else {
                throw CLIError("\(raster) has no CRS to reproject the zones to")
            }
            let target = crs.epsg.map { "EPSG:\($0)" } ?? crs.wkt ?? ""
            do {
                let t = try Transformer(from: source, to: target)
                features = try t.transform(features)
            } catch {
                throw CLIError("reprojecting the zones from \(source): \(error)")
            }
        }
        var geometries: [Geometry] = []
        for (i, f) in features.features.enumerated() {
            switch f.geometry {
            case .polygon?, .multiPolygon?, nil: geometries.append(f.geometry ?? .multiPolygon(MultiPolygon([])))
            case .geometryCollection?: geometries.append(f.geometry ?? .multiPolygon(MultiPolygon([])))
            case let g?: throw CLIError("\(zones): feature \(i) is a \(g.kind.rawValue), not a polygon")
            }
        }
        let options = ZonalOptions(minimumCoverage: minCoverage, precision: float32Fractions ? .float32 : .double)
        let table = try rasterValue.zonalTable(zones: geometries, statistics: statistics, options: options)
        var out = "id," + statistics.map(\.description).joined(separator: ",") + "\n"
        for (i, row) in table.enumerated() {
            out += CSVWriter.field(zoneID(features.features[i], index: i))
            for v in row { out += "," + (v.map { "\($0)" } ?? "") }
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    private func zoneID(_ f: Feature, index: Int) -> String {
        if let key = id {
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

/// Raster file reading shared by the `zonal` and `rasterize` commands.
enum RasterFiles {
    /// Reads a GeoTIFF (`.tif`, `.tiff`) or an ESRI ASCII grid (`.asc`).
    static func readRaster(_ path: String) throws -> AnyRaster {
        switch (path as NSString).pathExtension.lowercased() {
        case "tif", "tiff": return try GeoTIFF.read(path: path)
        case "asc": return .float64(try ASCIIGrid.read(path: path))
        default: throw CLIError("\(path): unknown raster format (use .tif, .tiff or .asc)")
        }
    }
}
