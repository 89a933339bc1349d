/// Which two columns of a CSV file hold a point's coordinates.
public enum CSVCoordinateColumns: Hashable, Sendable {
    /// `lat` and `lon`, or `latitude` and `longitude` (x is the longitude).
    case latitudeLongitude
    /// `x` and `y`.
    case xy
    /// The columns with these header names.
    case named(x: String, y: String)
    /// Latitude/longitude names when the header has them, else `x` and `y`.
    case detect
}

/// A problem with one row of a CSV point file: the row is kept (with no coordinates) and the
/// problem reported, rather than the whole file rejected.
public struct CSVRowProblem: Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the row.
    public enum Kind: Hashable, Sendable {
        /// The row has `found` fields where the header has `expected`.
        case fieldCount(found: Int, expected: Int)
        /// A coordinate field is empty.
        case emptyField
        /// A coordinate field that is not a number; the field's text.
        case notANumber(String)
        /// A coordinate outside `allowed` (a latitude beyond ±90, ...); the field's text.
        case outOfRange(String, allowed: ClosedRange<Double>)
        /// The record is an empty line.
        case emptyLine
    }

    /// The file's name as given.
    public var file: String
    /// The 1-based physical line where the row starts.
    public var line: Int
    /// The header name of the column at fault, nil for a problem with the whole row.
    public var column: String?
    /// What is wrong.
    public var kind: Kind

    public init(file: String, line: Int, column: String?, kind: Kind) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
    }

    /// `points.csv:12: column lat: "abc" is not a number`.
    public var description: String {
        let what: String
        switch kind {
        case .fieldCount(let found, let expected):
            what = "\(found) field\(found == 1 ? "" : "s"), expected \(expected) as in the header"
        case .emptyField: what = "empty"
        case .notANumber(let text): what = "\"\(Self.oneLine(text))\" is not a number"
        case .outOfRange(let text, let allowed):
            what = "\(Self.oneLine(text)) is outside \(Self.format(allowed.lowerBound))...\(Self.format(allowed.upperBound))"
        case .emptyLine: what = "empty line"
        }
        return "\(file):\(line): " + (column.map { "column \($0): " } ?? "") + what
    }

    /// `text` with its line breaks and tabs written as `\n`, `\r`, `\t`, so a report stays one line.
    private static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 }) else { return text }
        return text.replacingAll("\r", with: "\\r").replacingAll("\n", with: "\\n")
            .replacingAll("\t", with: "\\t")
    }

    private static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }
}

/// Rows of a CSV point file, a chunk at a time: coordinates, the line of each row, and the
/// coordinate fields' text as given (to echo them back unchanged).
public struct CSVPointChunk: Sendable {
    /// The x coordinate (longitude) of each row, NaN for a bad row.
    public internal(set) var xs: [Double] = []
    /// The y coordinate (latitude) of each row, NaN for a bad row.
    public internal(set) var ys: [Double] = []
    /// The 1-based line where each row starts.
    public internal(set) var lines: [Int] = []
    /// False for a row that was reported as a problem.
    public internal(set) var isValid: [Bool] = []
    /// The x then y field text of every row, back to back; `textEnds[2i]`, `textEnds[2i+1]` end them.
    public internal(set) var text: [UInt8] = []
    public internal(set) var textEnds: [Int] = []

    public init() {}

    /// The number of rows.
    public var count: Int { xs.count }

    /// The x field of row `i` as written in the file (unquoted).
    public func xText(_ i: Int) -> ArraySlice<UInt8> { text[(i == 0 ? 0 : textEnds[2 * i - 1])..<textEnds[2 * i]] }

    /// The y field of row `i` as written in the file (unquoted).
    public func yText(_ i: Int) -> ArraySlice<UInt8> { text[textEnds[2 * i]..<textEnds[2 * i + 1]] }

    /// Empties the chunk, keeping its storage.
    public mutating func removeAll() {
        xs.removeAll(keepingCapacity: true)
        ys.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        isValid.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        textEnds.removeAll(keepingCapacity: true)
    }
}

/// Points from a CSV file with a header row, read a chunk of rows at a time in constant memory.
///
/// Columns are found by header name, case-insensitively and ignoring surrounding spaces (quoted
/// names too). Each coordinate is read from the field's bytes (see ``CSVNumber``). A row with a
/// different number of fields than the header, an empty or non-numeric coordinate, or one outside
/// ``allowedX``/``allowedY`` is kept as a bad row (NaN coordinates) and reported; empty lines are
/// skipped.
///
/// ```swift
/// let points = try CSVPointReader(path: "points.csv", columns: .latitudeLongitude)
/// var chunk = CSVPointChunk()
/// while try points.read(into: &chunk, maxRows: 65_536, problems: { print($0) }) {
///     // chunk.xs, chunk.ys ...
/// }
/// ```
///
/// A reader owns its open file: use it from one thread at a time (it is not `Sendable`).
public final class CSVPointReader {
    /// The underlying record reader.
    public let csv: CSVReader
    /// The header's names, trimmed.
    public let header: [String]
    /// The index and header name of the x (longitude) column.
    public let xColumn: (index: Int, name: String)
    /// The index and header name of the y (latitude) column.
    public let yColumn: (index: Int, name: String)
    /// When set, an x outside this range makes the row bad.
    public var allowedX: ClosedRange<Double>?
    /// When set, a y outside this range makes the row bad.
    public var allowedY: ClosedRange<Double>?
    /// True when the columns are named as latitude and longitude (then ``allowedX`` is ±180 and
    /// ``allowedY`` ±90 unless the caller changes them).
    public let isGeographic: Bool

    /// Reads the header of `csv` and finds the coordinate columns.
    /// - Throws: ``GeoIOError/unexpectedEnd(expected:at:)`` for an empty file,
    ///   ``GeoIOError/missingColumn(_:header:at:)`` when a coordinate column is not in the header.
    public init(csv: CSVReader, columns: CSVCoordinateColumns = .detect) throws(GeoIOError) {
        self.csv = csv
        var names: [String] = []
        while try csv.next() {
            if csv.isBlankLine { continue }
            names = csv.fields.map(Self.headerName)
            break
        }
        guard !names.isEmpty else {
            throw .unexpectedEnd(expected: "a header row naming the coordinate columns",
                                 at: .csv(file: csv.name, line: 0, column: nil))
        }
        header = names
        let location = GeoIOLocation.csv(file: csv.name, line: csv.line, column: nil)
        let folded = names.map { $0.lowercased() }
        func find(_ candidates: [String]) -> Int? {
            for c in candidates { if let i = folded.firstIndex(of: c.lowercased()) { return i } }
            return nil
        }
        let latNames = ["lat", "latitude"], lonNames = ["lon", "longitude"]
        let lat = find(latNames), lon = find(lonNames), xi = find(["x"]), yi = find(["y"])
        // What each column is called in a message when it is missing.
        let latWanted = "lat (or latitude)", lonWanted = "lon (or longitude)"
        let x: Int?, y: Int?, xWanted: String, yWanted: String
        switch columns {
        case .latitudeLongitude:
            (x, y, xWanted, yWanted) = (lon, lat, lonWanted, latWanted)
        case .xy:
            (x, y, xWanted, yWanted) = (xi, yi, "x", "y")
        case .named(let xn, let yn):
            let xt = xn.trimmingScalars(in: [" ", "\t"]), yt = yn.trimmingScalars(in: [" ", "\t"])
            (x, y, xWanted, yWanted) = (find([xt]), find([yt]), xt, yt)
        case .detect:
            if lat == nil && lon == nil && (xi != nil || yi != nil) {
                (x, y, xWanted, yWanted) = (xi, yi, "x", "y")
            } else if lat == nil && lon == nil {
                throw .missingColumn("lat and lon (or x and y)", header: names, at: location)
            } else {
                (x, y, xWanted, yWanted) = (lon, lat, lonWanted, latWanted)
            }
        }
        guard let y else { throw .missingColumn(yWanted, header: names, at: location) }
        guard let x else { throw .missingColumn(xWanted, header: names, at: location) }
        xColumn = (x, names[x])
        yColumn = (y, names[y])
        let geographic = latNames.contains(folded[y]) && lonNames.contains(folded[x])
        isGeographic = geographic
        if geographic {
            allowedX = -180...180
            allowedY = -90...90
        }
    }

    /// A header field as a name: trimmed, and unquoted when spaces put its quotes inside the
    /// field (` "lat" `), which RFC 4180 does not allow but hand-edited files have.
    static func headerName(_ field: String) -> String {
        let name = field.trimmingScalars(in: [" ", "\t"])
        guard name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") else { return name }
        return String(name.dropFirst().dropLast()).replacingAll("\"\"", with: "\"")
            .trimmingScalars(in: [" ", "\t"])
    }

    /// Opens the file at `path` (`-` for standard input) and reads its header.
    public convenience init(path: String, columns: CSVCoordinateColumns = .detect, bufferSize: Int = 1 << 20)
        throws(GeoIOError) {
        try self.init(csv: try CSVReader(path: path, bufferSize: bufferSize), columns: columns)
    }

    /// Replaces the contents of `chunk` with the next rows, at most `maxRows` of them, and calls
    /// `problems` for each bad row in line order; false when no row was left to read.
    public func read(into chunk: inout CSVPointChunk, maxRows: Int,
                     problems: (CSVRowProblem) -> Void) throws(GeoIOError) -> Bool {
        chunk.removeAll()
        let width = header.count
        let xi = xColumn.index, yi = yColumn.index
        while chunk.count < maxRows, try csv.next() {
            if csv.isBlankLine { continue }
            let xf = csv.field(xi), yf = csv.field(yi)
            chunk.text.append(contentsOf: xf)
            chunk.textEnds.append(chunk.text.count)
            chunk.text.append(contentsOf: yf)
            chunk.textEnds.append(chunk.text.count)
            chunk.lines.append(csv.line)
            var problem: CSVRowProblem?
            var x = Double.nan, y = Double.nan
            if csv.count != width {
                problem = CSVRowProblem(file: csv.name, line: csv.line, column: nil,
                                        kind: .fieldCount(found: csv.count, expected: width))
            } else {
                problem = coordinate(yf, column: yColumn.name, allowed: allowedY, into: &y)
                    ?? coordinate(xf, column: xColumn.name, allowed: allowedX, into: &x)
            }
            if let problem {
                problems(problem)
                chunk.xs.append(.nan)
                chunk.ys.append(.nan)
                chunk.isValid.append(false)
            } else {
                chunk.xs.append(x)
                chunk.ys.append(y)
                chunk.isValid.append(true)
            }
        }
        return chunk.count > 0
    }

    /// Reads one coordinate field into `value`; the problem when it is not a usable number.
    private func coordinate(_ field: UnsafeBufferPointer<UInt8>, column: String, allowed: ClosedRange<Double>?,
                            into value: inout Double) -> CSVRowProblem? {
        if let v = CSVNumber.parse(field) {
            if let allowed, !allowed.contains(v) {
                return CSVRowProblem(file: csv.name, line: csv.line, column: column,
                                     kind: .outOfRange(String(decoding: field, as: UTF8.self), allowed: allowed))
            }
            value = v
            return nil
        }
        let text = String(decoding: field, as: UTF8.self)
        let kind: CSVRowProblem.Kind = text.allSatisfy { $0 == " " || $0 == "\t" } ? .emptyField : .notANumber(text)
        return CSVRowProblem(file: csv.name, line: csv.line, column: column, kind: kind)
    }
}
