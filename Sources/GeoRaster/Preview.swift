import Foundation

/// Greyscale previews of a raster: an 8-bit binary PGM image and a world file beside it.
public enum Preview {
    /// The PGM bytes: values scaled linearly from the smallest (black, 1) to the largest (white,
    /// 255) valid value; nodata cells are 0.
    public static func pgm<E: RasterElement>(_ raster: Raster<E>) -> Data {
        var lo = Double.infinity, hi = -Double.infinity
        for v in raster.cells where !raster.isNodata(v) {
            lo = min(lo, v.doubleValue)
            hi = max(hi, v.doubleValue)
        }
        var out = Data("P5\n\(raster.width) \(raster.height)\n255\n".utf8)
        out.reserveCapacity(out.count + raster.cells.count)
        let span = hi > lo ? hi - lo : 1
        for v in raster.cells {
            if raster.isNodata(v) { out.append(0); continue }
            out.append(UInt8(1 + ((v.doubleValue - lo) / span * 254).rounded()))
        }
        return out
    }

    /// The six lines of a world file: cell width, the two rotation terms, cell height (negative
    /// for north-up) and the centre of the top-left cell.
    public static func worldFile(_ t: GeoTransform) -> String {
        let c = t.cellCenter(row: 0, col: 0)
        return [t.pixelWidth, t.colRotation, t.rowRotation, t.pixelHeight, c.x, c.y]
            .map(RasterText.number).joined(separator: "\n") + "\n"
    }

    /// Writes `path` (PGM) and a world file named like it with the extension `.wld`.
    public static func write<E: RasterElement>(_ raster: Raster<E>, to path: String) throws(RasterError) {
        try RasterFile.writeAtomically(pgm(raster), to: path)
        let base = (path as NSString).deletingPathExtension
        try RasterFile.writeAtomically(Data(worldFile(raster.transform).utf8), to: base + ".wld")
    }
}
