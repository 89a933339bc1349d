import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoTwin

/// `geotwin zonal`: zonal statistics of a raster over polygons, as CSV.
struct ZonalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zonal",
        abstract: "Zonal statistics with exact cell coverage fractions, printed as CSV in input order."
    )

    @Option(name: .long, help: "Raster: GeoTIFF (.tif) or ESRI ASCII grid (.asc).")
    var raster: String

    @Option(name: .long, help: "Zones: GeoJSON FeatureCollection (.geojson), GeoPackage (.gpkg) or PostGIS table (postgresql://...?table=NAME) of polygons, in the raster's CRS unless --zones-crs is given (a GeoPackage layer in another EPSG CRS is reprojected).")
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

    @Option(name: .customLong("max-memory"), help: "Most memory the job may plan to use, e.g. 512M or 8G (default: half of physical memory); a larger raster is refused before it is read.")
    var maxMemory: String?

    func run() throws {
        try reportingErrors { try execute() }
    }

    private func execute() throws {
        var statistics: [ZonalStatistic] = []
        for name in stats.split(separator: ",", omittingEmptySubsequences: false) {
            guard let s = ZonalStatistic(parsing: String(name)) else {
                throw CLIError(name.isEmpty ? "--stats has an empty entry ('\(stats)')" : "unknown statistic '\(name)'")
            }
            statistics.append(s)
        }
        guard minCoverage >= 0, minCoverage <= 1 else { throw CLIError("--min-coverage must be within 0...1") }
        var budget = MemoryBudget.halfOfPhysicalMemory
        if let m = maxMemory {
            guard let parsed = MemoryBudget(parsing: m) else { throw CLIError("--max-memory must be a size such as 512M or 8G, got '\(m)'") }
            budget = parsed
        }
        let bar = ProgressReporter(label: "zonal", total: 0)
        defer { bar.finish() }
        let job = ZonalJob(raster: raster, zones: zones, layer: layer, idProperty: id, statistics: statistics,
                           zonesCRS: zonesCRS.map(CRS.init),
                           options: ZonalOptions(minimumCoverage: minCoverage, precision: float32Fractions ? .float32 : .double),
                           memoryBudget: budget, progress: bar.canDraw ? bar.callback : nil)
        StandardStreams.writeOutput(try job.run().csv)
    }
}
