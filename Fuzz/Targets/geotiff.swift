import Foundation
import GeoRaster

/// GeoTIFF through libtiff, read from memory (libtiff client procedures over the bytes): the same
/// reader as for a file, without a file per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoTIFF(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? GeoTIFF.read(data: Data(bytes: data, count: size), name: "fuzz.tif")
    return 0
}
