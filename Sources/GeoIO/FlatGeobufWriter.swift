#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
        try encoded(layer, path: path).writeFile(to: path, name: layer.name, crs: layer.crs, wkt: wkt, spatialIndex: spatialIndex)
    }

    /// Hands the bytes of the file, in order, to `emit`; stops when it returns false.
    static func encode(_ layer: GeoDataLayer, wkt: String?, path: String, spatialIndex: Bool,
                       emit: (UnsafeBufferPointer<UInt8>) -> Bool) throws(GeoDataError) {
        let encoder = try encoded(layer, path: path)
        encoder.write(encoder.layout(name: layer.name, crs: layer.crs, wkt: wkt, spatialIndex: spatialIndex), emit: emit)
    }

    /// Every feature of `layer` encoded, under the header chosen from all of them.
    private static func encoded(_ layer: GeoDataLayer, path: String) throws(GeoDataError) -> Encoder {
        var encoder = Encoder(plan: try Plan(layer.features, path: path))
        for f in layer.features { encoder.add(f) }
        return encoder
    }

    /// Writes a layer handed over feature by feature: its columns, header type and dimensions are
    /// chosen from the first `lookahead` features, and each later feature is encoded as it is read
    /// (only its bytes and box are kept, not the feature). Returns nil, having written nothing,
    /// when a later feature does not fit that choice: the caller then writes the layer whole,
    /// which gives the same bytes.
    static func write(_ stream: GeoDataLayerStream, wkt: String?, to path: String, spatialIndex: Bool,
                      lookahead: Int) throws(GeoDataError) -> Int? {
        // Geometries a GeoPackage holds as plain WKB come still encoded: their coordinates are
        // copied from it.
        var pending: [(Feature, EncodedGeometry?)] = []
        var encoder: Encoder?
        var restart = false
        let stop = GeoDataError.unsupported(path: path, reason: "restarting the write")
        do throws(GeoDataError) {
            try stream.forEachFeatureKeepingWKB { (f, e) throws(GeoDataError) in
                if encoder != nil {
                    guard encoder!.addIfAdmitted(f, e) else {
                        restart = true
                        throw stop
                    }
                    return
                }
                pending.append((f, e))
                if pending.count >= lookahead {
                    var started = Encoder(plan: try Plan(pending, path: path))
                    for (p, e) in pending { started.add(p, e) }
                    pending = []
                    encoder = started
                }
            }
        } catch {
            if restart { return nil }
            throw error
        }
        if encoder == nil {
            var started = Encoder(plan: try Plan(pending, path: path))
            for (p, e) in pending { started.add(p, e) }
            encoder = started
        }
        guard let done = encoder else { return nil }
        try done.writeFile(to: path, name: stream.name, crs: stream.crs, wkt: wkt, spatialIndex: spatialIndex)
        return done.spans.count
    }

    /// What the header says of a layer, chosen from its features: columns, geometry type,
    /// dimensions.
    struct Plan {
        var columns: [Column]
        var columnIndex: [String: Int]
        /// The kinds of value seen per column (see ``code(_:)``).
        var codes: [Set<Int>]
        var kinds: Set<Geometry.Kind>
        var headerType: FlatGeobufGeometryType
        var hasZ: Bool
        var hasM: Bool

        init(_ features: [Feature], path: String) throws(GeoDataError) {
            try self.init(features.map { ($0, nil) }, path: path)
        }

        /// The plan of features each with its geometry or, in its place, its encoded geometry
        /// (always two-dimensional).
        init(_ features: [(Feature, EncodedGeometry?)], path: String) throws(GeoDataError) {
            kinds = Set(features.compactMap { $0.1?.kind ?? $0.0.geometry?.kind })
            headerType = FlatGeobufWriter.headerType(kinds)
            hasZ = features.contains { $0.0.geometry?.hasZ ?? false }
            hasM = features.contains { $0.0.geometry?.hasM ?? false }
            var seen: [String: Set<Int>] = [:]
            for (f, _) in features {
                for (k, v) in f.properties { seen[k, default: []].insert(Self.code(v)) }
            }
            let names = seen.keys.sorted()
            columns = names.map { Column(name: $0, type: Self.type(seen[$0] ?? [])) }
            codes = names.map { seen[$0] ?? [] }
            guard columns.count <= Int(UInt16.max) else {
                throw .unsupported(path: path, reason: "\(columns.count) properties, FlatGeobuf holds at most 65535 columns")
            }
            columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
        }

        /// A property value's kind: -1 null, 0 bool, 1 integer, 2 double, 3 string, 4 array or object.
        static func code(_ v: PropertyValue) -> Int {
            switch v {
            case .null: -1
            case .bool: 0
            case .int: 1
            case .double: 2
            case .string: 3
            case .array, .object: 4
            }
        }

        /// The column type of a column with values of `codes`.
        static func type(_ codes: Set<Int>) -> FlatGeobufColumnType {
            switch codes.subtracting([-1]) {
            case [0]: .bool
            case [1]: .long
            case [2], [1, 2]: .double
            case [4]: .json
            default: .string
            }
        }

        /// True when `f`, after the features the plan was chosen from, leaves the header as it
        /// is (the plan then takes it into account); `columns[p]` is the column of the `p`-th key
        /// of `f.properties`, -1 for none.
        mutating func admits(_ f: Feature, _ encoded: EncodedGeometry?, columns keyColumns: [Int]) -> Bool {
            if let g = f.geometry, g.hasZ && !hasZ || g.hasM && !hasM { return false }
            if let kind = encoded?.kind ?? f.geometry?.kind, !kinds.contains(kind) {
                var more = kinds
                more.insert(kind)
                guard FlatGeobufWriter.headerType(more) == headerType else { return false }
                kinds = more
            }
            for (p, v) in f.properties.values.enumerated() {
                let i = keyColumns[p]
                guard i >= 0 else { return false }
                let c = Self.code(v)
                if !codes[i].contains(c) {
                    var more = codes[i]
                    more.insert(c)
                    let type = Self.type(more)
                    // A column null so far has no value in any feature encoded (nulls are left
                    // out), so its type can still change: the header is written last.
                    guard type == columns[i].type || codes[i].isSubset(of: [-1]) else { return false }
                    columns[i].type = type
                    codes[i] = more
                }
            }
            return true
        }
    }

    /// Features encoded one by one into one buffer, then written with the header and index.
    struct Encoder {
        var plan: Plan
        /// Every feature's bytes, one after another, in blocks of about 1 MiB (a growing single
        /// buffer would copy and page in the whole of it at every doubling).
        var blocks: [[UInt8]] = []
        /// Where each feature's bytes are: `bytes` of block `block`.
        var spans: [(block: Int, bytes: Range<Int>)] = []
        static let blockBytes = 1 << 20
        var boxes: [BoundingBox] = []
        var extent = BoundingBox.empty
        /// A feature's values in column order (reused), and the column of each of its keys in
        /// the order its dictionary gives them, found through the key order of the one before.
        private var byColumn: [PropertyValue] = []
        private var keyColumns: [Int] = []
        private var keyOrder = KeyOrderCache()

        init(plan: Plan) {
            self.plan = plan
            byColumn = [PropertyValue](repeating: .null, count: plan.columns.count)
        }

        /// Encodes `f`, the next feature (its geometry `encoded`, when given, in place of its own).
        mutating func add(_ f: Feature, _ encoded: EncodedGeometry? = nil) {
            findColumns(f)
            encode(f, encoded)
        }

        /// Encodes `f` when it leaves the header as planned (``Plan/admits(_:_:columns:)``); false,
        /// encoding nothing, otherwise. Its keys' columns are found once for both.
        mutating func addIfAdmitted(_ f: Feature, _ encoded: EncodedGeometry? = nil) -> Bool {
            findColumns(f)
            guard plan.admits(f, encoded, columns: keyColumns) else { return false }
            encode(f, encoded)
            return true
        }

        private mutating func findColumns(_ f: Feature) {
            keyColumns.removeAll(keepingCapacity: true)
            var place = 0
            for key in f.properties.keys {
                keyColumns.append(keyOrder.column(of: key, at: place) { plan.columnIndex[$0] ?? -1 })
                place += 1
            }
        }

        /// Encodes `f`, whose keys' columns ``findColumns(_:)`` has just found.
        private mutating func encode(_ f: Feature, _ encoded: EncodedGeometry?) {
            for i in byColumn.indices { byColumn[i] = .null }
            for (p, value) in f.properties.values.enumerated() where keyColumns[p] >= 0 {
                byColumn[keyColumns[p]] = value
            }
            let properties = encodeProperties(byColumn, columns: plan.columns)
            if blocks.isEmpty || blocks[blocks.count - 1].count >= Self.blockBytes {
                blocks.append([])
                blocks[blocks.count - 1].reserveCapacity(Self.blockBytes + Self.blockBytes / 4)
                Self.prefault(&blocks[blocks.count - 1])
            }
            let b = blocks.count - 1
            let start = blocks[b].count
            if let encoded, appendFeature(encoded, properties: properties, headerType: plan.headerType,
                                          hasZ: plan.hasZ, hasM: plan.hasM, to: &blocks[b]) {
                // Laid out from the WKB.
            } else {
                let geometry = (f.geometry ?? encoded?.geometry).map { promoted($0, to: plan.headerType) }
                if !appendFeature(geometry, properties: properties, headerType: plan.headerType,
                                  hasZ: plan.hasZ, hasM: plan.hasM, to: &blocks[b]) {
                    let fields = featureFields(geometry, properties: properties, headerType: plan.headerType,
                                               hasZ: plan.hasZ, hasM: plan.hasM)
                    FlatBufferBuilder.build(.table(fields), sizePrefixed: true, appendingTo: &blocks[b])
                }
            }
            spans.append((b, start..<blocks[b].count))
            let box = encoded?.boundingBox ?? f.geometry?.boundingBox ?? .empty
            boxes.append(box)
            extent = extent.union(box)
        }

        /// Maps a new block's pages in one call to the kernel (`MADV_POPULATE_WRITE`, Linux 5.14
        /// and later) rather than one page fault per 4 KiB as the features are first written into
        /// it: the blocks hold the whole file's features, all in memory not touched before.
        /// Elsewhere, or where the kernel refuses, the pages fault in as usual.
        static func prefault(_ block: inout [UInt8]) {
            #if os(Linux)
            let capacity = block.capacity
            block.withUnsafeMutableBufferPointer { b in
                guard let base = b.baseAddress else { return }
                let page = 4096
                let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
                let end = (Int(bitPattern: base) + capacity) & ~(page - 1)
                guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
                _ = madvise(p, end - start, 23)  // MADV_POPULATE_WRITE
            }
            #endif
        }

        /// What comes before the features (magic bytes, header, index), the order the features
        /// are written in, and the length of the whole file.
        struct Layout {
            var prefix: [UInt8]
            var order: [Int]
            var size: Int
        }

        /// The file's layout: magic bytes, header and index (in Hilbert order), and its features' order.
        func layout(name: String, crs: CRS?, wkt: String?, spatialIndex: Bool) -> Layout {
            let count = spans.count
            let indexed = spatialIndex && count > 0
            let order = indexed ? FlatGeobufIndex.hilbertOrder(boxes, extent: extent) : Array(0..<count)
            var header: [(slot: Int, value: FlatBufferValue)] = [
                (0, .string(name)),
                (2, .uint8(plan.headerType.rawValue)),
                (8, .uint64(UInt64(count))),
                (9, .uint16(indexed ? UInt16(nodeSize) : 0)),
            ]
            if !extent.isEmpty { header.append((1, .doubles([extent.minX, extent.minY, extent.maxX, extent.maxY]))) }
            if plan.hasZ { header.append((3, .uint8(1))) }
            if plan.hasM { header.append((4, .uint8(1))) }
            if !plan.columns.isEmpty {
                header.append((7, .tables(plan.columns.map { c in .table([(0, .string(c.name)), (1, .uint8(c.type.rawValue))]) })))
            }
            if let crs {
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
                    offset += UInt64(spans[i].bytes.count)
                }
                out += FlatGeobufIndex.build(boxes: order.map { boxes[$0] }, offsets: offsets, nodeSize: nodeSize)
            }
            return Layout(prefix: out, order: order, size: out.count + spans.reduce(0) { $0 + $1.bytes.count })
        }

        /// Writes the file to `path` atomically, its whole length allocated before the first byte.
        func writeFile(to path: String, name: String, crs: CRS?, wkt: String?, spatialIndex: Bool) throws(GeoDataError) {
            let layout = layout(name: name, crs: crs, wkt: wkt, spatialIndex: spatialIndex)
            try AtomicFile.writeThrough(to: path, size: layout.size, { (file: BufferedFile) throws(GeoDataError) in
                write(layout, to: file)
            })
        }

        /// Writes the file laid out by `layout` to `file`: the features straight from their
        /// blocks, in index order, without copying them into the file's buffer.
        func write(_ layout: Layout, to file: BufferedFile) {
            // Every block's bytes at once (one closure inside another, so as deep as there are
            // blocks of 1 MiB: past 256 of them, copied through the buffer instead).
            guard blocks.count <= 256 else {
                write(layout) { piece in
                    file.append(UnsafeRawBufferPointer(piece))
                    return file.isHealthy
                }
                return
            }
            var bases: [UnsafeRawBufferPointer] = []
            bases.reserveCapacity(blocks.count)
            func withBlocks(from b: Int) {
                guard b == blocks.count else {
                    blocks[b].withUnsafeBytes { raw in
                        bases.append(raw)
                        withBlocks(from: b + 1)
                    }
                    return
                }
                layout.prefix.withUnsafeBytes { prefix in
                    var pieces = [prefix]
                    pieces.reserveCapacity(1 + layout.order.count)
                    for i in layout.order {
                        let span = spans[i]
                        pieces.append(UnsafeRawBufferPointer(rebasing: bases[span.block][span.bytes]))
                    }
                    file.append(gathering: pieces)
                }
            }
            withBlocks(from: 0)
        }

        /// Hands the bytes of the file laid out by `layout`, in order, to `emit`; stops when it
        /// returns false.
        func write(_ layout: Layout, emit: (UnsafeBufferPointer<UInt8>) -> Bool) {
            guard layout.prefix.withUnsafeBufferPointer(emit) else { return }
            for i in layout.order {
                let span = spans[i]
                guard blocks[span.block].withUnsafeBufferPointer({ emit(UnsafeBufferPointer(rebasing: $0[span.bytes])) }) else { return }
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

    /// A feature's properties table: `values` holds each column's value (`.null` for none).
    static func encodeProperties(_ values: [PropertyValue], columns: [Column]) -> [UInt8] {
        var out: [UInt8] = []
        // The columns are in key order: their values in that order, nulls left out.
        for i in columns.indices {
            let value = values[i]
            guard value != .null else { continue }
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
                let text = DBFWriter.text(value)
                appendLE(&out, UInt32(text.utf8.count))
                out.append(contentsOf: text.utf8)
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
            // On a little-endian machine a coordinate's bytes are its two doubles' in file
            // order, so each run is copied whole, straight into the feature's buffer.
            #if _endian(little)
            var xyRuns: [[Coordinate]] = []
            #else
            var xy: [Double] = []
            #endif
            var z: [Double] = [], m: [Double] = []
            var endList: [UInt32] = []
            var written = 0
            let points = runs.reduce(0) { $0 + $1.c.count }
            #if _endian(little)
            xyRuns.reserveCapacity(runs.count)
            #else
            xy.reserveCapacity(2 * points)
            #endif
            if hasZ { z.reserveCapacity(points) }
            if hasM { m.reserveCapacity(points) }
            endList.reserveCapacity(runs.count)
            for r in runs {
                #if _endian(little)
                xyRuns.append(r.c)
                #else
                for c in r.c {
                    xy.append(c.x)
                    xy.append(c.y)
                }
                #endif
                written += r.c.count
                // Heights and measures only when the file has them (they are not written otherwise).
                if hasZ {
                    if let rz = r.z { z += rz } else { z.append(contentsOf: repeatElement(0, count: r.c.count)) }
                }
                if hasM {
                    if let rm = r.m { m += rm } else { m.append(contentsOf: repeatElement(.nan, count: r.c.count)) }
                }
                endList.append(UInt32(written))
            }
            if ends, endList.count > 1 { fields.append((0, .uint32s(endList))) }
            #if _endian(little)
            if written > 0 { fields.append((1, .coordinateRuns(xyRuns))) }
            #else
            if written > 0 { fields.append((1, .doubles(xy))) }
            #endif
            if hasZ, written > 0 { fields.append((2, .doubles(z))) }
            if hasM, written > 0 { fields.append((3, .doubles(m))) }
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
