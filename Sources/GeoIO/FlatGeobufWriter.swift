import Foundation
import GeoCore

/// Writing one layer as FlatGeobuf 3: the magic bytes, the header (name, envelope, geometry type,
/// columns, feature count, CRS as EPSG code and WKT), the packed Hilbert R-tree (node size 16)
/// and the features in Hilbert order of their box centres, as GDAL writes them.
///
/// Columns are inferred by property name, in sorted order: bools `Bool`, integers `Long`, numbers
/// mixing integers and doubles `Double`, arrays and objects `Json`, anything else `String`. A null
/// value is left out of its feature (FlatGeobuf's null). The header's geometry type is the
/// features' one type; features mixing a type and its multi type (a Shapefile's polygons) are
/// all written as the multi type; other mixes get `Unknown` and a type per feature.
public enum FlatGeobufWriter {
    /// The node size of the index GeoTwin writes.
    public static let nodeSize = 16

    /// The bytes of the file for `layer`; `wkt` is the CRS's WKT for the header, when known.
    /// `spatialIndex` false writes no index (features in layer order).
    public static func encode(_ layer: GeoDataLayer, wkt: String?, path: String, spatialIndex: Bool = true) throws(GeoDataError) -> [UInt8] {
        var out: [UInt8] = []
        try encode(layer, wkt: wkt, path: path, spatialIndex: spatialIndex) { piece in
            out.append(contentsOf: piece)
            return true
        }
        return out
    }

    /// Writes the file for `layer` to `path` atomically, its features streamed to the file in
    /// index order (the same bytes as ``encode(_:wkt:path:spatialIndex:)``).
    public static func write(_ layer: GeoDataLayer, wkt: String?, to path: String, spatialIndex: Bool = true) throws(GeoDataError) {
        try AtomicFile.write(to: path) { emit throws(GeoDataError) in
            try encode(layer, wkt: wkt, path: path, spatialIndex: spatialIndex, emit: emit)
        }
    }

    /// Hands the bytes of the file, in order, to `emit`; stops when it returns false.
    static func encode(_ layer: GeoDataLayer, wkt: String?, path: String, spatialIndex: Bool,
                       emit: (UnsafeBufferPointer<UInt8>) -> Bool) throws(GeoDataError) {
        let features = layer.features
        let kinds = Set(features.compactMap { $0.geometry?.kind })
        let headerType = Self.headerType(kinds)
        let hasZ = features.contains { $0.geometry?.hasZ ?? false }
        let hasM = features.contains { $0.geometry?.hasM ?? false }
        let columns = inferColumns(features)
        guard columns.count <= Int(UInt16.max) else {
            throw .unsupported(path: path, reason: "\(columns.count) properties, FlatGeobuf holds at most 65535 columns")
        }
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })

        // Every feature's bytes in one buffer (its start in `starts`): one growing allocation
        // instead of one per feature.
        var encoded: [UInt8] = []
        var starts: [Int] = []
        var boxes: [BoundingBox] = []
        starts.reserveCapacity(features.count + 1)
        var extent = BoundingBox.empty
        for f in features {
            var fields: [(slot: Int, value: FlatBufferValue)] = []
            if let g = f.geometry {
                fields.append((0, geometryTable(Self.promoted(g, to: headerType), headerType: headerType, hasZ: hasZ, hasM: hasM)))
            }
            let properties = encodeProperties(f.properties, columns: columns, index: columnIndex)
            if !properties.isEmpty { fields.append((1, .bytes(properties))) }
            starts.append(encoded.count)
            encoded += FlatBufferBuilder.build(.table(fields), sizePrefixed: true)
            let box = f.geometry?.boundingBox ?? .empty
            boxes.append(box)
            extent = extent.union(box)
        }
        starts.append(encoded.count)
        let indexed = spatialIndex && !features.isEmpty
        let order = indexed ? FlatGeobufIndex.hilbertOrder(boxes, extent: extent) : Array(features.indices)

        var header: [(slot: Int, value: FlatBufferValue)] = [
            (0, .string(layer.name)),
            (2, .uint8(headerType.rawValue)),
            (8, .uint64(UInt64(features.count))),
            (9, .uint16(indexed ? UInt16(nodeSize) : 0)),
        ]
        if !extent.isEmpty { header.append((1, .doubles([extent.minX, extent.minY, extent.maxX, extent.maxY]))) }
        if hasZ { header.append((3, .uint8(1))) }
        if hasM { header.append((4, .uint8(1))) }
        if !columns.isEmpty {
            header.append((7, .tables(columns.map { c in .table([(0, .string(c.name)), (1, .uint8(c.type.rawValue))]) })))
        }
        if let crs = layer.crs {
            var c: [(slot: Int, value: FlatBufferValue)] = []
            if let code = crs.epsgCode, let code32 = Int32(exactly: code) {
                c.append((0, .string("EPSG")))
                c.append((1, .int32(code32)))
            }
            if let wkt { c.append((4, .string(wkt))) }
            if !c.isEmpty { header.append((10, .table(c))) }
        }
        let headerBuffer = FlatBufferBuilder.build(.table(header))

        var out = flatGeobufMagic
        appendLE(&out, UInt32(headerBuffer.count))
        out += headerBuffer
        if indexed {
            var offsets: [UInt64] = []
            offsets.reserveCapacity(order.count)
            var offset: UInt64 = 0
            for i in order {
                offsets.append(offset)
                offset += UInt64(starts[i + 1] - starts[i])
            }
            out += FlatGeobufIndex.build(boxes: order.map { boxes[$0] }, offsets: offsets, nodeSize: nodeSize)
        }
        guard out.withUnsafeBufferPointer(emit) else { return }
        encoded.withUnsafeBufferPointer { all in
            for i in order {
                guard emit(UnsafeBufferPointer(rebasing: all[starts[i]..<starts[i + 1]])) else { return }
            }
        }
    }

    /// The features' one type; the multi type when they mix a type and its multi type (as
    /// `ogr2ogr -nlt PROMOTE_TO_MULTI` does, so that readers see one type); else `Unknown`.
    static func headerType(_ kinds: Set<Geometry.Kind>) -> FlatGeobufGeometryType {
        if kinds.count == 1, let only = kinds.first { return FlatGeobufGeometryType(only) }
        switch kinds {
        case [.point, .multiPoint]: return .multiPoint
        case [.lineString, .multiLineString]: return .multiLineString
        case [.polygon, .multiPolygon]: return .multiPolygon
        default: return .unknown
        }
    }

    /// `g` as a one-member multi geometry when the header's type is its multi type.
    static func promoted(_ g: Geometry, to headerType: FlatGeobufGeometryType) -> Geometry {
        switch (g, headerType) {
        case (.point(let p), .multiPoint): .multiPoint(MultiPoint([p]))
        case (.lineString(let l), .multiLineString): .multiLineString(MultiLineString([l]))
        case (.polygon(let p), .multiPolygon): .multiPolygon(MultiPolygon([p]))
        default: g
        }
    }

    struct Column {
        var name: String
        var type: FlatGeobufColumnType
    }

    static func inferColumns(_ features: [Feature]) -> [Column] {
        var kinds: [String: Set<Int>] = [:]
        for f in features {
            for (k, v) in f.properties {
                let code = switch v {
                case .null: -1
                case .bool: 0
                case .int: 1
                case .double: 2
                case .string: 3
                case .array, .object: 4
                }
                kinds[k, default: []].insert(code)
            }
        }
        return kinds.keys.sorted().map { name in
            let set = kinds[name, default: []].subtracting([-1])
            let type: FlatGeobufColumnType = switch set {
            case [0]: .bool
            case [1]: .long
            case [2], [1, 2]: .double
            case [4]: .json
            default: .string
            }
            return Column(name: name, type: type)
        }
    }

    static func encodeProperties(_ properties: [String: PropertyValue], columns: [Column], index: [String: Int]) -> [UInt8] {
        var out: [UInt8] = []
        // The columns are in key order: their values in that order, nulls left out.
        for i in columns.indices {
            guard let value = properties[columns[i].name], value != .null else { continue }
            appendLE(&out, UInt16(i))
            switch columns[i].type {
            case .bool: out.append(value.boolValue == true ? 1 : 0)
            case .long: appendLE(&out, value.intValue ?? 0)
            case .double: appendLE(&out, value.doubleValue ?? .nan)
            case .json:
                let text = Array(((try? GeoJSON.encode(value)) ?? "null").utf8)
                appendLE(&out, UInt32(text.count))
                out += text
            default:
                let text = Array(DBFWriter.text(value).utf8)
                appendLE(&out, UInt32(text.count))
                out += text
            }
        }
        return out
    }

    /// The Geometry table of `g`; the type is stored when the header's is `Unknown` (and for parts
    /// of a collection).
    static func geometryTable(_ g: Geometry, headerType: FlatGeobufGeometryType, hasZ: Bool, hasM: Bool) -> FlatBufferValue {
        var fields: [(slot: Int, value: FlatBufferValue)] = []
        if headerType == .unknown { fields.append((6, .uint8(FlatGeobufGeometryType(g.kind).rawValue))) }
        func add(_ runs: [(c: [Coordinate], z: [Double]?, m: [Double]?)], ends: Bool) {
            var xy: [Double] = []
            var z: [Double] = [], m: [Double] = []
            var endList: [UInt32] = []
            let points = runs.reduce(0) { $0 + $1.c.count }
            xy.reserveCapacity(2 * points)
            if hasZ { z.reserveCapacity(points) }
            if hasM { m.reserveCapacity(points) }
            endList.reserveCapacity(runs.count)
            for r in runs {
                for c in r.c {
                    xy.append(c.x)
                    xy.append(c.y)
                }
                // Heights and measures only when the file has them (they are not written otherwise).
                if hasZ {
                    if let rz = r.z { z += rz } else { z.append(contentsOf: repeatElement(0, count: r.c.count)) }
                }
                if hasM {
                    if let rm = r.m { m += rm } else { m.append(contentsOf: repeatElement(.nan, count: r.c.count)) }
                }
                endList.append(UInt32(xy.count / 2))
            }
            if ends, endList.count > 1 { fields.append((0, .uint32s(endList))) }
            if !xy.isEmpty { fields.append((1, .doubles(xy))) }
            if hasZ, !xy.isEmpty { fields.append((2, .doubles(z))) }
            if hasM, !xy.isEmpty { fields.append((3, .doubles(m))) }
        }
        switch g {
        case .point(let p):
            if let c = p.coordinate { add([([c], p.z.map { [$0] }, p.m.map { [$0] })], ends: false) }
        case .multiPoint(let mp):
            let pts = mp.points.filter { $0.coordinate != nil }
            add([(pts.compactMap(\.coordinate), pts.map { $0.z ?? 0 }, pts.map { $0.m ?? .nan })], ends: false)
        case .lineString(let l): add([(l.coordinates, l.z, l.m)], ends: false)
        case .multiLineString(let ml): add(ml.lineStrings.map { ($0.coordinates, $0.z, $0.m) }, ends: true)
        case .polygon(let p): add(p.rings.enumerated().map { i, r in (r, p.z?[i], p.m?[i]) }, ends: true)
        case .multiPolygon(let mp):
            fields.append((7, .tables(mp.polygons.map { geometryTable(.polygon($0), headerType: .polygon, hasZ: hasZ, hasM: hasM) })))
        case .geometryCollection(let gc):
            fields.append((7, .tables(gc.geometries.map { geometryTable($0, headerType: .unknown, hasZ: hasZ, hasM: hasM) })))
        }
        return .table(fields)
    }
}
