import Testing
@testable import GeoCore

@Suite struct CRSValueTests {
    @Test(arguments: ["EPSG:4326", "epsg:4326", " EPSG:4326\n", "urn:ogc:def:crs:EPSG::4326",
                      "http://www.opengis.net/def/crs/EPSG/0/4326"])
    func authorityReferencesAreBareCodes(_ text: String) {
        let crs = CRS(text)
        #expect(crs == .wgs84)
        #expect(crs.definition == nil)
        #expect(crs.hashValue == CRS.wgs84.hashValue)
    }

    @Test func wkt1TopLevelAuthorityIsTheCode() {
        // The nested AUTHORITY of the datum and the base GEOGCS must not be taken for the CRS's.
        let wkt = """
        PROJCS["Korea 2000 / Unified CS",GEOGCS["Korea 2000",DATUM["Geocentric_datum_of_Korea",SPHEROID["GRS 1980",6378137,298.257222101,\
        AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6737"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],\
        AUTHORITY["EPSG","4737"]],PROJECTION["Transverse_Mercator"],UNIT["metre",1],AUTHORITY["EPSG","5179"]]
        """
        let crs = CRS(wkt)
        #expect(crs.epsgCode == 5179)
        #expect(crs == CRS(epsg: 5179))
        #expect(crs != .wgs84)
        #expect(crs.definition == wkt)
    }

    @Test func wkt2TopLevelIDIsTheCode() {
        let wkt = #"GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563,ID["EPSG",7030]]],CS[ellipsoidal,2],ID["EPSG",4326]]"#
        #expect(CRS(wkt) == .wgs84)
        let nestedOnly = #"GEOGCRS["x",DATUM["d",ELLIPSOID["WGS 84",6378137,298.257223563,ID["EPSG",7030]]],CS[ellipsoidal,2]]"#
        #expect(CRS(nestedOnly).epsgCode == nil)
        // A keyword that merely ends in "ID" is not an identifier.
        #expect(CRS(#"GEOGCRS["x",GRID["EPSG",4326],CS[ellipsoidal,2]]"#).epsgCode == nil)
    }

    @Test func projJSONTopLevelID() {
        let json = #"{"type": "GeographicCRS", "name": "WGS 84", "datum": {"name": "x", "id": {"authority": "EPSG", "code": 6326}}, "id": {"authority": "EPSG", "code": 4326}}"#
        #expect(CRS(json) == .wgs84)
        let noID = #"{"type": "GeographicCRS", "name": "WGS 84", "datum": {"name": "x", "id": {"authority": "EPSG", "code": 6326}}}"#
        #expect(CRS(noID).epsgCode == nil)
    }

    @Test func definitionsWithoutCodesCompareByText() {
        let a = CRS("+proj=tmerc +lat_0=38 +lon_0=127.5\n+k=0.9996")
        let b = CRS("+proj=tmerc  +lat_0=38 +lon_0=127.5 +k=0.9996")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != CRS("+proj=tmerc +lat_0=38 +lon_0=129 +k=0.9996"))
        #expect(a != CRS(epsg: 5179))
        #expect(a.projDefinition == "+proj=tmerc +lat_0=38 +lon_0=127.5\n+k=0.9996")
    }

    @Test func malformedCodesStayDefinitions() {
        #expect(CRS("EPSG:").epsgCode == nil)
        #expect(CRS("EPSG:12a").epsgCode == nil)
        #expect(CRS("EPSG:0").epsgCode == nil)
        #expect(CRS("EPSG:-5").epsgCode == nil)
        #expect(CRS(#"GEOGCS["x",AUTHORITY["EPSG","nope"]]"#).epsgCode == nil)
    }

    @Test func collectionsCarryTheirCRS() {
        let c = FeatureCollection([], crs: .korea2000Unified)
        #expect(c.crs?.epsgCode == 5179)
        #expect(FeatureCollection().crs == nil)
    }
}
