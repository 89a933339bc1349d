#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// An ESRI Shapefile opened for reading: the `.shp` (geometry), its `.shx` (record offsets), `.dbf`
/// (attributes), `.prj` (CRS as ESRI WKT) and `.cpg` (text encoding), each memory-mapped and
/// read one record at a time.
///
/// Text is decoded with, in order: the `encoding` given, the `.cpg`, the `.dbf` language driver
/// byte (0x79: CP949, 0x57: ISO-8859-1, ... as GDAL maps them), else per value UTF-8 when valid,
/// else CP949 (the Korean default). Polygon rings become shells (clockwise) and holes
/// (counter-clockwise) assigned to the smallest shell containing them, as GDAL reads them.
///
/// ```swift
/// let shapefile = try ShapefileReader(path: "emd.shp")
/// print(shapefile.shapeType, shapefile.recordCount, shapefile.crs?.description ?? "-")
/// try shapefile.forEachFeature { feature in print(feature["EMD_KOR_NM"]?.stringValue ?? "") }
/// ```
public final class ShapefileReader {
    /// The `.shp` path.
    public let path: String
    /// The shape type of the file header.
    public let shapeType: ShapeType
    /// The bounding box of the file header (x and y).
    public let bounds: BoundingBox
    /// The number of records (shapes), deleted ones included.
    public let recordCount: Int
    /// The attribute fields (none without a `.dbf`).
    public let fields: [DBFField]
    /// The CRS of the `.prj`, with the EPSG code its WKT declares (an ESRI `.prj` declares none;
    /// GeoProj's `CRS.identified()` finds it).
    public let crs: CRS?
    /// The text encoding in use (iconv name), nil when none is declared (UTF-8 if valid, else CP949).
    public let encoding: String?

    private let shp: Data
    private let shx: Data?
    private let dbf: DBFReader?
    private let shxPath: String

    /// Opens `path` (the `.shp`; its companions are found beside it, matching the case of the
    /// extension or not). `encoding` overrides what the files declare (`CP949`, `UTF-8`, `949`, ...).
    public convenience init(path: String, encoding: String? = nil) throws(FileFormatError) {
        let shx = try Self.companion(path, "shx").map { p throws(FileFormatError) in (try Self.map(p), p) }
        let dbf = try Self.companion(path, "dbf").map { p throws(FileFormatError) in (try Self.map(p), p) }
        let cpg = Self.companion(path, "cpg").flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        let prj = Self.companion(path, "prj").flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        try self.init(shp: Self.map(path), path: path, shx: shx, dbf: dbf, cpg: cpg, prj: prj, encoding: encoding)
    }

    /// Reads a Shapefile held in memory: the bytes of its `.shp` and, when there are any, of its
    /// `.shx` and `.dbf`, and the text of its `.prj` and `.cpg`; otherwise exactly as
    /// ``init(path:encoding:)`` reads files. `name` is the `.shp`'s name (``path``); messages
    /// about the companions name it with their extension.
    ///
    /// ```swift
    /// let shapefile = try ShapefileReader(shp: shpBytes, shx: shxBytes, dbf: dbfBytes, name: "emd.shp")
    /// ```
    public convenience init(shp: Data, shx: Data? = nil, dbf: Data? = nil, prj: String? = nil, cpg: String? = nil,
                            name: String, encoding: String? = nil) throws(FileFormatError) {
        try self.init(shp: shp, path: name, shx: shx.map { ($0, Self.replacingExtension(name, "shx")) },
                      dbf: dbf.map { ($0, Self.replacingExtension(name, "dbf")) }, cpg: cpg, prj: prj, encoding: encoding)
    }

    /// The one reading path behind both public initialisers.
    private init(shp: Data, path: String, shx shxFile: (Data, String)?, dbf dbfFile: (Data, String)?,
                 cpg: String?, prj: String?, encoding: String?) throws(FileFormatError) {
        self.path = path
        self.shp = shp
        let size = shp.count
        guard size >= 100 else {
            throw FileFormatError(path: path, place: .byte(size), problem: "file ends inside the 100-byte header (\(size) bytes)")
        }
        let header = shp.withUnsafeBytes { raw in
            (code: raw.loadUnaligned(fromByteOffset: 0, as: Int32.self).bigEndian,
             words: Int(raw.loadUnaligned(fromByteOffset: 24, as: Int32.self).bigEndian),
             type: raw.loadUnaligned(fromByteOffset: 32, as: Int32.self).littleEndian,
             box: (0..<4).map { Double(bitPattern: raw.loadUnaligned(fromByteOffset: 36 + 8 * $0, as: UInt64.self).littleEndian) })
        }
        guard header.code == 9994 else {
            throw FileFormatError(path: path, place: .byte(0), problem: "file code \(header.code), not 9994: not a Shapefile")
        }
        guard header.words >= 50, header.words * 2 <= size else {
            throw FileFormatError(path: path, place: .byte(24),
                                  problem: "header declares \(header.words * 2) bytes, the file has \(size) (truncated?)")
        }
        guard let type = ShapeType(rawValue: header.type) else {
            throw FileFormatError(path: path, place: .byte(32), problem: "unknown shape type \(header.type)")
        }
        if type == .multiPatch {
            throw FileFormatError(path: path, place: .byte(32), problem: "MultiPatch shapes are not supported")
        }
        shapeType = type
        bounds = BoundingBox(minX: header.box[0], minY: header.box[1], maxX: header.box[2], maxY: header.box[3])

        shxPath = shxFile?.1 ?? Self.replacingExtension(path, "shx")
        if let (index, shxPath) = shxFile {
            guard index.count >= 100, (index.count - 100) % 8 == 0 else {
                throw FileFormatError(path: shxPath, place: .byte(index.count),
                                      problem: "size \(index.count) is not a 100-byte header plus 8 bytes per record")
            }
            shx = index
            recordCount = (index.count - 100) / 8
        } else {
            shx = nil
            recordCount = try Self.countRecords(shp, path: path, end: header.words * 2)
        }

        let cpg = cpg.map(TextTranscoder.canonicalName).flatMap { $0.isEmpty ? nil : $0 }
        let declared = encoding.map(TextTranscoder.canonicalName) ?? cpg
        if let (dbfData, dbfPath) = dbfFile {
            let table = try DBFReader(data: dbfData, path: dbfPath, encoding: declared)
            guard table.recordCount == recordCount else {
                throw FileFormatError(path: dbfPath, place: .byte(4),
                                      problem: "\(table.recordCount) records, but \(PathText.lastComponent(path)) has \(recordCount)")
            }
            dbf = table
            fields = table.fields
            self.encoding = table.encoding
        } else {
            dbf = nil
            fields = []
            self.encoding = declared
        }
        crs = prj.map { $0.trimmingWhitespacesAndNewlines() }
            .flatMap { $0.isEmpty ? nil : CRS($0) }
    }

    /// The layer's description (name from the file name, GDAL's geometry type name, CRS).
    public var layerInfo: GeoDataLayerInfo {
        GeoDataLayerInfo(name: PathText.deletingExtension(PathText.lastComponent(path)),
                         geometryTypeName: shapeType.layerGeometryTypeName, crs: crs)
    }

    /// Calls `body` with each feature in record order (deleted records skipped), its id the
    /// 0-based record index, keeping those whose bounding box meets `bbox` when given (tested on
    /// the record's stored box before the shape is decoded).
    public func forEachFeature(bbox: BoundingBox? = nil, _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) {
        var failure: GeoDataError?
        do throws(FileFormatError) {
            try forEachRecord(bbox: bbox) { index, geometry throws(FileFormatError) in
                if let dbf, dbf.isDeleted(index) { return true }
                let properties = try dbf?.properties(of: index) ?? [:]
                do throws(GeoDataError) {
                    try body(Feature(id: .int(Int64(index)), geometry: geometry, properties: properties))
                } catch {
                    failure = error
                    return false
                }
                return true
            }
        } catch {
            throw .invalidFile(error)
        }
        if let failure { throw failure }
    }

    /// Walks the records (through the `.shx` when there is one), decoding the shapes that meet `bbox`.
    private func forEachRecord(bbox: BoundingBox?, _ body: (Int, Geometry?) throws(FileFormatError) -> Bool) throws(FileFormatError) {
        let size = shp.count
        var sequentialOffset = 100
        for index in 0..<recordCount {
            let offset: Int
            let length: Int
            if let shx {
                let entry = shx.withUnsafeBytes { raw in
                    (Int(raw.loadUnaligned(fromByteOffset: 100 + 8 * index, as: Int32.self).bigEndian),
                     Int(raw.loadUnaligned(fromByteOffset: 104 + 8 * index, as: Int32.self).bigEndian))
                }
                offset = entry.0 * 2
                length = entry.1 * 2
                guard offset >= 100, length >= 0, offset + 8 + length <= size else {
                    throw FileFormatError(path: shxPath, place: .record(index + 1, byte: 100 + 8 * index),
                                          problem: "record at byte \(offset) of \(length) bytes lies outside the \(size)-byte .shp")
                }
                let declared = shp.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: offset + 4, as: Int32.self).bigEndian) * 2 }
                guard declared == length else {
                    throw FileFormatError(path: path, place: .record(index + 1, byte: offset),
                                          problem: "record header declares \(declared) bytes of content, the .shx \(length)")
                }
            } else {
                offset = sequentialOffset
                length = shp.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: offset + 4, as: Int32.self).bigEndian) * 2 }
                guard length >= 0, offset + 8 + length <= size else {
                    throw FileFormatError(path: path, place: .record(index + 1, byte: offset),
                                          problem: "record declares \(length) bytes of content, the file ends at byte \(size)")
                }
                sequentialOffset = offset + 8 + length
            }
            let geometry: Geometry?? = try shp.withBytes { raw throws(FileFormatError) -> Geometry?? in
                let content = UnsafeRawBufferPointer(rebasing: raw[(offset + 8)..<(offset + 8 + length)])
                if let bbox, !Self.recordMayMeet(content, bbox) { return .none }
                return .some(try ShapeRecordDecoder(bytes: content, fileOffset: offset + 8, path: path, record: index + 1).decode())
            }
            guard let geometry else { continue }
            if let bbox, !(geometry.map { $0.boundingBox.intersects(bbox) } ?? false) { continue }
            if try !body(index, geometry) { return }
        }
    }

    /// False when the record's stored box (or point) lies wholly outside `bbox`.
    private static func recordMayMeet(_ content: UnsafeRawBufferPointer, _ bbox: BoundingBox) -> Bool {
        guard content.count >= 4, let type = ShapeType(rawValue: content.loadUnaligned(as: Int32.self).littleEndian) else { return true }
        func d(_ at: Int) -> Double { Double(bitPattern: content.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian) }
        switch type.base {
        case .null: return false
        case .point:
            guard content.count >= 20 else { return true }
            return bbox.contains(Coordinate(x: d(4), y: d(12)))
        default:
            guard content.count >= 36 else { return true }
            return BoundingBox(minX: d(4), minY: d(12), maxX: d(20), maxY: d(28)).intersects(bbox)
        }
    }

    /// Counts the records of a `.shp` without an index by walking their headers.
    private static func countRecords(_ shp: Data, path: String, end: Int) throws(FileFormatError) -> Int {
        var offset = 100
        var count = 0
        let size = min(end, shp.count)
        while offset + 8 <= size {
            let length = shp.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: offset + 4, as: Int32.self).bigEndian) * 2 }
            guard length >= 0, offset + 8 + length <= size else {
                throw FileFormatError(path: path, place: .record(count + 1, byte: offset),
                                      problem: "record declares \(length) bytes of content, the file ends at byte \(size)")
            }
            offset += 8 + length
            count += 1
        }
        return count
    }

    static func map(_ path: String) throws(FileFormatError) -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw FileFormatError(path: path, place: .file, problem: "cannot read (\(fileErrorText(error)))")
        }
    }

    static func replacingExtension(_ path: String, _ ext: String) -> String {
        PathText.deletingExtension(path) + "." + ext
    }

    /// The companion file with extension `ext` (lower or upper case), when it exists.
    static func companion(_ path: String, _ ext: String) -> String? {
        for candidate in [ext, ext.uppercased()] {
            let p = replacingExtension(path, candidate)
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }
}
