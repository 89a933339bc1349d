import Foundation
import GeoCore
import Testing
@testable import GeoRaster

/// GeoTIFFs read from bytes in memory give what the same files give read from disk, and the same
/// errors with the given name in place of the path.
@Suite struct GeoTIFFMemoryTests {
    @Test(arguments: [
        GeoTIFFWriteOptions(compression: .none, layout: .strips(rowsPerStrip: 4)),
        GeoTIFFWriteOptions(compression: .deflate, layout: .tiles(size: 16)),
        GeoTIFFWriteOptions(compression: .deflate, layout: .strips(rowsPerStrip: 7), rasterType: .pixelIsPoint),
    ])
    func bytesReadAsTheFile(options: GeoTIFFWriteOptions) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-tiffmem-\(getpid())-\(options.hashValue)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let grid = try RasterGrid(width: 37, height: 21, transform: .northUp(originX: 950_000.5, originY: 1_950_000.25, cellWidth: 30, cellHeight: 20))
        var r = Raster<Float>(grid: grid, fill: 0, crs: .epsg(5179), nodata: -9999)
        for i in 0..<r.cells.count { r.cells[i] = Float(i) * 0.37 - 100 }
        let path = dir.appendingPathComponent("r.tif").path
        try GeoTIFF.write(r, to: path, options: options)
        guard case .float32(let fromFile) = try GeoTIFF.read(path: path),
              case .float32(let fromBytes) = try GeoTIFF.read(data: try Data(contentsOf: URL(fileURLWithPath: path)), name: "r.tif")
        else { Issue.record("not float32"); return }
        #expect(fromBytes.cells == r.cells && fromBytes.cells == fromFile.cells)
        #expect(fromBytes.grid == fromFile.grid && fromBytes.nodata == -9999 && fromBytes.crs?.epsgCode == 5179)
    }

    @Test(arguments: ["huge_tiles.tif", "overflow_tiles.tif"])
    func hostileBytesFailAsTheFileDoes(_ name: String) throws {
        let path = try #require(Fixtures.url("hostile/" + name)).path
        func message(_ body: () throws -> AnyRaster) -> String {
            do { _ = try body(); return "no error" } catch { return "\(error)" }
        }
        let fromFile = message { try GeoTIFF.read(path: path) }
        let fromBytes = message { try GeoTIFF.read(data: try Data(contentsOf: URL(fileURLWithPath: path)), name: name) }
        #expect(fromFile != "no error")
        #expect(fromBytes == fromFile.replacingOccurrences(of: path, with: name))
    }

    @Test func truncatedBytesAreAnErrorNotACrash() throws {
        let path = try #require(Fixtures.url("hostile/huge_tiles.tif")).path
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for n in [0, 3, 8, 20, bytes.count / 2] {
            #expect(throws: RasterError.self) { try GeoTIFF.read(data: bytes.prefix(n), name: "cut.tif") }
        }
    }
}
