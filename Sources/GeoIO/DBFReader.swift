#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// The type of a dBASE field, by its one-letter code.
public enum DBFFieldType: String, Hashable, Sendable {
    /// `C`: text, read as `PropertyValue.string` (empty text is null, as GDAL reads it).
    case character = "C"
    /// `N`: a number as text; an integer when it has no decimals and at most 18 digits.
    case number = "N"
    /// `F`: a floating-point number as text.
    case float = "F"
    /// `L`: a logical value, `T`/`Y` or `F`/`N`; `?` or blank is null.
    case logical = "L"
    /// `D`: a date `YYYYMMDD`, read as the ISO text `YYYY-MM-DD`; `00000000` or blank is null.
    case date = "D"
    /// Any other code (memo, binary, ...): read as its trimmed text.
    case other = "?"
}

/// One field of a `.dbf` table.
public struct DBFField: Hashable, Sendable {
    /// The name (at most 10 bytes in the file).
    public var name: String
    /// The type.
    public var type: DBFFieldType
    /// The type code as written in the file (`C`, `N`, `M`, ...).
    public var code: Character
    /// The width in bytes.
    public var length: Int
    /// The number of decimals (numeric fields).
    public var decimals: Int
    /// The offset of the field within a record (after the deletion flag).
    var offset: Int

    /// True when the field's values are read as integers.
    public var isInteger: Bool { type == .number && decimals == 0 && length <= 18 }
}

/// A dBASE III table (a Shapefile's `.dbf`), memory-mapped and read one record at a time.
///
/// Text is decoded with `encoding` when one is given (the `.cpg`, the language driver byte or an
/// override); without one, a value that is valid UTF-8 is read as UTF-8 and any other as CP949.
final class DBFReader {
    let path: String
    let recordCount: Int
    let fields: [DBFField]
    /// The iconv name of the encoding, nil when none is declared (UTF-8 if valid, else CP949).
    let encoding: String?
    /// The language driver id of the header (byte 29).
    let languageDriver: UInt8
    private let data: Data
    private let headerLength: Int
    private let recordLength: Int
    private let transcoder: TextTranscoder?
    private let fallback: TextTranscoder?

    /// Opens `path`. `encoding`: an iconv name (already canonical), or nil to look at the
    /// language driver byte and then guess per value.
    convenience init(path: String, encoding declared: String?) throws(FileFormatError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw FileFormatError(path: path, place: .file, problem: "cannot read (\(fileErrorText(error)))")
        }
        try self.init(data: data, path: path, encoding: declared)
    }

    /// Reads the table in `data`; `path` names it in messages.
    init(data: Data, path: String, encoding declared: String?) throws(FileFormatError) {
        self.path = path
        self.data = data
        let size = data.count
        guard size >= 32 else {
            throw FileFormatError(path: path, place: .byte(size), problem: "file ends inside the 32-byte header (\(size) bytes)")
        }
        let header = data.withUnsafeBytes { raw in
            (count: Int(raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian),
             headerLength: Int(raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self).littleEndian),
             recordLength: Int(raw.loadUnaligned(fromByteOffset: 10, as: UInt16.self).littleEndian),
             ldid: raw[29])
        }
        languageDriver = header.ldid
        headerLength = header.headerLength
        recordLength = header.recordLength
        guard headerLength >= 33, headerLength <= size else {
            throw FileFormatError(path: path, place: .byte(8), problem: "header length \(headerLength) outside 33...\(size) (the file size)")
        }
        guard recordLength >= 1 else {
            throw FileFormatError(path: path, place: .byte(10), problem: "record length 0")
        }
        let available = (size - headerLength) / recordLength
        guard header.count <= available else {
            throw FileFormatError(path: path, place: .byte(4),
                                  problem: "header declares \(header.count) records of \(recordLength) bytes, the file holds \(available)")
        }
        recordCount = header.count

        let name = declared ?? dbfLanguageDriverEncoding(header.ldid)
        if let name, !TextTranscoder.isUTF8(name) {
            guard let t = TextTranscoder(encoding: name) else {
                throw FileFormatError(path: path, place: .file, problem: "encoding '\(name)' is not known to iconv")
            }
            transcoder = t
            fallback = nil
            encoding = name
        } else {
            transcoder = nil
            encoding = name.map { _ in "UTF-8" }
            fallback = name == nil ? TextTranscoder(encoding: "CP949") : nil
        }

        var fields: [DBFField] = []
        var offset = 0
        var at = 32
        var names = Set<String>()
        while at + 32 <= headerLength {
            let descriptor = data.withUnsafeBytes { raw in Array(raw[at..<(at + 32)]) }
            if descriptor[0] == 0x0D { break }
            let nameBytes = descriptor[0..<11].prefix { $0 != 0 }
            var fieldName = String(decoding: nameBytes, as: UTF8.self)
            let (declaredTranscoder, guessTranscoder) = (transcoder, fallback)
            fieldName = nameBytes.withUnsafeBytes { b in
                declaredTranscoder.map { Self.text(b, $0) } ?? Self.text(b, nil) ?? Self.text(b, guessTranscoder)
            } ?? fieldName
            fieldName = fieldName.trimmingWhitespaces()
            let code = Character(Unicode.Scalar(descriptor[11]))
            let length = Int(descriptor[16])
            let decimals = Int(descriptor[17])
            guard length > 0 else {
                throw FileFormatError(path: path, place: .byte(at + 16), problem: "field \(fieldName) has width 0")
            }
            var unique = fieldName
            var n = 1
            while names.contains(unique) {
                unique = "\(fieldName)_\(n)"
                n += 1
            }
            names.insert(unique)
            let type = DBFFieldType(rawValue: String(code).uppercased()) ?? .other
            fields.append(DBFField(name: unique, type: type, code: code, length: length, decimals: decimals, offset: offset))
            offset += length
            at += 32
        }
        guard offset + 1 <= recordLength else {
            throw FileFormatError(path: path, place: .byte(10),
                                  problem: "record length \(recordLength) is shorter than its fields (\(offset + 1) bytes with the deletion flag)")
        }
        self.fields = fields
    }

    /// The byte offset of record `index` (0-based).
    func recordOffset(_ index: Int) -> Int { headerLength + index * recordLength }

    /// True when record `index` (0-based) is marked deleted (`*`).
    func isDeleted(_ index: Int) -> Bool {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in raw[recordOffset(index)] == 0x2A }
    }

    /// The values of record `index` (0-based) by field name.
    func properties(of index: Int) throws(FileFormatError) -> [String: PropertyValue] {
        let start = recordOffset(index)
        var out = [String: PropertyValue](minimumCapacity: fields.count)
        let result: Result<Void, FileFormatError> = data.withUnsafeBytes { raw in
            for field in fields {
                let at = start + 1 + field.offset
                let bytes = Self.trimmed(UnsafeRawBufferPointer(rebasing: raw[at..<(at + field.length)]))
                do throws(FileFormatError) {
                    out[field.name] = try value(bytes, field, record: index + 1, byte: at)
                } catch {
                    return .failure(error)
                }
            }
            return .success(())
        }
        if case .failure(let e) = result { throw e }
        return out
    }

    private func value(_ bytes: UnsafeRawBufferPointer, _ field: DBFField, record: Int, byte: Int) throws(FileFormatError) -> PropertyValue {
        func fail(_ problem: String) -> FileFormatError {
            FileFormatError(path: path, place: .field(record: record, field: field.name, byte: byte), problem: problem)
        }
        switch field.type {
        case .character, .other:
            if bytes.isEmpty { return .null }
            guard let s = Self.text(bytes, transcoder) ?? Self.text(bytes, fallback) else {
                throw fail("text is not valid \(encoding ?? "UTF-8 or CP949")")
            }
            return .string(s)
        case .number, .float:
            if bytes.isEmpty || bytes[0] == 0x2A { return .null }
            if field.isInteger, let i = Self.integer(bytes) { return .int(i) }
            let text = String(decoding: bytes, as: UTF8.self)
            if let d = Double(text) { return field.isInteger && d == d.rounded() && abs(d) < 9.2e18 ? .int(Int64(d)) : .double(d) }
            if text.allSatisfy({ $0 == "*" || $0 == "." }) { return .null }
            throw fail("'\(text)' is not a number")
        case .logical:
            guard let c = bytes.first else { return .null }
            switch c {
            case 0x54, 0x74, 0x59, 0x79: return .bool(true)
            case 0x46, 0x66, 0x4E, 0x6E: return .bool(false)
            case 0x3F: return .null
            default: throw fail("'\(String(decoding: bytes, as: UTF8.self))' is not a logical value (T, F, Y, N or ?)")
            }
        case .date:
            if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x30 }) { return .null }
            guard bytes.count == 8, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw fail("'\(String(decoding: bytes, as: UTF8.self))' is not a date (YYYYMMDD)")
            }
            let d = Array(bytes)
            return .string(String(decoding: d[0..<4] + [0x2D] + d[4..<6] + [0x2D] + d[6..<8], as: UTF8.self))
        }
    }

    /// `bytes` without leading and trailing spaces and NULs.
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lo = 0
        var hi = bytes.count
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0 { hi -= 1 }
        while lo < hi, bytes[lo] == 0x20 { lo += 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[lo..<hi])
    }

    /// ASCII as is; else through `transcoder` (nil: UTF-8 when valid).
    static func text(_ bytes: UnsafeRawBufferPointer, _ transcoder: TextTranscoder?) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let transcoder { return transcoder.decode(bytes) }
        return String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self)
    }

    /// An optionally signed run of ASCII digits as an integer; nil otherwise or on overflow.
    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        var negative = false
        if bytes[0] == 0x2D || bytes[0] == 0x2B {
            negative = bytes[0] == 0x2D
            i = 1
        }
        guard i < bytes.count else { return nil }
        var value: Int64 = 0
        while i < bytes.count {
            let d = bytes[i] &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            value = s
            i += 1
        }
        return negative ? -value : value
    }
}
