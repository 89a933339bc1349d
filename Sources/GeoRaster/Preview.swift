#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// Greyscale previews of a raster: an 8-bit PGM or PNG image and a world file beside it.
/// Values are scaled linearly from the smallest (1, near black) to the largest (255, white)
/// valid value; nodata cells are 0.
public enum Preview {
    /// The grey levels, row-major.
    static func levels<E: RasterElement>(_ raster: Raster<E>) -> [UInt8] {
        var lo = Double.infinity, hi = -Double.infinity
        for v in raster.cells where !raster.isNodata(v) {
            lo = min(lo, v.doubleValue)
            hi = max(hi, v.doubleValue)
        }
        let span = hi > lo ? hi - lo : 1
        return raster.cells.map { v in
            raster.isNodata(v) ? 0 : UInt8(1 + ((v.doubleValue - lo) / span * 254).rounded())
        }
    }

    /// The bytes of a binary (P5) PGM image.
    public static func pgm<E: RasterElement>(_ raster: Raster<E>) -> Data {
        var out = Data("P5\n\(raster.width) \(raster.height)\n255\n".utf8)
        out.append(contentsOf: levels(raster))
        return out
    }

    /// The bytes of an 8-bit greyscale PNG image (zlib stream of stored deflate blocks).
    public static func png<E: RasterElement>(_ raster: Raster<E>) -> Data {
        PNGEncoder.greyscale(levels(raster), width: raster.width, height: raster.height)
    }

    /// The six lines of a world file: cell width, the two rotation terms, cell height (negative
    /// for north-up) and the centre of the top-left cell.
    public static func worldFile(_ t: GeoTransform) -> String {
        let c = t.cellCenter(row: 0, col: 0)
        return [t.pixelWidth, t.colRotation, t.rowRotation, t.pixelHeight, c.x, c.y]
            .map(RasterText.number).joined(separator: "\n") + "\n"
    }

    /// Writes `path` (PNG when it ends in `.png`, PGM otherwise) and a world file named like it
    /// with the extension `.wld`.
    public static func write<E: RasterElement>(_ raster: Raster<E>, to path: String) throws(RasterError) {
        let isPNG = PathText.pathExtension(path).lowercased() == "png"
        try RasterFile.writeAtomically(isPNG ? png(raster) : pgm(raster), to: path)
        let base = PathText.deletingExtension(path)
        try RasterFile.writeAtomically(Data(worldFile(raster.transform).utf8), to: base + ".wld")
    }
}
