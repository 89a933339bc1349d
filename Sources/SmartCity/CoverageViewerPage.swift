#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoRender

/// The HTML of ``CoverageViewer``: the page around the map's SVG, its style sheet, the embedded
/// figures and the script. Nothing on the page is fetched: the twin maps are `data:` images and a
/// Content-Security-Policy of `default-src 'none'` forbids any request.
struct CoverageViewerPage {
    /// A pilot city twin map shown as an overlay.
    struct Twin {
        /// ``PilotCityID`` raw value (`sejong-5-1`, `busan-edc`).
        var id: String
        /// Caption.
        var title: String
        /// The twin map as a standalone SVG document.
        var svg: String
    }

    /// Not selected (and the neutral fill of the map before the script runs).
    static let notSelected = Color(red: 0xf0, green: 0xf0, blue: 0xf0)
    /// Covered only by a sido-wide platform: an orange apart from the year ramp's hues.
    static let sidoWide = Color(red: 0xe6, green: 0x9f, blue: 0x00)
    /// Anchors of the viridis ramp (perceptually uniform, readable with the common colour
    /// vision deficiencies), dark for early years.
    static let viridis: [Color] = ["440154", "472d7b", "3b528b", "2c728e", "21918c", "28ae80", "5ec962", "addc30", "fde725"]
        .compactMap { Color(hex: $0) }

    var figures: CoverageViewerFigures
    var initial: CoverageViewerState
    var mapSVG: String
    var twins: [Twin]

    /// One colour per year `firstYear...lastYear`, sampled evenly from ``viridis``.
    static func yearColors(count: Int) -> [Color] {
        guard count > 1 else { return [viridis[4]] }
        return (0..<count).map { i in
            let t = Double(i) / Double(count - 1) * Double(viridis.count - 1)
            let k = min(viridis.count - 2, Int(t))
            return viridis[k].mixed(with: viridis[k + 1], t - Double(k))
        }
    }

    /// The hatching pattern of a modelled selection: the base colour crossed by stripes dark or
    /// light enough to stay visible on it.
    static func hatch(id: String, base: Color) -> String {
        let light = 0.299 * Double(base.red) + 0.587 * Double(base.green) + 0.114 * Double(base.blue) > 150
        return "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"4\" height=\"4\" fill=\"\(base.hex)\"/><rect width=\"1.5\" height=\"4\" fill=\"\(light ? "#1a1a1a" : "#ffffff")\"/></pattern>"
    }

    /// The page.
    func html() throws -> String {
        let years = Array(figures.firstYear...figures.lastYear)
        let colors = Self.yearColors(count: years.count)
        var patterns = zip(years, colors).map { Self.hatch(id: "cv-hatch-\($0)", base: $1) }
        patterns.append(Self.hatch(id: "cv-hatch-sido", base: Self.sidoWide))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload = Payload(figures: figures, initial: Payload.State(year: initial.year, scenario: initial.scenario.rawValue,
                                                                        method: initial.method.rawValue),
                              colors: Dictionary(uniqueKeysWithValues: zip(years.map(String.init), colors.map(\.hex))),
                              sidoWide: Self.sidoWide.hex, notSelected: Self.notSelected.hex,
                              scenarios: RolloutScenario.allCases.map(\.rawValue), methods: CoverageMethod.allCases.map(\.rawValue),
                              twins: twins.map(\.id))
        // The default encoder escapes `/`, so the JSON cannot close its <script> element.
        let json = String(decoding: try encoder.encode(payload), as: UTF8.self)
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
            <title>스마트시티 통합플랫폼 보급 · Smart city integrated platform coverage</title>
            <style>
            \(Self.css)</style>
            </head>
            <body>
            <header>
            <h1>스마트시티 통합플랫폼 보급 · Smart city integrated platform coverage, \(figures.firstYear)–\(figures.lastYear)</h1>
            <p id="cv-scenario-summary"></p>
            </header>
            <main class="cv-layout">
            <section class="cv-panel" aria-label="View and summary">
            <div class="cv-field"><label for="cv-year">Year</label> <output id="cv-year-out" for="cv-year">\(initial.year)</output>
            <input type="range" id="cv-year" min="\(figures.firstYear)" max="\(figures.lastYear)" step="1" value="\(initial.year)" aria-describedby="cv-year-help">
            <p id="cv-year-help" class="cv-help">Selections up to the end of the year. Arrow keys move one year, Home and End to the ends.</p></div>
            <fieldset class="cv-field"><legend>Scenario</legend>

            """
        for s in RolloutScenario.allCases {
            out += "<label><input type=\"radio\" name=\"scenario\" value=\"\(s.rawValue)\"\(s == initial.scenario ? " checked" : "")> "
                + "\(s.rawValue)</label>\n"
        }
        out += "</fieldset>\n<fieldset class=\"cv-field\"><legend>Sido-wide platforms</legend>\n"
        let methodLabels: [CoverageMethod: String] = [.withSidoPlatforms: "cover their whole sido (with-sido-platforms)",
                                                      .municipalOnly: "count as selections only (municipal-only)"]
        for m in CoverageMethod.allCases.reversed() {
            out += "<label><input type=\"radio\" name=\"method\" value=\"\(m.rawValue)\"\(m == initial.method ? " checked" : "")> "
                + "\(methodLabels[m] ?? m.rawValue)</label>\n"
        }
        out += "</fieldset>\n<fieldset class=\"cv-field\"><legend>Pilot city twins</legend>\n"
        for t in twins {
            out += "<label><input type=\"checkbox\" name=\"twin\" value=\"\(t.id)\" aria-controls=\"cv-twin-\(t.id)\"> \(escaped(t.title))</label>\n"
        }
        out += """
            </fieldset>
            <section id="cv-summary" aria-live="polite" aria-labelledby="cv-summary-title">
            <h2 id="cv-summary-title">Coverage at the end of <span id="cv-sum-year">\(initial.year)</span></h2>
            <dl>
            <dt>Selections to date</dt><dd id="cv-cumulative"></dd>
            <dt>Selected in the year</dt><dd id="cv-selected"></dd>
            <dt>Local governments covered</dt><dd id="cv-municipalities"></dd>
            <dt>Population covered</dt><dd id="cv-population"></dd>
            <dt>Area covered</dt><dd id="cv-area"></dd>
            <dt>Drawn as covered</dt><dd id="cv-drawn"></dd>
            </dl>
            <p class="cv-help">Shares divide by \(grouped(figures.nation.population)) persons (census 2020 household population), \(figures.nation.municipalities) local governments and \(String(cFormat: "%.0f", figures.nation.areaKm2)) km².</p>
            </section>
            <section aria-labelledby="cv-legend-title">
            <h2 id="cv-legend-title">Year the platform was selected</h2>
            <ul class="cv-legend">

            """
        for (y, c) in zip(years, colors) {
            out += "<li><svg width=\"18\" height=\"12\" aria-hidden=\"true\"><rect width=\"18\" height=\"12\" fill=\"\(c.hex)\"/></svg> \(y)</li>\n"
        }
        out += """
            <li><svg width="18" height="12" aria-hidden="true"><rect width="18" height="12" fill="url(#cv-hatch-\(figures.firstYear + years.count / 2))"/></svg> hatched: modelled (not named in a public report)</li>
            <li><svg width="18" height="12" aria-hidden="true"><rect width="18" height="12" fill="\(Self.sidoWide.hex)"/></svg> sido-wide platform only</li>
            <li><svg width="18" height="12" aria-hidden="true"><rect width="18" height="12" fill="\(Self.notSelected.hex)" stroke="#999999"/></svg> not selected</li>
            <li><svg width="18" height="12" aria-hidden="true"><rect width="18" height="12" fill="#e31a1c" fill-opacity="0.55" stroke="#990000"/></svg> pilot smart city site</li>
            </ul>
            </section>
            </section>
            <div class="cv-map" id="cv-map">

            """
        out += Self.inlineSVG(mapSVG, patterns: patterns.joined(separator: "\n"))
        out += "<div class=\"cv-twins\">\n"
        for t in twins {
            let data = Data(t.svg.utf8).base64EncodedString()
            out += "<figure class=\"cv-twin\" id=\"cv-twin-\(t.id)\" hidden><figcaption>\(escaped(t.title)) twin</figcaption>"
                + "<img alt=\"\(escaped(t.title)) twin map: site footprint, buildings, roads and the other twin layers\" "
                + "src=\"data:image/svg+xml;base64,\(data)\"></figure>\n"
        }
        out += """
            </div>
            <div id="cv-tooltip" role="tooltip" hidden></div>
            </div>
            </main>
            <footer><p>\(escaped(KoreaMaps.attribution + " " + CoverageMap.selectionsAttribution))</p></footer>
            <script type="application/json" id="cv-data">\(json)</script>
            <script>
            \(Self.script)</script>
            </body>
            </html>

            """
        return out
    }

    /// The renderer's SVG document as inline SVG: no XML prolog, no namespace declarations (the
    /// HTML parser supplies them), a `group` role instead of `img` (its paths are focusable), and
    /// the hatching patterns added to its definitions.
    static func inlineSVG(_ svg: String, patterns: String) -> String {
        var s = svg
        if s.hasPrefix("<?xml"), let end = s.firstIndex(of: "\n") { s = String(s[s.index(after: end)...]) }
        for ns in [" xmlns=\"http://www.w3.org/2000/svg\"", " xmlns:xlink=\"http://www.w3.org/1999/xlink\""] {
            if let r = s.firstRange(of: ns) { s.replaceSubrange(r, with: "") }
        }
        if let r = s.firstRange(of: " role=\"img\"") { s.replaceSubrange(r, with: " role=\"group\"") }
        if let r = s.firstRange(of: "<defs>") { s.replaceSubrange(r, with: "<defs>\n" + patterns) }
        return s
    }

    /// What the script reads from `#cv-data`.
    struct Payload: Encodable {
        struct State: Encodable {
            var year: Int
            var scenario: String
            var method: String
        }
        var figures: CoverageViewerFigures
        var initial: State
        var colors: [String: String]
        var sidoWide: String
        var notSelected: String
        var scenarios: [String]
        var methods: [String]
        var twins: [String]
    }

    func escaped(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// `1234567` -> `1,234,567`.
    func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
