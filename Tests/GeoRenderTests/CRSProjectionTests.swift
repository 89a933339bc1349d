import GeoCore
import Testing
@testable import GeoRender

@Suite struct CRSProjectionTests {
    @Test func wgs84ToUnifiedCS() throws {
        // reference values from pyproj 3.7.2 (PROJ 9.5.1), always_xy
        let p = try CRSProjection(fromEPSG: 4326, toEPSG: 5179)
        #expect(p.crsIdentifier == "EPSG:5179")
        #expect(!p.isAffine)
        var xy = [126.978, 37.567, 129.076, 35.180]
        p.project(&xy)
        #expect(abs(xy[0] - 953_901.4734) < 0.01 && abs(xy[1] - 1_952_087.5535) < 0.01)
        #expect(abs(xy[2] - 1_143_503.1018) < 0.01 && abs(xy[3] - 1_688_326.9249) < 0.01)
        let g = try #require(p.geographic(x: xy[0], y: xy[1]))
        #expect(abs(g.longitude - 126.978) < 1e-8 && abs(g.latitude - 37.567) < 1e-8)
    }

    @Test func pointsOutsideTheAreaOfUseBecomeNaN() throws {
        let p = try CRSProjection(fromEPSG: 4326, toEPSG: 5179)
        var xy = [127.0, 36.0, 0.0, 0.0]
        p.project(&xy)
        #expect(xy[0].isFinite && xy[1].isFinite)
        #expect(xy[2].isNaN && xy[3].isNaN)
        let fc = FeatureCollection([Feature(geometry: .point(Point(x: 0, y: 0)))])
        #expect(throws: RenderError.self) {
            try MapRenderer.renderSVG(Map(width: 200, projection: p, layers: [Layer(id: "x", features: fc)]))
        }
    }

    @Test func unknownCRSIsAProjectionError() {
        #expect(throws: RenderError.self) { try CRSProjection(fromEPSG: 4326, toEPSG: 999_999) }
    }

    @Test func koreaMapHasGeodesicScaleAndTrueNorth() throws {
        let p = try CRSProjection(fromEPSG: 4326, toEPSG: 5179)
        let ring = [Coordinate(126, 34), Coordinate(130, 34), Coordinate(130, 38), Coordinate(126, 38), Coordinate(126, 34)]
        let map = Map(width: 600, projection: p, layers: [Layer(id: "k", features: FeatureCollection([Feature(geometry: .polygon(Polygon(exterior: ring)))]))],
                      graticuleStep: 1)
        let (svg, summary) = try MapRenderer.renderSVG(map)
        let doc = SVGStructure(svg)
        #expect(doc.error == nil)
        #expect(!summary.isEmpty)
        let texts = doc.children(of: "scale-bar").filter { $0.name == "text" }.map(\.text)
        #expect(texts.last?.hasSuffix(" km") == true)
        let arrow = try #require(doc.element(id: "north-arrow")?.attributes["transform"])
        // EPSG:5179's central meridian is 127.5 E: at 128 E north leans a little west of grid north
        #expect(arrow.contains("rotate(-"))
        #expect(doc.element(id: "graticule") != nil)
    }
}
