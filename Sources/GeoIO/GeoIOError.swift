/// Where in the input a ``GeoIOError`` happened.
public enum GeoIOLocation: Hashable, Sendable, CustomStringConvertible {
    /// A byte offset from the start of a binary input (WKB, WKB stream), counted from 0.
    case byteOffset(Int)
    /// A position in a text input (WKT): UTF-8 byte `offset` from 0, 1-based `line` and
    /// 1-based `column` (counted in UTF-8 bytes from the start of the line).
    case text(offset: Int, line: Int, column: Int)
    /// A JSONPath to the offending value (e.g. `$.features[12].geometry.coordinates[0][3]`)
    /// and the UTF-8 byte offset where reading stopped (or -1 when there is no input, on write).
    case json(path: String, offset: Int)
    /// A record of a CSV file: the file's name as the user gave it, the 1-based physical `line`
    /// where the record starts (0 for the file as a whole), and the column's header name when one
    /// column is at fault.
    case csv(file: String, line: Int, column: String?)

    /// `byte 17`, `line 1, column 9 (offset 8)`, `$.features[0].geometry (byte 42)` or
    /// `points.csv:12 (column lat)`.
    public var description: String {
        switch self {
        case .byteOffset(let o): "byte \(o)"
        case .text(let o, let line, let column): "line \(line), column \(column) (offset \(o))"
        case .json(let path, let o): o >= 0 ? "\(path) (byte \(o))" : path
        case .csv(let file, let line, let column):
            (line > 0 ? "\(file):\(line)" : file) + (column.map { " (column \($0))" } ?? "")
        }
    }
}

/// An error from a GeoIO codec: what went wrong and where (byte offset for WKB, line/column for
/// WKT, JSON path for GeoJSON). Reading never traps on bad input; it throws one of these.
public enum GeoIOError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input ended before a complete value was read; `expected` names what was being read.
    case unexpectedEnd(expected: String, at: GeoIOLocation)
    /// A WKB byte-order marker other than 0 (big-endian) or 1 (little-endian).
    case invalidByteOrder(UInt8, at: GeoIOLocation)
    /// A geometry type code (WKB) or keyword/`type` member (WKT, GeoJSON) that is not known.
    case unknownGeometryType(String, at: GeoIOLocation)
    /// An element count larger than the remaining input could possibly hold (checked before any
    /// allocation).
    case countExceedsInput(count: UInt64, at: GeoIOLocation)
    /// Geometry collections nested deeper than `limit` levels.
    case nestingTooDeep(limit: Int, at: GeoIOLocation)
    /// JSON arrays or objects (in properties or other members) nested deeper than `limit` levels.
    case valuesNestedTooDeep(limit: Int, at: GeoIOLocation)
    /// A well-formed number whose value cannot be kept (e.g. `1e400`, beyond a 64-bit float);
    /// `detail` says why.
    case numberOutOfRange(String, at: GeoIOLocation)
    /// A coordinate that is NaN or infinite where only finite numbers are allowed.
    case nonFiniteCoordinate(at: GeoIOLocation)
    /// A polygon ring whose first and last positions differ.
    case ringNotClosed(at: GeoIOLocation)
    /// A line string (minimum 2) or ring (minimum 4) with too few positions.
    case tooFewPositions(count: Int, minimum: Int, at: GeoIOLocation)
    /// A member of a multi-geometry of the wrong type (e.g. a line string inside a WKB MultiPoint).
    case unexpectedGeometryType(expected: String, found: String, at: GeoIOLocation)
    /// Malformed syntax (WKT or JSON): `expected` names what should have come next.
    case syntax(expected: String, at: GeoIOLocation)
    /// A number that cannot be read (malformed, or out of range).
    case invalidNumber(at: GeoIOLocation)
    /// Text that is not valid UTF-8 (or an invalid escape in a JSON string).
    case invalidText(at: GeoIOLocation)
    /// A JSON value of the wrong kind for its place (e.g. a number where an array belongs).
    case wrongJSONType(expected: String, at: GeoIOLocation)
    /// A required GeoJSON member (`type`, `coordinates`, `geometries`, `features`, ...) is missing.
    case missingMember(String, at: GeoIOLocation)
    /// Input left over after a complete value.
    case trailingData(at: GeoIOLocation)
    /// GeoJSON holds WGS 84 longitude/latitude only (RFC 7946); the collection is in `crs`.
    case notWGS84(crs: String, at: GeoIOLocation)
    /// A CSV header without a column the caller needs; `header` lists the columns it has.
    case missingColumn(String, header: [String], at: GeoIOLocation)
    /// A file could not be opened, read or written; `reason` is the system's explanation.
    case fileAccess(reason: String, at: GeoIOLocation)

    /// Where the error happened.
    public var location: GeoIOLocation {
        switch self {
        case .unexpectedEnd(_, let l), .invalidByteOrder(_, let l), .unknownGeometryType(_, let l),
             .countExceedsInput(_, let l), .nestingTooDeep(_, let l), .nonFiniteCoordinate(let l),
             .ringNotClosed(let l), .tooFewPositions(_, _, let l), .unexpectedGeometryType(_, _, let l),
             .syntax(_, let l), .invalidNumber(let l), .invalidText(let l), .wrongJSONType(_, let l),
             .missingMember(_, let l), .trailingData(let l), .notWGS84(_, let l), .missingColumn(_, _, let l),
             .fileAccess(_, let l), .valuesNestedTooDeep(_, let l), .numberOutOfRange(_, let l):
            l
        }
    }

    /// The name of the case (`unexpectedEnd`, `ringNotClosed`, ...), stable for tests and manifests.
    public var caseName: String {
        switch self {
        case .unexpectedEnd: "unexpectedEnd"
        case .invalidByteOrder: "invalidByteOrder"
        case .unknownGeometryType: "unknownGeometryType"
        case .countExceedsInput: "countExceedsInput"
        case .nestingTooDeep: "nestingTooDeep"
        case .nonFiniteCoordinate: "nonFiniteCoordinate"
        case .ringNotClosed: "ringNotClosed"
        case .tooFewPositions: "tooFewPositions"
        case .unexpectedGeometryType: "unexpectedGeometryType"
        case .syntax: "syntax"
        case .invalidNumber: "invalidNumber"
        case .invalidText: "invalidText"
        case .wrongJSONType: "wrongJSONType"
        case .missingMember: "missingMember"
        case .trailingData: "trailingData"
        case .notWGS84: "notWGS84"
        case .missingColumn: "missingColumn"
        case .fileAccess: "fileAccess"
        case .valuesNestedTooDeep: "valuesNestedTooDeep"
        case .numberOutOfRange: "numberOutOfRange"
        }
    }

    /// A one-line message naming what went wrong and where.
    public var description: String {
        let what: String
        switch self {
        case .unexpectedEnd(let expected, _): what = "input ends early, expected \(expected)"
        case .invalidByteOrder(let b, _): what = "invalid WKB byte order \(b) (expected 0 or 1)"
        case .unknownGeometryType(let t, _): what = "unknown geometry type \(t)"
        case .countExceedsInput(let n, _): what = "count \(n) exceeds what the remaining input can hold"
        case .nestingTooDeep(let limit, _): what = "geometries nested deeper than \(limit) levels"
        case .nonFiniteCoordinate: what = "coordinate is NaN or infinite"
        case .ringNotClosed: what = "polygon ring is not closed"
        case .tooFewPositions(let n, let minimum, _): what = "\(n) positions where at least \(minimum) are required"
        case .unexpectedGeometryType(let e, let f, _): what = "expected \(e), found \(f)"
        case .syntax(let expected, _): what = "syntax error, expected \(expected)"
        case .invalidNumber: what = "invalid number"
        case .invalidText: what = "invalid UTF-8 text or string escape"
        case .wrongJSONType(let expected, _): what = "expected \(expected)"
        case .missingMember(let name, _): what = "missing member \"\(name)\""
        case .trailingData: what = "unexpected data after the end of the value"
        case .notWGS84(let crs, _): what = "coordinates in \(crs), but GeoJSON holds WGS 84 longitude/latitude only (RFC 7946)"
        case .missingColumn(let name, let header, _):
            what = "no column \(name) in the header" + (header.isEmpty ? "" : " (columns: \(header.joined(separator: ", ")))")
        case .fileAccess(let reason, _): what = reason
        case .valuesNestedTooDeep(let limit, _): what = "arrays or objects nested deeper than \(limit) levels"
        case .numberOutOfRange(let detail, _): what = "number out of range: \(detail)"
        }
        if case .csv(let file, let line, let column) = location {
            // `points.csv:12: column lat: ...`, the way compilers and grep name places in files.
            let place = line > 0 ? "\(file):\(line)" : file
            return "\(place): " + (column.map { "column \($0): " } ?? "") + what
        }
        return "\(what) at \(location)"
    }
}

extension GeoIOError {
    /// The same error at `transform(location)` (used to prefix JSON paths while unwinding).
    func relocated(_ transform: (GeoIOLocation) -> GeoIOLocation) -> GeoIOError {
        let l = transform(location)
        switch self {
        case .unexpectedEnd(let e, _): return .unexpectedEnd(expected: e, at: l)
        case .invalidByteOrder(let b, _): return .invalidByteOrder(b, at: l)
        case .unknownGeometryType(let t, _): return .unknownGeometryType(t, at: l)
        case .countExceedsInput(let n, _): return .countExceedsInput(count: n, at: l)
        case .nestingTooDeep(let n, _): return .nestingTooDeep(limit: n, at: l)
        case .nonFiniteCoordinate: return .nonFiniteCoordinate(at: l)
        case .ringNotClosed: return .ringNotClosed(at: l)
        case .tooFewPositions(let n, let m, _): return .tooFewPositions(count: n, minimum: m, at: l)
        case .unexpectedGeometryType(let e, let f, _): return .unexpectedGeometryType(expected: e, found: f, at: l)
        case .syntax(let e, _): return .syntax(expected: e, at: l)
        case .invalidNumber: return .invalidNumber(at: l)
        case .invalidText: return .invalidText(at: l)
        case .wrongJSONType(let e, _): return .wrongJSONType(expected: e, at: l)
        case .missingMember(let n, _): return .missingMember(n, at: l)
        case .trailingData: return .trailingData(at: l)
        case .notWGS84(let c, _): return .notWGS84(crs: c, at: l)
        case .missingColumn(let n, let h, _): return .missingColumn(n, header: h, at: l)
        case .fileAccess(let r, _): return .fileAccess(reason: r, at: l)
        case .valuesNestedTooDeep(let n, _): return .valuesNestedTooDeep(limit: n, at: l)
        case .numberOutOfRange(let d, _): return .numberOutOfRange(d, at: l)
        }
    }

    /// The same error with `component` (`.features`, `[3]`) put in front of its JSON path.
    func prefixingJSONPath(_ component: String) -> GeoIOError {
        relocated { l in
            if case .json(let path, let offset) = l { return .json(path: component + path, offset: offset) }
            return l
        }
    }
}
