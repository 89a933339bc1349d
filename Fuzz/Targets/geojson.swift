import GeoIO

/// GeoJSON: any bytes must decode or throw a GeoIOError, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? GeoJSON.decode(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
