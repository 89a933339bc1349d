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
import Dispatch
import GeoCore

/// Writing one layer as an ESRI Shapefile: `.shp`, `.shx`, `.dbf` (UTF-8, fields inferred from the
/// properties), `.cpg` (`UTF-8`) and `.prj` (the CRS's WKT, when known), each to a
/// temporary file first and all renamed into place at the end.
///
/// One shape type per file: points (MultiPoint when any feature is one), lines (PolyLine) or
/// polygons (Polygon); Z types when any geometry has heights, M types when any has measures but
/// none heights. Exterior rings are written clockwise and holes counter-clockwise, as the
/// specification asks. A layer mixing families, or holding geometry collections, is refused.
public enum ShapefileWriter {
    /// Writes `layer` to `path` (the `.shp`). `prj`: the WKT for the `.prj`; nil writes none
    /// (and removes a stale one beside the target).
    /// - Throws: ``GeoDataError/unsupported(path:reason:)`` or ``GeoDataError/writeFailed(path:reason:)``.
    public static func write(_ layer: GeoDataLayer, to path: String, prj: String?) throws(GeoDataError) {
        let type = try shapeType(of: layer.features, path: path)
        try checkFolder(of: path)
        // The .shp streams to its temporary file through a buffer (never held whole in memory);
        // the small files follow; all are renamed into place at the end.
        let shpTemporary = AtomicFile.temporaryPath(for: path)
        InterruptCleanup.register(shpTemporary)
        defer { InterruptCleanup.unregister(shpTemporary) }
        // The .shp (with its index) and the .dbf are built at the same time, one on each of two
        // threads: they read the same features and share nothing else.
        nonisolated(unsafe) var shapes: Result<[UInt8], GeoDataError> = .success([])
        nonisolated(unsafe) var table: Result<[UInt8], GeoDataError> = .success([])
        let features = layer.features
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                shapes = Result { () throws(GeoDataError) -> [UInt8] in
                    var records = try ShapeRecordFile(temporary: shpTemporary, path: path, type: type)
                    for f in features { try records.add(f.geometry) }
                    return try records.finish()
                }
            } else {
                table = Result { () throws(GeoDataError) -> [UInt8] in
                    var builder = DBFWriter.TableBuilder()
                    for f in features { builder.add(f.properties) }
                    return try builder.encode(path: path)
                }
            }
        }
        let shx: [UInt8], dbf: [UInt8]
        do {
            shx = try shapes.get()
            dbf = try table.get()
        } catch {
            unlink(shpTemporary)
            throw error
        }
        try writeSidecars(shx: shx, dbf: dbf, prj: prj, for: path, shpTemporary: shpTemporary)
    }

    /// Writes a layer handed over feature by feature: the shape type is chosen from the first
    /// `lookahead` features, then each feature's record goes to the `.shp` as it is read and only
    /// its properties are kept for the `.dbf` (whose field widths need every value). Returns nil,
    /// having written nothing, when a later feature does not fit that type (another geometry
    /// type, heights or measures, a MultiPoint among points): the caller then writes the layer
    /// whole, which gives the same files, or the same error.
    static func write(_ stream: GeoDataLayerStream, to path: String, prj: String?, lookahead: Int) throws(GeoDataError) -> Int? {
        try checkFolder(of: path)
        let shpTemporary = AtomicFile.temporaryPath(for: path)
        InterruptCleanup.register(shpTemporary)
        defer { InterruptCleanup.unregister(shpTemporary) }
        // Geometries a GeoPackage holds as plain WKB come still encoded: their coordinates are
        // copied from it.
        var pending: [(Feature, EncodedGeometry?)] = []
        var records: ShapeRecordFile?
        var survey = ShapeTypeSurvey()
        var table = DBFWriter.TableBuilder()
        var restart = false
        let stop = GeoDataError.unsupported(path: path, reason: "restarting the write")
        func start() throws(GeoDataError) {
            // A lookahead the whole-layer write would refuse is refused there, with its counts.
            guard let type = try? survey.shapeType(path: path) else {
                restart = true
                throw stop
            }
            var started = try ShapeRecordFile(temporary: shpTemporary, path: path, type: type)
            for (f, e) in pending { try started.add(f.geometry, e) }
            pending = []
            records = started
        }
        do throws(GeoDataError) {
            try stream.forEachFeatureKeepingWKB { (f, e) throws(GeoDataError) in
                table.add(f.properties)
                // A geometry that changes what the type is chosen from must leave it as it is.
                let changed = e.map { survey.observe($0) } ?? survey.observe(f.geometry)
                if changed, let type = records?.type, (try? survey.shapeType(path: path)) != type {
                    restart = true
                    throw stop
                }
                if records != nil {
                    try records!.add(f.geometry, e)
                    return
                }
                pending.append((f, e))
                if pending.count >= lookahead { try start() }
            }
            if records == nil { try start() }
        } catch {
            records?.abandon()
            unlink(shpTemporary)
            if restart { return nil }
            throw error
        }
        let count = records!.count
        let shx: [UInt8], dbf: [UInt8]
        do {
            shx = try records!.finish()
            dbf = try table.encode(path: path)
        } catch {
            unlink(shpTemporary)
            throw error
        }
        try writeSidecars(shx: shx, dbf: dbf, prj: prj, for: path, shpTemporary: shpTemporary)
        return count
    }

    /// Writes the `.shx`, `.dbf`, `.cpg` and `.prj` beside the finished `.shp` temporary and
    /// renames them all into place.
    private static func writeSidecars(shx: [UInt8], dbf: [UInt8], prj: String?, for path: String,
                                      shpTemporary: String) throws(GeoDataError) {
        var files: [(String, [UInt8])] = [
            (ShapefileReader.replacingExtension(path, "shx"), shx),
            (ShapefileReader.replacingExtension(path, "dbf"), dbf),
            (ShapefileReader.replacingExtension(path, "cpg"), Array("UTF-8\n".utf8)),
        ]
        var stale: [String] = []
        if let prj {
            files.append((ShapefileReader.replacingExtension(path, "prj"), Array(prj.utf8)))
        } else {
            stale.append(ShapefileReader.replacingExtension(path, "prj"))
        }
        try writeAll(files, removing: stale, for: path, written: [(path, shpTemporary)])
    }

    private static func checkFolder(of path: String) throws(GeoDataError) {
        let directory = PathText.deletingLastComponent(path)
        var isDirectory = false
        if !directory.isEmpty, !(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory) {
            throw .writeFailed(path: path, reason: "folder \(directory) does not exist")
        }
    }

    /// The one shape type that holds every geometry of `features`.
    static func shapeType(of features: [Feature], path: String) throws(GeoDataError) -> ShapeType {
        var survey = ShapeTypeSurvey()
        for f in features { survey.observe(f.geometry) }
        return try survey.shapeType(path: path)
    }

    /// What a Shapefile's one shape type is chosen from, observed geometry by geometry: the
    /// kinds seen (counted, for the error that names them) and whether any carries heights or
    /// measures.
    struct ShapeTypeSurvey {
        private var counts: [Geometry.Kind: Int] = [:]
        private var hasZ = false, hasM = false

        /// Observes `geometry` (nil and empty ones count for nothing); true when it changed
        /// what the type is chosen from: a kind not seen before, the first heights or measures.
        @discardableResult
        mutating func observe(_ geometry: Geometry?) -> Bool {
            guard let g = geometry, !g.isEmpty else { return false }
            let changed = counts[g.kind] == nil || (g.hasZ && !hasZ) || (g.hasM && !hasM)
            counts[g.kind, default: 0] += 1
            hasZ = hasZ || g.hasZ
            hasM = hasM || g.hasM
            return changed
        }

        /// Observes an encoded geometry (never empty, two-dimensional) as ``observe(_:)``
        /// observes the geometry it decodes to.
        mutating func observe(_ encoded: EncodedGeometry) -> Bool {
            let changed = counts[encoded.kind] == nil
            counts[encoded.kind, default: 0] += 1
            return changed
        }

        /// The one shape type that holds every geometry observed.
        /// - Throws: ``GeoDataError/unsupported(path:reason:)`` for a GeometryCollection or
        ///   geometries of more than one family, naming their counts.
        func shapeType(path: String) throws(GeoDataError) -> ShapeType {
            if counts[.geometryCollection] != nil {
                throw .unsupported(path: path, reason: "a Shapefile cannot hold a GeometryCollection (\(counts[.geometryCollection] ?? 0) features)")
            }
            let families = Set(counts.keys.map { Geometry.Kind.family(of: $0) })
            guard families.count <= 1 else {
                let list = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
                throw .unsupported(path: path, reason: "a Shapefile holds one geometry type, the layer mixes \(list); split it by type")
            }
            guard let family = families.first else { return .null }
            let base: ShapeType = switch family {
            case .point: counts[.multiPoint] != nil ? .multiPoint : .point
            case .line: .polyLine
            default: .polygon
            }
            if hasZ { return ShapeType(rawValue: base.rawValue + 10) ?? base }
            if hasM { return ShapeType(rawValue: base.rawValue + 20) ?? base }
            return base
        }
    }

    /// The `.shp` being written to its temporary file, record by record, and its `.shx`.
    struct ShapeRecordFile {
        let type: ShapeType
        let path: String
        private let file: BufferedFile
        private let encoder: ShapeRecordEncoder
        private var shx: [UInt8]
        private var content: [UInt8] = []
        private var box = BoundingBox.empty
        private var zRange = (Double.infinity, -Double.infinity), mRange = (Double.infinity, -Double.infinity)
        private var words = 50
        private(set) var count = 0

        init(temporary: String, path: String, type: ShapeType) throws(GeoDataError) {
            let directory = PathText.deletingLastComponent(path)
            guard let file = BufferedFile(creating: temporary) else {
                throw .writeFailed(path: path, reason: "cannot create a file in \(directory.isEmpty ? "." : directory)")
            }
            self.file = file
            self.type = type
            self.path = path
            encoder = ShapeRecordEncoder(type: type)
            shx = [UInt8](repeating: 0, count: 100)
            file.append(repeatElement(0, count: 100))
        }

        /// Appends the record of the next feature's geometry (`encoded`, when given, in its place).
        mutating func add(_ geometry: Geometry?, _ encoded: EncodedGeometry? = nil) throws(GeoDataError) {
            content.removeAll(keepingCapacity: true)
            if let encoded {
                encoder.encode(encoded, into: &content, box: &box, z: &zRange, m: &mRange)
            } else {
                encoder.encode(geometry, into: &content, box: &box, z: &zRange, m: &mRange)
            }
            guard words + 4 + content.count / 2 <= Int(Int32.max) else {
                file.close()
                throw .unsupported(path: path, reason: "more than 4 GiB of shapes, the Shapefile limit")
            }
            count += 1
            appendBE(&shx, Int32(words))
            appendBE(&shx, Int32(content.count / 2))
            file.appendBigEndian(Int32(count))
            file.appendBigEndian(Int32(content.count / 2))
            file.append(content)
            words += 4 + content.count / 2
        }

        /// Writes the header, closes the file and returns the `.shx` bytes.
        mutating func finish() throws(GeoDataError) -> [UInt8] {
            if box.isEmpty { box = BoundingBox(minX: 0, minY: 0, maxX: 0, maxY: 0) }
            file.write(fileHeader(type: type, words: words, box: box, z: zRange, m: mRange), at: 0)
            shx.replaceSubrange(0..<100, with: fileHeader(type: type, words: shx.count / 2, box: box, z: zRange, m: mRange))
            if let failure = file.close() {
                throw .writeFailed(path: path, reason: String(cString: strerror(failure)))
            }
            return shx
        }

        /// Closes the file unfinished (the caller removes it).
        func abandon() { file.close() }
    }

    private static func fileHeader(type: ShapeType, words: Int, box: BoundingBox, z: (Double, Double), m: (Double, Double)) -> [UInt8] {
        var h: [UInt8] = []
        appendBE(&h, Int32(9994))
        h += [UInt8](repeating: 0, count: 20)
        appendBE(&h, Int32(words))
        appendLE(&h, Int32(1000))
        appendLE(&h, type.rawValue)
        for v in [box.minX, box.minY, box.maxX, box.maxY] { appendLE(&h, v) }
        for v in [z.0, z.1, m.0, m.1] { appendLE(&h, v.isFinite ? v : 0) }
        return h
    }

    /// Writes every file to a temporary beside it, then renames them all into place and removes
    /// `stale`; on failure the temporaries are removed and existing files untouched.
    /// `written`: targets already written to their temporaries, renamed first.
    static func writeAll(_ files: [(String, [UInt8])], removing stale: [String], for path: String,
                         written: [(target: String, temporary: String)] = []) throws(GeoDataError) {
        let directory = PathText.deletingLastComponent(path)
        var temporaries: [String] = written.map(\.temporary)
        func cleanUp() { for t in temporaries { unlink(t) } }
        var isDirectory = false
        if !directory.isEmpty, !(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory) {
            cleanUp()
            throw .writeFailed(path: path, reason: "folder \(directory) does not exist")
        }
        for (target, bytes) in files {
            let temporary = AtomicFile.temporaryPath(for: target)
            guard let file = BufferedFile(creating: temporary) else {
                cleanUp()
                throw .writeFailed(path: target, reason: "cannot create a file in \(directory.isEmpty ? "." : directory)")
            }
            temporaries.append(temporary)
            file.append(bytes)
            if let failure = file.close() {
                cleanUp()
                throw .writeFailed(path: target, reason: String(cString: strerror(failure)))
            }
        }
        let targets = written.map(\.target) + files.map(\.0)
        for (target, temporary) in zip(targets, temporaries) {
            let failure = FileReplacement.moveIntoPlace(temporary, at: target)
            guard failure != 0 else { continue }
            let reason = String(cString: strerror(failure))
            cleanUp()
            throw .writeFailed(path: target, reason: reason)
        }
        for s in stale where FileManager.default.fileExists(atPath: s) { try? FileManager.default.removeItem(atPath: s) }
    }
}

extension Geometry.Kind {
    /// The family of a kind (point, line, polygon, collection).
    static func family(of kind: Geometry.Kind) -> Geometry.Family {
        switch kind {
        case .point, .multiPoint: .point
        case .lineString, .multiLineString: .line
        case .polygon, .multiPolygon: .polygon
        case .geometryCollection: .collection
        }
    }
}

/// Encoding one geometry as a record's content in the file's shape type.
struct ShapeRecordEncoder {
    let type: ShapeType

    private static let noMeasure = -1e39

    /// Appends the record content of `geometry` to `out`.
    func encode(_ geometry: Geometry?, into out: inout [UInt8], box: inout BoundingBox,
                z zRange: inout (Double, Double), m mRange: inout (Double, Double)) {
        // Flat lines and polygons (nearly every real file): straight from the coordinates.
        if let geometry, !geometry.isEmpty, type == .polygon || type == .polyLine, !geometry.hasZ, !geometry.hasM {
            encodeFlat(geometry, into: &out, box: &box)
            return
        }
        out += encode(geometry, box: &box, z: &zRange, m: &mRange)
    }

    /// Appends the record content of an encoded geometry: the bytes ``encode(_:into:box:z:m:)``
    /// appends for the geometry it decodes to, a flat line or polygon's coordinates copied from
    /// the WKB.
    func encode(_ encoded: EncodedGeometry, into out: inout [UInt8], box: inout BoundingBox,
                z zRange: inout (Double, Double), m mRange: inout (Double, Double)) {
        #if _endian(little)
        if type == .polygon || type == .polyLine {
            encodeFlat(encoded, into: &out, box: &box)
            return
        }
        #endif
        encode(encoded.geometry, into: &out, box: &box, z: &zRange, m: &mRange)
    }

    /// ``encodeFlat(_:into:box:)`` of an encoded geometry, on a little-endian machine (where
    /// WKB's x, y pairs are the record's bytes).
    private func encodeFlat(_ encoded: EncodedGeometry, into out: inout [UInt8], box: inout BoundingBox) {
        encoded.withParts { parts in
            // Each ring or line as its bytes, and whether it goes in reversed.
            var runs: [(xy: UnsafeRawBufferPointer, reversed: Bool)] = []
            parts.forEach { p in
                var i = 0
                parts.forEachRun(ofPartAt: p) { xy in
                    let reversed = parts.polygonal && (i == 0) != (Self.signedArea2(xy) < 0)
                    runs.append((xy, reversed))
                    i += 1
                }
            }
            // Every run is kept (none is empty), so the box is the geometry's.
            box = box.union(encoded.boundingBox)
            appendFlatHeader(box: encoded.boundingBox, lengths: runs.lazy.map { $0.xy.count / 16 }, into: &out)
            for r in runs { Self.appendPairs(r.xy, reversed: r.reversed, to: &out) }
        }
    }

    /// Appends a flat PolyLine or Polygon record's header: its shape type, `own` box, the number
    /// of parts and of points, and where each part, of `lengths` points, starts.
    private func appendFlatHeader(box own: BoundingBox, lengths: some Collection<Int>, into out: inout [UInt8]) {
        let count = lengths.reduce(0, +)
        out.reserveCapacity(out.count + 44 + 4 * lengths.count + 16 * count)
        appendLE(&out, type.rawValue)
        for v in [own.minX, own.minY, own.maxX, own.maxY] { appendLE(&out, v) }
        appendLE(&out, Int32(lengths.count))
        appendLE(&out, Int32(count))
        var start = 0
        for n in lengths {
            appendLE(&out, Int32(start))
            start += n
        }
    }

    /// Appends the little-endian x, y pairs `xy` as they are or, `reversed`, pair by pair from
    /// the last.
    private static func appendPairs(_ xy: UnsafeRawBufferPointer, reversed: Bool, to out: inout [UInt8]) {
        guard reversed else { return out.append(contentsOf: xy) }
        let at = out.count, n = xy.count / 16
        out.append(contentsOf: repeatElement(0, count: xy.count))
        out.withUnsafeMutableBytes { raw in
            for j in 0..<n {
                (raw.baseAddress! + at + 16 * j).copyMemory(from: xy.baseAddress! + 16 * (n - 1 - j), byteCount: 16)
            }
        }
    }

    /// ``ShapeRing/signedArea2(_:)`` of a ring given as little-endian x, y pairs: the same sums
    /// in the same order.
    static func signedArea2(_ xy: UnsafeRawBufferPointer) -> Double {
        let n = xy.count / 16
        guard n > 2 else { return 0 }
        func x(_ i: Int) -> Double { Double(bitPattern: UInt64(littleEndian: xy.loadUnaligned(fromByteOffset: 16 * i, as: UInt64.self))) }
        func y(_ i: Int) -> Double { Double(bitPattern: UInt64(littleEndian: xy.loadUnaligned(fromByteOffset: 16 * i + 8, as: UInt64.self))) }
        var s = 0.0
        let ox = x(0), oy = y(0)
        for i in 0..<(n - 1) {
            s += (x(i) - ox) * (y(i + 1) - oy) - (x(i + 1) - ox) * (y(i) - oy)
        }
        return s
    }

    /// A 2D PolyLine or Polygon record: the same bytes as ``encode(_:box:z:m:)``.
    private func encodeFlat(_ geometry: Geometry, into out: inout [UInt8], box: inout BoundingBox) {
        // Parts as (coordinates, reversed) runs: polygon rings oriented as the format asks.
        var parts: [(c: [Coordinate], reversed: Bool)] = []
        func addRings(_ p: Polygon) {
            for (i, ring) in p.rings.enumerated() where !ring.isEmpty {
                let clockwise = ShapeRing.signedArea2(ring) < 0
                parts.append((ring, (i == 0) != clockwise))
            }
        }
        switch geometry {
        case .lineString(let l): parts = [(l.coordinates, false)]
        case .multiLineString(let ml): parts = ml.lineStrings.filter { !$0.coordinates.isEmpty }.map { ($0.coordinates, false) }
        case .polygon(let p): addRings(p)
        case .multiPolygon(let mp): for p in mp.polygons { addRings(p) }
        default: break
        }
        var own = BoundingBox.empty
        for p in parts {
            for c in p.c { own.expand(toInclude: c) }
        }
        box = box.union(own)
        appendFlatHeader(box: own, lengths: parts.lazy.map { $0.c.count }, into: &out)
        #if _endian(little)
        // A Coordinate is x then y as two Doubles: on a little-endian machine its bytes are the
        // record's, so each part is copied whole (a reversed ring pair by pair into place).
        for p in parts { p.c.withUnsafeBytes { Self.appendPairs($0, reversed: p.reversed, to: &out) } }
        #else
        for p in parts {
            if p.reversed {
                for c in p.c.reversed() { appendXY(&out, c) }
            } else {
                for c in p.c { appendXY(&out, c) }
            }
        }
        #endif
    }

    private func appendXY(_ out: inout [UInt8], _ c: Coordinate) {
        withUnsafeBytes(of: (c.x.bitPattern.littleEndian, c.y.bitPattern.littleEndian)) { out.append(contentsOf: $0) }
    }

    func encode(_ geometry: Geometry?, box: inout BoundingBox, z zRange: inout (Double, Double), m mRange: inout (Double, Double)) -> [UInt8] {
        var out: [UInt8] = []
        guard let geometry, !geometry.isEmpty, type != .null else {
            appendLE(&out, Int32(0))
            return out
        }
        // Parts as (coordinates, z, m) runs.
        var parts: [(c: [Coordinate], z: [Double]?, m: [Double]?)] = []
        switch geometry {
        case .point(let p): parts = [([p.coordinate ?? Coordinate(x: 0, y: 0)], p.z.map { [$0] }, p.m.map { [$0] })]
        case .multiPoint(let mp):
            let pts = mp.points.filter { $0.coordinate != nil }
            parts = [(pts.compactMap(\.coordinate), pts.contains { $0.z != nil } ? pts.map { $0.z ?? 0 } : nil,
                      pts.contains { $0.m != nil } ? pts.map { $0.m ?? .nan } : nil)]
        case .lineString(let l): parts = [(l.coordinates, l.z, l.m)]
        case .multiLineString(let ml): parts = ml.lineStrings.filter { !$0.coordinates.isEmpty }.map { ($0.coordinates, $0.z, $0.m) }
        case .polygon(let p): parts = Self.rings(p)
        case .multiPolygon(let mp): parts = mp.polygons.flatMap(Self.rings)
        case .geometryCollection: break
        }
        let coords = parts.flatMap(\.c)
        let zs = parts.flatMap { $0.z ?? [Double](repeating: 0, count: $0.c.count) }
        let ms = parts.flatMap { ($0.m ?? [Double](repeating: .nan, count: $0.c.count)).map { $0.isNaN ? Self.noMeasure : $0 } }
        var own = BoundingBox.empty
        for c in coords { own.expand(toInclude: c) }
        box = box.union(own)
        let zr = (zs.min() ?? 0, zs.max() ?? 0)
        let realM = ms.filter { $0 > shapefileNoMeasure }
        let mr = (realM.min() ?? 0, realM.max() ?? 0)
        if type.hasZ { zRange = (min(zRange.0, zr.0), max(zRange.1, zr.1)) }
        if type.hasM, !realM.isEmpty { mRange = (min(mRange.0, mr.0), max(mRange.1, mr.1)) }

        appendLE(&out, type.rawValue)
        if type.base == .point {
            appendLE(&out, coords[0].x)
            appendLE(&out, coords[0].y)
            if type.hasZ { appendLE(&out, zs[0]) }
            if type.hasM { appendLE(&out, ms[0]) }
            return out
        }
        for v in [own.minX, own.minY, own.maxX, own.maxY] { appendLE(&out, v) }
        if type.base != .multiPoint {
            appendLE(&out, Int32(parts.count))
        }
        appendLE(&out, Int32(coords.count))
        if type.base != .multiPoint {
            var start = 0
            for p in parts {
                appendLE(&out, Int32(start))
                start += p.c.count
            }
        }
        for c in coords {
            appendLE(&out, c.x)
            appendLE(&out, c.y)
        }
        if type.hasZ {
            appendLE(&out, zr.0)
            appendLE(&out, zr.1)
            for v in zs { appendLE(&out, v) }
        }
        if type.hasM {
            appendLE(&out, mr.0)
            appendLE(&out, mr.1)
            for v in ms { appendLE(&out, v) }
        }
        return out
    }

    /// A polygon's rings: the exterior clockwise, holes counter-clockwise.
    private static func rings(_ p: Polygon) -> [(c: [Coordinate], z: [Double]?, m: [Double]?)] {
        p.rings.enumerated().compactMap { i, ring in
            guard !ring.isEmpty else { return nil }
            var r = ShapeRing(coordinates: ring, z: p.z?[i], m: p.m?[i])
            let clockwise = r.signedArea2 < 0
            if (i == 0) != clockwise { r = r.reversed }
            return (r.coordinates, r.z, r.m)
        }
    }
}
