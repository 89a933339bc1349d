@testable import GeoIO
import GeoBenchSupport
import Testing

@Suite("Decimal number reading")
struct GeoJSONNumberTests {
    func scan(_ text: String, json: Bool = true) -> DecimalNumber.Scanned? {
        var copy = text
        return copy.withUTF8 { DecimalNumber.scan($0.baseAddress!, from: 0, to: $0.count, json: json) }
    }

    @Test("matches the standard library on random decimals of 1 to 25 digits")
    func matchesStrtod() {
        var rng = SplitMix64(seed: 5179)
        for _ in 0..<50_000 {
            let digits = Int.random(in: 1...25, using: &rng)
            var mantissa = String(Int.random(in: 1...9, using: &rng))
            for _ in 1..<digits { mantissa.append(String(Int.random(in: 0...9, using: &rng))) }
            let point = Int.random(in: 0...digits, using: &rng)
            var text = mantissa
            if point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point == 0 ? 0 : point)) }
            if text.hasPrefix(".") { text = "0" + text }
            if Bool.random(using: &rng) { text += "e\(Int.random(in: -30...30, using: &rng))" }
            if Bool.random(using: &rng) { text = "-" + text }
            let scanned = scan(text)
            #expect(scanned?.value == Double(text), "\(text)")
            #expect(scanned?.end == text.utf8.count, "\(text)")
        }
    }

    @Test func halfwayCasesRoundToEven() {
        // 2^53 + 1 and 2^53 + 3 sit exactly between two doubles.
        for text in ["9007199254740993", "9007199254740995", "9007199254740993.0", "90071992547409930e-1",
                     "0.1000000000000000055511151231257827", "0.30000000000000004", "127.1234567890123456789"] {
            #expect(scan(text)?.value == Double(text), "\(text)")
        }
    }

    @Test func integersAndGrammar() {
        #expect(scan("9223372036854775807")?.isInteger == true)
        #expect(scan("9223372036854775808")?.isInteger == false)
        #expect(scan("-9223372036854775808")?.integer == .min)
        #expect(scan("1.0")?.isInteger == false)
        #expect(scan("01") == nil)
        #expect(scan("+1") == nil)
        #expect(scan(".5") == nil)
        #expect(scan("1.") == nil)
        #expect(scan("1e") == nil)
        #expect(scan("-") == nil)
        #expect(scan("+1", json: false)?.value == 1)
        #expect(scan(".5", json: false)?.value == 0.5)
        #expect(scan("5.", json: false)?.value == 5)
        #expect(scan("1e400")?.value == .infinity)
        #expect(scan("1e-400")?.value == 0)
        #expect(scan("12,")?.end == 2)
    }
}
