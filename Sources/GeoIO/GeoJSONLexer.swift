import GeoCore

/// The JSON layer of the GeoJSON reader: a cursor over UTF-8 bytes with whitespace, literal,
/// string, number and generic-value reading. Errors carry the byte offset and an empty JSON path;
/// callers prefix path components while unwinding.
struct JSONCursor {
    let p: UnsafePointer<UInt8>
    let end: Int
    var i = 0

    /// The deepest nesting of arrays and objects accepted in properties and skipped members.
    static let maxValueDepth = 256

    /// A cursor over `count` bytes at `p`, after a UTF-8 byte-order mark if there is one.
    init(_ p: UnsafePointer<UInt8>, count: Int) {
        self.p = p
        self.end = count
        if count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { i = 3 }
    }

    func here() -> GeoIOLocation { .json(path: "", offset: i) }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < end {
            let c = p[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            i += 1
        }
    }

    /// The next non-whitespace byte, or `nil` at the end (not consumed).
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return i < end ? p[i] : nil
    }

    /// Consumes `c` after optional whitespace or throws a syntax error naming `what`.
    @inline(__always)
    mutating func expect(_ c: UInt8, _ what: String) throws(GeoIOError) {
        guard let next = peek() else { throw .unexpectedEnd(expected: what, at: here()) }
        guard next == c else { throw .syntax(expected: what, at: here()) }
        i += 1
    }

    /// After an element of an array or object: consumes `,` (returns true) or `close` (false).
    @inline(__always)
    mutating func nextElement(close: UInt8) throws(GeoIOError) -> Bool {
        guard let c = peek() else { throw .unexpectedEnd(expected: "',' or '\(Character(Unicode.Scalar(close)))'", at: here()) }
        i += 1
        if c == UInt8(ascii: ",") { return true }
        if c == close { return false }
        i -= 1
        throw .syntax(expected: "',' or '\(Character(Unicode.Scalar(close)))'", at: here())
    }

    /// The name of the JSON kind starting with byte `c`, for messages.
    static func kindName(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): "a number"
        default: "an invalid token"
        }
    }

    /// Consumes the literal `word` (`true`, `false`, `null`) at the cursor.
    mutating func literal(_ word: StaticString) throws(GeoIOError) {
        let n = word.utf8CodeUnitCount
        guard end - i >= n else { throw .unexpectedEnd(expected: "\(word)", at: here()) }
        let s = word.utf8Start
        for k in 0..<n where p[i + k] != s[k] { throw .syntax(expected: "a JSON value", at: here()) }
        i += n
    }

    /// Consumes `null` if it is next (after whitespace).
    mutating func consumeNull() throws(GeoIOError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Reads a number at the cursor (after whitespace).
    @inline(__always)
    mutating func number() throws(GeoIOError) -> DecimalNumber.Scanned {
        guard i < end else { throw .unexpectedEnd(expected: "a number", at: here()) }
        guard let n = DecimalNumber.scan(p, from: i, to: end, json: true) else { throw .invalidNumber(at: here()) }
        i = n.end
        return n
    }

    /// Reads a string at the cursor (the opening quote not yet consumed), returning the span of
    /// its raw bytes and whether it contains escapes.
    mutating func rawString() throws(GeoIOError) -> (start: Int, end: Int, escaped: Bool) {
        try expect(UInt8(ascii: "\""), "a string")
        let start = i
        var escaped = false
        while i < end {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return (start, i - 1, escaped)
            }
            if c == UInt8(ascii: "\\") {
                escaped = true
                i += 2
                continue
            }
            if c < 0x20 { throw .invalidText(at: here()) }
            i += 1
        }
        throw .unexpectedEnd(expected: "end of string", at: .json(path: "", offset: end))
    }

    /// True when the raw (unescaped) bytes of a string equal `key`.
    func rawEquals(_ span: (start: Int, end: Int, escaped: Bool), _ key: StaticString) -> Bool {
        let n = key.utf8CodeUnitCount
        guard !span.escaped, span.end - span.start == n else { return false }
        let s = key.utf8Start
        for k in 0..<n where p[span.start + k] != s[k] { return false }
        return true
    }

    /// Reads a string and decodes it (escapes, UTF-8 validation).
    mutating func string() throws(GeoIOError) -> String {
        let span = try rawString()
        return try decode(span)
    }

    /// Decodes the bytes of a string span.
    func decode(_ span: (start: Int, end: Int, escaped: Bool)) throws(GeoIOError) -> String {
        let raw = UnsafeBufferPointer(start: p + span.start, count: span.end - span.start)
        if !span.escaped {
            if let bad = UTF8Check.firstInvalid(raw) { throw .invalidText(at: .json(path: "", offset: span.start + bad)) }
            return String(decoding: raw, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        while k < raw.count {
            let c = raw[k]
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                k += 1
                continue
            }
            let at = GeoIOLocation.json(path: "", offset: span.start + k)
            guard k + 1 < raw.count else { throw .invalidText(at: at) }
            let e = raw[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = Self.hex4(raw, k) else { throw .invalidText(at: at) }
                k += 4
                var scalar = UInt32(unit)
                if unit >= 0xD800 && unit < 0xDC00 {
                    guard k + 6 <= raw.count, raw[k] == UInt8(ascii: "\\"), raw[k + 1] == UInt8(ascii: "u"),
                          let low = Self.hex4(raw, k + 2), low >= 0xDC00 && low < 0xE000
                    else { throw .invalidText(at: at) }
                    k += 6
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                } else if unit >= 0xDC00 && unit < 0xE000 {
                    throw .invalidText(at: at)
                }
                guard let s = Unicode.Scalar(scalar) else { throw .invalidText(at: at) }
                out.append(contentsOf: String(Character(s)).utf8)
            default:
                throw .invalidText(at: at)
            }
        }
        let valid = out.withUnsafeBufferPointer { UTF8Check.firstInvalid($0) == nil }
        guard valid else { throw .invalidText(at: .json(path: "", offset: span.start)) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ k: Int) -> UInt16? {
        guard k + 4 <= raw.count else { return nil }
        var v: UInt16 = 0
        for j in k..<(k + 4) {
            let c = raw[j]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            v = v << 4 | UInt16(d)
        }
        return v
    }

    /// Reads any JSON value as a `PropertyValue` (integers that fit `Int64` stay `.int`).
    mutating func propertyValue(depth: Int) throws(GeoIOError) -> PropertyValue {
        guard let c = peek() else { throw .unexpectedEnd(expected: "a JSON value", at: here()) }
        switch c {
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "{"):
            return .object(try propertyObject(depth: depth))
        case UInt8(ascii: "["):
            if depth >= Self.maxValueDepth { throw .valuesNestedTooDeep(limit: Self.maxValueDepth, at: here()) }
            i += 1
            var items: [PropertyValue] = []
            if peek() == UInt8(ascii: "]") {
                i += 1
                return .array(items)
            }
            repeat {
                do throws(GeoIOError) {
                    items.append(try propertyValue(depth: depth + 1))
                } catch {
                    throw error.prefixingJSONPath("[\(items.count)]")
                }
            } while try nextElement(close: UInt8(ascii: "]"))
            return .array(items)
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            let start = i
            let n = try number()
            // Like GDAL: an integer that fits Int64 is kept exactly; a larger one is kept as the
            // nearest Double (as GDAL turns such a field into Real). Only a value beyond the
            // range of a Double cannot be kept.
            if n.isInteger { return .int(n.integer) }
            guard n.value.isFinite else {
                let token = String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
                throw .numberOutOfRange("\(token) is beyond the range of a 64-bit float (±1.8e308)", at: .json(path: "", offset: start))
            }
            return .double(n.value)
        }
    }

    /// Reads a JSON object of properties (the `{` not yet consumed).
    mutating func propertyObject(depth: Int) throws(GeoIOError) -> [String: PropertyValue] {
        if depth >= Self.maxValueDepth { throw .valuesNestedTooDeep(limit: Self.maxValueDepth, at: here()) }
        guard let c = peek() else { throw .unexpectedEnd(expected: "an object", at: here()) }
        guard c == UInt8(ascii: "{") else { throw .wrongJSONType(expected: "an object, found \(Self.kindName(c))", at: here()) }
        i += 1
        var object: [String: PropertyValue] = [:]
        if peek() == UInt8(ascii: "}") {
            i += 1
            return object
        }
        repeat {
            _ = peek()
            let key = try string()
            try expect(UInt8(ascii: ":"), "':'")
            do throws(GeoIOError) {
                object[key] = try propertyValue(depth: depth + 1)
            } catch {
                throw error.prefixingJSONPath(JSONPath.member(key))
            }
        } while try nextElement(close: UInt8(ascii: "}"))
        return object
    }

    /// Skips any JSON value, checking its syntax.
    mutating func skipValue(depth: Int) throws(GeoIOError) {
        guard let c = peek() else { throw .unexpectedEnd(expected: "a JSON value", at: here()) }
        switch c {
        case UInt8(ascii: "\""):
            _ = try rawString()
        case UInt8(ascii: "{"):
            if depth >= Self.maxValueDepth { throw .valuesNestedTooDeep(limit: Self.maxValueDepth, at: here()) }
            i += 1
            if peek() == UInt8(ascii: "}") {
                i += 1
                return
            }
            repeat {
                _ = peek()
                _ = try rawString()
                try expect(UInt8(ascii: ":"), "':'")
                try skipValue(depth: depth + 1)
            } while try nextElement(close: UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            if depth >= Self.maxValueDepth { throw .valuesNestedTooDeep(limit: Self.maxValueDepth, at: here()) }
            i += 1
            if peek() == UInt8(ascii: "]") {
                i += 1
                return
            }
            repeat { try skipValue(depth: depth + 1) } while try nextElement(close: UInt8(ascii: "]"))
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }
}

/// Building JSONPath components for error locations.
enum JSONPath {
    /// `.name` for identifier-like keys, `["na me"]` otherwise.
    static func member(_ key: String) -> String {
        let simple = !key.isEmpty && key.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x5F
        }
        return simple ? ".\(key)" : "[\"\(key)\"]"
    }
}

/// UTF-8 validation (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
enum UTF8Check {
    /// The index of the first byte of the first invalid sequence, or `nil` when all is valid.
    static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
            if c >= 0xC2 && c <= 0xDF {
                guard cont(1) else { return i }
                i += 2
            } else if c >= 0xE0 && c <= 0xEF {
                guard cont(1), cont(2) else { return i }
                let c1 = b[i + 1]
                if c == 0xE0 && c1 < 0xA0 { return i }
                if c == 0xED && c1 >= 0xA0 { return i }
                i += 3
            } else if c >= 0xF0 && c <= 0xF4 {
                guard cont(1), cont(2), cont(3) else { return i }
                let c1 = b[i + 1]
                if c == 0xF0 && c1 < 0x90 { return i }
                if c == 0xF4 && c1 >= 0x90 { return i }
                i += 4
            } else {
                return i
            }
        }
        return nil
    }
}
