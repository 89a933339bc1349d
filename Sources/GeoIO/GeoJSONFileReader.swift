import GeoCore

/// Reads the features of a GeoJSON file one at a time through a fixed buffer, so a
/// FeatureCollection of any size is read in the memory of its largest feature.
///
/// The top-level object is walked member by member; each element of its `features` array is
/// cut out by matching brackets and read by the same parser as ``GeoJSON``'s whole-document
/// decoding, so features, values and errors are the ones a whole-file read gives. Errors name the JSON
/// path (`$.features[1234].geometry.coordinates[0]`) and the byte offset in the file. A document
/// that is a single Feature or geometry is read whole.
///
/// ```swift
/// try GeoJSONFileReader.forEachFeature(path: "buildings.geojson") { feature in
///     print(feature["height"]?.doubleValue ?? 0)
/// }
/// ```
public enum GeoJSONFileReader {
    /// The default buffer size: 1 MiB.
    public static let defaultBufferSize = 1 << 20

    /// Calls `body` with each feature of the GeoJSON file at `path`, in file order.
    /// - Parameters:
    ///   - path: the GeoJSON file.
    ///   - bufferSize: the bytes read at a time (a feature larger than that is still read
    ///     whole: the buffer grows to hold it).
    ///   - body: called with each feature; an error it throws ends the read.
    /// - Throws: ``GeoDataError/unreadable(path:reason:)``, ``GeoDataError/malformed(path:error:)``
    ///   with the JSON path and file offset, or what `body` throws.
    public static func forEachFeature(path: String, bufferSize: Int = defaultBufferSize,
                                      _ body: (Feature) throws(GeoDataError) -> Void) throws(GeoDataError) {
        let file = try ChunkedFileReader(path: path, bufferSize: bufferSize)
        let walk = CollectionWalk(file: file)
        do throws(GeoIOError) {
            if try walk.streamFeatures(body) { return }
        } catch {
            if let failure = walk.failure { throw failure }
            throw .malformed(path: path, error: error)
        }
        if let failure = walk.failure { throw failure }
        // Not a FeatureCollection: a single Feature or geometry, read whole.
        let object = try GeoDataSource.decodeGeoJSON(path)
        for f in object.features { try body(f) }
    }
}

/// The walk over a FeatureCollection's top-level object.
private final class CollectionWalk {
    let file: ChunkedFileReader
    /// What `body` or the file threw, passed on as it was.
    var failure: GeoDataError?

    init(file: ChunkedFileReader) { self.file = file }

    /// Streams the features; false (before any feature) when the document is not a FeatureCollection.
    func streamFeatures(_ body: (Feature) throws(GeoDataError) -> Void) throws(GeoIOError) -> Bool {
        // A UTF-8 byte-order mark is skipped, as the whole-file reader does.
        if try io({ () throws(GeoDataError) in try file.ensure(3) }), file.byte(0) == 0xEF, file.byte(1) == 0xBB, file.byte(2) == 0xBF { file.consume(3) }
        guard try peek() == UInt8(ascii: "{") else { return false }
        let objectStart = file.fileOffset(0)
        file.consume(1)
        var type: String?
        var sawFeatures = false
        var count = 0
        // One parser for every feature: its coordinate buffers are reused.
        var parser: GeoJSONParser?
        if try peek() == UInt8(ascii: "}") { throw .missingMember("type", at: .json(path: "$", offset: objectStart)) }
        repeat {
            _ = try peek()
            let key = try member("$") { (c: inout JSONCursor) throws(GeoIOError) in try c.string() }
            guard try peek() == UInt8(ascii: ":") else { throw .syntax(expected: "':'", at: here()) }
            file.consume(1)
            switch key {
            case "type":
                let name = try member(".type") { (c: inout JSONCursor) throws(GeoIOError) in try c.string() }
                if name != "FeatureCollection" {
                    guard !sawFeatures else {
                        throw .wrongJSONType(expected: "a FeatureCollection (\"features\" came before \"type\": \(name))",
                                             at: .json(path: "$.type", offset: -1))
                    }
                    return false
                }
                type = name
            case "features":
                sawFeatures = true
                guard let c = try peek() else { throw .unexpectedEnd(expected: "an array", at: here()) }
                guard c == UInt8(ascii: "[") else {
                    throw .wrongJSONType(expected: "an array, found \(JSONCursor.kindName(c))", at: here().prefixing("$.features"))
                }
                file.consume(1)
                if try peek() == UInt8(ascii: "]") {
                    file.consume(1)
                    break
                }
                repeat {
                    _ = try peek()
                    let feature = try member("$.features[\(count)]") { (c: inout JSONCursor) throws(GeoIOError) -> Feature in
                        var reader = parser ?? GeoJSONParser(c.p, count: c.end)
                        reader.json = c
                        defer { parser = reader }
                        guard case .feature(let f) = try reader.object(role: .feature, depth: 1) else {
                            throw .wrongJSONType(expected: "a Feature", at: .json(path: "", offset: 0))
                        }
                        c = reader.json
                        return f
                    }
                    count += 1
                    do throws(GeoDataError) { try body(feature) } catch {
                        failure = error
                        throw .fileAccess(reason: "stopped", at: here())
                    }
                } while try next(close: UInt8(ascii: "]"), in: "$.features")
            default:
                try member("$" + JSONPath.member(key)) { (c: inout JSONCursor) throws(GeoIOError) in try c.skipValue(depth: 0) }
            }
        } while try next(close: UInt8(ascii: "}"), in: "$")
        if try peek() != nil { throw .trailingData(at: here()) }
        let at = GeoIOLocation.json(path: "$", offset: objectStart)
        guard type != nil else {
            // No "type" at all: the whole-file reader says so too.
            throw .missingMember("type", at: at)
        }
        guard sawFeatures else { throw .missingMember("features", at: at) }
        return true
    }

    private func io<T>(_ body: () throws(GeoDataError) -> T) throws(GeoIOError) -> T {
        do throws(GeoDataError) { return try body() } catch {
            failure = error
            throw .fileAccess(reason: error.description, at: here())
        }
    }

    private func peek() throws(GeoIOError) -> UInt8? { try io { () throws(GeoDataError) in try file.peekNonWhitespace() } }

    private func here() -> GeoIOLocation { .json(path: "$", offset: file.fileOffset(0)) }

    /// Reads the next value whole with `read` (a cursor over its bytes only), consuming it.
    private func value<T>(_ read: (inout JSONCursor) throws(GeoIOError) -> T) throws(GeoIOError) -> T {
        _ = try peek()
        guard let n = try io({ () throws(GeoDataError) in try file.valueLength() }) else {
            throw .unexpectedEnd(expected: "the end of the value", at: .json(path: "", offset: file.fileOffset(file.available)))
        }
        let result = try file.withBytes(n) { (p, count, offset) throws(GeoIOError) -> T in
            var cursor = JSONCursor(p, count: count)
            do throws(GeoIOError) {
                let v = try read(&cursor)
                if cursor.peek() != nil { throw .syntax(expected: "',' or the end of the value", at: cursor.here()) }
                return v
            } catch {
                throw error.relocated { l in
                    if case .json(let path, let o) = l { return .json(path: path, offset: o + offset) }
                    return l
                }
            }
        }
        file.consume(n)
        return result
    }

    /// `value(read)` with `path` in front of the JSON path of its errors.
    private func member<T>(_ path: String, _ read: (inout JSONCursor) throws(GeoIOError) -> T) throws(GeoIOError) -> T {
        do throws(GeoIOError) { return try value(read) } catch {
            if case .fileAccess = error { throw error }
            throw error.prefixingJSONPath(path)
        }
    }

    /// After an element: consumes `,` (true) or `close` (false).
    private func next(close: UInt8, in path: String) throws(GeoIOError) -> Bool {
        let expected = "',' or '\(Character(Unicode.Scalar(close)))'"
        guard let c = try peek() else { throw .unexpectedEnd(expected: expected, at: .json(path: path, offset: file.fileOffset(0))) }
        guard c == UInt8(ascii: ",") || c == close else { throw .syntax(expected: expected, at: .json(path: path, offset: file.fileOffset(0))) }
        file.consume(1)
        return c == UInt8(ascii: ",")
    }
}

private extension GeoIOLocation {
    /// The location with `path` in front of its JSON path.
    func prefixing(_ path: String) -> GeoIOLocation {
        if case .json(let p, let o) = self { return .json(path: path + p.dropFirst(p.hasPrefix("$") ? 1 : 0), offset: o) }
        return self
    }
}
