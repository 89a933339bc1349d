import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// Awkward inputs committed under Fixtures/hostile/ (written by generate_hostile_inputs.py): each
/// gives the right value or an error whose wording fits what is wrong.
@Suite struct HostileInputTests {
    @Test func deeplyNestedPropertiesAreNotCalledGeometries() throws {
        do {
            _ = try GeoJSON.decodeFeature(try Fixture.bytes("hostile/nested_properties.geojson"))
            Issue.record("no error")
        } catch let error as GeoIOError {
            #expect(error.caseName == "valuesNestedTooDeep")
            #expect(error.description.contains("arrays or objects nested deeper than 256 levels"), "\(error)")
            #expect(!error.description.contains("geometr"), "\(error)")
            #expect(error.description.contains("$.properties.deep"), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func aPropertyBeyondTheRangeOfADoubleIsOutOfRangeNotInvalid() throws {
        do {
            _ = try GeoJSON.decodeFeature(try Fixture.bytes("hostile/huge_property_number.geojson"))
            Issue.record("no error")
        } catch let error as GeoIOError {
            #expect(error.caseName == "numberOutOfRange")
            #expect(error.description.contains("number out of range: 1e400"), "\(error)")
            #expect(error.description.contains("$.properties.x (byte 52)"), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// Like GDAL: integers are kept exactly while they fit Int64 (beyond 2^53 too); a larger one
    /// becomes the nearest double rather than an error.
    @Test func bigIntegerPropertiesAreKeptLikeGDAL() throws {
        let f = try GeoJSON.decodeFeature(try Fixture.bytes("hostile/big_integer_properties.geojson"))
        #expect(f.properties["above53"] == .int(9_007_199_254_740_993))
        #expect(f.properties["int64max"] == .int(Int64.max))
        #expect(f.properties["beyond64"] == .double(123456789012345678901234567890.0))
    }

    @Test func aWKBStreamWithTwoSRIDsIsAnError() throws {
        let path = Fixture.url("hostile/mixed_srids.wkb").path
        #expect(throws: GeoDataError.mixedSRIDs(path: path, srids: [4326, 5179])) {
            try GeoDataSource(path: path).readLayer()
        }
    }

    @Test func sridZeroMeansNoCRS() throws {
        let layer = try GeoDataSource(path: Fixture.url("hostile/srid_zero.wkb").path).readLayer()
        #expect(layer.crs == nil)
        #expect(layer.features.map(\.geometry) == [.point(Point(Coordinate(127, 37))), nil])
    }
}

/// A coordinate beyond the range of a 64-bit float is "number out of range" at its place, as a
/// property is, never "NaN or infinite" (the input has no NaN or infinity in it).
@Suite struct HugeCoordinateTests {
    @Test func aGeoJSONCoordinateOf1e400IsOutOfRangeInItsFeature() throws {
        let bytes = try Fixture.bytes("hostile/huge_coordinate.geojson")
        let at = try #require((0..<bytes.count).first { bytes[$0...].starts(with: Array("1e400".utf8)) })
        do {
            _ = try GeoJSON.decode(bytes)
            Issue.record("no error")
        } catch {
            #expect(error.caseName == "numberOutOfRange")
            #expect(error.description.contains("number out of range: 1e400"), "\(error)")
            #expect(error.description.contains("$.features[1].geometry.coordinates[0] (byte \(at))"), "\(error)")
            #expect(!error.description.contains("NaN"), "\(error)")
        }
    }

    @Test func aWKTCoordinateOf1e400IsOutOfRangeAtItsLine() throws {
        let text = try Fixture.text("hostile/huge_coordinate.wkt")
        do {
            _ = try WKT.decode(text)
            Issue.record("no error")
        } catch {
            #expect(error.caseName == "numberOutOfRange")
            #expect(error.description.contains("number out of range: 1e400"), "\(error)")
            // "LINESTRING (0 0,\n" is 17 bytes; the number follows one space on line 2.
            #expect(error.location == .text(offset: 18, line: 2, column: 2), "\(error)")
        }
    }
}
