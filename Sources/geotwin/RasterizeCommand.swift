import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoTwin

/// `geotwin rasterize`: burn GeoJSON features into a GeoTIFF or ASCII grid.
struct RasterizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rasterize",
        abstract: "Burn features into a north-up grid snapped to the resolution (cell centre, all-touched or exact fractions)."
    )

    @Argument(help: "Input GeoJSON FeatureCollection.")
    var input: String

    @Argument(help: "Output raster: .tif (GeoTIFF), .asc (ESRI ASCII grid), or a greyscale .png/.pgm preview with a .wld world file.")
    var output: String

    @Option(name: .long, help: "Cell size in CRS units (metres for projected data).")
    var res: Double

    @Option(name: .long, help: "Numeric property to burn (features without it are skipped).")
    var attribute: String?

    @Option(name: .long, help: "Value to burn (default 1).")
    var burn: Double?

    @Flag(name: .customLong("all-touched"), help: "Burn every cell the geometry touches (supercover).")
    var allTouched = false

    @Flag(name: .long, help: "Write Σ value × exact covered fraction per cell (Float64) instead of burning.")
    var fraction = false

    @Option(name: .long, help: "Background and nodata value of burnt rasters (default 0).")
    var nodata: Double = 0

    @Option(name: .long, help: "EPSG code to record as the raster's CRS.")
    var epsg: Int?

    @Option(name: .long, help: "GeoTIFF layout: strips or tiles.")
    var layout: String = "strips"

    @Option(name: .long, help: "GeoTIFF compression: deflate or none.")
    var compress: String = "deflate"

    @Option(name: .customLong("max-memory"), help: "Most memory the job may plan to use, e.g. 512M or 8G (default: half of physical memory); larger requests are refused before any work.")
    var maxMemory: String?

    func validate() throws {
        if attribute != nil && burn != nil { throw ValidationError("give --attribute or --burn, not both") }
        if allTouched && fraction { throw ValidationError("give --all-touched or --fraction, not both") }
        guard res > 0, res.isFinite else { throw ValidationError("--res must be a positive number") }
        if let m = maxMemory, MemoryBudget(parsing: m) == nil { throw ValidationError("--max-memory must be a size such as 512M or 8G, got '\(m)'") }
        guard ["strips", "tiles"].contains(layout) else { throw ValidationError("--layout must be strips or tiles") }
        guard ["deflate", "none"].contains(compress) else { throw ValidationError("--compress must be deflate or none") }
    }

    func run() throws {
        try reportingErrors { try execute() }
    }

    private func execute() throws {
        let options = GeoTIFFWriteOptions(compression: compress == "none" ? .none : .deflate,
                                          layout: layout == "tiles" ? .tiles(size: 256) : .strips(rowsPerStrip: 16))
        let bar = ProgressReporter(label: "rasterize", total: 0)
        defer { bar.finish() }
        try RasterizeJob(input: input, output: output, resolution: res, attribute: attribute, burn: burn ?? 1,
                         rule: fraction ? .coverageFraction : allTouched ? .allTouched : .cellCenter,
                         nodata: nodata, crs: epsg.map { CRS(epsg: $0) }, tiffOptions: options,
                         memoryBudget: maxMemory.flatMap(MemoryBudget.init(parsing:)) ?? .halfOfPhysicalMemory,
                         progress: bar.canDraw ? bar.callback : nil).run()
    }
}
