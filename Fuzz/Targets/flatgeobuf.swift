import Foundation
import GeoCore
import GeoIO

/// FlatGeobuf: header, packed R-tree index bounds and features, read from memory; every feature
/// is decoded, then the features meeting a small box (through the index).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFlatGeobuf(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let fgb = try? FlatGeobufReader(data: Data(bytes: data, count: size), name: "fuzz.fgb") else { return 0 }
    try? fgb.forEachFeature { _ in true }
    try? fgb.forEachFeature(bbox: BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)) { _ in true }
    return 0
}
