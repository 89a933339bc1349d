import GeoCore
import GeoRender
import SmartCity
import Testing

@Suite struct CoverageMapTests {
    @Test func categories() {
        #expect(CoverageMap.category(nil) == .notSelected)
        #expect(CoverageMap.category(CoverageJoin(year: 2017, modelled: false)) == .year(2017))
        #expect(CoverageMap.category(CoverageJoin(year: 2019, modelled: true)) == .modelled(2019))
        #expect(CoverageMap.category(CoverageJoin(year: 2019, modelled: false, sidoWide: true)) == .sidoWide)
        #expect(CoverageCategory.notSelected.label == "not selected")
        #expect(CoverageCategory.year(2017).label == "2017")
        #expect(CoverageCategory.modelled(2019).label == "2019 · modelled")
        #expect(CoverageCategory.sidoWide.label == "sido-wide platform only")
        #expect(CoverageCategory.modelled(2019).year == 2019 && CoverageCategory.sidoWide.year == nil)
    }

    @Test func legendOrderAndColours() throws {
        let joins: [CoverageJoin?] = [nil, CoverageJoin(year: 2019, modelled: true), CoverageJoin(year: 2017, modelled: false),
                                      CoverageJoin(year: 2018, modelled: false, sidoWide: true), CoverageJoin(year: 2019, modelled: false)]
        let legend = try CoverageMap.legend(joins)
        #expect(legend.map(\.category) == [.year(2017), .year(2019), .modelled(2019), .sidoWide, .notSelected])
        #expect(Set(legend.map(\.color)).count == legend.count)
        // The modelled tone is the year's colour mixed with white.
        #expect(legend[2].color == legend[1].color.mixed(with: .white, 0.65))
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

    /// The national map before rendering: layers, insets, and the pilot footprints in EPSG:5179
    /// inside their sigungu and their insets.
    @Test func nationalMap() throws {
        let map = try CoverageMap.national(atlas: atlas, rollout: rollout, scenario: .recorded, method: .withSidoPlatforms, year: 2019)
        #expect(map.layers.map(\.id) == ["coverage", "sido", "pilot-site"])
        #expect(map.insets.map(\.id) == ["sejong", "busan-edc"])
        #expect(map.title.hasSuffix("2015–2019"))
        #expect(map.subtitle.hasPrefix("recorded, with-sido-platforms: 49 selections"))
        let coverage = map.layers[0]
        #expect(coverage.features.features.count == 251)
        let site = map.layers[2]
        #expect(site.inMapCoordinates)
        #expect(site.features.features.map { $0.properties["code"]?.stringValue } == ["sejong-5-1", "busan-edc"])
        let projection = try CRSProjection(fromEPSG: 4326, toEPSG: 5179)
        for (feature, inset) in zip(site.features.features, map.insets) {
            let code = try #require(feature.properties["code"]?.stringValue)
            let id = try #require(PilotCityID(rawValue: code))
            let footprint = try #require(feature.geometry).boundingBox
            // Metres, not degrees.
            #expect(footprint.minX > 900_000 && footprint.minY > 1_600_000)
            let sigungu = try #require(coverage.features.features.first { $0.properties["code"]?.stringValue == id.sigunguCode })
            let home = try #require(Inset.extent(of: FeatureCollection([sigungu]), projection: projection, where: { _ in true }))
            #expect(home.contains(footprint), "\(code) footprint \(footprint) outside sigungu \(id.sigunguCode) \(home)")
            #expect(inset.extent.contains(footprint))
            #expect(inset.layerIDs == ["coverage", "pilot-site"])
        }
    }

    /// Each sigungu's category on the library map against the record read here from rollout.csv:
    /// every adopter up to the year in its year's (recorded or modelled) category, the rest
    /// sido-wide or not selected.
    @Test(arguments: [2017, 2019, 2022])
    func nationalMapCategoriesFollowTheRecord(year: Int) throws {
        let map = try CoverageMap.national(atlas: atlas, rollout: rollout, scenario: .recorded, method: .withSidoPlatforms, year: year)
        let coverage = map.layers[0]
        guard case .choropleth(let theme) = coverage.thematic, case .categories(let drawn) = theme.values,
              case .categorical(let order) = theme.classes else {
            Issue.record("the coverage layer is not categorical")
            return
        }
        let text = try String(contentsOf: atlas.geodata.appendingPathComponent("rollout.csv"), encoding: .utf8)
        var unitCategory: [String: CoverageCategory] = [:], sidoWide: Set<String> = []
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let y = Int(f[0]), y <= year else { continue }
            if f[5] == "sido" { sidoWide.insert(f[4]) } else if unitCategory[f[4]] == nil {
                unitCategory[f[4]] = f[6] == "modelled" ? .modelled(y) : .year(y)
            }
        }
        var unitOf: [String: String] = [:]
        for u in rollout.units { for m in u.memberCodes { unitOf[m] = u.code } }
        var seen: Set<String> = []
        for (feature, label) in zip(coverage.features.features, drawn) {
            let code = try #require(feature.properties["code"]?.stringValue)
            let unit = try #require(unitOf[code])
            let expected = unitCategory[unit] ?? (sidoWide.contains(String(code.prefix(2))) ? .sidoWide : .notSelected)
            #expect(label == expected.label, "\(code): \(label ?? "nil"), the record says \(expected.label)")
            if unitCategory[unit] != nil { seen.insert(unit) }
        }
        #expect(seen == Set(unitCategory.keys))
        #expect(order.first == CoverageCategory.year(2015).label)
        #expect(order.contains(CoverageCategory.year(min(year, 2020)).label))
        #expect(!order.contains(CoverageCategory.year(year + 1).label))
    }
}
