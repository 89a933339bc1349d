import Foundation
@testable import SmartCity
import Testing

/// The repository's Geodata folder, named explicitly: the tests do not depend on the working
/// directory the runner starts them in.
let repositoryGeodata = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Geodata")

/// One atlas for the whole suite: the layers load once.
let atlas = KoreaAtlas(geodata: repositoryGeodata)

@Suite struct KoreaAtlasTests {
    @Test func provincesAndMunicipalities() throws {
        let provinces = try atlas.provinces()
        #expect(provinces.count == 17)
        #expect(provinces.reduce(0) { $0 + $1.population } == 49_941_605)
        #expect(provinces.reduce(0) { $0 + $1.households } == 20_926_710)
        let all = try atlas.municipalities()
        #expect(all.count == 253)
        #expect(all.map(\.code) == all.map(\.code).sorted())
        #expect(all.filter(\.isParentCity).map(\.code) == ["44130", "48120"])
        #expect(all.compactMap(\.population).reduce(0, +) == 48_317_675)
        #expect(all.allSatisfy { $0.areaKm2 > 0 })
        let sejong = try #require(try atlas.municipality(code: "36110"))
        #expect(sejong.population == 346_104)
        #expect(abs(sejong.areaKm2 - 465.18) < 0.01)
        #expect(try atlas.province(code: "26")?.nameKorean == "부산광역시")
        #expect(try atlas.municipality(code: "99999") == nil)
    }

    @Test func knownPlaces() throws {
        // 정부세종청사 (Government Complex Sejong).
        let sejong = try #require(try atlas.locate(latitude: 36.504, longitude: 127.265))
        #expect(sejong.code == "36110" && sejong.name == "세종특별자치시 세종시")
        let sejongEmd = try #require(try atlas.locate(latitude: 36.504, longitude: 127.265, level: .emd))
        #expect(sejongEmd.level == .emd && sejongEmd.emdName == "어진동" && sejongEmd.code.hasPrefix("36110"))
        // 부산 강서구 명지동.
        let myeongji = try #require(try atlas.locate(latitude: 35.09, longitude: 128.905, level: .emd))
        #expect(myeongji.sigunguCode == "26440" && myeongji.emdName == "명지동")
        // 제주 성산일출봉.
        #expect(try atlas.locate(latitude: 33.458, longitude: 126.942)?.code == "50130")
        #expect(try atlas.locate(latitude: 33.458, longitude: 126.942, level: .sido)?.name == "제주특별자치도")
        // Seoul City Hall: emd answers nationwide.
        let seoul = try #require(try atlas.locate(latitude: 37.5665, longitude: 126.978, level: .emd))
        #expect(seoul.code == "11140103" && seoul.name == "서울특별시 중구 태평로1가")
        // Dokdo (Ulleung-gun).
        let dokdo = try #require(try atlas.locate(latitude: 37.241, longitude: 131.865))
        #expect(dokdo.code == "47940" && dokdo.name == "경상북도 울릉군")
        // 천안시 and 창원시: the district wins over the parent-city polygon.
        #expect(try atlas.locate(latitude: 36.815, longitude: 127.114)?.code == "44133")
        #expect(try atlas.locate(latitude: 36.78, longitude: 127.2)?.code == "44131")
        #expect(try atlas.locate(latitude: 35.228, longitude: 128.681)?.code == "48121")
        // Open sea and abroad.
        #expect(try atlas.locate(latitude: 35.0, longitude: 130.5) == nil)
        #expect(try atlas.locate(latitude: 39.0, longitude: 125.7) == nil)
        #expect(throws: KoreaAtlasError.self) { try atlas.locate(latitude: 91, longitude: 127) }
        #expect(throws: KoreaAtlasError.self) { try atlas.locate(latitude: .nan, longitude: 127) }
    }

    /// Thousands of points against shapely `covers` (generate_locate_fixture.py).
    @Test(arguments: [(AdministrativeLevel.sido, 2), (.sigungu, 3), (.emd, 4)])
    func agreesWithShapely(level: AdministrativeLevel, column: Int) throws {
        let text = try String(contentsOf: Bundle.module.url(forResource: "Fixtures/locate_oracle", withExtension: "tsv")!, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count == 6200)
        let lats = rows.map { Double($0[0])! }, lons = rows.map { Double($0[1])! }
        let got = try atlas.locate(latitudes: lats, longitudes: lons, level: level)
        var mismatches = 0
        for (i, r) in rows.enumerated() where (got[i]?.code ?? "") != String(r[column]) {
            mismatches += 1
            if mismatches <= 5 { Issue.record("row \(i + 2) (\(r[0]), \(r[1])): got \(got[i]?.code ?? "nil"), shapely \(r[column])") }
        }
        #expect(mismatches == 0)
        let codes = try atlas.locateCodes(latitudes: lats, longitudes: lons, level: level)
        #expect(codes == got.map { $0?.code })
    }

    /// Many tasks hitting a fresh atlas at once: every one gets the answers of the warm suite
    /// atlas, and each layer is read once through one connection.
    @Test func concurrentFirstUseLoadsOnce() async throws {
        let file = Geodata(folder: atlas.geodata)
        let fresh = KoreaAtlas(file: file)
        #expect(file.connectionsOpened == 0)
        struct Answer: Equatable, Sendable {
            var suwon: String?
            var sejongEmd: String?
            var jeju: String?
            var municipalities: Int
            var busan: String?
            var named: [String]
        }
        let expected = Answer(suwon: try atlas.locate(latitude: 37.2636, longitude: 127.0286)?.code,
                              sejongEmd: try atlas.locate(latitude: 36.504, longitude: 127.265, level: .emd)?.code,
                              jeju: try atlas.locate(latitude: 33.458, longitude: 126.942, level: .sido)?.code,
                              municipalities: try atlas.municipalities().count,
                              busan: try atlas.province(code: "26")?.nameKorean,
                              named: try atlas.municipalities(named: "수원시").map(\.code))
        #expect(expected.suwon == "41115" && expected.sejongEmd?.hasPrefix("36110") == true && expected.jeju == "50")
        let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
            for i in 0..<32 {
                group.addTask {
                    // Tasks start with different calls, so every loader races every other.
                    switch i % 4 {
                    case 0: _ = try fresh.municipalities()
                    case 1: _ = try fresh.locate(latitude: 36.504, longitude: 127.265, level: .emd)
                    case 2: _ = try fresh.provinces()
                    default: break
                    }
                    return Answer(suwon: try fresh.locate(latitude: 37.2636, longitude: 127.0286)?.code,
                                  sejongEmd: try fresh.locate(latitude: 36.504, longitude: 127.265, level: .emd)?.code,
                                  jeju: try fresh.locate(latitude: 33.458, longitude: 126.942, level: .sido)?.code,
                                  municipalities: try fresh.municipalities().count,
                                  busan: try fresh.province(code: "26")?.nameKorean,
                                  named: try fresh.municipalities(named: "수원시").map(\.code))
                }
            }
            return try await group.reduce(into: [Answer]()) { $0.append($1) }
        }
        #expect(answers.count == 32)
        #expect(answers.allSatisfy { $0 == expected })
        #expect(file.connectionsOpened == 1)
        for layer in ["sido", "sigungu", "emd", "emd_islets"] {
            #expect(file.reads(of: layer) == 1, "\(layer) read \(file.reads(of: layer)) times with geometry")
        }
        // The attributes alone are read at most once, and only when asked before the polygons.
        #expect(file.reads(of: "sido", geometry: false) <= 1 && file.reads(of: "sigungu", geometry: false) <= 1)
        #expect(file.reads(of: "ri") == 0)
    }

    /// Lists and lookups read the attributes alone; the polygons wait for the first locate.
    @Test func attributesWithoutPolygons() throws {
        let file = Geodata(folder: atlas.geodata)
        let fresh = KoreaAtlas(file: file)
        #expect(try fresh.municipalities() == atlas.municipalities())
        #expect(try fresh.provinces() == atlas.provinces())
        #expect(try fresh.municipality(code: "36110") == atlas.municipality(code: "36110"))
        #expect(file.reads(of: "sigungu", geometry: false) == 1 && file.reads(of: "sido", geometry: false) == 1)
        #expect(file.reads(of: "sigungu") == 0 && file.reads(of: "sido") == 0)
        _ = try fresh.locate(latitude: 37.2636, longitude: 127.0286)
        #expect(file.reads(of: "sigungu") == 1 && file.connectionsOpened == 1)
        #expect(try fresh.municipalities() == atlas.municipalities())
    }
}

@Suite struct KoreaAtlasLazyIndexTests {
    /// Listing units reads the layers but builds no point-location index; a locate query does.
    @Test func listingBuildsNoIndex() throws {
        let fresh = KoreaAtlas(geodata: atlas.geodata)
        #expect(try fresh.municipalities().count == 253)
        #expect(try fresh.provinces().count == 17)
        #expect(!fresh.hasLocator(.sigungu) && !fresh.hasLocator(.sido) && !fresh.hasLocator(.islets))
        #expect(try fresh.locate(latitude: 37.2636, longitude: 127.0286)?.code == "41115")
        #expect(fresh.hasLocator(.sigungu) && fresh.hasLocator(.sido) && fresh.hasLocator(.islets))
        #expect(!fresh.hasLocator(.emd))
    }
}
