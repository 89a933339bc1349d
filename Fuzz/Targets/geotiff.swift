import Foundation
import GeoRaster

/// GeoTIFF through libtiff: the bytes are written to a file and read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoTIFF(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let path = FuzzScratch.path("tif")
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else { return 0 }
    defer { unlink(path) }
    _ = try? GeoTIFF.read(path: path)
    return 0
}
