#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Fixed-width text for the reports' tables: Hangul syllables and jamo count two columns wide,
/// as terminals draw them.
enum ReportText {
    /// `s` padded with spaces to `width` columns, on the right (`left: true`) or on the left.
    static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let w = s.unicodeScalars.reduce(0) { $0 + (($1.value >= 0xAC00 && $1.value <= 0xD7A3) || ($1.value >= 0x1100 && $1.value <= 0x11FF) ? 2 : 1) }
        let fill = String(repeating: " ", count: max(0, width - w))
        return left ? s + fill : fill + s
    }

    /// `n` with thousands separators (`49,941,605`).
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(abs(n)))
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// A share as `12.3 %`.
    static func percent(_ x: Double) -> String { String(cFormat: "%.1f %%", x * 100) }

    /// Sorted-key, pretty-printed JSON of `value` (non-finite numbers as strings).
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
