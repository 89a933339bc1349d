import Foundation
import GeoCore
import Testing
@testable import GeoGEOS

/// GEOS's exceptions put into a user's words, GEOS's own text kept only as `(GEOS: ...)` at the
/// end (inputs in Fixtures/hostile_geos.tsv, written by generate_hostile_geos.py).
@Suite struct GEOSMessageTests {
    static let cases: [String: (operation: String, wkt: String)] = {
        guard let url = Bundle.module.url(forResource: "hostile_geos", withExtension: "tsv", subdirectory: "Fixtures"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var out: [String: (String, String)] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if f.count == 3 { out[f[0]] = (f[1], f[2]) }
        }
        return out
    }()

    func readError(_ name: String) throws -> GEOSError {
        let c = try #require(Self.cases[name])
        let engine = try GeometryEngine()
        do {
            _ = try engine.geometry(wkt: c.wkt)
        } catch {
            return error
        }
        Issue.record("\(name): no error")
        return GEOSError(operation: "", message: "")
    }

    @Test(arguments: ["truncated_polygon", "bad_number"])
    func parseErrors(_ name: String) throws {
        let e = try readError(name)
        #expect(e.operation == "read WKT")
        #expect(e.message.hasPrefix("the text cannot be read as a geometry"), "\(e)")
        #expect(e.message.contains("(GEOS: ParseException: "), "\(e)")
    }

    /// GEOS 3.11 accepts a closed three-point ring; older GEOS refused it with this text.
    @Test func aThreePointRingText() {
        let m = GEOSError.inWords("IllegalArgumentException: Invalid number of points in LinearRing found 3 - must be 0 or >= 4")
        #expect(m.hasPrefix("a polygon ring has 3 points; a ring needs 4 or more, the first repeated last (GEOS: IllegalArgumentException: "), "\(m)")
    }

    @Test func anUnclosedRing() throws {
        let e = try readError("unclosed_ring")
        #expect(e.message.hasPrefix("a polygon ring is not closed (its first and last points differ) (GEOS: IllegalArgumentException: "), "\(e)")
    }

    @Test func aOnePointLine() throws {
        let e = try readError("one_point_line")
        #expect(e.message.hasPrefix("a line string has a single point; it needs 2 or more (GEOS: IllegalArgumentException: "), "\(e)")
    }

    @Test func anOverlayOfInvalidInputsIsAValidResultOrAnErrorInWords() throws {
        let c = try #require(Self.cases["bow_ties"])
        let engine = try GeometryEngine()
        let parts = c.wkt.components(separatedBy: " | ")
        let a = try engine.geometry(wkt: parts[0]), b = try engine.geometry(wkt: parts[1])
        do {
            let result = try engine.intersection(a, b)
            #expect(try engine.isValid(result))
        } catch {
            #expect(error.message.contains("(GEOS: TopologyException: "), "\(error)")
            #expect(error.message.hasPrefix("an input geometry"), "\(error)")
        }
    }

    /// GEOS's TopologyException texts (GEOS 3.11 rarely raises one: its overlay falls back to
    /// snapping), translated with the place GEOS gives.
    @Test func topologyExceptionTexts() {
        let m = GEOSError.inWords("TopologyException: Input geom 0 is invalid: Self-intersection at or near point 5 5 at 5 5")
        #expect(m == "an input geometry intersects itself near 5 5; check it with validity(_:) or repair it with makeValid(_:) "
                + "(GEOS: TopologyException: Input geom 0 is invalid: Self-intersection at or near point 5 5 at 5 5)", "\(m)")
        let other = GEOSError.inWords("TopologyException: found non-noded intersection between LINESTRING (0 0, 1 1) and LINESTRING (0 1, 1 0) at 0.5 0.5")
        #expect(other.hasPrefix("an input geometry is invalid or too intricate for this operation near 0.5 0.5; "), "\(other)")
        let unknown = GEOSError.inWords("SomethingNew: detail")
        #expect(unknown == "GEOS could not complete the operation (GEOS: SomethingNew: detail)")
    }
}
