import Foundation
import GeoCore
import Testing
@testable import GeoRaster

func temporaryPath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-raster-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

@Suite struct GeoTIFFTests {
    let grid = try! RasterGrid(width: 37, height: 21,
                               transform: .northUp(originX: 950_000.5, originY: 1_950_000.25, cellWidth: 30, cellHeight: 20))

    func roundTrip<E: RasterElement>(_ make: (Int) -> E, nodata: E?, _ options: GeoTIFFWriteOptions) throws -> (Raster<E>, AnyRaster) {
        var r = Raster<E>(grid: grid, fill: E.zeroValue, crs: .epsg(5179), nodata: nodata)
        for i in 0..<r.cells.count { r.cells[i] = make(i) }
        let path = temporaryPath("rt-\(E.self)-\(options.hashValue).tif")
        try GeoTIFF.write(r, to: path, options: options)
        return (r, try GeoTIFF.read(path: path))
    }

    @Test(arguments: [
        GeoTIFFWriteOptions(compression: .none, layout: .strips(rowsPerStrip: 4)),
        GeoTIFFWriteOptions(compression: .deflate, layout: .strips(rowsPerStrip: 100)),
        GeoTIFFWriteOptions(compression: .none, layout: .tiles(size: 16)),
        GeoTIFFWriteOptions(compression: .deflate, layout: .tiles(size: 32)),
    ])
    func roundTripsEveryTypeAndLayout(options: GeoTIFFWriteOptions) throws {
        let (f, fr) = try roundTrip({ Float($0) * 0.37 - 100 }, nodata: -9999, options)
        guard case .float32(let f2) = fr else { Issue.record("not float32"); return }
        #expect(f2.cells == f.cells && f2.nodata == -9999 && f2.grid == grid && f2.crs?.epsgCode == 5179)
        let (d, dr) = try roundTrip({ Double($0) / 7 }, nodata: nil, options)
        guard case .float64(let d2) = dr else { Issue.record("not float64"); return }
        #expect(d2.cells == d.cells && d2.nodata == nil)
        let (u, ur) = try roundTrip({ UInt8($0 % 251) }, nodata: 255, options)
        guard case .uint8(let u2) = ur else { Issue.record("not uint8"); return }
        #expect(u2.cells == u.cells && u2.nodata == 255)
        let (i, ir) = try roundTrip({ Int32($0) * -1000 }, nodata: Int32.min, options)
        guard case .int32(let i2) = ir else { Issue.record("not int32"); return }
        #expect(i2.cells == i.cells && i2.nodata == Int32.min)
        let (s, sr) = try roundTrip({ UInt16($0 * 13 % 65000) }, nodata: nil, options)
        guard case .uint16(let s2) = sr else { Issue.record("not uint16"); return }
        #expect(s2.cells == s.cells)
        let (h, hr) = try roundTrip({ Int16(truncatingIfNeeded: $0 * 77) }, nodata: nil, options)
        guard case .int16(let h2) = hr else { Issue.record("not int16"); return }
        #expect(h2.cells == h.cells)
    }

    @Test func pixelIsPointKeepsTheCornerOrigin() throws {
        let r = Raster<Float>(grid: grid, fill: 1)
        let path = temporaryPath("point.tif")
        try GeoTIFF.write(r, to: path, options: GeoTIFFWriteOptions(rasterType: .pixelIsPoint))
        let back = try GeoTIFF.read(path: path)
        #expect(back.grid == grid)
    }

    @Test func rotatedTransformUsesModelTransformation() throws {
        let t = GeoTransform(originX: 100, pixelWidth: 8, rowRotation: 6, originY: 200, colRotation: 6, pixelHeight: -8)
        let r = Raster<Double>(grid: try RasterGrid(width: 5, height: 4, transform: t), fill: 2.5, crs: .epsg(4326))
        let path = temporaryPath("rotated.tif")
        try GeoTIFF.write(r, to: path)
        let back = try GeoTIFF.read(path: path)
        #expect(back.grid.transform == t)
        #expect(back.crs?.epsgCode == 4326)
    }

    @Test func malformedFilesGiveTypedErrors() throws {
        let garbage = temporaryPath("garbage.tif")
        _ = FileManager.default.createFile(atPath: garbage, contents: Data("not a tiff at all".utf8))
        #expect(throws: RasterError.self) { try GeoTIFF.read(path: garbage) }
        #expect(throws: RasterError.self) { try GeoTIFF.read(path: temporaryPath("missing.tif")) }
        // A valid file cut in half: the directory or the strips are gone.
        let r = Raster<Float>(grid: grid, fill: 3)
        let whole = temporaryPath("whole.tif")
        try GeoTIFF.write(r, to: whole, options: GeoTIFFWriteOptions(compression: .none))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        let cut = temporaryPath("cut.tif")
        _ = FileManager.default.createFile(atPath: cut, contents: bytes.prefix(bytes.count / 2))
        #expect(throws: RasterError.self) { try GeoTIFF.read(path: cut) }
        // Header of a big-endian TIFF with a directory offset past the end.
        let bad = temporaryPath("bad-offset.tif")
        _ = FileManager.default.createFile(atPath: bad, contents: Data([0x4D, 0x4D, 0, 42, 0x7F, 0xFF, 0xFF, 0xF0]))
        #expect(throws: RasterError.self) { try GeoTIFF.read(path: bad) }
    }

    @Test func libtiffsFirstErrorMessageReachesTheError() {
        let garbage = temporaryPath("garbage-message.tif")
        _ = FileManager.default.createFile(atPath: garbage, contents: Data("not a tiff at all".utf8))
        do {
            _ = try GeoTIFF.read(path: garbage)
            Issue.record("a text file read as TIFF")
        } catch {
            guard case .io(_, let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.localizedCaseInsensitiveContains("magic"), "\(reason)")
        }
    }

    @Test func writeFailureLeavesNoFile() throws {
        let r = Raster<Float>(grid: grid, fill: 3)
        let path = "/nonexistent-dir-geotwin/x.tif"
        #expect(throws: RasterError.self) { try GeoTIFF.write(r, to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

@Suite struct GeoTIFFHostileHeaderTests {
    /// A little-endian TIFF whose directory declares a 100,000 x 100,000 Float64 image.
    @Test func hugeDeclaredImageIsRefusedBeforeAllocation() throws {
        var b: [UInt8] = [0x49, 0x49, 42, 0, 8, 0, 0, 0]
        func entry(_ tag: UInt16, _ type: UInt16, _ value: UInt32) -> [UInt8] {
            [UInt8(tag & 0xFF), UInt8(tag >> 8), UInt8(type), 0, 1, 0, 0, 0,
             UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
        }
        let entries = [entry(256, 4, 100_000), entry(257, 4, 100_000), entry(258, 3, 64), entry(259, 3, 1),
                       entry(262, 3, 1), entry(273, 4, 0), entry(277, 3, 1), entry(278, 4, 100_000),
                       entry(279, 4, 80_000_000), entry(339, 3, 3)]
        b += [UInt8(entries.count), 0]
        for e in entries { b += e }
        b += [0, 0, 0, 0]
        let path = temporaryPath("hostile.tif")
        _ = FileManager.default.createFile(atPath: path, contents: Data(b))
        #expect(throws: RasterError.self) { try GeoTIFF.read(path: path) }
    }

    @Test func hugeDeclaredASCIIGridDoesNotReserve() {
        #expect(throws: RasterError.self) {
            try ASCIIGrid.decode("ncols 100000\nnrows 100000\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n")
        }
    }
}
