#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// The geometry type codes of FlatGeobuf (the same as ISO WKB's for the simple types).
enum FlatGeobufGeometryType: UInt8 {
    case unknown = 0, point, lineString, polygon, multiPoint, multiLineString, multiPolygon, geometryCollection

    init(_ kind: Geometry.Kind) {
        self = switch kind {
        case .point: .point
        case .lineString: .lineString
        case .polygon: .polygon
        case .multiPoint: .multiPoint
        case .multiLineString: .multiLineString
        case .multiPolygon: .multiPolygon
        case .geometryCollection: .geometryCollection
        }
    }

    var name: String {
        switch self {
        case .unknown: "GEOMETRY"
        case .point: "POINT"
        case .lineString: "LINESTRING"
        case .polygon: "POLYGON"
        case .multiPoint: "MULTIPOINT"
        case .multiLineString: "MULTILINESTRING"
        case .multiPolygon: "MULTIPOLYGON"
        case .geometryCollection: "GEOMETRYCOLLECTION"
        }
    }
}

/// The column types of FlatGeobuf.
enum FlatGeobufColumnType: UInt8 {
    case byte = 0, ubyte, bool, short, ushort, int, uint, long, ulong, float, double, string, json, dateTime, binary
}

/// The magic bytes of FlatGeobuf 3: `fgb`, 3, `fgb`, 0.
let flatGeobufMagic: [UInt8] = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00]

/// A FlatGeobuf file opened for reading (memory-mapped): its header (geometry type, columns,
/// CRS, feature count) and, when it has one, its packed Hilbert R-tree, through which a bounding
/// box read decodes only the features whose boxes meet it.
///
/// ```swift
/// let file = try FlatGeobufReader(path: "emd.fgb")
/// try file.forEachFeature(bbox: BoundingBox(minX: 127, minY: 36.4, maxX: 127.4, maxY: 36.7)) { f in
///     print(f["name"]?.stringValue ?? ""); return true
/// }
/// print(file.featuresDecoded)   // the features the index led to
/// ```
public final class FlatGeobufReader {
    /// The file.
    public let path: String
    /// The layer name of the header (may be empty).
    public let name: String
    /// The header's geometry type name (`POLYGON`, `GEOMETRY` for mixed types, ...).
    public let geometryTypeName: String
    /// True when the header declares heights / measures.
    public let hasZ: Bool, hasM: Bool
    /// The number of features of the header (0: not stated, read to the end of the file).
    public let featureCount: Int
    /// The node size of the index, 0 when the file has none.
    public let indexNodeSize: Int
    /// The CRS of the header, when it declares one.
    public let crs: CRS?
    /// The column names and type codes, in order.
    public let columns: [(name: String, type: UInt8)]
    /// The number of features decoded by the last ``forEachFeature(bbox:_:)``.
    public private(set) var featuresDecoded = 0

    private let data: Data
    private let geometryType: FlatGeobufGeometryType
    private let indexStart: Int
    private let featuresStart: Int

    /// Opens `path` (memory-mapped) and reads its header.
    public convenience init(path: String) throws(FileFormatError) {
        try self.init(data: ShapefileReader.map(path), name: path)
    }

    /// Reads a FlatGeobuf held in memory (the bytes of a whole `.fgb` file) exactly as
    /// ``init(path:)`` reads a file; errors name `name` where they would name the path, and
    /// ``path`` is `name`.
    ///
    /// ```swift
    /// let fgb = try FlatGeobufReader(data: try Data(contentsOf: url), name: "roads.fgb")
    /// try fgb.forEachFeature { feature in print(feature.id); return true }
    /// ```
    public init(data: Data, name path: String) throws(FileFormatError) {
        self.path = path
        self.data = data
        let size = data.count
        guard size >= 12 else { throw FileFormatError(path: path, place: .byte(size), problem: "file ends inside the magic bytes and header size (\(size) bytes)") }
        let head = data.withUnsafeBytes { raw in (Array(raw[0..<8]), Int(raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)) }
        guard head.0[0..<3] == flatGeobufMagic[0..<3], head.0[4..<7] == flatGeobufMagic[4..<7] else {
            throw FileFormatError(path: path, place: .byte(0), problem: "no FlatGeobuf magic bytes")
        }
        guard head.0[3] == 3 else {
            throw FileFormatError(path: path, place: .byte(3), problem: "FlatGeobuf version \(head.0[3]), only 3 is read")
        }
        let headerSize = head.1
        guard headerSize >= 4, headerSize <= size - 12 else {
            throw FileFormatError(path: path, place: .byte(8), problem: "header size \(headerSize) exceeds the \(size - 12) bytes after it")
        }
        let path = path
        typealias Header = (name: String, type: UInt8, z: Bool, m: Bool, count: UInt64, nodeSize: UInt16, crs: CRS?, columns: [(String, UInt8)])
        let header: Header = try data.withBytes { raw throws(FileFormatError) -> Header in
            let buffer = UnsafeRawBufferPointer(rebasing: raw[12..<(12 + headerSize)])
            let fail = { (problem: String, at: Int) in FileFormatError(path: path, place: .byte(12 + at), problem: "header: " + problem) }
            let t = try FlatBufferTable(root: buffer, fail: fail)
            var columns: [(String, UInt8)] = []
            for c in try t.tables(7) ?? [] {
                guard let name = try c.string(0) else { throw fail("a column without a name", c.position) }
                columns.append((name, try c.scalar(1, default: UInt8(0))))
            }
            var crs: CRS?
            if let c = try t.table(10) {
                let org = try c.string(0)?.uppercased() ?? "EPSG"
                let code: Int32 = try c.scalar(1, default: 0)
                let wkt = try c.string(4)
                if org == "EPSG", code > 0 {
                    crs = CRS(epsg: Int(code))
                } else if let wkt, !wkt.isEmpty {
                    crs = CRS(wkt)
                }
            }
            return (try t.string(0) ?? "", try t.scalar(2, default: UInt8(0)), try t.bool(3), try t.bool(4),
                    try t.scalar(8, default: UInt64(0)), try t.scalar(9, default: UInt16(16)), crs, columns)
        }
        guard let type = FlatGeobufGeometryType(rawValue: header.type) else {
            throw FileFormatError(path: path, place: .byte(12), problem: "header: geometry type \(header.type) is not supported")
        }
        geometryType = type
        name = header.name
        geometryTypeName = type.name + (header.z ? " Z" : "") + (header.m ? " M" : "")
        hasZ = header.z
        hasM = header.m
        crs = header.crs
        columns = header.columns.map { (name: $0.0, type: $0.1) }
        guard header.count <= UInt64(size / 4) else {
            throw FileFormatError(path: path, place: .byte(12), problem: "header declares \(header.count) features, more than the \(size)-byte file can hold")
        }
        featureCount = Int(header.count)
        indexStart = 12 + headerSize
        let nodeSize = featureCount > 0 ? Int(header.nodeSize) : 0
        guard nodeSize != 1 else { throw FileFormatError(path: path, place: .byte(12), problem: "header: index node size 1") }
        indexNodeSize = nodeSize
        let indexSize = FlatGeobufIndex.size(itemCount: featureCount, nodeSize: nodeSize)
        guard indexSize <= size - indexStart else {
            throw FileFormatError(path: path, place: .byte(indexStart),
                                  problem: "the index of \(featureCount) features needs \(indexSize) bytes, the file has \(size - indexStart) after the header")
        }
        featuresStart = indexStart + indexSize
    }

    /// The layer's description (named `fallback` when the header names none).
    public func layerInfo(name fallback: String) -> GeoDataLayerInfo {
        GeoDataLayerInfo(name: name.isEmpty ? fallback : name, geometryTypeName: geometryTypeName, crs: crs)
    }

    /// Calls `body` with each feature (its id the 0-based feature number, as GDAL numbers them),
    /// through the index when there is one and `bbox` is given; `body` returns false to stop.
    public func forEachFeature(bbox: BoundingBox? = nil, _ body: (Feature) -> Bool) throws(FileFormatError) {
        featuresDecoded = 0
        let size = data.count
        let path = path
        try data.withBytes { raw throws(FileFormatError) in
            if let bbox, indexNodeSize > 0 {
                let index = UnsafeRawBufferPointer(rebasing: raw[indexStart..<featuresStart])
                let offsets = try FlatGeobufIndex.search(index, itemCount: featureCount, nodeSize: indexNodeSize, bbox: bbox) { problem, at in
                    FileFormatError(path: path, place: .byte(indexStart + at), problem: problem)
                }
                for (offset, leaf) in offsets {
                    guard offset < UInt64(size - featuresStart) else {
                        throw FileFormatError(path: path, place: .byte(featuresStart), problem: "index points to feature byte \(offset), past the end of the file")
                    }
                    let (feature, _) = try decodeFeature(raw, at: featuresStart + Int(offset), number: leaf)
                    featuresDecoded += 1
                    if let g = feature.geometry, !g.boundingBox.intersects(bbox) { continue }
                    if !body(feature) { return }
                }
                return
            }
            var at = featuresStart
            var n = 0
            while featureCount > 0 ? n < featureCount : at < size {
                let (feature, next) = try decodeFeature(raw, at: at, number: n)
                featuresDecoded += 1
                at = next
                n += 1
                if let bbox, !(feature.geometry.map { $0.boundingBox.intersects(bbox) } ?? false) { continue }
                if !body(feature) { return }
            }
        }
    }

    /// The feature at `at` (its size prefix) and the position after it.
    private func decodeFeature(_ raw: UnsafeRawBufferPointer, at: Int, number: Int) throws(FileFormatError) -> (Feature, Int) {
        let record = number + 1
        guard at + 4 <= raw.count else {
            throw FileFormatError(path: path, place: .record(record, byte: at), problem: "file ends before the feature's size")
        }
        let length = Int(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian)
        guard length <= raw.count - at - 4 else {
            throw FileFormatError(path: path, place: .record(record, byte: at),
                                  problem: "feature of \(length) bytes exceeds the \(raw.count - at - 4) bytes left in the file")
        }
        let buffer = UnsafeRawBufferPointer(rebasing: raw[(at + 4)..<(at + 4 + length)])
        let path = path
        let fail = { (problem: String, offset: Int) in FileFormatError(path: path, place: .record(record, byte: at + 4 + offset), problem: problem) }
        let t = try FlatBufferTable(root: buffer, fail: fail)
        let geometry = try t.table(0).map { g throws(FileFormatError) in try decodeGeometry(g, type: geometryType, depth: 0) } ?? nil
        var properties: [String: PropertyValue] = [:]
        if let (start, count) = try t.vector(1, elementSize: 1) {
            properties = try decodeProperties(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + count)]), base: at + 4 + start, record: record)
        }
        return (Feature(id: .int(Int64(number)), geometry: geometry, properties: properties), at + 4 + length)
    }

    private func decodeGeometry(_ g: FlatBufferTable, type declared: FlatGeobufGeometryType, depth: Int) throws(FileFormatError) -> Geometry? {
        var type = declared
        if type == .unknown {
            let code: UInt8 = try g.scalar(6, default: 0)
            guard let t = FlatGeobufGeometryType(rawValue: code), t != .unknown else { throw g.fail("geometry type \(code) is not supported", g.position) }
            type = t
        }
        if type == .multiPolygon || type == .geometryCollection {
            guard depth < 32 else { throw g.fail("geometry parts nested deeper than 32 levels", g.position) }
            let parts = try g.tables(7) ?? []
            if type == .multiPolygon {
                var polygons: [Polygon] = []
                for p in parts {
                    if case .polygon(let polygon)? = try decodeGeometry(p, type: .polygon, depth: depth + 1) { polygons.append(polygon) }
                }
                return .multiPolygon(MultiPolygon(polygons))
            }
            var members: [Geometry] = []
            for p in parts { if let m = try decodeGeometry(p, type: .unknown, depth: depth + 1) { members.append(m) } }
            return .geometryCollection(GeometryCollection(members))
        }
        let xy = try g.doubles(1) ?? []
        guard xy.count % 2 == 0 else { throw g.fail("odd number of xy values (\(xy.count))", g.position) }
        let n = xy.count / 2
        let z = try g.doubles(2), m = try g.doubles(3)
        if let z, z.count != n { throw g.fail("\(z.count) z values for \(n) positions", g.position) }
        if let m, m.count != n { throw g.fail("\(m.count) m values for \(n) positions", g.position) }
        let coords = (0..<n).map { Coordinate(x: xy[2 * $0], y: xy[2 * $0 + 1]) }
        let ends = try g.uint32s(0).map { $0.map(Int.init) } ?? [n]
        var ranges: [Range<Int>] = []
        var start = 0
        for e in ends {
            guard e >= start, e <= n else { throw g.fail("part end \(e) outside \(start)...\(n)", g.position) }
            ranges.append(start..<e)
            start = e
        }
        switch type {
        case .point:
            guard let c = coords.first else { return .point(.empty) }
            return .point(Point(coordinate: c, z: z?.first, m: m?.first))
        case .multiPoint:
            return .multiPoint(MultiPoint((0..<n).map { Point(coordinate: coords[$0], z: z?[$0], m: m?[$0]) }))
        case .lineString:
            return .lineString(LineString(coords, z: z, m: m))
        case .multiLineString:
            return .multiLineString(MultiLineString(ranges.map { r in LineString(Array(coords[r]), z: z.map { Array($0[r]) }, m: m.map { Array($0[r]) }) }))
        case .polygon:
            if n == 0 { return .polygon(.empty) }
            return .polygon(Polygon(rings: ranges.map { Array(coords[$0]) }, z: z.map { z in ranges.map { Array(z[$0]) } },
                                    m: m.map { m in ranges.map { Array(m[$0]) } }))
        default:
            return nil
        }
    }

    private func decodeProperties(_ bytes: UnsafeRawBufferPointer, base: Int, record: Int) throws(FileFormatError) -> [String: PropertyValue] {
        var out: [String: PropertyValue] = [:]
        var i = 0
        func fail(_ problem: String, _ field: String?) -> FileFormatError {
            FileFormatError(path: path, place: field.map { .field(record: record, field: $0, byte: base + i) } ?? .record(record, byte: base + i), problem: problem)
        }
        while i < bytes.count {
            guard i + 2 <= bytes.count else { throw fail("properties end inside a column index", nil) }
            let column = Int(bytes.loadUnaligned(fromByteOffset: i, as: UInt16.self).littleEndian)
            guard column < columns.count else { throw fail("column index \(column), the header has \(columns.count) columns", nil) }
            let (name, code) = columns[column]
            i += 2
            guard let type = FlatGeobufColumnType(rawValue: code) else { throw fail("column type \(code) is not supported", name) }
            let width: Int = switch type {
            case .byte, .ubyte, .bool: 1
            case .short, .ushort: 2
            case .int, .uint, .float: 4
            case .long, .ulong, .double: 8
            case .string, .json, .dateTime, .binary: 4
            }
            guard i + width <= bytes.count else { throw fail("properties end inside the value", name) }
            func load<T: FixedWidthInteger>(_: T.Type) -> T { T(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: T.self)) }
            let value: PropertyValue
            switch type {
            case .byte: value = .int(Int64(load(Int8.self)))
            case .ubyte: value = .int(Int64(load(UInt8.self)))
            case .bool: value = .bool(load(UInt8.self) != 0)
            case .short: value = .int(Int64(load(Int16.self)))
            case .ushort: value = .int(Int64(load(UInt16.self)))
            case .int: value = .int(Int64(load(Int32.self)))
            case .uint: value = .int(Int64(load(UInt32.self)))
            case .long: value = .int(load(Int64.self))
            case .ulong:
                let u = load(UInt64.self)
                value = u <= UInt64(Int64.max) ? .int(Int64(u)) : .double(Double(u))
            case .float: value = .double(Double(Float(bitPattern: load(UInt32.self))))
            case .double: value = .double(Double(bitPattern: load(UInt64.self)))
            case .string, .json, .dateTime, .binary:
                let length = Int(load(UInt32.self))
                guard length <= bytes.count - i - 4 else { throw fail("value of \(length) bytes exceeds the feature", name) }
                let slice = UnsafeRawBufferPointer(rebasing: bytes[(i + 4)..<(i + 4 + length)])
                if type == .binary {
                    value = .string(slice.map { String(cFormat: "%02X", $0) }.joined())
                } else {
                    value = .string(String(decoding: slice, as: UTF8.self))
                }
                i += length
            }
            i += width
            out[name] = value
        }
        return out
    }
}
