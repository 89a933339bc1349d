import GeoIO

/// GeoPackage geometry blobs (GP header, envelope, WKB).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoPackageBlob(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? GeoPackageBinary.decode(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
