import GeoRaster

/// ESRI ASCII grids.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzASCIIGrid(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = try? ASCIIGrid.decode(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    return 0
}
