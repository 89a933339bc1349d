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
            // Followed by more of a document, as inside an array of coordinates: the digits are
            // read eight at a time up to the first byte that is not one.
            let followed = scan(text + ",12345678]")
            #expect(followed?.value == Double(text), "\(text),")
            #expect(followed?.end == text.utf8.count, "\(text),")
        }
    }

    @Test func zerosAndLongRunsOfDigits() {
        for text in ["0.0000000012345678912", "0.000000000000000000001", "0.00000000", "100000000000000000000000.5",
                     "12345678.87654321", "123456789012345678901234567890", "0.123456789012345678901234567890",
                     "00000000012.5", "126.96143461484418", "37.58658227833236", "-0.00000000000000000000000000001e5"] {
            // What follows the text, and how much of it belongs to the number.
            for (tail, part) in [("", ""), ("]", ""), (",1", ""), (",12345678,12345678]", ""), ("e0,", "e0"), ("123", "123")]
            where !(text.contains("e") && part.contains("e")) {
                let json = !text.hasPrefix("0000")
                let whole = text + part
                let scanned = scan(text + tail, json: json)
                #expect(scanned?.value == Double(whole), "\(text + tail)")
                #expect(scanned?.end == whole.utf8.count, "\(text + tail)")
            }
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
