import Foundation
import GeoBenchSupport
import GeoTwin
import Testing

/// Every public error type reads the same through `LocalizedError` (what Foundation and UI code
/// show) as through `description` (what the geotwin tool prints).
@Suite struct LocalizedErrorTests {
    static let samples: [any Error] = [
        GeoIOError.unexpectedEnd(expected: "ring count", at: .byteOffset(9)),
        GeoIOError.nonFiniteCoordinate(at: .json(path: "$.features[3].geometry.coordinates[0]", offset: 120)),
        GeoPackageError.missingTable(path: "korea.gpkg", table: "gu"),
        GeoPackageBinary.DecodeError.header("bad magic"),
        GeoDataError.unknownFormat(path: "a.xyz"),
        GeoIndexError.invalidNodeSize(1),
        GeoIndexError.corrupt(field: "level bounds", offset: 24),
        PolygonLocatorError.invalidGridSide(-1),
        GEOSError(operation: "buffer", message: "distance nan is not a finite number"),
        ProjError.unknownCRS(definition: "EPSG:99999", message: "crs not found"),
        ProjError.outsideAreaOfUse(crs: "EPSG:5179", point: Coordinate(x: 0, y: 0), index: 2),
        RasterError.invalidDimensions(width: 0, height: 3),
        RenderError.invalidOption("decimals must be 0...6, got 9"),
        KoreaAtlasError.geodataNotFound(searched: ["/srv/Geodata"]),
        PilotCityError.unknownCity("ulsan"),
        PlatformRolloutError.malformedRecord(line: 12, reason: "year is not a number"),
        CodeCrosswalkError.malformed(line: 3, reason: "4 fields, expected 5"),
        WorkflowError("in.geojson: no features"),
        BenchPeerError("GEOS could not create an STRtree"),
    ]

    @Test(arguments: samples.indices)
    func errorDescriptionIsTheDescription(_ index: Int) throws {
        let error = Self.samples[index]
        let localized = try #require(error as? any LocalizedError)
        #expect(localized.errorDescription == "\(error)")
        #expect(error.localizedDescription == "\(error)")
    }

    @Test func everySampleIsSendable() {
        func sendable(_ value: some Sendable) -> Bool { true }
        #expect(sendable(GeoIOError.nonFiniteCoordinate(at: .byteOffset(0))))
        #expect(sendable(GEOSError(operation: "x", message: "y")))
        #expect(sendable(CSVMemorySource([])))
        #expect(sendable(PlanarIntersects()))
    }
}
