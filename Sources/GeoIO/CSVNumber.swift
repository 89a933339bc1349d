/// Reading a decimal number from a CSV field's bytes, correctly rounded (the same `Double` as
/// `strtod` and `Double(String)`), without building a `String`.
///
/// Accepted: optional spaces or tabs around the number, an optional sign, digits with an
/// optional decimal point (`5`, `-0.5`, `.5`, `5.`, `+1`), an optional exponent (`1e-7`).
/// Rejected (nil): an empty field, hexadecimal floats, `nan`, `inf`, `infinity`, thousands
/// separators, decimal commas, trailing text, and values that overflow to infinity.
public enum CSVNumber {
    /// The value of the bytes `p[0..<count]`, or nil when they are not one finite number.
    public static func parse(_ p: UnsafePointer<UInt8>, count: Int) -> Double? {
        var s = 0, e = count
        while s < e && (p[s] == 0x20 || p[s] == 0x09) { s += 1 }
        while e > s && (p[e - 1] == 0x20 || p[e - 1] == 0x09) { e -= 1 }
        guard s < e, let scanned = DecimalNumber.scan(p, from: s, to: e, json: false),
              scanned.end == e, scanned.value.isFinite else { return nil }
        return scanned.value
    }

    /// The value of `bytes`, or nil when they are not one finite number.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress else { return nil }
        return parse(base, count: bytes.count)
    }

    /// The value of `text`, or nil when it is not one finite number.
    public static func parse(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }
}
