import GeoCore
import GeoRender
import SmartCity
import Testing

@Suite struct CoverageMapTests {
    @Test func categories() {
        #expect(CoverageMap.category(nil) == "not selected")
        #expect(CoverageMap.category(CoverageJoin(year: 2017, modelled: false)) == "2017")
        #expect(CoverageMap.category(CoverageJoin(year: 2019, modelled: true)) == "2019 · modelled")
        #expect(CoverageMap.category(CoverageJoin(year: 2019, modelled: false, sidoWide: true)) == "sido-wide platform only")
    }

    @Test func joinsOfTheRecord() throws {
        let s = try rollout.selections(.recorded)
        // 광양시 (2015, named by an undated report: modelled), 해운대구 (modelled 2019), 강릉시 (강원도 sido-wide 2019), 수원시 영통구 (수원시, 2017), 대구 중구 (none).
        let codes: [String?] = ["46230", "26350", "42150", "41117", "27110", nil]
        let j = rollout.joins(sigunguCodes: codes, selections: s, year: 2020, method: .withSidoPlatforms)
        #expect(j[0] == CoverageJoin(year: 2015, modelled: true))
        #expect(j[1] == CoverageJoin(year: 2019, modelled: true))
        #expect(j[2] == CoverageJoin(year: 2019, modelled: false, sidoWide: true))
        #expect(j[3] == CoverageJoin(year: 2017, modelled: false))
        #expect(j[4] == nil && j[5] == nil)
        let municipal = rollout.joins(sigunguCodes: codes, selections: s, year: 2020, method: .municipalOnly)
        #expect(municipal[2] == nil)
        let early = rollout.joins(sigunguCodes: codes, selections: s, year: 2016, method: .withSidoPlatforms)
        #expect(early[0] != nil && early[1] == nil && early[3] == nil)
    }

    @Test func rendersLegendEntries() throws {
        let square = { (x: Double) in Geometry.polygon(Polygon(exterior: [Coordinate(x, 0), Coordinate(x + 1, 0), Coordinate(x + 1, 1), Coordinate(x, 1), Coordinate(x, 0)])) }
        let areas = FeatureCollection((0..<3).map { Feature(geometry: square(Double($0)), properties: ["code": .string("\($0)")]) })
        let map = try CoverageMap.map(areas: areas, joins: [CoverageJoin(year: 2015, modelled: false), CoverageJoin(year: 2015, modelled: true), nil],
                                      options: CoverageMapOptions(title: "t"))
        let svg = try MapRenderer.renderSVG(map).svg
        #expect(svg.contains("2015 · modelled") && svg.contains("not selected"))
    }
}
