import Foundation
import SmartCity
import Testing

@Suite struct GeodataLocationTests {
    @Test func explicitFolderOrFile() throws {
        let url = try GeodataLocation.resolve(explicit: repositoryGeodata.path, environment: [:])
        #expect(FileManager.default.fileExists(atPath: url.appendingPathComponent("korea.gpkg").path))
        #expect(url.lastPathComponent == "Geodata")
    }

    @Test func explicitAndEnvironmentWin() throws {
        let found = try GeodataLocation.resolve(explicit: repositoryGeodata.path, environment: [:])
        let file = found.appendingPathComponent("korea.gpkg").path
        #expect(try GeodataLocation.resolve(explicit: file).path == found.path)
        #expect(try GeodataLocation.resolve(environment: ["GEOTWIN_GEODATA": found.path]).path == found.path)
        #expect(throws: KoreaAtlasError.self) { try GeodataLocation.resolve(explicit: "/nonexistent") }
        #expect(throws: KoreaAtlasError.self) { try GeodataLocation.resolve(environment: ["GEOTWIN_GEODATA": "/nonexistent"]) }
    }

    @Test func aMissingEnvironmentFolderIsReportedNotSearchedPast() {
        do {
            _ = try GeodataLocation.resolve(environment: ["GEOTWIN_GEODATA": "/nonexistent/Geodata"])
            Issue.record("a missing GEOTWIN_GEODATA folder must not fall back to a search")
        } catch {
            #expect(error == .geodataNotFound(searched: ["/nonexistent/Geodata"]))
        }
    }
}
