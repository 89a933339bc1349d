import Foundation
import SmartCity
import Testing

/// The viewer page, built once for the suite (a national map and two twin maps).
let viewerPage: String = try! CoverageViewer.html(atlas: atlas, rollout: rollout,
                                                  initial: CoverageViewerState(year: 2019, scenario: .plan2018, method: .municipalOnly))

@Suite struct CoverageViewerTests {
    @Test func fragmentOfAState() {
        let s = CoverageViewerState(year: 2019, scenario: .recorded, method: .withSidoPlatforms)
        #expect(s.fragment == "year=2019&scenario=recorded&method=with-sido-platforms")
        #expect(CoverageViewerState(year: 2022, scenario: .plan2018, method: .municipalOnly).fragment
                == "year=2022&scenario=plan-2018&method=municipal-only")
    }

    @Test func figuresAreTheRolloutsCoverage() throws {
        let f = try CoverageViewer.figures(rollout: rollout)
        #expect(f.firstYear == 2015)
        // plan-2019 goes nationwide in 2023, the last year any scenario selects in.
        #expect(f.lastYear == 2023)
        #expect(f.nation == rollout.nation)
        for scenario in RolloutScenario.allCases {
            for method in CoverageMethod.allCases {
                let expected = rollout.coverage(of: try rollout.selections(scenario), years: 2015...2023, method: method)
                #expect(f.coverage[scenario.rawValue]?[method.rawValue] == expected)
            }
        }
        #expect(f.coverage(CoverageViewerState(year: 2018))?.year == 2018)
        #expect(f.coverage(CoverageViewerState(year: 2030)) == nil)
    }

    @Test func pageIsSelfContainedAndSmall() {
        let bytes = viewerPage.utf8.count
        #expect(bytes < 1_500_000, "page is \(bytes) bytes")
        #expect(viewerPage.hasPrefix("<!DOCTYPE html>"))
        // No resource can come from the network: no URL anywhere, and a policy that forbids requests.
        #expect(!viewerPage.contains("http://") && !viewerPage.contains("https://"))
        #expect(!viewerPage.contains("//cdn") && !viewerPage.contains("<link") && !viewerPage.contains("@import"))
        #expect(!viewerPage.contains("<script src") && !viewerPage.contains("<iframe"))
        #expect(viewerPage.contains("content=\"default-src 'none'; img-src data:;"))
        for src in matches(of: #"src="([^"]*)""#, in: viewerPage) { #expect(src.hasPrefix("data:image/svg+xml;base64,")) }
        for ref in matches(of: #"url\(([^)]*)\)"#, in: viewerPage) { #expect(ref.hasPrefix("#"), "url(\(ref))") }
    }

    @Test func everySigunguPathCarriesItsData() throws {
        let main = try #require(mainLayer(viewerPage))
        let paths = matches(of: #"<path ([^>]*)>"#, in: main)
        // 250 leaf sigungu (the parent-city polygons of 천안시 and 창원시 are not drawn).
        #expect(paths.count >= 248)
        for field in CoverageViewer.pathFields where !["population", "year", "round", "status"].contains(field) {
            #expect(paths.allSatisfy { $0.contains(" data-\(field)=\"") }, "data-\(field)")
        }
        // The census has no district of its own for a few polygons (부천시, 청주시: see Geodata/README.md).
        #expect(paths.filter { !$0.contains(" data-population=\"") }.count <= 10)
        // 수원시 영통구: local government 수원시, selected 2017 (recorded) by the record.
        let yeongtong = try #require(paths.first { $0.contains("id=\"coverage-41117\"") })
        #expect(yeongtong.contains("data-unit=\"41110\"") && yeongtong.contains("data-unit_name=\"수원시\""))
        #expect(yeongtong.contains("data-year=\"2017\"") && yeongtong.contains("data-status=\"recorded\""))
        #expect(yeongtong.contains("data-sel-recorded=\"2017 "))
        // 강릉시: no municipal selection; 강원도's sido-wide platform of 2019.
        let gangneung = try #require(paths.first { $0.contains("id=\"coverage-42150\"") })
        #expect(gangneung.contains("data-sel-recorded=\"\"") && gangneung.contains("data-sido-recorded=\"2019 1 recorded\""))
        #expect(paths.contains { $0.contains(" modelled\"") })
    }

    @Test func controlsAndInitialState() {
        #expect(viewerPage.contains("<input type=\"range\" id=\"cv-year\" min=\"2015\" max=\"2023\" step=\"1\" value=\"2019\""))
        for s in RolloutScenario.allCases {
            let checked = s == .plan2018 ? " checked" : ""
            #expect(viewerPage.contains("<input type=\"radio\" name=\"scenario\" value=\"\(s.rawValue)\"\(checked)>"))
        }
        #expect(viewerPage.contains("name=\"method\" value=\"municipal-only\" checked"))
        for id in PilotCityID.allCases {
            #expect(viewerPage.contains("<input type=\"checkbox\" name=\"twin\" value=\"\(id.rawValue)\""))
            #expect(viewerPage.contains("<figure class=\"cv-twin\" id=\"cv-twin-\(id.rawValue)\" hidden>"))
        }
        #expect(viewerPage.contains("\"initial\":{\"method\":\"municipal-only\",\"scenario\":\"plan-2018\",\"year\":2019}"))
        // Modelled selections have their own hatching, and the map is a group of focusable shapes.
        #expect(viewerPage.contains("<pattern id=\"cv-hatch-2019\""))
        #expect(viewerPage.contains("<svg version=\"1.1\"") && viewerPage.contains("role=\"group\""))
        #expect(viewerPage.contains("id=\"cv-tooltip\" role=\"tooltip\""))
    }

    /// The main map's coverage layer (`<g id="coverage" ...> ... </g>`).
    func mainLayer(_ html: String) -> String? {
        guard let start = html.range(of: "<g id=\"coverage\""), let end = html.range(of: "</g>", range: start.upperBound..<html.endIndex) else {
            return nil
        }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The first capture group of every match of `pattern`.
    func matches(of pattern: String, in text: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }
}
