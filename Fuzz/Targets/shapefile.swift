import Foundation
import GeoCore
import GeoIO

/// Shapefiles (.shp + .shx + .dbf) from one input: two little-endian UInt16 lengths, then the
/// .shp bytes, the .shx bytes and the rest as the .dbf (a length past the end takes what is left;
/// a length of 0 leaves that companion out, so the .shp is walked without an index).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShapefile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size >= 4 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let shpLength = min(Int(bytes[0]) | Int(bytes[1]) << 8, size - 4)
    let shxLength = min(Int(bytes[2]) | Int(bytes[3]) << 8, size - 4 - shpLength)
    let shp = Data(bytes[4..<(4 + shpLength)])
    let shx = Data(bytes[(4 + shpLength)..<(4 + shpLength + shxLength)])
    let dbf = Data(bytes[(4 + shpLength + shxLength)...])
    guard let reader = try? ShapefileReader(shp: shp, shx: shx.isEmpty ? nil : shx, dbf: dbf.isEmpty ? nil : dbf,
                                            name: "fuzz.shp") else { return 0 }
    try? reader.forEachFeature { _ in }
    try? reader.forEachFeature(bbox: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)) { _ in }
    return 0
}
