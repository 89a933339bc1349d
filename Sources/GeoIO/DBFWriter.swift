#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// Writing a dBASE III table (a Shapefile's `.dbf`) in UTF-8, its fields inferred from the
/// features' properties (by name, in sorted order):
/// every value a bool: `L`; every value an integer: `N` without decimals; integers and doubles:
/// `N` with as many decimals as the values need (at most 15); every value ISO date text
/// `YYYY-MM-DD`: `D`; anything else `C`, as text (arrays and objects as JSON), at most 254 bytes.
/// Widths are as wide as the widest value. Null values are blank (`*` in numeric fields).
/// Names are cut to 10 bytes and made unique (`_1`, `_2`, ...), as GDAL does.
enum DBFWriter {
    struct Column {
        var key: String
        var name: [UInt8]
        var type: DBFFieldType
        var length: Int
        var decimals: Int
    }

    /// A table built feature by feature: each property value folded into its column's summary
    /// (which types it has seen, the widest text, the most decimals) as it comes, and the rows
    /// kept for the encoding, which needs the final widths.
    struct TableBuilder {
        private var slots = [String: Int]()
        private var summaries = [ValueSummary]()
        private var rows: [[String: PropertyValue]] = []
        private var keyOrder = KeyOrderCache()

        /// Adds the next record.
        mutating func add(_ properties: [String: PropertyValue]) {
            rows.append(properties)
            var place = 0
            for (key, value) in properties {
                let slot = keyOrder.column(of: key, at: place) { key in
                    if let s = slots[key] { return s }
                    slots[key] = summaries.count
                    summaries.append(ValueSummary())
                    return summaries.count - 1
                }
                summaries[slot].add(value)
                place += 1
            }
        }

        /// The columns, by name in sorted order.
        func columns() -> [Column] {
            var used = Set<String>()
            return slots.sorted { $0.key < $1.key }.map { key, slot in
                var column = summaries[slot].column(key: key)
                column.name = uniqueName(key, &used)
                return column
            }
        }

        /// The whole `.dbf` of the records added.
        /// - Throws: ``GeoDataError/unsupported(path:reason:)`` beyond the format's limits.
        func encode(path: String) throws(GeoDataError) -> [UInt8] {
            let columns = columns()
            let recordLength = 1 + columns.reduce(0) { $0 + $1.length }
            guard columns.count <= 2046, recordLength <= Int(UInt16.max) else {
                throw .unsupported(path: path, reason: "\(columns.count) fields of \(recordLength) bytes per record; a .dbf holds at most 2046 fields and 65535 bytes per record")
            }
            guard rows.count <= Int(UInt32.max) else {
                throw .unsupported(path: path, reason: "\(rows.count) features; a .dbf holds at most \(UInt32.max) records")
            }
            return DBFWriter.encode(rows, columns: columns)
        }
    }

    /// What the non-null values of one property have in common: enough to choose the field's
    /// type, width and decimals. Nulls and non-finite doubles (written blank) are skipped.
    private struct ValueSummary {
        var count = 0
        var allBool = true, allInt = true, allNumber = true, allDate = true
        /// The longest number text (while every value is a number) and its most decimals.
        var numberLength = 0, decimals = 0
        /// The longest text of any value, in UTF-8 bytes.
        var textLength = 0

        mutating func add(_ value: PropertyValue) {
            switch value {
            case .null:
                return
            case .double(let d) where !d.isFinite:
                return
            case .bool(let b):
                allInt = false; allNumber = false; allDate = false
                textLength = max(textLength, b ? 4 : 5)
            case .int, .double:
                if case .double = value { allInt = false }
                allBool = false; allDate = false
                let t = numberText(value).utf8
                numberLength = max(numberLength, t.count)
                if let dot = t.firstIndex(of: UInt8(ascii: ".")) {
                    decimals = max(decimals, t.distance(from: dot, to: t.endIndex) - 1)
                }
                textLength = max(textLength, t.count)
            case .string(let s):
                allBool = false; allInt = false; allNumber = false
                if allDate && !isISODate(s) { allDate = false }
                textLength = max(textLength, s.utf8.count)
            case .array, .object:
                allBool = false; allInt = false; allNumber = false; allDate = false
                textLength = max(textLength, text(value).utf8.count)
            }
            count += 1
        }

        func column(key: String) -> Column {
            var column = Column(key: key, name: [], type: .character, length: 1, decimals: 0)
            guard count > 0 else { return column }
            if allBool {
                column.type = .logical
            } else if allInt {
                column.type = .number
                column.length = min(254, numberLength)
            } else if allNumber {
                column.type = .number
                column.length = min(254, numberLength)
                column.decimals = min(15, decimals)
            } else if allDate {
                column.type = .date
                column.length = 8
            } else {
                column.length = min(254, max(1, textLength))
            }
            return column
        }
    }

    /// A 10-byte field name unique among `used` (case-insensitive).
    private static func uniqueName(_ key: String, _ used: inout Set<String>) -> [UInt8] {
        func cut(_ s: String, _ limit: Int) -> [UInt8] {
            var out: [UInt8] = []
            for ch in s.isEmpty ? "FIELD" : s {
                let b = Array(String(ch).utf8)
                if out.count + b.count > limit { break }
                out += b
            }
            return out
        }
        var name = cut(key, 10)
        var n = 1
        while used.contains(String(decoding: name, as: UTF8.self).uppercased()) {
            let suffix = Array("_\(n)".utf8)
            name = cut(key, 10 - suffix.count) + suffix
            n += 1
        }
        used.insert(String(decoding: name, as: UTF8.self).uppercased())
        return name
    }

    static func isISODate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return false }
        let digits = b[0..<4] + b[5..<7] + b[8..<10]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let month = Int(b[5] - 0x30) * 10 + Int(b[6] - 0x30), day = Int(b[8] - 0x30) * 10 + Int(b[9] - 0x30)
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// The shortest text that reads back as the same number.
    static func numberText(_ value: PropertyValue) -> String {
        switch value {
        case .int(let i): return String(i)
        case .double(let d):
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
            let s = d.description
            // Byte search: Foundation's `contains(_: StringProtocol)` would bridge to NSString.
            return s.utf8.contains(UInt8(ascii: "e")) ? String(cFormat: "%.17g", d) : s
        default: return ""
        }
    }

    /// The text of a value in a `C` field.
    static func text(_ value: PropertyValue) -> String {
        switch value {
        case .null: ""
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .int, .double: numberText(value)
        case .array, .object: (try? GeoJSON.encode(value)) ?? ""
        }
    }

    /// The whole `.dbf` file.
    static func encode(_ rows: [[String: PropertyValue]], columns: [Column]) -> [UInt8] {
        let recordLength = 1 + columns.reduce(0) { $0 + $1.length }
        let headerLength = 32 + 32 * columns.count + 1
        var out: [UInt8] = []
        out.reserveCapacity(headerLength + recordLength * rows.count + 1)
        out += [0x03, 95, 7, 26]
        appendLE(&out, UInt32(rows.count))
        appendLE(&out, UInt16(headerLength))
        appendLE(&out, UInt16(recordLength))
        out += [UInt8](repeating: 0, count: 20)
        for c in columns {
            out += c.name + [UInt8](repeating: 0, count: 11 - c.name.count)
            out.append(UInt8(ascii: c.type == .other ? "C" : Unicode.Scalar(c.type.rawValue)!))
            out += [0, 0, 0, 0, UInt8(c.length), UInt8(c.decimals)]
            out += [UInt8](repeating: 0, count: 14)
        }
        out.append(0x0D)
        // Each record's values put in column order by walking its dictionary (no hashing while
        // the records give their keys in one order).
        let columnOf = Dictionary(columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        var keyOrder = KeyOrderCache()
        var values = [PropertyValue](repeating: .null, count: columns.count)
        // Each field's type and width, apart from its names: nothing to retain per value.
        let fields = columns.map { Field(type: $0.type, length: $0.length) }
        for properties in rows {
            for i in values.indices { values[i] = .null }
            var place = 0
            for (key, value) in properties {
                let column = keyOrder.column(of: key, at: place) { columnOf[$0] ?? -1 }
                if column >= 0 { values[column] = value }
                place += 1
            }
            out.append(0x20)
            for i in fields.indices { appendValue(&out, values[i], fields[i]) }
        }
        out.append(0x1A)
        return out
    }

    /// What a record's value needs of its column.
    private struct Field {
        var type: DBFFieldType
        var length: Int
    }

    private static func appendValue(_ out: inout [UInt8], _ value: PropertyValue, _ c: Field) {
        var isNull = value == .null
        if case .double(let d) = value, !d.isFinite { isNull = true }
        switch c.type {
        case .logical:
            out.append(isNull ? 0x3F : (value.boolValue ?? false) ? 0x54 : 0x46)
        case .number, .float:
            if isNull {
                out.append(contentsOf: repeatElement(0x2A, count: c.length))
            } else {
                let t = numberText(value).utf8.prefix(c.length)
                out.append(contentsOf: repeatElement(0x20, count: c.length - t.count))
                out.append(contentsOf: t)
            }
        case .date:
            if isNull {
                out += [UInt8](repeating: 0x20, count: 8)
            } else {
                out += Array((value.stringValue ?? "").utf8).filter { $0 != 0x2D }
            }
        case .character, .other:
            let before = out.count
            if !isNull {
                let whole = text(value)
                if whole.utf8.count <= c.length {
                    out.append(contentsOf: whole.utf8)
                } else {
                    // Cut at a character boundary.
                    for ch in whole {
                        let b = String(ch).utf8
                        if out.count - before + b.count > c.length { break }
                        out.append(contentsOf: b)
                    }
                }
            }
            out.append(contentsOf: repeatElement(0x20, count: c.length - (out.count - before)))
        }
    }
}

func appendLE<T: FixedWidthInteger>(_ out: inout [UInt8], _ v: T) {
    withUnsafeBytes(of: v.littleEndian) { out += $0 }
}

func appendBE<T: FixedWidthInteger>(_ out: inout [UInt8], _ v: T) {
    withUnsafeBytes(of: v.bigEndian) { out += $0 }
}

func appendLE(_ out: inout [UInt8], _ d: Double) {
    appendLE(&out, d.bitPattern)
}
