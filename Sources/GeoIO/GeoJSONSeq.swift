import GeoCore

/// GeoJSON text sequences: one GeoJSON object per record, read and written a record at a time.
///
/// - RFC 8142 (`.geojsons`): each record starts with the record separator RS (0x1E) and ends
///   with a line feed; a record may span lines.
/// - Newline-delimited GeoJSON (`.geojsonl`, `.ndjson`): one object per line, no RS.
///
/// Reading accepts both (a file whose first byte after whitespace is RS is split at RS, any
/// other at line feeds; a leading RS on a line is skipped), skips blank records, and takes each
/// record's features: a Feature, a bare geometry (as a feature without properties), or the
/// features of a FeatureCollection. Errors give the 1-based line and column in the file.
/// Writing puts one compact Feature per line (GDAL's GeoJSONSeq layout), with RS in front for
/// RFC 8142.
///
/// ```swift
/// try GeoJSONSeq.forEachFeature(path: "sensors.geojsonl") { print($0.id ?? .int(0)) }
/// let bytes = try GeoJSONSeq.encode(features, recordSeparator: true)
/// ```
public enum GeoJSONSeq {
    /// The record separator of RFC 8142.
    public static let recordSeparator: UInt8 = 0x1E

    /// True when files with `path`'s extension are written with RS separators (`.geojsons`).
    public static func usesRecordSeparator(path: String) -> Bool {
        path.lowercased().hasSuffix(".geojsons")
    }

    /// Encodes features as a text sequence: one compact Feature per line, each preceded by RS
    /// when `recordSeparator` is set.
    /// - Throws: ``GeoIOError`` for a value JSON cannot hold (NaN, infinity), its JSON path
    ///   starting at the feature's index (`[12].geometry...`).
    public static func encode(_ features: [Feature], recordSeparator: Bool = false) throws(GeoIOError) -> [UInt8] {
        var out: [UInt8] = []
        for (i, f) in features.enumerated() {
            let text: String
            do { text = try GeoJSON.encode(f) } catch {
                throw error.relocated { l in
                    if case .json(let p, let o) = l { return .json(path: "[\(i)]" + p.dropFirst(p.hasPrefix("$") ? 1 : 0), offset: o) }
                    return l
                }
            }
            if recordSeparator { out.append(Self.recordSeparator) }
            out.append(contentsOf: text.utf8)
            out.append(0x0A)
        }
        return out
    }

    /// Calls `body` with each feature of the sequence file at `path`, in file order, reading one
    /// record at a time through a buffer of `bufferSize` bytes.
    /// - Throws: ``GeoDataError/malformed(path:error:)`` with the line and column of the fault,
    ///   ``GeoDataError/unreadable(path:reason:)``, or what `body` throws.
    public static func forEachFeature(path: String, bufferSize: Int = GeoJSONFileReader.defaultBufferSize,
                                      _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) {
        let file = try ChunkedFileReader(path: path, bufferSize: bufferSize)
        var line = 1
        // Skip leading whitespace, counting lines, to find out whether records start with RS.
        while true {
            guard try file.ensure(1) else { return }
            let c = file.byte(0)
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { break }
            if c == 0x0A { line += 1 }
            file.consume(1)
        }
        let separator: UInt8 = file.byte(0) == recordSeparator ? recordSeparator : 0x0A
        var parser: GeoJSONParser?
        while try file.ensure(1) {
            // The record runs to the next separator (not counting a separator at its start).
            var n = file.byte(0) == separator ? 1 : 0
            while true {
                while n < file.available, file.byte(n) != separator { n += 1 }
                if n < file.available { break }
                if try !file.fill() { break }
            }
            let startLine = line
            let features = try file.withBytes(n) { (p, count, offset) throws(GeoDataError) -> [Feature] in
                do throws(GeoIOError) {
                    return try record(p, count: count, parser: &parser)
                } catch {
                    throw .malformed(path: path, error: error.relocated { l in
                        guard case .json(_, let o) = l, o >= 0, o <= count else { return .text(offset: offset, line: startLine, column: 1) }
                        var ln = startLine, column = 1
                        for k in 0..<o {
                            if p[k] == 0x0A { ln += 1; column = 1 } else { column += 1 }
                        }
                        return .text(offset: offset + o, line: ln, column: column)
                    })
                }
            }
            file.withBytes(n) { (p, count, _) in
                for k in 0..<count where p[k] == 0x0A { line += 1 }
            }
            file.consume(n)
            if separator == 0x0A, try file.ensure(1) {
                file.consume(1)
                line += 1
            }
            for f in features { try body(f) }
        }
    }

    /// The features of one record (none for a blank one); offsets in errors count from `p`.
    /// `parser` is reused from record to record (its coordinate buffers stay allocated).
    static func record(_ p: UnsafePointer<UInt8>, count: Int, parser reused: inout GeoJSONParser?) throws(GeoIOError) -> [Feature] {
        var k = count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
        while k < count, p[k] == recordSeparator || p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0D || p[k] == 0x0A { k += 1 }
        guard k < count else { return [] }
        var parser = reused ?? GeoJSONParser(p, count: count)
        parser.json = JSONCursor(p, count: count)
        parser.json.i = k
        defer { reused = parser }
        do throws(GeoIOError) {
            return try parser.document().features
        } catch {
            throw error.prefixingJSONPath("$")
        }
    }
}
