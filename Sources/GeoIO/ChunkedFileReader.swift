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

/// A file read front to back through one buffer: the streaming readers look at the bytes not
/// yet consumed and ask for more. The buffer keeps its size (1 MiB by default) unless one value
/// is larger, when it grows to hold that value whole.
final class ChunkedFileReader {
    /// The path as given, for messages.
    let path: String
    private let fd: Int32
    private var buffer: [UInt8]
    /// The unconsumed bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    /// The file offset of `buffer[0]`.
    private var base = 0
    private var atEOF = false

    /// Opens `path` for reading through a buffer of `bufferSize` bytes (at least 16).
    init(path: String, bufferSize: Int) throws(GeoDataError) {
        try GeoDataSource.checkReadable(path)
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        buffer = [UInt8](repeating: 0, count: max(16, bufferSize))
    }

    deinit { close(fd) }

    /// The number of unconsumed bytes in the buffer.
    var available: Int { end - start }

    /// The file offset of the unconsumed byte `k` (0 is the first unconsumed byte).
    func fileOffset(_ k: Int) -> Int { base + start + k }

    /// The unconsumed byte `k`, which must be `< available`.
    func byte(_ k: Int) -> UInt8 { buffer[start + k] }

    /// Marks `n` bytes as consumed.
    func consume(_ n: Int) { start += n }

    /// Reads more of the file behind the unconsumed bytes (moving them to the front of the
    /// buffer first, or growing it when they fill it). False at the end of the file.
    func fill() throws(GeoDataError) -> Bool {
        if atEOF { return false }
        if start > 0 {
            let n = end - start
            buffer.withUnsafeMutableBytes { raw in
                guard let p = raw.baseAddress else { return }
                memmove(p, p + start, n)
            }
            base += start
            start = 0
            end = n
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        let count = buffer.count - end
        let got = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + end, count) }
        if got < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if got == 0 {
            atEOF = true
            return false
        }
        end += got
        return true
    }

    /// Ensures at least `n` unconsumed bytes; false when the file ends first.
    func ensure(_ n: Int) throws(GeoDataError) -> Bool {
        while available < n { if try !fill() { return false } }
        return true
    }

    /// The next byte after JSON whitespace (consumed), without consuming it; nil at the end.
    func peekNonWhitespace() throws(GeoDataError) -> UInt8? {
        while true {
            while available > 0 {
                let c = byte(0)
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return c }
                consume(1)
            }
            if try !fill() { return nil }
        }
    }

    /// Calls `body` with the first `n` unconsumed bytes (which must be available) and the file
    /// offset of the first; they stay unconsumed.
    func withBytes<R, E: Error>(_ n: Int, _ body: (UnsafePointer<UInt8>, Int, Int) throws(E) -> R) throws(E) -> R {
        let result = buffer.withUnsafeBufferPointer { b in
            Result<R, E> { () throws(E) in try body(b.baseAddress! + start, n, base + start) }
        }
        return try result.get()
    }

    /// The length of the JSON value starting at the first unconsumed byte (which is not
    /// whitespace), found by matching brackets and quotes without parsing; the bytes are read
    /// in as needed. Nil when the file ends inside the value.
    func valueLength() throws(GeoDataError) -> Int? {
        var scan = JSONValueExtent()
        var scanned = 0
        while true {
            let found = buffer.withUnsafeBufferPointer { b in
                scan.feed(b.baseAddress! + start + scanned, end - start - scanned)
            }
            if let found { return scanned + found }
            scanned = available
            if try !fill() { return scan.endsAtEndOfInput ? scanned : nil }
        }
    }
}

/// Finds where one JSON value ends by counting brackets outside strings, fed a piece at a time.
struct JSONValueExtent {
    private var started = false
    private var scalar = false
    private var depth = 0
    private var inString = false
    private var escaped = false

    /// True for a number or literal, which the end of the input ends.
    var endsAtEndOfInput: Bool { scalar }

    /// Feeds the next `n` bytes; returns how many of them belong to the value when it ends
    /// among them, nil when it goes on.
    mutating func feed(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var k = 0
        if !started, n > 0 {
            started = true
            switch p[0] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth = 1
            case UInt8(ascii: "\""): inString = true
            default: scalar = true
            }
            k = 1
        }
        while k < n {
            let c = p[k]
            if scalar {
                switch c {
                case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x0A, 0x0D, 0x09: return k
                default: k += 1
                }
                continue
            }
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return k + 1 }
                }
                k += 1
                continue
            }
            switch c {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return k + 1 }
            default: break
            }
            k += 1
        }
        return nil
    }
}
