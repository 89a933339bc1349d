import Foundation
import Testing

/// The viewer written once by `geotwin map coverage --html` for the browser tests.
let coverageViewerFile = Result<URL, any Error> {
    let file = try CLIRunner.temporaryDirectory().appendingPathComponent("coverage.html")
    let r = try CLIRunner.run(["map", "coverage", "--html", file.path])
    guard r.status == 0 else { throw ViewerNotWritten(stderr: r.stderr) }
    return file
}

struct ViewerNotWritten: Error { var stderr: String }

/// The coverage viewer in headless chromium: for URL-fragment states of the recorded and the plan
/// scenarios the map draws as covered exactly the local governments `geotwin rollout` counts, the
/// summary shows its figures, modelled selections are hatched, the page paints and makes no request.
/// Skipped without chromium unless GEOTWIN_REQUIRE_BROWSER is set, when it fails instead.
@Suite(.serialized, .enabled(if: HeadlessChromium.enabled, "chromium is not installed (set GEOTWIN_REQUIRE_BROWSER=1 to fail instead)"))
struct CoverageViewerBrowserTests {
    /// The year figures of `geotwin rollout --format json`.
    struct RolloutJSON: Decodable {
        struct Year: Decodable {
            var year, selected, cumulative, recorded, modelled, municipalitiesCovered, populationCovered: Int
            var populationShare, areaKm2, areaShare: Double
        }
        var years: [Year]
    }

    struct ViewState: CustomTestStringConvertible, Sendable {
        var year: Int
        var scenario: String
        var method: String
        var fragment: String { "year=\(year)&scenario=\(scenario)&method=\(method)" }
        var testDescription: String { fragment }
    }

    static let states: [ViewState] = [
        ViewState(year: 2016, scenario: "recorded", method: "with-sido-platforms"),
        ViewState(year: 2018, scenario: "recorded", method: "with-sido-platforms"),
        ViewState(year: 2019, scenario: "recorded", method: "municipal-only"),
        ViewState(year: 2020, scenario: "recorded", method: "with-sido-platforms"),
        ViewState(year: 2019, scenario: "plan-2018", method: "with-sido-platforms"),
        ViewState(year: 2022, scenario: "plan-2018", method: "municipal-only"),
        ViewState(year: 2023, scenario: "plan-2019", method: "with-sido-platforms"),
    ]

    @Test(arguments: states)
    func stateMatchesTheRollout(_ state: ViewState) throws {
        let browser = try HeadlessChromium()
        let page = try coverageViewerFile.get()
        let r = try CLIRunner.run(["rollout", "--format", "json", "--scenario", state.scenario, "--method", state.method,
                                   "--until", "\(state.year)"])
        try #require(r.status == 0, "\(r.stderr)")
        let expected = try #require(try JSONDecoder().decode(RolloutJSON.self, from: Data(r.stdout.utf8)).years.last)
        #expect(expected.year == state.year)

        let dump = try browser.dumpDOM(URL(string: page.absoluteString + "#" + state.fragment)!)
        try #require(dump.status == 0, "\(dump.stderr.suffix(2000))")
        let dom = DumpedViewer(dom: dump.stdout)
        let summary = dom.summary
        #expect(summary["year"] == "\(state.year)" && summary["scenario"] == state.scenario && summary["method"] == state.method)
        #expect(summary["selected"] == "\(expected.selected)")
        #expect(summary["cumulative"] == "\(expected.cumulative)")
        #expect(summary["recorded"] == "\(expected.recorded)")
        #expect(summary["modelled"] == "\(expected.modelled)")
        #expect(summary["municipalities-covered"] == "\(expected.municipalitiesCovered)")
        #expect(summary["population-covered"] == "\(expected.populationCovered)")
        #expect(abs((Double(summary["population-share"] ?? "") ?? -1) - expected.populationShare) < 1e-12)
        #expect(abs((Double(summary["area-km2"] ?? "") ?? -1) - expected.areaKm2) < 1e-6)
        #expect(abs((Double(summary["area-share"] ?? "") ?? -1) - expected.areaShare) < 1e-12)
        // The text a reader sees, rounded as `geotwin rollout` rounds it.
        #expect(dom.text(of: "cv-population")?.hasSuffix(String(format: "%.1f %%", expected.populationShare * 100)) == true)
        #expect(dom.text(of: "cv-area")?.hasSuffix(String(format: "%.1f %%", expected.areaShare * 100)) == true)
        #expect(dom.text(of: "cv-selected") == "\(expected.selected) (recorded \(expected.recorded), modelled \(expected.modelled))")

        // The paths drawn as covered are the local governments the rollout counts.
        let paths = dom.mainPaths
        #expect(paths.count >= 248)
        let covered = paths.filter { $0["data-state"] != "none" }
        #expect(Set(covered.compactMap { $0["data-unit"] }).count == expected.municipalitiesCovered)
        #expect(summary["drawn-units"] == "\(expected.municipalitiesCovered)")
        // Modelled selections are hatched, recorded ones filled with their year's colour; every path is focusable.
        for p in paths {
            let fill = p["style"] ?? ""
            switch p["data-state"] {
            case "modelled", "sido-modelled": #expect(fill.contains("url(\"#cv-hatch-"), "\(p["id"] ?? "")")
            case "recorded", "sido-recorded", "none": #expect(fill.contains("rgb("), "\(p["id"] ?? "")")
            default: Issue.record("\(p["id"] ?? "") has no state")
            }
            #expect(p["tabindex"] == "0" && p["role"] == "img" && !(p["aria-label"] ?? "").isEmpty)
        }
        if state.scenario != "recorded" || state.year >= 2019 {
            #expect(covered.contains { $0["data-state"] == "modelled" })
        }
        #expect(covered.contains { $0["data-state"] == "recorded" })
    }

    @Test func opensFastAndMakesNoRequest() throws {
        let browser = try HeadlessChromium()
        let page = try coverageViewerFile.get()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: page.path)[.size] as? Int)
        #expect(size <= 1_500_000, "\(size) bytes")
        let url = URL(string: page.absoluteString + "#year=2019&scenario=plan-2019&method=with-sido-platforms&twins=sejong-5-1,busan-edc")!
        let dump = try browser.run(["--enable-logging=stderr", "--v=1", "--dump-dom", url.absoluteString])
        try #require(dump.status == 0)
        let dom = DumpedViewer(dom: dump.stdout)
        #expect(dom.summary["year"] == "2019" && dom.summary["scenario"] == "plan-2019")
        // The twins are shown, their footprints highlighted.
        #expect(dom.dom.contains("<figure class=\"cv-twin\" id=\"cv-twin-sejong-5-1\">"))
        #expect(dom.dom.contains("<figure class=\"cv-twin\" id=\"cv-twin-busan-edc\">"))
        // Script work from navigation start to the first drawn state, in the browser's own clock.
        let ready = try #require(dom.rootAttribute("data-load-ms").flatMap(Double.init))
        #expect(ready < 1000, "ready after \(ready) ms")
        // The browser's verbose log names every URL it requests: apart from the browser's own
        // service calls, none is http(s).
        let requests = Self.requestedURLs(dump.stderr).filter { !Self.isBrowserService($0) }
        #expect(requests.isEmpty, "\(requests.prefix(5).joined(separator: "\n"))")
        #expect(dump.stderr.contains("FileURLLoader::Start: \(page.absoluteString)"), "the verbose log should name the page it loaded")
    }

    /// Through WebDriver: the slider, the switches and the map work from the keyboard, the URL
    /// fragment follows, a focused area shows its tooltip, and the page's DevTools network log
    /// has no http(s) request.
    @Test(.enabled(if: ChromeDriverSession.executable != nil || HeadlessChromium.required, "chromedriver is not installed"))
    func worksWithTheKeyboard() throws {
        let browser = try HeadlessChromium()
        let page = try coverageViewerFile.get()
        let s = try ChromeDriverSession(browser: browser)
        defer { s.close() }
        try s.open(URL(string: page.absoluteString + "#year=2018&scenario=recorded&method=with-sido-platforms")!)
        func summary(_ key: String) throws -> String? {
            try s.execute("return document.getElementById('cv-summary').getAttribute('data-\(key)')") as? String
        }
        #expect(try summary("year") == "2018")

        try s.send([.arrowRight], to: "#cv-year")
        #expect(try s.currentURL().hasSuffix("#year=2019&scenario=recorded&method=with-sido-platforms"))
        #expect(try summary("year") == "2019")
        try s.send([.end], to: "#cv-year")
        #expect(try summary("year") == "2023")
        try s.send([.arrowDown], to: "input[name=scenario][value=recorded]")
        try s.send([.arrowDown], to: "input[name=method][value=with-sido-platforms]")
        #expect(try s.currentURL().hasSuffix("#year=2023&scenario=plan-2018&method=municipal-only"))
        #expect(try summary("scenario") == "plan-2018" && summary("method") == "municipal-only")

        try s.send([.space], to: "input[name=twin][value=sejong-5-1]")
        #expect(try s.execute("return document.getElementById('cv-twin-sejong-5-1').hidden") as? Bool == false)
        #expect(try s.currentURL().hasSuffix("&twins=sejong-5-1"))

        // Tab from the last switch reaches the first area of the map, whose tooltip then shows.
        try s.send([.tab], to: "input[name=twin][value=busan-edc]")
        let focus = try s.execute("""
            var a = document.activeElement, t = document.getElementById('cv-tooltip');
            return [a.id || '', a.getAttribute('data-name_ko') || '', a.getAttribute('aria-label') || '', t.hidden, t.textContent];
            """) as? [Any] ?? []
        try #require(focus.count == 5)
        let id = focus[0] as? String ?? "", name = focus[1] as? String ?? ""
        #expect(id.hasPrefix("coverage-"), "focus on \(id)")
        #expect(!name.isEmpty && (focus[2] as? String ?? "").hasPrefix(name))
        #expect(focus[3] as? Bool == false && (focus[4] as? String ?? "").contains(name))
        try s.send([.escape], to: "#\(id)")
        #expect(try s.execute("return document.getElementById('cv-tooltip').hidden") as? Bool == true)

        // A link to another view, followed in the open page, redraws it.
        _ = try s.execute("location.hash = '#year=2017&scenario=recorded&method=municipal-only'; return null")
        #expect(try summary("year") == "2017" && summary("scenario") == "recorded" && summary("method") == "municipal-only")
        #expect(try s.execute("return document.getElementById('cv-twin-sejong-5-1').hidden") as? Bool == true)

        let requests = try s.performanceLog().filter { $0["method"] as? String == "Network.requestWillBeSent" }
            .compactMap { (($0["params"] as? [String: Any])?["request"] as? [String: Any])?["url"] as? String }
        #expect(requests.contains { $0.hasPrefix("file://") }, "the log should hold the page's own request")
        #expect(!requests.contains { $0.hasPrefix("http://") || $0.hasPrefix("https://") }, "\(requests)")
    }

    @Test func screenshotIsNotBlank() throws {
        let browser = try HeadlessChromium()
        let page = try coverageViewerFile.get()
        let dir = try CLIRunner.temporaryDirectory()
        let png = dir.appendingPathComponent("viewer.png")
        let shot = try browser.screenshot(URL(string: page.absoluteString + "#year=2020&scenario=recorded&method=with-sido-platforms")!, to: png)
        try #require(shot.status == 0, "\(shot.stderr.suffix(2000))")
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // The browser decodes its own screenshot: a page with the map has many colours and ink.
        let probe = dir.appendingPathComponent("probe.html")
        try Self.pixelProbe(png: bytes).write(to: probe, atomically: true, encoding: .utf8)
        let dump = try browser.dumpDOM(probe)
        let dom = DumpedViewer(dom: dump.stdout)
        let colours = try #require(dom.rootAttribute("data-colours").flatMap(Int.init), "\(dump.stdout.prefix(500))")
        let ink = try #require(dom.rootAttribute("data-ink").flatMap(Double.init))
        let width = try #require(dom.rootAttribute("data-width").flatMap(Int.init))
        #expect(width == 1400)
        #expect(colours > 50, "\(colours) colours")
        #expect(ink > 0.05, "\(ink) of the pixels are not white")
    }

    /// Every http(s) URL the browser's verbose log mentions (requests are logged as
    /// `NotifyBeforeURLRequest: URL`).
    static func requestedURLs(_ log: String) -> [String] {
        DumpedViewer.matches(#"(https?://[^\s"'<>]+)"#, in: log)
    }

    /// The calls Debian's chromium makes on its own whatever page it shows (component updates,
    /// the network clock, the account check, spelling dictionaries), matched by host and path.
    static func isBrowserService(_ url: String) -> Bool {
        guard let u = URL(string: url), let host = u.host else { return false }
        let own = ["update.googleapis.com/service/update2/json", "clients2.google.com/time/1/current",
                   "accounts.google.com/ListAccounts", "redirector.gvt1.com/edgedl/chrome/dict/"]
        return own.contains { (host + u.path).hasPrefix($0) }
    }

    /// A page that draws `png` on a canvas and writes its width, number of distinct colours and
    /// share of non-white pixels on its root element (a `data:` image does not taint the canvas).
    static func pixelProbe(png: Data) -> String {
        """
        <!DOCTYPE html><html><body><img id="shot" src="data:image/png;base64,\(png.base64EncodedString())">
        <script>
        window.addEventListener("load", function () {
          var img = document.getElementById("shot"), c = document.createElement("canvas");
          c.width = img.naturalWidth; c.height = img.naturalHeight;
          var g = c.getContext("2d"); g.drawImage(img, 0, 0);
          var d = g.getImageData(0, 0, c.width, c.height).data, seen = new Set(), ink = 0;
          for (var i = 0; i < d.length; i += 4) {
            seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
            if (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250) { ink++; }
          }
          var root = document.documentElement;
          root.setAttribute("data-width", c.width);
          root.setAttribute("data-colours", seen.size);
          root.setAttribute("data-ink", ink / (d.length / 4));
        });
        </script></body></html>
        """
    }
}

/// What a test reads from the DOM chromium dumped.
struct DumpedViewer {
    var dom: String

    /// The `data-*` values of `#cv-summary`, keyed without `data-`.
    var summary: [String: String] {
        guard let tag = firstTag(containing: "id=\"cv-summary\"") else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in Self.attributes(tag) where k.hasPrefix("data-") { out[String(k.dropFirst(5))] = v }
        return out
    }

    /// The attributes of every path of the main map's coverage layer.
    var mainPaths: [[String: String]] {
        guard let start = dom.range(of: "<g id=\"coverage\""),
              let end = dom.range(of: "</g>", range: start.upperBound..<dom.endIndex) else { return [] }
        let layer = String(dom[start.lowerBound..<end.lowerBound])
        return Self.matches(#"<path\s([^>]*)>"#, in: layer).map(Self.attributes)
    }

    /// The text of the element with id `id` (no markup inside).
    func text(of id: String) -> String? {
        Self.matches("id=\"\(id)\"[^>]*>([^<]*)<", in: dom).first.map(Self.unescaped)
    }

    /// An attribute of the `<html>` element.
    func rootAttribute(_ name: String) -> String? {
        guard let tag = Self.matches(#"<html([^>]*)>"#, in: dom).first else { return nil }
        return Self.attributes(tag)[name]
    }

    func firstTag(containing needle: String) -> String? {
        guard let r = dom.range(of: needle), let open = dom[..<r.lowerBound].lastIndex(of: "<"),
              let close = dom[r.upperBound...].firstIndex(of: ">") else { return nil }
        return String(dom[open...close])
    }

    static func attributes(_ tag: String) -> [String: String] {
        guard let re = try? NSRegularExpression(pattern: #"([A-Za-z_:][-A-Za-z0-9_:.]*)="([^"]*)""#) else { return [:] }
        let ns = tag as NSString
        var out: [String: String] = [:]
        for m in re.matches(in: tag, range: NSRange(location: 0, length: ns.length)) {
            out[ns.substring(with: m.range(at: 1))] = unescaped(ns.substring(with: m.range(at: 2)))
        }
        return out
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    static func unescaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&nbsp;", with: "\u{a0}")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
