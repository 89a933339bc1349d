import SmartCity
import Testing

@Suite struct KoreaAtlasNamesTests {
    @Test func cityGivesItsDistricts() throws {
        let suwon = try atlas.municipalities(named: "수원시").map(\.code)
        #expect(suwon == ["41111", "41113", "41115", "41117"])
        #expect(try atlas.municipalities(named: "Suwon-si").map(\.code) == suwon)
        #expect(try atlas.municipalities(named: "suwon si").map(\.code) == suwon)
        #expect(try atlas.municipalities(named: "천안시").map(\.code) == ["44131", "44133"])
        #expect(try atlas.municipalities(named: "Changwon-si").count == 5)
    }

    @Test func fullAndBareDistrictNames() throws {
        #expect(try atlas.municipalities(named: "수원시 장안구").map(\.code) == ["41111"])
        #expect(try atlas.municipalities(named: "경기도 수원시 장안구").map(\.code) == ["41111"])
        #expect(try atlas.municipalities(named: "Suwon-si Jangan-gu").map(\.code) == ["41111"])
        #expect(try atlas.municipalities(named: "장안구").map(\.code) == ["41111"])
        #expect(try atlas.municipalities(named: "세종시").map(\.code) == ["36110"])
        let gangseo = try atlas.municipalities(named: "Gangseo-gu").map(\.code)
        #expect(gangseo == ["11500", "26440"])
        #expect(try atlas.municipalities(named: "중구").count == 6)
        #expect(try atlas.municipalities(named: "Atlantis").isEmpty)
        #expect(try atlas.municipalities(named: "  ").isEmpty)
    }

    @Test func provincesByName() throws {
        #expect(try atlas.province(named: "경기도")?.code == "41")
        #expect(try atlas.province(named: "Seoul")?.code == "11")
        #expect(try atlas.province(named: "sejong")?.code == "36")
        #expect(try atlas.province(named: "Mars") == nil)
    }
}
