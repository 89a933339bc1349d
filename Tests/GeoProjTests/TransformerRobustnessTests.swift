import GeoCore
import Testing
@testable import GeoProj

/// CRS kinds a 2D transform cannot use are refused by name; PROJ's error numbers are put into
/// words; areas of use can be asked about without being enforced.
@Suite struct TransformerRobustnessTests {
    @Test func aGeocentricTargetIsRefusedAsGeocentricNotAsAnAreaProblem() {
        do {
            _ = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 4978))
            Issue.record("EPSG:4978 accepted")
        } catch {
            guard case .unsupportedCRSKind(let definition, let reason) = error else { Issue.record("\(error)"); return }
            #expect(definition.contains("4978"))
            #expect(reason.contains("geocentric"))
            #expect(!error.description.contains("area of use"))
        }
    }

    @Test func aVerticalSourceIsRefused() {
        #expect(throws: ProjError.self) { try Transformer(from: CRS(epsg: 5703), to: CRS(epsg: 4326)) }
        do {
            _ = try Transformer(from: CRS(epsg: 5703), to: CRS(epsg: 4326))
        } catch {
            #expect(error.description.contains("vertical CRS"), "\(error)")
        }
    }

    @Test func projErrorNumbersGetWords() {
        #expect(ProjErrorText.text(code: 4096, projText: "Unknown error (code 4096)").contains("unspecified reason"))
        #expect(ProjErrorText.text(code: 2050, projText: nil) == "the point is outside the domain where the projection is defined")
        #expect(ProjErrorText.text(code: 2049, projText: "Invalid coordinate") == "Invalid coordinate")
        #expect(ProjErrorText.text(code: 9999, projText: nil) == "PROJ error 9999")
    }

    /// The oracle is cs2cs (Fixtures/outside_area_5186.tsv): 129.1°E lies outside EPSG:5186's
    /// area and is transformed all the same when areas are not enforced.
    @Test func areasOfUseCanBeAskedAboutWithoutBeingEnforced() throws {
        let lenient = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5186), checksAreaOfUse: false)
        let outside = Coordinate(129.1, 35.2)
        let p = try lenient.transform(outside)
        #expect(abs(p.x - 391252.02009179455) < 1e-6 && abs(p.y - 291304.22109536902) < 1e-6)
        #expect(!lenient.isWithinAreasOfUse(input: outside, output: p))
        let inside = Coordinate(127, 37)
        #expect(lenient.isWithinAreasOfUse(input: inside, output: try lenient.transform(inside)))
        let strict = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5186))
        #expect(throws: ProjError.self) { try strict.transform(outside) }
    }
}
