import GeoIO

/// WKB and EWKB (one geometry), and the length-prefixed WKB stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWKB(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = try? WKB.decodeWithSRID(bytes)
    _ = try? WKBStream.readWithSRID(bytes)
    return 0
}
