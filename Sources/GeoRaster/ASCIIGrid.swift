#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// ESRI ASCII grid (`.asc`): a header (`ncols`, `nrows`, `xllcorner`/`xllcenter`,
/// `yllcorner`/`yllcenter`, `cellsize` or GDAL's `dx`/`dy`, optional `NODATA_value`) followed by
/// the values, top row first. North-up grids only.
public enum ASCIIGrid {
    /// Parses the text of an ASCII grid. Errors name the line.
    public static func decode(_ text: String) throws(RasterError) -> Raster<Double> {
        var header: [String: Double] = [:]
        var headerLine: [String: Int] = [:]
        var values = ContiguousArray<Double>()
        var lineNumber = 0
        var expected = -1
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "," })
            guard let first = fields.first else { continue }
            if expected < 0, let c = first.first, c.isLetter, !["nan", "inf"].contains(first.lowercased()) {
                guard fields.count == 2, let v = Double(fields[1]) else {
                    throw .malformed(format: "ASCII grid", detail: "line \(lineNumber): header line needs a name and a number")
                }
                let name = first.lowercased()
                // GDAL accepts a NaN nodata value; every other header number must be finite.
                guard v.isFinite || (name == "nodata_value" && v.isNaN) else {
                    throw .malformed(format: "ASCII grid", detail: "line \(lineNumber): \(name) is \(fields[1]), not a finite number")
                }
                header[name] = v
                headerLine[name] = lineNumber
                continue
            }
            if expected < 0 {
                expected = try cellCount(header, headerLine)
                try checkCellSize(header, headerLine)
                // Each value takes at least two bytes of text ("0 "): a header promising more
                // values than the text can hold is refused before anything is reserved.
                let room = text.utf8.count / 2 + 1
                guard expected <= room else {
                    throw .malformed(format: "ASCII grid", detail: "line \(headerLine["nrows"] ?? lineNumber): ncols x nrows = \(expected) cells, but the \(text.utf8.count)-byte text holds at most \(room) values")
                }
                values.reserveCapacity(expected)
            }
            for f in fields {
                guard let v = Double(f) else {
                    throw .malformed(format: "ASCII grid", detail: "line \(lineNumber): '\(f)' is not a number")
                }
                guard values.count < expected else {
                    throw .malformed(format: "ASCII grid", detail: "line \(lineNumber): more than \(expected) values")
                }
                values.append(v)
            }
        }
        if expected < 0 {
            expected = try cellCount(header, headerLine)
            try checkCellSize(header, headerLine)
        }
        guard values.count == expected else {
            throw .malformed(format: "ASCII grid", detail: "expected \(expected) values, found \(values.count)")
        }
        let ncols = Int(header["ncols"] ?? 0), nrows = Int(header["nrows"] ?? 0)
        guard let dx = header["dx"] ?? header["cellsize"], let dy = header["dy"] ?? header["cellsize"], dx > 0, dy > 0 else {
            throw .malformed(format: "ASCII grid", detail: "header needs a positive cellsize (or dx and dy)")
        }
        let x0: Double, y0: Double
        if let x = header["xllcorner"] { x0 = x } else if let x = header["xllcenter"] { x0 = x - dx / 2 } else {
            throw .malformed(format: "ASCII grid", detail: "header needs xllcorner or xllcenter")
        }
        if let y = header["yllcorner"] { y0 = y } else if let y = header["yllcenter"] { y0 = y - dy / 2 } else {
            throw .malformed(format: "ASCII grid", detail: "header needs yllcorner or yllcenter")
        }
        let grid = try RasterGrid(width: ncols, height: nrows,
                                  transform: .northUp(originX: x0, originY: y0 + Double(nrows) * dy, cellWidth: dx, cellHeight: dy))
        return try Raster(grid: grid, cells: values, nodata: header["nodata_value"])
    }

    private static func cellCount(_ header: [String: Double], _ lines: [String: Int]) throws(RasterError) -> Int {
        guard let c = header["ncols"], let r = header["nrows"], c >= 1, r >= 1, c == c.rounded(), r == r.rounded() else {
            let place = lines["ncols"].map { "line \($0): " } ?? ""
            throw .malformed(format: "ASCII grid", detail: place + "header needs positive integer ncols and nrows")
        }
        guard c * r <= Double(RasterGrid.maximumCellCount) else {
            throw .malformed(format: "ASCII grid", detail: "line \(lines["nrows"] ?? 0): ncols x nrows = \(String(cFormat: "%.0f", c * r)) cells is more than \(RasterGrid.maximumCellCount)")
        }
        return Int(c) * Int(r)
    }

    /// Refuses a zero or negative `cellsize`, `dx` or `dy`, naming its line.
    private static func checkCellSize(_ header: [String: Double], _ lines: [String: Int]) throws(RasterError) {
        for name in ["cellsize", "dx", "dy"] {
            if let v = header[name], !(v > 0) {
                throw .malformed(format: "ASCII grid", detail: "line \(lines[name] ?? 0): \(name) is \(v); it must be positive")
            }
        }
    }

    /// The text of an ASCII grid; `cellsize` when cells are square, GDAL's `dx`/`dy` otherwise.
    /// Values use the shortest decimal that reads back to the same `Double`.
    public static func encode<E: RasterElement>(_ raster: Raster<E>) throws(RasterError) -> String {
        let t = raster.transform
        guard t.isAxisAligned, t.pixelWidth > 0, t.pixelHeight < 0 else {
            throw .invalidParameter("an ASCII grid must be north-up (no rotation, rows going south)")
        }
        var s = "ncols \(raster.width)\nnrows \(raster.height)\n"
        s += "xllcorner \(RasterText.number(t.originX))\n"
        s += "yllcorner \(RasterText.number(t.originY + Double(raster.height) * t.pixelHeight))\n"
        if t.pixelWidth == -t.pixelHeight {
            s += "cellsize \(RasterText.number(t.pixelWidth))\n"
        } else {
            s += "dx \(RasterText.number(t.pixelWidth))\ndy \(RasterText.number(-t.pixelHeight))\n"
        }
        if let nd = raster.nodata { s += "NODATA_value \(RasterText.number(nd.doubleValue))\n" }
        for r in 0..<raster.height {
            var line: [String] = []
            line.reserveCapacity(raster.width)
            for c in 0..<raster.width { line.append(RasterText.number(raster[r, c].doubleValue)) }
            s += line.joined(separator: " ")
            s += "\n"
        }
        return s
    }

    /// Reads an ASCII grid file.
    public static func read(path: String) throws(RasterError) -> Raster<Double> {
        guard let data = FileManager.default.contents(atPath: path) else { throw .io(path: path, reason: "cannot read") }
        do {
            return try decode(String(decoding: data, as: UTF8.self))
        } catch .malformed(let format, let detail) {
            throw .malformed(format: format, detail: "\(path): \(detail)")
        }
    }

    /// Writes an ASCII grid file (to a temporary file first, renamed into place when complete).
    public static func write<E: RasterElement>(_ raster: Raster<E>, to path: String) throws(RasterError) {
        try RasterFile.writeAtomically(Data(try encode(raster).utf8), to: path)
    }
}
