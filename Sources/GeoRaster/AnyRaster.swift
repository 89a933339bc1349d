import GeoCore

/// A raster whose element type is known only at run time (as read from a file).
public enum AnyRaster: Sendable {
    /// 8-bit unsigned cells.
    case uint8(Raster<UInt8>)
    /// 16-bit unsigned cells.
    case uint16(Raster<UInt16>)
    /// 16-bit signed cells.
    case int16(Raster<Int16>)
    /// 32-bit signed cells.
    case int32(Raster<Int32>)
    /// 32-bit float cells.
    case float32(Raster<Float>)
    /// 64-bit float cells.
    case float64(Raster<Double>)

    /// Size and geotransform.
    public var grid: RasterGrid {
        switch self {
        case .uint8(let r): r.grid
        case .uint16(let r): r.grid
        case .int16(let r): r.grid
        case .int32(let r): r.grid
        case .float32(let r): r.grid
        case .float64(let r): r.grid
        }
    }

    /// The CRS, when known.
    public var crs: CRS? {
        switch self {
        case .uint8(let r): r.crs
        case .uint16(let r): r.crs
        case .int16(let r): r.crs
        case .int32(let r): r.crs
        case .float32(let r): r.crs
        case .float64(let r): r.crs
        }
    }

    /// The nodata value as a `Double`, when set.
    public var nodataValue: Double? {
        switch self {
        case .uint8(let r): r.nodata?.doubleValue
        case .uint16(let r): r.nodata?.doubleValue
        case .int16(let r): r.nodata?.doubleValue
        case .int32(let r): r.nodata?.doubleValue
        case .float32(let r): r.nodata?.doubleValue
        case .float64(let r): r.nodata?.doubleValue
        }
    }

    /// The values converted to `Double` (exact for every stored type).
    public func doubles() -> Raster<Double> {
        switch self {
        case .uint8(let r): r.converted(to: Double.self)
        case .uint16(let r): r.converted(to: Double.self)
        case .int16(let r): r.converted(to: Double.self)
        case .int32(let r): r.converted(to: Double.self)
        case .float32(let r): r.converted(to: Double.self)
        case .float64(let r): r
        }
    }

    /// ``ZonalStatistics/table(_:zones:statistics:options:)`` on the stored element type.
    public func zonalTable(zones: [Geometry], statistics: [ZonalStatistic],
                           options: ZonalOptions = ZonalOptions()) throws(RasterError) -> [[Double?]] {
        switch self {
        case .uint8(let r): try ZonalStatistics.table(r, zones: zones, statistics: statistics, options: options)
        case .uint16(let r): try ZonalStatistics.table(r, zones: zones, statistics: statistics, options: options)
        case .int16(let r): try ZonalStatistics.table(r, zones: zones, statistics: statistics, options: options)
        case .int32(let r): try ZonalStatistics.table(r, zones: zones, statistics: statistics, options: options)
        case .float32(let r): try ZonalStatistics.table(r, zones: zones, statistics: statistics, options: options)
        case .float64(let r): try ZonalStatistics.table(r, zones: zones, statistics: statistics, options: options)
        }
    }
}
