import Foundation
import GeoIO

/// Whole GeoPackage files: the bytes are written to a file and opened like any source.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoPackageFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let path = FuzzScratch.path("gpkg")
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else { return 0 }
    defer { unlink(path) }
    if let source = try? GeoDataSource(path: path) {
        _ = try? source.readLayer(nil)
    }
    return 0
}
