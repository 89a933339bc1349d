import GeoIO
import Testing

/// Every file of Fixtures/malformed/ must fail with exactly the error case and location that
/// malformed.tsv gives (see generate_malformed.py).
@Suite("Malformed corpus")
struct MalformedCorpusTests {
    static let cases: [[String]] = (try? Fixture.tsv("malformed/malformed.tsv")) ?? []

    @Test func corpusIsPresent() {
        #expect(Self.cases.count >= 45)
    }

    @Test("each malformed input gives its expected error", arguments: cases)
    func expectedError(row: [String]) throws {
        let (file, codec, expectedCase, expectedLocation) = (row[0], row[1], row[2], row[3])
        let bytes = try Fixture.bytes("malformed/" + file)
        do {
            switch codec {
            case "wkb": _ = try WKB.decode(bytes)
            case "wkbstream": _ = try WKBStream.read(bytes)
            case "wkt": _ = try WKT.decode(String(decoding: bytes, as: UTF8.self))
            default: _ = try GeoJSON.decode(bytes)
            }
            Issue.record("\(file) decoded without error")
        } catch {
            #expect(error.caseName == expectedCase, "\(file): \(error)")
            #expect(error.location.description == expectedLocation, "\(file): \(error)")
        }
    }
}
