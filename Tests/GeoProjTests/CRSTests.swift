import GeoCore
import Testing
@testable import GeoProj

@Suite struct CRSTests {
    @Test func epsgMetadataMatchesPyproj() throws {
        for row in try ProjFixtures.load().crs {
            let crs = try CRS(epsg: row.epsg)
            #expect(crs.epsgCode == row.epsg)
            #expect(crs.isGeographic == row.isGeographic, "EPSG:\(row.epsg)")
            let area = try #require(crs.areaOfUse)
            // EPSG revises areas slightly between database releases: compare to 0.5 degree.
            #expect(abs(area.west - row.areaOfUse[0]) < 0.5 && abs(area.south - row.areaOfUse[1]) < 0.5
                    && abs(area.east - row.areaOfUse[2]) < 0.5 && abs(area.north - row.areaOfUse[3]) < 0.5, "EPSG:\(row.epsg) \(area)")
            let ellipsoid = try #require(crs.ellipsoid)
            #expect(ellipsoid.semiMajorAxis == row.semiMajorAxis)
            #expect(abs(ellipsoid.inverseFlattening - row.inverseFlattening) < 1e-9)
        }
    }

    @Test func namesAndDescriptions() throws {
        let unified = try CRS("EPSG:5179")
        #expect(unified.name.hasSuffix("Unified CS"))
        #expect(unified.description == "EPSG:5179 (\(unified.name))")
        #expect(try CRS(epsg: 4326).name == "WGS 84")
    }

    @Test func projStringsAndWKTAreAccepted() throws {
        let proj = try CRS("+proj=tmerc +lat_0=38 +lon_0=127.5 +k=0.9996 +x_0=1000000 +y_0=2000000 +ellps=GRS80 +units=m +no_defs")
        #expect(proj.definition.hasSuffix("+type=crs"))
        #expect(!proj.isGeographic)
        #expect(proj.epsgCode == nil)
        #expect(proj.ellipsoid == .grs80 || abs((proj.ellipsoid?.inverseFlattening ?? 0) - Ellipsoid.grs80.inverseFlattening) < 1e-9)
        let wkt = """
        GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],\
        CS[ellipsoidal,2],AXIS["latitude",north,ANGLEUNIT["degree",0.0174532925199433]],\
        AXIS["longitude",east,ANGLEUNIT["degree",0.0174532925199433]]]
        """
        let fromWKT = try CRS(wkt)
        #expect(fromWKT.isGeographic)
        #expect(fromWKT.name == "WGS 84")
    }

    @Test func unknownCRSNamesTheDefinition() throws {
        #expect {
            _ = try CRS(epsg: 999_999)
        } throws: { error in
            guard case .unknownCRS(let definition, _) = error as? ProjError else { return false }
            return definition == "EPSG:999999"
        }
        #expect(throws: ProjError.self) { _ = try CRS("not a crs at all") }
        #expect(throws: ProjError.self) { _ = try CRS("+proj=pipeline +step +proj=axisswap +order=2,1") }
    }
}
