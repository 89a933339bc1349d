/// Decimal number reading shared by the GeoJSON and WKT readers: no `String` is built on the
/// common path, and the result is the correctly rounded `Double` (the same as `strtod`).
///
/// Up to 19 significant digits are gathered in a `UInt64`. Then, in order:
/// 1. Clinger's fast path: mantissa <= 2^53 and a power of ten <= 10^22, one exact IEEE operation;
/// 2. a mantissa up to 19 digits over 10^1...10^22 (the shape of most coordinates): an estimate
///    `Double(w) / 10^k` is corrected to the nearest double with exact 128-bit integer comparisons
///    against the midpoints to its neighbours;
/// 3. anything else (over 19 digits, large exponents, binade edges): the standard library's
///    `Double(String)` on the token.
enum DecimalNumber {
    /// The outcome of scanning one number.
    struct Scanned {
        /// The correctly rounded value (may be infinite for huge exponents).
        var value: Double
        /// True when the token has no fraction and no exponent and fits in `Int64`.
        var isInteger: Bool
        /// The integer value when `isInteger`.
        var integer: Int64
        /// The index just after the token.
        var end: Int
    }

    /// Exact powers of ten representable as `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Powers of ten as integers, 10^0 ... 10^19 (the largest that fits in 64 bits).
    private static let integerPowersOfTen: [UInt64] = (0...19).map { k in (0..<k).reduce(1) { p, _ in p * 10 } }

    private static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    /// How many of the eight bytes at `p` are ASCII digits before the first that is not (0...8),
    /// and the value of those digits: one 64-bit load, the digits found and combined with a few
    /// multiplications (pairs, quads, eights) instead of a step of a loop each.
    @inline(__always)
    private static func leadingDigits(_ p: UnsafePointer<UInt8>) -> (count: Int, value: UInt64) {
        let v = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        // A byte is a digit when its high nibble is 3, and still 3 after adding 6. A carry out
        // of a byte that is not a digit only reaches the bytes after it.
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0, threes: UInt64 = 0x3030_3030_3030_3030
        let other = ((v & high) ^ threes) | (((v &+ 0x0606_0606_0606_0606) & high) ^ threes)
        let n = other == 0 ? 8 : other.trailingZeroBitCount >> 3
        guard n > 0 else { return (0, 0) }
        // The digits' values, moved up so that the bytes after them read as leading zeros.
        var x = (v & 0x0F0F_0F0F_0F0F_0F0F) << UInt64(8 * (8 - n))
        x = (x &* 2561) >> 8
        x = ((x & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        return (n, ((x & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32)
    }

    /// The number of decimal digits of `v` (1 for 0).
    @inline(__always)
    private static func digitCount(_ v: UInt64) -> Int {
        var n = 1
        while n < 20 && v >= integerPowersOfTen[n] { n += 1 }
        return n
    }

    /// Adds up to eight digits at `p + i` to `mantissa` while they fit among the 19 kept:
    /// the number of digits taken (0 when fewer than eight bytes remain, too many digits are
    /// kept already, or none is there). Leading zeros of the number are not counted in `digits`.
    @inline(__always)
    private static func takeDigits(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int,
                                   _ mantissa: inout UInt64, _ digits: inout Int) -> Int {
        guard end - i >= 8, digits <= 11 else { return 0 }
        let (n, value) = leadingDigits(p + i)
        guard n > 0 else { return 0 }
        if mantissa == 0 {
            mantissa = value
            digits = value == 0 ? 0 : digitCount(value)
        } else {
            mantissa = mantissa &* integerPowersOfTen[n] &+ value
            digits += n
        }
        return n
    }

    /// Scans a number starting at `start` (`< end`).
    /// - Parameters:
    ///   - json: true for the strict JSON grammar (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`);
    ///     false for the WKT grammar (optional `+`, leading zeros, `.5` and `5.` allowed).
    /// - Returns: `nil` when the bytes at `start` do not form a number.
    static func scan(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, json: Bool) -> Scanned? {
        var i = start
        var negative = false
        if p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if !json && p[i] == UInt8(ascii: "+") {
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits gathered into `mantissa`
        var dropped = false     // a non-zero digit did not fit
        var exponent = 0        // decimal exponent applied to `mantissa`
        var sawDigit = false
        let intStart = i
        while true {
            let taken = takeDigits(p, i, end, &mantissa, &digits)
            i += taken
            if taken == 8 { continue }
            if taken > 0 { break }
            guard i < end, isDigit(p[i]) else { break }
            let d = UInt64(p[i] &- 48)
            if digits < 19 {
                if mantissa != 0 || d != 0 {
                    mantissa = mantissa &* 10 &+ d
                    digits += 1
                }
            } else {
                exponent += 1
                if d != 0 { dropped = true }
            }
            i += 1
        }
        sawDigit = i > intStart
        if json {
            guard sawDigit else { return nil }
            if p[intStart] == UInt8(ascii: "0") && i - intStart > 1 { return nil }
        }
        var integral = true
        if i < end, p[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            let fracStart = i
            while true {
                let taken = takeDigits(p, i, end, &mantissa, &digits)
                i += taken
                exponent -= taken
                if taken == 8 { continue }
                if taken > 0 { break }
                guard i < end, isDigit(p[i]) else { break }
                let d = UInt64(p[i] &- 48)
                if digits < 19 {
                    if mantissa != 0 || d != 0 {
                        mantissa = mantissa &* 10 &+ d
                        digits += 1
                    }
                    exponent -= 1
                } else if d != 0 {
                    dropped = true
                }
                i += 1
            }
            if json && i == fracStart { return nil }
            sawDigit = sawDigit || i > fracStart
        }
        guard sawDigit else { return nil }
        if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
            integral = false
            i += 1
            var expNegative = false
            if i < end, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            let expStart = i
            var e = 0
            while i < end, isDigit(p[i]) {
                if e < 100_000 { e = e * 10 + Int(p[i] &- 48) }
                i += 1
            }
            guard i > expStart else { return nil }
            exponent += expNegative ? -e : e
        }
        var result = Scanned(value: 0, isInteger: false, integer: 0, end: i)
        if integral && !dropped && exponent == 0 {
            if negative, mantissa <= UInt64(Int64.max) + 1 {
                result.isInteger = true
                result.integer = mantissa == UInt64(Int64.max) + 1 ? .min : -Int64(mantissa)
            } else if !negative, mantissa <= UInt64(Int64.max) {
                result.isInteger = true
                result.integer = Int64(mantissa)
            }
        }
        if let v = dropped ? nil : fastValue(mantissa, exponent) {
            result.value = negative ? -v : v
        } else {
            let token = String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
            guard let v = Double(token) else { return nil }
            result.value = v
        }
        return result
    }

    /// `mantissa * 10^exponent` correctly rounded, or `nil` when the fast methods do not apply.
    private static func fastValue(_ mantissa: UInt64, _ exponent: Int) -> Double? {
        if mantissa == 0 { return 0 }
        if mantissa <= 1 << 53 {
            if exponent >= 0 && exponent <= 22 { return Double(mantissa) * powersOfTen[exponent] }
            if exponent < 0 && exponent >= -22 { return Double(mantissa) / powersOfTen[-exponent] }
            return nil
        }
        guard exponent < 0 && exponent >= -22 else { return nil }
        if #available(macOS 15, iOS 18, *) {
            return corrected(mantissa, tenTo: -exponent)
        }
        return nil
    }

    /// The double nearest to `w / 10^k` (ties to even), from an estimate checked against exact
    /// 128-bit midpoints; `nil` when the values would not fit in 128 bits or sit on a binade edge.
    @available(macOS 15, iOS 18, *)
    private static func corrected(_ w: UInt64, tenTo k: Int) -> Double? {
        var d = Double(w) / powersOfTen[k]
        let tenToK = k <= 19 ? UInt128(integerPowersOfTen[k])
                             : UInt128(integerPowersOfTen[19]) * UInt128(integerPowersOfTen[k - 19])
        for _ in 0..<4 {
            guard d.isNormal, d > 0 else { return nil }
            let m = UInt64(d.significandBitPattern) | (1 << 52)
            let e = Int(d.exponent) - 52          // d == m * 2^e
            guard m != 1 << 52, e < 0, -e <= 62 else { return nil }
            let scaled = UInt128(w) << (1 - e)   // 2 * w * 2^-e
            let (upper, overflow) = UInt128(2 * m + 1).multipliedReportingOverflow(by: tenToK)
            guard !overflow else { return nil }
            let lower = UInt128(2 * m - 1) * tenToK
            if scaled > upper {
                d = d.nextUp
            } else if scaled < lower {
                d = d.nextDown
            } else if scaled == upper {
                return m & 1 == 0 ? d : d.nextUp
            } else if scaled == lower {
                return m & 1 == 0 ? d : d.nextDown
            } else {
                return d
            }
        }
        return nil
    }
}
