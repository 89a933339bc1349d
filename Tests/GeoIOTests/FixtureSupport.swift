import Foundation
import GeoBenchSupport

/// Loading committed fixtures and small byte helpers shared by the GeoIO tests.
enum Fixture {
    /// The URL of `Fixtures/<path>` inside the test bundle.
    static func url(_ path: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(path)
    }

    /// The bytes of `Fixtures/<path>`.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(path)))
    }

    /// The text of `Fixtures/<path>`.
    static func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }

    /// The non-comment lines of a TSV fixture, split on tabs.
    static func tsv(_ path: String) throws -> [[String]] {
        try text(path).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}

/// Bytes from a hex string (two digits per byte, either case).
func hexBytes(_ hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var chars = hex.utf8.makeIterator()
    while let hi = chars.next(), let lo = chars.next() {
        out.append(UInt8(hexDigit(hi) << 4 | hexDigit(lo)))
    }
    return out
}

private func hexDigit(_ c: UInt8) -> Int {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(c - UInt8(ascii: "a")) + 10
    default: Int(c - UInt8(ascii: "A")) + 10
    }
}

/// Upper-case hex of bytes, as GEOS writes it.
func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}


/// `bytes` with `flips` random bytes replaced, for fuzzing decoders.
func mutated(_ bytes: [UInt8], flips: Int, using rng: inout SplitMix64) -> [UInt8] {
    var out = bytes
    guard !out.isEmpty else { return out }
    for _ in 0..<flips {
        let i = Int.random(in: 0..<out.count, using: &rng)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: out[i] = UInt8.random(in: 0...255, using: &rng)
        case 1: out[i] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        default: out.removeSubrange(i..<out.count)
        }
        if out.isEmpty { break }
    }
    return out
}
