/// Whether a GeoTIFF's tie point refers to the corner or the centre of a cell (GTRasterTypeGeoKey).
public enum RasterType: Sendable, Hashable {
    /// The tie point is the top-left corner of the cell (PixelIsArea, the default).
    case pixelIsArea
    /// The tie point is the centre of the cell (PixelIsPoint).
    case pixelIsPoint
}

/// The GeoKeys GeoTwin reads and writes (GeoTIFF 1.1, OGC 19-008r4).
enum GeoKeys {
    static let modelType: UInt16 = 1024
    static let rasterType: UInt16 = 1025
    static let citation: UInt16 = 1026
    static let geographicType: UInt16 = 2048
    static let projectedType: UInt16 = 3072
    static let userDefined: UInt16 = 32767

    /// EPSG codes of geographic CRSs GeoTwin writes as `ModelTypeGeographic`; every other code is
    /// written as projected.
    static let geographicCodes: Set<Int> = [4326, 4737, 4019, 4258, 4269, 4283, 4612, 4674, 4162, 4166, 4230]

    /// The parsed key directory: EPSG code and raster type.
    struct Parsed {
        var epsg: Int?
        var rasterType: RasterType = .pixelIsArea
    }

    /// Parses a GeoKeyDirectoryTag (header of four shorts, then four shorts per key).
    static func parse(_ d: [UInt16]) throws(RasterError) -> Parsed {
        var out = Parsed()
        guard d.count >= 4 else { throw .malformed(format: "GeoTIFF", detail: "GeoKeyDirectoryTag has \(d.count) values, fewer than its 4-value header") }
        let n = Int(d[3])
        guard d.count >= 4 + 4 * n else {
            throw .malformed(format: "GeoTIFF", detail: "GeoKeyDirectoryTag declares \(n) keys but holds \((d.count - 4) / 4)")
        }
        var model: UInt16 = 0
        var geographic: Int?, projected: Int?
        for k in 0..<n {
            let id = d[4 + 4 * k], location = d[5 + 4 * k], value = d[7 + 4 * k]
            guard location == 0 else { continue }  // value held in another tag: not a key GeoTwin reads
            switch id {
            case modelType: model = value
            case rasterType: out.rasterType = value == 2 ? .pixelIsPoint : .pixelIsArea
            case geographicType where value != userDefined && value != 0: geographic = Int(value)
            case projectedType where value != userDefined && value != 0: projected = Int(value)
            default: break
            }
        }
        out.epsg = model == 2 ? (geographic ?? projected) : (projected ?? geographic)
        return out
    }

    /// A key directory for an EPSG code (or none) and a raster type.
    static func directory(epsg: Int?, rasterType: RasterType) -> [UInt16] {
        var keys: [(UInt16, UInt16)] = []
        let typeValue: UInt16 = rasterType == .pixelIsPoint ? 2 : 1
        if let code = epsg, code > 0, code < Int(userDefined) {
            let geographic = geographicCodes.contains(code)
            keys.append((modelType, geographic ? 2 : 1))
            keys.append((GeoKeys.rasterType, typeValue))
            keys.append((geographic ? geographicType : projectedType, UInt16(code)))
        } else {
            keys.append((GeoKeys.rasterType, typeValue))
        }
        var d: [UInt16] = [1, 1, 0, UInt16(keys.count)]
        for (id, v) in keys { d += [id, 0, 1, v] }
        return d
    }
}
