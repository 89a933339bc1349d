#if canImport(FoundationEssentials)
import GeoCore
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

/// Where a ``CSVReader`` gets its bytes: a file, a pipe, or bytes already in memory.
public protocol CSVByteSource {
    /// Copies up to `buffer.count` next bytes to the start of `buffer` and returns how many;
    /// 0 means the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(GeoIOError) -> Int
}

/// A file (or standard input) read with `read(2)`, a buffer at a time.
///
/// It owns the file descriptor: use it from one thread at a time (it is not `Sendable`).
public final class CSVFileSource: CSVByteSource {
    /// The name used in messages: the path as given, or `<stdin>`.
    public let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Opens the file at `path` for reading.
    /// - Throws: ``GeoIOError/fileAccess(reason:at:)`` when it cannot be opened.
    public init(path: String) throws(GeoIOError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .fileAccess(reason: "cannot open for reading: \(String(cString: strerror(errno)))",
                              at: .csv(file: path, line: 0, column: nil))
        }
        name = path
        descriptor = fd
        ownsDescriptor = true
    }

    /// Reads from an open descriptor (e.g. 0 for standard input), which stays open.
    public init(fileDescriptor: Int32, name: String) {
        self.name = name
        descriptor = fileDescriptor
        ownsDescriptor = false
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(GeoIOError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = posixRead(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw .fileAccess(reason: "cannot read: \(String(cString: strerror(errno)))",
                              at: .csv(file: name, line: 0, column: nil))
        }
    }
}

/// Bytes already in memory, handed out in pieces of at most `pieceSize` (tests use small pieces
/// to make records straddle reads).
public struct CSVMemorySource: CSVByteSource, Sendable {
    private let bytes: [UInt8]
    private var position = 0
    private let pieceSize: Int

    public init(_ bytes: [UInt8], pieceSize: Int = .max) {
        self.bytes = bytes
        self.pieceSize = max(1, pieceSize)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(GeoIOError) -> Int {
        let n = min(buffer.count, pieceSize, bytes.count - position)
        guard n > 0, let base = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { base.copyMemory(from: $0.baseAddress! + position, byteCount: n) }
        position += n
        return n
    }
}

/// A streaming RFC 4180 CSV reader: one record at a time through a fixed-size byte buffer, so a
/// file of any size is read in constant memory (the buffer grows only to hold a record longer
/// than itself).
///
/// - A UTF-8 byte order mark at the start is skipped.
/// - Records end at LF, CRLF or a lone CR; the last record needs no line end.
/// - A field in double quotes may hold commas, line breaks and doubled quotes (`""` reads as `"`).
///   Text after a closing quote is kept as written (`"ab"c` reads as `abc`) and a quote inside
///   an unquoted field is an ordinary character, as spreadsheets and Python's csv module do.
/// - ``line`` is the 1-based physical line where the current record starts, counting the line
///   breaks inside quoted fields, so messages point at the right line of the file.
///
/// ```swift
/// let csv = try CSVReader(path: "points.csv")
/// while try csv.next() {
///     print(csv.line, csv.string(0))
/// }
/// ```
///
/// A reader owns its open file: use it from one thread at a time (it is not `Sendable`).
public final class CSVReader {
    /// The name used in messages (the path as given).
    public let name: String

    // The reader is used from one thread at a time and never hands out references to its
    // state: the hot fields skip the runtime's dynamic exclusivity checks.
    private var source: any CSVByteSource
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var start = 0          // first byte not yet consumed
    @exclusivity(unchecked) private var end = 0            // end of the bytes read so far
    @exclusivity(unchecked) private var atEnd = false      // the source is exhausted
    private var bomChecked = false
    @exclusivity(unchecked) private var nextLine = 1       // physical line where the next record starts

    /// Per field of the current record: (start, end) in `buffer`, or (-1 - start, end) in `scratch`.
    @exclusivity(unchecked) private var bounds: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var boundsCapacity = 16
    /// Unescaped text of the quoted fields that held a doubled quote (or text after the quote).
    @exclusivity(unchecked) private var scratch: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var scratchCapacity = 256
    @exclusivity(unchecked) private var scratchCount = 0

    /// The 1-based physical line where the current record starts (0 before the first record).
    @exclusivity(unchecked) public private(set) var line = 0
    /// The number of fields of the current record (at least 1).
    @exclusivity(unchecked) public private(set) var count = 0
    /// True when the current record is an empty line (one empty field, nothing written on it).
    @exclusivity(unchecked) public private(set) var isBlankLine = false
    /// The bytes read from the source so far (for progress reports).
    public private(set) var bytesRead = 0

    /// A reader over `source`, named `name` in messages, reading `bufferSize` bytes at a time.
    public init(source: some CSVByteSource, name: String, bufferSize: Int = 1 << 20) {
        self.source = source
        self.name = name
        capacity = max(1, bufferSize)
        buffer = .allocate(capacity: capacity)
        bounds = .allocate(capacity: 2 * boundsCapacity)
        scratch = .allocate(capacity: scratchCapacity)
    }

    /// A reader over the file at `path` (`-` for standard input).
    /// - Throws: ``GeoIOError/fileAccess(reason:at:)`` when the file cannot be opened.
    public convenience init(path: String, bufferSize: Int = 1 << 20) throws(GeoIOError) {
        if path == "-" {
            self.init(source: CSVFileSource(fileDescriptor: 0, name: "<stdin>"), name: "<stdin>", bufferSize: bufferSize)
        } else {
            self.init(source: try CSVFileSource(path: path), name: path, bufferSize: bufferSize)
        }
    }

    deinit {
        buffer.deallocate()
        bounds.deallocate()
        scratch.deallocate()
    }

    /// Moves to the next record; false at the end of the input.
    /// - Throws: ``GeoIOError/syntax(expected:at:)`` for a quoted field that is never closed,
    ///   or ``GeoIOError/fileAccess(reason:at:)`` when reading fails.
    public func next() throws(GeoIOError) -> Bool {
        while true {
            if bomChecked {
                if start < end, try parseRecord() { return true }
                if start == end && atEnd { return false }
            } else if end - start >= 3 || atEnd {
                if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
                    start += 3
                }
                bomChecked = true
                continue
            }
            try refill()
        }
    }

    /// The bytes of field `i` of the current record, unquoted; valid until the next call to
    /// ``next()``. A field past the end of the record is empty.
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i >= 0 && i < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let s = bounds[2 * i], e = bounds[2 * i + 1]
        if s >= 0 { return UnsafeBufferPointer(start: buffer + s, count: e - s) }
        let from = -1 - s
        return UnsafeBufferPointer(start: scratch + from, count: e - from)
    }

    /// Field `i` of the current record as text (invalid UTF-8 replaced by U+FFFD).
    public func string(_ i: Int) -> String {
        String(decoding: field(i), as: UTF8.self)
    }

    /// Every field of the current record as text.
    public var fields: [String] { (0..<count).map(string) }

    // MARK: - Reading

    private func refill() throws(GeoIOError) {
        if start > 0 {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        if end == capacity {
            // One record longer than the buffer: make room for it.
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * capacity)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if n == 0 { atEnd = true } else { end += n; bytesRead += n }
    }

    private func setBounds(_ field: Int, _ s: Int, _ e: Int) {
        if field == boundsCapacity {
            let bigger = UnsafeMutablePointer<Int>.allocate(capacity: 4 * boundsCapacity)
            bigger.update(from: bounds, count: 2 * boundsCapacity)
            bounds.deallocate()
            bounds = bigger
            boundsCapacity *= 2
        }
        bounds[2 * field] = s
        bounds[2 * field + 1] = e
    }

    private func appendScratch(_ from: UnsafePointer<UInt8>, _ n: Int) {
        if scratchCount + n > scratchCapacity {
            var c = scratchCapacity
            while c < scratchCount + n { c *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            bigger.update(from: scratch, count: scratchCount)
            scratch.deallocate()
            scratch = bigger
            scratchCapacity = c
        }
        (scratch + scratchCount).update(from: from, count: n)
        scratchCount += n
    }

    /// Parses the record at `start`; false when the buffer ends inside it before the input does
    /// (the caller reads more and parses it again from its start).
    private func parseRecord() throws(GeoIOError) -> Bool {
        let p = buffer
        let end = self.end
        let atEnd = self.atEnd
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = start
        var breaks = 0        // line breaks inside quoted fields
        var field = 0
        scratchCount = 0
        let blank = p[i] == lf || p[i] == cr
        while true {
            if i < end && p[i] == quote {
                // Quoted field: runs to a quote not followed by another quote.
                i += 1
                var piece = i              // start of the text not yet copied to scratch
                var scratchStart = -1      // set once the field needs unescaping
                while true {
                    while i < end {
                        let c = p[i]
                        if c == quote { break }
                        if c == lf || (c == cr && (i + 1 == end || p[i + 1] != lf)) { breaks += 1 }
                        i += 1
                    }
                    if i == end {
                        if atEnd {
                            throw .syntax(expected: "a closing quote (a quoted field of this record runs to the end of the file)",
                                          at: .csv(file: name, line: nextLine, column: nil))
                        }
                        return false
                    }
                    // p[i] is a quote: doubled, or the closing one.
                    if i + 1 == end && !atEnd { return false }
                    if i + 1 < end && p[i + 1] == quote {
                        if scratchStart < 0 { scratchStart = scratchCount }
                        appendScratch(p + piece, i + 1 - piece)
                        i += 2
                        piece = i
                        continue
                    }
                    break
                }
                let closing = i
                i += 1
                // Text after the closing quote is kept as written.
                var rest = i
                while rest < end && p[rest] != comma && p[rest] != lf && p[rest] != cr { rest += 1 }
                if rest == end && !atEnd { return false }
                if rest > i && scratchStart < 0 { scratchStart = scratchCount }
                if scratchStart >= 0 {
                    appendScratch(p + piece, closing - piece)
                    appendScratch(p + i, rest - i)
                    setBounds(field, -1 - scratchStart, scratchCount)
                } else {
                    setBounds(field, piece, closing)
                }
                i = rest
            } else {
                let s = i
                while i < end {
                    let c = p[i]
                    if c == comma || c == lf || c == cr { break }
                    i += 1
                }
                if i == end && !atEnd { return false }
                setBounds(field, s, i)
            }
            field += 1
            // After a field: a comma, a line end, or the end of the input.
            if i == end { break }
            let c = p[i]
            if c == comma {
                i += 1
                continue
            }
            if c == lf {
                i += 1
            } else {
                // CR: CRLF or a lone CR; a CR last in the buffer waits to see what follows.
                if i + 1 == end && !atEnd { return false }
                i += (i + 1 < end && p[i + 1] == lf) ? 2 : 1
            }
            breaks += 1
            break
        }
        count = field
        isBlankLine = blank
        line = nextLine
        nextLine += breaks
        start = i
        return true
    }
}
