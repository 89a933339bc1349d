import GeoIO

/// WKT and EWKT (`SRID=...;`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWKT(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? WKT.decodeWithSRID(text)
    return 0
}
