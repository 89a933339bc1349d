import Foundation
import GeoIO

/// Whole GeoPackage files, read from memory (a read-only in-memory SQLite database): the same
/// reader as for a file from the application id check on, without a file per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoPackageFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let gpkg = try? GeoPackageReader(data: Data(bytes: data, count: size), name: "fuzz.gpkg") else { return 0 }
    for layer in gpkg.layers {
        _ = try? gpkg.readLayer(layer.tableName)
    }
    return 0
}
