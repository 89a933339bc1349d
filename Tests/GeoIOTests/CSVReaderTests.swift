import GeoBenchSupport
import Foundation
@testable import GeoIO
import Testing

/// Every record of `text` as (line, fields), read through a buffer of `bufferSize` bytes from a
/// source handing out `pieceSize` bytes per read.
private func records(_ text: String, bufferSize: Int = 1 << 20, pieceSize: Int = .max) throws -> [(Int, [String])] {
    try records(Array(text.utf8), bufferSize: bufferSize, pieceSize: pieceSize)
}

private func records(_ bytes: [UInt8], bufferSize: Int = 1 << 20, pieceSize: Int = .max) throws -> [(Int, [String])] {
    let csv = CSVReader(source: CSVMemorySource(bytes, pieceSize: pieceSize), name: "t.csv", bufferSize: bufferSize)
    var out: [(Int, [String])] = []
    while try csv.next() { out.append((csv.line, csv.fields)) }
    return out
}

/// The points of `text` and the problems reported, read with the given buffer sizes.
private func points(_ text: String, columns: CSVCoordinateColumns = .detect, bufferSize: Int = 1 << 20,
                    pieceSize: Int = .max, maxRows: Int = 1000) throws -> (rows: [Row], problems: [CSVRowProblem]) {
    let csv = CSVReader(source: CSVMemorySource(Array(text.utf8), pieceSize: pieceSize), name: "pts.csv", bufferSize: bufferSize)
    let reader = try CSVPointReader(csv: csv, columns: columns)
    var chunk = CSVPointChunk()
    var rows: [Row] = [], problems: [CSVRowProblem] = []
    while try reader.read(into: &chunk, maxRows: maxRows, problems: { problems.append($0) }) {
        for i in 0..<chunk.count {
            rows.append(Row(x: chunk.xs[i], y: chunk.ys[i], line: chunk.lines[i], valid: chunk.isValid[i],
                            xText: String(decoding: chunk.xText(i), as: UTF8.self),
                            yText: String(decoding: chunk.yText(i), as: UTF8.self)))
        }
    }
    return (rows, problems)
}

private struct Row: Equatable {
    var x: Double, y: Double, line: Int, valid: Bool, xText: String, yText: String
}

@Suite("CSV reading")
struct CSVReaderTests {
    @Test func plainRecordsWithLineNumbers() throws {
        let r = try records("a,b,c\n1,2,3\n,,\nx\n")
        #expect(r.map(\.0) == [1, 2, 3, 4])
        #expect(r.map(\.1) == [["a", "b", "c"], ["1", "2", "3"], ["", "", ""], ["x"]])
    }

    @Test func lastRecordNeedsNoLineEnd() throws {
        #expect(try records("a,b\n1,2").map(\.1) == [["a", "b"], ["1", "2"]])
        #expect(try records("a,b\n1,").map(\.1) == [["a", "b"], ["1", ""]])
        #expect(try records("").isEmpty)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let r = try records([0xEF, 0xBB, 0xBF] + Array("lat,lon\n1,2\n".utf8))
        #expect(r.map(\.1) == [["lat", "lon"], ["1", "2"]])
        // Only at the start: elsewhere it is data.
        let later = try records(Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b\n".utf8))
        #expect(later[1].1 == ["\u{FEFF}b"])
        #expect(try records([0xEF, 0xBB, 0xBF]).isEmpty)
    }

    @Test func crlfAndLoneCRLineEnds() throws {
        #expect(try records("a,b\r\n1,2\r\n3,4").map(\.1) == [["a", "b"], ["1", "2"], ["3", "4"]])
        let cr = try records("a,b\r1,2\r3,4\r")
        #expect(cr.map(\.1) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(cr.map(\.0) == [1, 2, 3])
        let mixed = try records("a\r\nb\rc\nd")
        #expect(mixed.map(\.1) == [["a"], ["b"], ["c"], ["d"]])
        #expect(mixed.map(\.0) == [1, 2, 3, 4])
    }

    @Test func quotedFields() throws {
        let r = try records("\"a,b\",\"say \"\"hi\"\"\",\"\",plain\n\"\"\"\",x\n")
        #expect(r[0].1 == ["a,b", "say \"hi\"", "", "plain"])
        #expect(r[1].1 == ["\"", "x"])
    }

    @Test func textAfterAClosingQuoteAndQuotesInsideUnquotedFieldsAreKept() throws {
        #expect(try records("\"ab\"c,d\"e\n").first?.1 == ["abc", "d\"e"])
    }

    @Test func embeddedLineBreaksKeepLineNumbersRight() throws {
        let r = try records("id,note\n1,\"two\nlines\"\n2,\"crlf\r\ninside\r\nthree\"\r\n3,\"cr\rinside\"\n4,x\n")
        #expect(r.map(\.0) == [1, 2, 4, 7, 9])
        #expect(r[1].1 == ["1", "two\nlines"])
        #expect(r[2].1 == ["2", "crlf\r\ninside\r\nthree"])
        #expect(r[3].1 == ["3", "cr\rinside"])
        #expect(r[4].1 == ["4", "x"])
    }

    @Test func blankLinesAreRecordsOfOneEmptyField() throws {
        let csv = CSVReader(source: CSVMemorySource(Array("a\n\nb\n".utf8)), name: "t.csv")
        var blanks: [Bool] = []
        while try csv.next() { blanks.append(csv.isBlankLine) }
        #expect(blanks == [false, true, false])
    }

    @Test func unclosedQuoteNamesTheLineWhereTheRecordStarts() throws {
        let csv = CSVReader(source: CSVMemorySource(Array("a,b\n1,2\n3,\"open\n\nmore".utf8)), name: "t.csv")
        #expect(try csv.next())
        #expect(try csv.next())
        do {
            _ = try csv.next()
            Issue.record("no error")
        } catch {
            #expect(error.caseName == "syntax")
            #expect(error.location == .csv(file: "t.csv", line: 3, column: nil))
            #expect(error.description.hasPrefix("t.csv:3: "))
        }
    }

    /// Every split of the input into buffer sizes and read sizes gives the same records.
    @Test(arguments: [1, 2, 3, 4, 5, 7, 16])
    func recordsStraddlingBuffersReadTheSame(bufferSize: Int) throws {
        let text = "\u{FEFF}\"lat\",\"lon\",note\r\n37.5,127.0,\"a \"\"quoted\"\", multi\r\nline\"\r\n"
            + "\r\n-33.25,126.5,\"x\"\"\"\r36,128,\n35.1,129.2,\"\"\n34,127,\"end\"\"\""
        let expected = try records(text)
        #expect(expected.count == 7)
        for piece in [1, 2, 3, 5, 1000] {
            let got = try records(text, bufferSize: bufferSize, pieceSize: piece)
            #expect(got.map(\.0) == expected.map(\.0), "buffer \(bufferSize) piece \(piece)")
            #expect(got.map(\.1) == expected.map(\.1), "buffer \(bufferSize) piece \(piece)")
        }
        let p = try points(text, bufferSize: bufferSize, pieceSize: 3)
        #expect(p.rows.map(\.line) == [2, 5, 6, 7, 8])
        #expect(p.rows.map(\.y) == [37.5, -33.25, 36, 35.1, 34])
        #expect(p.problems.isEmpty)
    }

    @Test func fileSourceReadsAFileThroughASmallBuffer() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("geoio-csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "lat,lon\n"
        for i in 0..<1000 { text += "\(33 + Double(i) / 1000),\(127 + Double(i) / 1000)\n" }
        try Data(text.utf8).write(to: url)
        let reader = try CSVPointReader(path: url.path, bufferSize: 64)
        var chunk = CSVPointChunk()
        var ys: [Double] = []
        while try reader.read(into: &chunk, maxRows: 77, problems: { Issue.record("\($0)") }) { ys += chunk.ys }
        #expect(ys == (0..<1000).map { 33 + Double($0) / 1000 })
        #expect(throws: GeoIOError.self) { try CSVPointReader(path: url.path + ".missing") }
    }
}

@Suite("CSV point columns")
struct CSVPointReaderTests {
    @Test func columnsByNameCaseInsensitiveAndTrimmed() throws {
        let p = try points("id, \"Lat \" ,LON\n7,37.5,127.25\n")
        #expect(p.rows == [Row(x: 127.25, y: 37.5, line: 2, valid: true, xText: "127.25", yText: "37.5")])
        let long = try points("Longitude,Latitude\n127,37\n")
        #expect(long.rows.first?.x == 127 && long.rows.first?.y == 37)
        let xy = try points("X,Y\n200000,500000\n")
        #expect(xy.rows.first?.x == 200000 && xy.rows.first?.valid == true)   // no degree range for x/y
        let named = try points("e,n\n1,2\n", columns: .named(x: "E", y: " n "))
        #expect(named.rows.first?.x == 1 && named.rows.first?.y == 2)
        let both = try points("x,y,lat,lon\n1,2,37,127\n")
        #expect(both.rows.first?.y == 37)
        let chosen = try points("x,y,lat,lon\n1,2,37,127\n", columns: .xy)
        #expect(chosen.rows.first?.y == 2)
    }

    @Test func missingColumnsAreReportedWithTheHeader() throws {
        for (text, columns, wanted) in [("id,lat\n1,2\n", CSVCoordinateColumns.detect, "lon (or longitude)"),
                                         ("id,name\n", .detect, "lat and lon (or x and y)"),
                                         ("lat,lon\n", .xy, "y"),
                                         ("x\n", .detect, "y")] {
            do {
                _ = try points(text, columns: columns)
                Issue.record("no error for \(text)")
            } catch let error as GeoIOError {
                guard case .missingColumn(let name, let header, let at) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(name == wanted)
                #expect(header == text.split(separator: "\n")[0].split(separator: ",").map(String.init))
                #expect(at == .csv(file: "pts.csv", line: 1, column: nil))
                #expect(error.description.hasPrefix("pts.csv:1: no column \(wanted)"))
            }
        }
        #expect(throws: GeoIOError.self) { try points("") }
    }

    @Test func raggedRowsAreBadRowsWithTheirLine() throws {
        let p = try points("lat,lon\n37,127\n38\n36,128,9\n35,129\n")
        #expect(p.rows.map(\.valid) == [true, false, false, true])
        #expect(p.problems.map(\.line) == [3, 4])
        #expect(p.problems[0].kind == .fieldCount(found: 1, expected: 2))
        #expect(p.problems[0].description == "pts.csv:3: 1 field, expected 2 as in the header")
        #expect(p.rows[1].yText == "38" && p.rows[1].xText == "")
        #expect(p.rows[1].x.isNaN && p.rows[1].y.isNaN)
    }

    @Test func badNumbersNameLineAndColumn() throws {
        let text = "lat,lon\n37,127\n0x1p5,127\nnan,127\n37,inf\n,127\n37,127.5abc\n95,127\n37, 1e400\n\"37,5\",127\n-37.5 , +127.\n"
        let p = try points(text)
        #expect(p.rows.map(\.valid) == [true, false, false, false, false, false, false, false, false, true])
        #expect(p.problems.map(\.description) == [
            "pts.csv:3: column lat: \"0x1p5\" is not a number",
            "pts.csv:4: column lat: \"nan\" is not a number",
            "pts.csv:5: column lon: \"inf\" is not a number",
            "pts.csv:6: column lat: empty",
            "pts.csv:7: column lon: \"127.5abc\" is not a number",
            "pts.csv:8: column lat: 95 is outside -90...90",
            "pts.csv:9: column lon: \" 1e400\" is not a number",
            "pts.csv:10: column lat: \"37,5\" is not a number",
        ])
        #expect(p.rows[9].y == -37.5 && p.rows[9].x == 127 && p.rows[9].yText == "-37.5 ")
    }

    @Test func blankLinesAreSkipped() throws {
        let p = try points("\nlat,lon\n\n37,127\r\n\r\n38,128\n\n")
        #expect(p.rows.map(\.line) == [4, 6])
        #expect(p.problems.isEmpty)
    }

    @Test func chunksSplitRowsWithoutLosingAny() throws {
        var text = "lat,lon\n"
        for i in 0..<100 { text += "\(i % 90).5,\(i)\n" }
        let p = try points(text, bufferSize: 16, pieceSize: 7, maxRows: 7)
        #expect(p.rows.map(\.x) == (0..<100).map(Double.init))
        #expect(p.rows.map(\.line) == Array(2...101))
    }
}

@Suite("CSV numbers")
struct CSVNumberTests {
    @Test func acceptsDecimalsAndRejectsTheRest() {
        for (text, value) in [("1", 1.0), ("-0.5", -0.5), (".5", 0.5), ("5.", 5), ("+1", 1), (" 2 ", 2), ("\t3\t", 3),
                              ("1e-7", 1e-7), ("1E+3", 1000), ("007", 7), ("-0", -0.0), ("4.9e-324", .leastNonzeroMagnitude)] {
            #expect(CSVNumber.parse(text) == value, "\(text)")
        }
        #expect(CSVNumber.parse("-0")?.sign == .minus)
        for text in ["", " ", "-", "+", ".", "e5", "1e", "1e+", "0x10", "0x1p3", "nan", "NaN", "inf", "-inf", "infinity",
                     "1,5", "1_000", "1.5.2", "1 2", "1e400", "-1e400", "37.5abc", "١٢", "--1", "+-1"] {
            #expect(CSVNumber.parse(text) == nil, "\(text)")
        }
    }

    /// Random decimals of every shape coordinates come in, and the edges of the format, against
    /// the standard library's correctly rounded `Double(String)`.
    @Test func matchesTheStandardLibraryOnRandomDecimals() {
        var rng = SplitMix64(seed: 0xC5F)
        var checked = 0
        func check(_ text: String) {
            let expected = Double(text)
            let got = CSVNumber.parse(text)
            if let expected, expected.isFinite {
                #expect(got?.bitPattern == expected.bitPattern, "\(text)")
            } else {
                #expect(got == nil, "\(text)")
            }
            checked += 1
        }
        func digits(_ n: Int) -> String {
            var s = ""
            for _ in 0..<n { s.append(Character(UnicodeScalar(UInt8(48 + Int.random(in: 0...9, using: &rng))))) }
            return s
        }
        for _ in 0..<100_000 {
            // Coordinates: up to 3 integer digits, 0 to 20 decimals.
            let sign = Int.random(in: 0..<4, using: &rng) == 0 ? "-" : ""
            check(sign + String(Int.random(in: 0...180, using: &rng)) + "." + digits(Int.random(in: 0...20, using: &rng)))
        }
        for _ in 0..<100_000 {
            // Any mantissa of 1 to 30 digits, a point anywhere, an exponent from -340 to 320.
            let n = Int.random(in: 1...30, using: &rng)
            var m = digits(n)
            let point = Int.random(in: 0...n, using: &rng)
            m.insert(".", at: m.index(m.startIndex, offsetBy: point))
            if m == "." { m = "0." }
            let e = Bool.random(using: &rng) ? "e\(Int.random(in: -340...320, using: &rng))" : ""
            check((Bool.random(using: &rng) ? "-" : "") + m + e)
        }
        for _ in 0..<50_000 {
            // Subnormals and the smallest normals, and every double's shortest and 17-digit forms.
            check(digits(1) + "." + digits(Int.random(in: 0...25, using: &rng)) + "e-" + String(Int.random(in: 300...330, using: &rng)))
            let d = Double(bitPattern: rng.next() & ~(0x7FF << 52) | (UInt64.random(in: 0...0x7FE, using: &rng) << 52))
            check("\(d)")
            check(String(format: "%.17g", d))
            check(String(format: "%.25e", d))
        }
        for text in ["-0", "-0.0", "0e-400", "-0e999", "2.2250738585072011e-308", "2.2250738585072014e-308",
                     "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
                     "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
                     "9007199254740993", "9007199254740992.5", "0.1000000000000000055511151231257827"] {
            check(text)
        }
        #expect(checked > 300_000)
    }
}

@Suite("CSV writing")
struct CSVWriterTests {
    @Test func fieldsAreQuotedOnlyWhenNeeded() {
        #expect(CSVWriter.field("경기도 수원시") == "경기도 수원시")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.field("crlf\r\n") == "\"crlf\r\n\"")
        #expect(CSVWriter.field("") == "")
    }

    @Test func fileAppearsOnlyOnCommitAndNeverOnDiscard() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geoio-csvw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        let writer = try CSVWriter(path: path, bufferSize: 4)
        writer.writeRecord(["a", "b,c"])
        writer.write("1,2\n")
        try writer.flush()
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,\"b,c\"\n1,2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])

        let dropped = try CSVWriter(path: path)
        dropped.write("partial")
        dropped.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,\"b,c\"\n1,2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
        #expect(throws: GeoIOError.self) { try CSVWriter(path: dir.path + "/missing/out.csv") }
    }
}
