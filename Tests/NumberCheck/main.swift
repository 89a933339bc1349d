// number-check: GeoIO's byte-level decimal parser (`CSVNumber`, used by CSVReader and
// CSVPointReader) against the standard library's correctly rounded `Double(String)` on
// millions of random decimals. Built in release and run by `make test` (10,000,000 decimals:
// a few seconds, where the same loop in a debug test build takes minutes); the unit test
// `matchesTheStandardLibraryOnRandomDecimals` keeps a 300,000-decimal version.
//
//     swift build -c release --product number-check && .build/release/number-check [count] [seed]
import Foundation
import GeoIO
import GeoBenchSupport

let arguments = CommandLine.arguments
let total = arguments.count > 1 ? Int(arguments[1]) ?? 10_000_000 : 10_000_000
var rng = SplitMix64(seed: arguments.count > 2 ? UInt64(arguments[2]) ?? 0x5EED : 0x5EED)
var checked = 0
var failures: [String] = []

@MainActor func check(_ text: String) {
    // Hexadecimal floats are refused by design (CSVNumber's documentation); Double(String) reads them.
    let expected = text.contains(where: { $0 == "x" || $0 == "X" }) ? nil : Double(text)
    let got = CSVNumber.parse(text)
    let same: Bool
    if let expected, expected.isFinite {
        same = got?.bitPattern == expected.bitPattern
    } else {
        same = got == nil
    }
    if !same, failures.count < 20 {
        failures.append("\(text): CSVNumber \(got.map { "\($0)" } ?? "nil"), Double(String) \(expected.map { "\($0)" } ?? "nil")")
    }
    if !same, failures.count >= 20 { failures.append("") }
    checked += 1
}

var digitBuffer: [UInt8] = []
@MainActor func digits(_ n: Int) -> String {
    digitBuffer.removeAll(keepingCapacity: true)
    for _ in 0..<n { digitBuffer.append(UInt8(48 + Int.random(in: 0...9, using: &rng))) }
    return String(decoding: digitBuffer, as: UTF8.self)
}

@MainActor func sign() -> String {
    switch Int.random(in: 0..<8, using: &rng) {
    case 0, 1: "-"
    case 2: "+"
    default: ""
    }
}

@MainActor func randomDouble() -> Double {
    // Any finite double: random mantissa bits, random biased exponent (0 gives subnormals).
    Double(bitPattern: rng.next() & ~(0x7FF << 52) | (UInt64.random(in: 0...0x7FE, using: &rng) << 52))
}

// The edges of the format and of binary64.
let edges = ["0", "-0", "+0", "0.0", "-0.0", ".0", "0.", "0e0", "0e-400", "-0e999", "0e99999999999999999999",
             "1e-99999999999999999999", "1e99999999999999999999", "00000000000000000000001", "1.000000000000000000000000000001",
             "2.2250738585072011e-308", "2.2250738585072014e-308", "2.2250738585072012e-308",
             "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "2.4703282292062327208828439643e-324",
             "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1.797693134862315807e308",
             "9007199254740993", "9007199254740992.5", "9007199254740993.0000000000000000001", "0.1000000000000000055511151231257827",
             "0.30000000000000004", "1e23", "8.98846567431158e307", "4.35679747491e-309", "123456789012345678901234567890e-30",
             "7.2057594037927933e16", "1e308", "1e309", "1e-324", "1e-323", "5e-324", "3e-324",
             "", " ", "-", "+", ".", "e5", "1e", "1e+", "1e-", "--1", "+-1", "1..2", "1.2.3", "0x10", "nan", "inf", "1,5", "1 2"]
for e in edges { check(e) }

let perKind = total / 10
while checked < total {
    switch checked / perKind {
    case 0, 1:
        // Coordinates: up to 3 integer digits, 0 to 20 decimals.
        check(sign() + String(Int.random(in: 0...180, using: &rng)) + "." + digits(Int.random(in: 0...20, using: &rng)))
    case 2, 3:
        // Any mantissa of 1 to 30 digits, a point anywhere, an exponent from -345 to 325 (e or E, signed or not).
        let n = Int.random(in: 1...30, using: &rng)
        var m = digits(n)
        let point = Int.random(in: 0...n, using: &rng)
        if point < n || Bool.random(using: &rng) { m.insert(".", at: m.index(m.startIndex, offsetBy: point)) }
        if m == "." { m = "0." }
        var e = ""
        if Int.random(in: 0..<4, using: &rng) != 0 {
            let x = Int.random(in: -345...325, using: &rng)
            e = (Bool.random(using: &rng) ? "e" : "E") + (x >= 0 && Bool.random(using: &rng) ? "+" : "") + String(x)
        }
        check(sign() + m + e)
    case 4:
        // Many digits: 30 to 800 significant digits, leading and trailing zeros.
        let n = Int.random(in: 30...800, using: &rng)
        let lead = String(repeating: "0", count: Int.random(in: 0...3, using: &rng))
        let trail = String(repeating: "0", count: Int.random(in: 0...40, using: &rng))
        let m = digits(n)
        let point = Int.random(in: 0...n, using: &rng)
        check(lead + m.prefix(point) + "." + m.dropFirst(point) + trail + "e" + String(Int.random(in: -1100...400, using: &rng)))
    case 5:
        // Subnormals and the smallest normals.
        check(digits(1) + "." + digits(Int.random(in: 0...40, using: &rng)) + "e-" + String(Int.random(in: 300...330, using: &rng)))
    case 6:
        // Every double's shortest form, and the largest ones.
        let d = randomDouble()
        check("\(d)")
        check("\(Double.greatestFiniteMagnitude.nextDown.nextDown * Double.random(in: 0.999...1.0001, using: &rng))")
    case 7:
        // 17 and 25 significant digits of any double.
        let d = randomDouble()
        check(String(format: "%.17g", d))
        check(String(format: "%.25e", d))
    case 8:
        // Near halfway between two neighbours: the midpoint written with 17 to 40 digits, nudged.
        let d = abs(randomDouble())
        let mid = String(format: "%.\(Int.random(in: 16...39, using: &rng))e", d / 2 + d.nextUp / 2)
        check(mid)
    default:
        // Integers of any size, and fixed-point decimals of 1e-30 to 1e30.
        check(sign() + digits(Int.random(in: 1...25, using: &rng)))
        check(String(format: "%.\(Int.random(in: 0...30, using: &rng))f", Double.random(in: 0..<1, using: &rng) * pow(10, Double(Int.random(in: -30...30, using: &rng)))))
    }
}

if failures.isEmpty {
    print("number-check: \(checked) decimals, CSVNumber equals Double(String) on every one")
} else {
    print("number-check: CSVNumber differs from Double(String) (\(checked) decimals checked):")
    for f in failures where !f.isEmpty { print("  " + f) }
    exit(1)
}
