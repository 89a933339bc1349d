import Foundation
import GeoCore
import Testing
@testable import GeoRaster

/// Raster files whose headers lie (inputs written by Fixtures/generate_hostile_rasters.py): each
/// is refused with an error naming the file and the problem, before any large allocation.
@Suite struct HostileRasterTests {
    func path(_ name: String) throws -> String {
        try #require(Fixtures.url("hostile/" + name)).path
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    @Test func terabyteTilesAreRefusedBeforeAllocating() throws {
        let file = try path("huge_tiles.tif")
        let m = message { _ = try GeoTIFF.read(path: file) }
        #expect(m.contains("huge_tiles.tif"), "\(m)")
        #expect(m.contains("1048576"), "\(m)")
    }

    @Test func tilesWhoseByteCountOverflowsAreRefused() throws {
        let file = try path("overflow_tiles.tif")
        let m = message { _ = try GeoTIFF.read(path: file) }
        #expect(m.contains("overflow_tiles.tif") && m != "no error", "\(m)")
    }

    @Test(arguments: [
        ("nan_corner.asc", "line 3: xllcorner is nan"),
        ("inf_corner.asc", "line 4: yllcorner is -inf"),
        ("zero_cellsize.asc", "line 5: cellsize is 0.0"),
        ("negative_dx.asc", "line 5: dx is -1.0"),
        ("huge_header.asc", "line 2: ncols x nrows = 1000000000000 cells is more than 17179869184"),
        ("short_body.asc", "line 2: ncols x nrows = 1000000 cells, but the 65-byte text holds at most 33 values"),
    ])
    func asciiGridHeadersThatLieAreRefusedNamingFileAndLine(name: String, expected: String) throws {
        let file = try path(name)
        let m = message { _ = try ASCIIGrid.read(path: file) }
        #expect(m.contains(file + ": " + expected), "\(m)")
    }

    @Test func aNaNNodataValueIsAccepted() throws {
        let r = try ASCIIGrid.decode("ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\nNODATA_value nan\n5\n")
        #expect(r.cells == [5] && r.nodata?.isNaN == true)
    }

    @Test func aCRSGeoTIFFKeysCannotHoldIsRefusedAndNothingIsWritten() throws {
        let grid = try RasterGrid(width: 2, height: 2, transform: .northUp(originX: 0, originY: 2, cellWidth: 1, cellHeight: 1))
        let file = temporaryPath("crs-70000.tif")
        try? FileManager.default.removeItem(atPath: file)
        for crs in [CRS(epsg: 70000), CRS("+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80")] {
            let raster = Raster<Double>(grid: grid, fill: 1, crs: crs)
            let m = message { try GeoTIFF.write(raster, to: file) }
            #expect(m.contains("crs-70000.tif") && m.contains("cannot be recorded in GeoTIFF keys"), "\(m)")
            #expect(!FileManager.default.fileExists(atPath: file))
        }
        try GeoTIFF.write(Raster<Double>(grid: grid, fill: 1, crs: CRS(epsg: 32766)), to: file)
        #expect(try GeoTIFF.read(path: file).crs?.epsgCode == 32766)
    }
}

/// libtiff's messages put into a user's words: the file's name, the place (tile) and the problem,
/// with libtiff's text kept only as `(libtiff: ...)` at the end.
@Suite struct TIFFMessageTests {
    func message(_ name: String) throws -> String {
        let path = try #require(Fixtures.url("hostile/" + name)).path
        do {
            _ = try GeoTIFF.read(path: path)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: ["not_tiff.tif", "short_header.tif"])
    func notATIFF(_ name: String) throws {
        let m = try message(name)
        #expect(m.contains(name + ": not a TIFF file"), "\(m)")
        #expect(m.contains("(libtiff: "), "\(m)")
        print(m)
    }

    @Test func truncatedTileNamesTheTile() throws {
        let m = try message("truncated_tile.tif")
        #expect(m.contains("truncated_tile.tif: tile 0: "), "\(m)")
        #expect(m.contains("truncated"), "\(m)")
    }

    @Test func unknownCompressionIsUnsupported() throws {
        let m = try message("unknown_compression.tif")
        #expect(m.contains("unknown_compression.tif"), "\(m)")
        #expect(m.contains("compression is not supported"), "\(m)")
        print(m)
        #expect(m.contains("(libtiff: "), "\(m)")
    }

    @Test func aWriterNeverShowsItsTemporaryFile() throws {
        let path = "/nonexistent-dir-geotwin/x.tif"
        do {
            try GeoTIFF.write(Raster<UInt8>(grid: try RasterGrid(width: 2, height: 2, transform: .northUp(originX: 0, originY: 2, cellWidth: 1, cellHeight: 1)), fill: 1), to: path)
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains(path), "\(error)")
            #expect(!"\(error)".contains(".tmp-"), "\(error)")
        }
    }
}
