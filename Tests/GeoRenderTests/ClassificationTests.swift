import Foundation
import Testing
@testable import GeoRender

struct ClassificationFixture: Decodable {
    var data: String
    var values: [Double]
    var scheme: String
    var k: Int
    var bins: [Double]
    var counts: [Int]
}

@Suite struct ClassificationTests {
    static func cases() throws -> [ClassificationFixture] {
        try JSONDecoder().decode([ClassificationFixture].self, from: TestLayers.fixture("classify.json"))
    }

    @Test func matchesMapclassify() throws {
        let cases = try Self.cases()
        #expect(cases.count == 18)
        for c in cases {
            let scheme: ClassificationScheme = switch c.scheme {
            case "quantiles": .quantiles(c.k)
            case "equalInterval": .equalInterval(c.k)
            default: .fisherJenks(c.k)
            }
            let result = try Classification(values: c.values.map { $0 }, scheme: scheme)
            #expect(result.breaks.count == c.bins.count, "\(c.data) \(c.scheme) \(c.k)")
            for (a, b) in zip(result.breaks, c.bins) {
                #expect(abs(a - b) <= 1e-9 * Swift.max(1, abs(b)), "\(c.data) \(c.scheme) \(c.k): \(result.breaks) vs \(c.bins)")
            }
            #expect(result.counts == c.counts, "\(c.data) \(c.scheme) \(c.k)")
        }
    }

    @Test func rightClosedIntervals() throws {
        let c = try Classification(values: [1, 2, 3, 4, 5, 6], scheme: .userBreaks([2, 4]))
        #expect(c.breaks == [2, 4, 6])
        #expect(c.classOf == [0, 0, 1, 1, 2, 2])
        #expect(c.counts == [2, 2, 2])
    }

    @Test func noDataIsCountedApart() throws {
        let c = try Classification(values: [1, nil, .nan, 3, .infinity, 2], scheme: .equalInterval(2))
        #expect(c.noDataCount == 3)
        #expect(c.counts.reduce(0, +) == 3)
        #expect(c.classOf[1] == nil && c.classOf[2] == nil && c.classOf[4] == nil)
    }

    @Test func allNoDataGivesNoClasses() throws {
        let c = try Classification(values: [nil, .nan], scheme: .fisherJenks(5))
        #expect(c.classCount == 0)
        #expect(c.noDataCount == 2)
    }

    @Test func constantValuesGiveOneClass() throws {
        let q = try Classification(values: [7, 7, 7], scheme: .quantiles(4))
        #expect(q.breaks == [7])
        let e = try Classification(values: [7, 7, 7], scheme: .equalInterval(4))
        #expect(e.breaks == [7])
        #expect(e.counts == [3])
    }

    @Test func badSchemesThrow() {
        #expect(throws: RenderError.self) { try Classification(values: [1, 2], scheme: .fisherJenks(3)) }
        #expect(throws: RenderError.self) { try Classification(values: [1, 2], scheme: .quantiles(0)) }
        #expect(throws: RenderError.self) { try Classification(values: [1, 2], scheme: .userBreaks([3, 2])) }
        #expect(throws: RenderError.self) { try Classification(values: [1, 2], scheme: .userBreaks([.nan])) }
    }

    @Test func fisherJenksIsStableOnLargeValues() throws {
        // three tight clusters around 1e9: naive Σx² - (Σx)²/n loses every digit here
        let base = 1e9
        let offsets: [Double] = [0, 1, 2, 100, 101, 102, 500, 501]
        let values: [Double?] = offsets.map { base + $0 }
        let c = try Classification(values: values, scheme: .fisherJenks(3))
        let expected: [Double] = [base + 2, base + 102, base + 501]
        #expect(c.breaks == expected)
    }

    @Test func categoriesKeepOrderAndCount() {
        let c = Categories(values: ["b", "a", nil, "c", "a", ""], order: ["c"])
        #expect(c.names == ["c", "a", "b"])
        #expect(c.counts == [1, 2, 1])
        #expect(c.noDataCount == 2)
    }
}

@Suite struct ClassificationLimitTests {
    @Test func hugeRequestsAreRefused() {
        #expect(throws: RenderError.self) { try Classification(values: [1, 2, 3], scheme: .quantiles(1_000_000_000)) }
        let many: [Double?] = (0..<5000).map { Double($0) }
        #expect(throws: RenderError.self) { try Classification(values: many, scheme: .fisherJenks(5)) }
        #expect(throws: RenderError.self) { try Palette.viridis.colors(count: 100_000) }
    }
}
