import GeoCore
import Testing
@testable import GeoProj

@Suite struct CRSTests {
    @Test func epsgMetadataMatchesPyproj() throws {
        for row in try ProjFixtures.load().crs {
            let crs = try ResolvedCRS(epsg: row.epsg)
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
        let unified = try ResolvedCRS("EPSG:5179")
        #expect(unified.name.hasSuffix("Unified CS"))
        #expect(unified.description == "EPSG:5179 (\(unified.name))")
        #expect(try ResolvedCRS(epsg: 4326).name == "WGS 84")
    }

    @Test func projStringsAndWKTAreAccepted() throws {
        let proj = try ResolvedCRS("+proj=tmerc +lat_0=38 +lon_0=127.5 +k=0.9996 +x_0=1000000 +y_0=2000000 +ellps=GRS80 +units=m +no_defs")
        #expect(proj.definition.hasSuffix("+type=crs"))
        #expect(!proj.isGeographic)
        #expect(proj.epsgCode == nil)
        #expect(proj.ellipsoid == .grs80 || abs((proj.ellipsoid?.inverseFlattening ?? 0) - Ellipsoid.grs80.inverseFlattening) < 1e-9)
        let wkt = """
        GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],\
        CS[ellipsoidal,2],AXIS["latitude",north,ANGLEUNIT["degree",0.0174532925199433]],\
        AXIS["longitude",east,ANGLEUNIT["degree",0.0174532925199433]]]
        """
        let fromWKT = try ResolvedCRS(wkt)
        #expect(fromWKT.isGeographic)
        #expect(fromWKT.name == "WGS 84")
    }

    @Test func unknownCRSNamesTheDefinition() throws {
        #expect {
            _ = try ResolvedCRS(epsg: 999_999)
        } throws: { error in
            guard case .unknownCRS(let definition, _) = error as? ProjError else { return false }
            return definition == "EPSG:999999"
        }
        #expect(throws: ProjError.self) { _ = try ResolvedCRS("not a crs at all") }
        #expect(throws: ProjError.self) { _ = try ResolvedCRS("+proj=pipeline +step +proj=axisswap +order=2,1") }
    }
}

@Suite struct CRSIdentificationTests {
    /// WGS 84 in WKT 2 without an ID: PROJ identifies it as EPSG:4326, so it equals `CRS.wgs84`.
    @Test func wktWithoutAuthorityIsIdentified() throws {
        let wkt = """
        GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],\
        CS[ellipsoidal,2],AXIS["latitude",north,ANGLEUNIT["degree",0.0174532925199433]],\
        AXIS["longitude",east,ANGLEUNIT["degree",0.0174532925199433]]]
        """
        let plain = CRS(wkt)
        #expect(plain.epsgCode == nil)
        #expect(plain != .wgs84)
        let identified = try plain.identified()
        #expect(identified == .wgs84)
        #expect(identified.definition == plain.definition)
    }

    /// PROJ's own WKT of EPSG:5179 carries its authority, so GeoCore alone reads the code.
    @Test func projWKTRoundTripsToTheSameCRS() throws {
        let resolved = try CRS(epsg: 5179).resolved()
        let wkt = try #require(resolved.wkt)
        #expect(CRS(wkt) == CRS(epsg: 5179))
        #expect(CRS(wkt).definition == wkt)
        #expect(resolved.crs == .korea2000Unified)
    }

    @Test func transformerTakesTheCoreValue() throws {
        let t = try Transformer(from: .wgs84, to: .korea2000Unified)
        #expect(t.source.epsgCode == 4326 && t.target.epsgCode == 5179)
        let collection = FeatureCollection([Feature(geometry: .point(Point(Coordinate(127, 37))))], crs: .wgs84)
        #expect(try t.transform(collection).crs == .korea2000Unified)
    }
}

/// The names and WKTs GeoProj carries for EPSG:4326, 5179 and 5186 (so that writing files in
/// them needs no PROJ) are the linked PROJ's own answers, and any other CRS still goes to PROJ.
@Suite struct KnownCRSDefinitionTests {
    @Test(arguments: [4326, 5179, 5186])
    func carriedDefinitionIsPROJs(code: Int) throws {
        let known = try #require(CRS.knownDefinitions[code])
        let resolved = try ResolvedCRS(epsg: code)
        #expect(known.name == resolved.name)
        #expect(known.wkt == resolved.wkt)
        let answer = try CRS(epsg: code).nameAndWKT()
        #expect(answer.name == resolved.name && answer.wkt == resolved.wkt)
        // A definition naming the code is the code, as for PROJ (which is handed `EPSG:<code>`).
        let fromWKT = try CRS(resolved.wkt ?? "").nameAndWKT()
        #expect(fromWKT.name == resolved.name && fromWKT.wkt == resolved.wkt)
    }

    @Test func otherCRSsAreResolvedByPROJ() throws {
        let answer = try CRS(epsg: 32652).nameAndWKT()
        #expect(answer.name == "WGS 84 / UTM zone 52N")
        #expect(answer.wkt == (try ResolvedCRS(epsg: 32652)).wkt)
        #expect(throws: ProjError.self) { try CRS("+proj=nonsense").nameAndWKT() }
    }
}
