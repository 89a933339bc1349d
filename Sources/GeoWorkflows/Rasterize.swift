#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import GeoCore
internal import GeoIO
public import GeoRaster

/// Burning the features of a vector source into a north-up grid snapped to the resolution, and
/// writing it as GeoTIFF, ASCII grid or a preview image.
///
/// ```swift
/// try RasterizeJob(input: "parcels.gpkg", output: "parcels.tif", resolution: 10, attribute: "value").run()
/// ```
public struct RasterizeJob: Sendable {
    /// How each cell gets its value.
    public enum Rule: Hashable, Sendable {
        /// Cells whose centre lies inside.
        case cellCenter
        /// Every cell the geometry touches (supercover).
        case allTouched
        /// Σ value × exact covered fraction per cell (Float64).
        case coverageFraction
    }

    /// The vector source.
    public var input: String
    /// Its layer, in a multi-layer source.
    public var layer: String?
    /// The raster file to write (format by extension).
    public var output: String
    /// Cell size in CRS units.
    public var resolution: Double
    /// Numeric property to burn (features without it are skipped); nil burns ``burn``.
    public var attribute: String?
    /// Value burnt when ``attribute`` is nil.
    public var burn: Double
    /// The rule.
    public var rule: Rule
    /// Background and nodata of burnt rasters.
    public var nodata: Double
    /// The CRS recorded in the raster (nil: none recorded).
    public var crs: CRS?
    /// GeoTIFF layout and compression.
    public var tiffOptions: GeoTIFFWriteOptions
    /// The most memory the job may plan to use (default: half of physical memory); a larger
    /// estimate is refused after reading the features, before burning or writing anything.
    public var memoryBudget: MemoryBudget
    /// Called with (steps done, steps) as the job goes: one step per shape burnt and one for
    /// writing the file. Counts only grow and the last call has done == steps (after the file is
    /// written). ``ProgressReporter/callback`` draws a bar.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    /// Creates a job.
    public init(input: String, layer: String? = nil, output: String, resolution: Double, attribute: String? = nil, burn: Double = 1,
                rule: Rule = .cellCenter, nodata: Double = 0, crs: CRS? = nil, tiffOptions: GeoTIFFWriteOptions = GeoTIFFWriteOptions(),
                memoryBudget: MemoryBudget = .halfOfPhysicalMemory,
                progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) {
        self.progress = progress
        self.input = input
        self.layer = layer
        self.output = output
        self.resolution = resolution
        self.attribute = attribute
        self.burn = burn
        self.rule = rule
        self.nodata = nodata
        self.crs = crs
        self.tiffOptions = tiffOptions
        self.memoryBudget = memoryBudget
    }

    /// Reads, burns and writes; returns the raster written.
    @discardableResult
    public func run() throws -> Raster<Double> {
        let format = try RasterFormat(path: output)
        guard resolution > 0, resolution.isFinite else { throw WorkflowError("the resolution must be a positive number, got \(resolution)") }
        try Self.checkOutputFolder(output)
        if format == .geoTIFF { try GeoTIFF.checkRecordable(crs, path: output) }
        let source = try GeoDataSource(path: input)
        let features = try source.readLayer(layer).collection
        let shapes = Rasterizer.shapes(of: features, attribute: attribute, burn: burn)
        let extent = shapes.reduce(BoundingBox.empty) { $0.union($1.geometry.boundingBox) }
        guard !extent.isEmpty else { throw WorkflowError("\(input): no features to burn") }
        let (width, height) = Self.gridSize(extent, resolution: resolution)
        try memoryBudget.check(Self.estimatedBytes(cells: width * height, rule: rule, format: format),
                               for: "rasterizing \(input) at \(resolution) (a \(Self.count(width)) x \(Self.count(height)) cell grid)")
        let grid = try RasterGrid.covering(extent, resolution: resolution)
        let steps = shapes.count + 1
        let report = progress.map { p in { (done: Int) in p(done, steps) } }
        let raster: Raster<Double> = switch rule {
        case .coverageFraction: try Rasterizer.coverage(shapes, grid: grid, crs: crs, progress: report)
        case .cellCenter:
            Rasterizer.rasterize(shapes, grid: grid, rule: .cellCenter, background: nodata, nodata: nodata, crs: crs, progress: report)
        case .allTouched:
            Rasterizer.rasterize(shapes, grid: grid, rule: .allTouched, background: nodata, nodata: nodata, crs: crs, progress: report)
        }
        try RasterFile.write(raster, to: output, options: tiffOptions)
        progress?(steps, steps)
        return raster
    }

    /// Columns and rows of the grid snapped to `resolution` over `extent`, as `Double` so that
    /// absurd requests are measured rather than overflowed.
    static func gridSize(_ extent: BoundingBox, resolution: Double) -> (Double, Double) {
        let box = RasterGrid.snap(extent, to: resolution)
        return (max(1, ((box.maxX - box.minX) / resolution).rounded(.up)),
                max(1, ((box.maxY - box.minY) / resolution).rounded(.up)))
    }

    /// Bytes the job holds at once for `cells` cells: the Float64 raster (twice for exact
    /// fractions, which accumulate per shape), plus the text of an ASCII grid (up to 25 bytes a
    /// value) or the 8-bit image of a preview.
    static func estimatedBytes(cells: Double, rule: Rule, format: RasterFormat) -> Double {
        let raster = cells * (rule == .coverageFraction ? 16 : 8)
        switch format {
        case .geoTIFF: return raster
        case .asciiGrid: return raster + cells * 25
        case .preview: return raster + cells
        }
    }

    static func count(_ value: Double) -> String {
        value < 1e15 ? String(Int(value)) : String(cFormat: "%.3g", value)
    }

    /// Refuses an output whose folder does not exist, before any work.
    static func checkOutputFolder(_ path: String) throws(WorkflowError) {
        let folder = PathText.deletingLastComponent(path)
        var isDirectory = false
        guard folder.isEmpty || (FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory) else {
            throw WorkflowError("\(path): the folder \(folder) does not exist")
        }
    }
}
