import Foundation
import SmartCity
import Testing

@Suite struct GeodataLocationTests {
    @Test func findsTheRepositoryGeodata() throws {
        let url = try GeodataLocation.resolve(environment: [:])
        #expect(FileManager.default.fileExists(atPath: url.appendingPathComponent("korea.gpkg").path))
        #expect(url.lastPathComponent == "Geodata")
    }

    @Test func explicitAndEnvironmentWin() throws {
        let found = try GeodataLocation.resolve(environment: [:])
        let file = found.appendingPathComponent("korea.gpkg").path
        #expect(try GeodataLocation.resolve(explicit: file).path == found.path)
        #expect(try GeodataLocation.resolve(environment: ["GEOTWIN_GEODATA": found.path]).path == found.path)
        #expect(throws: KoreaAtlasError.self) { try GeodataLocation.resolve(explicit: "/nonexistent") }
        #expect(throws: KoreaAtlasError.self) { try GeodataLocation.resolve(environment: ["GEOTWIN_GEODATA": "/nonexistent"]) }
    }
}
