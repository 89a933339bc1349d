#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoRender

/// One view of the coverage viewer: the year shown, the scenario and the coverage method. It is
/// the page's URL fragment, `#year=2019&scenario=recorded&method=with-sido-platforms`.
public struct CoverageViewerState: Hashable, Sendable {
    /// The last year of selections shown.
    public var year: Int
    /// The scenario shown.
    public var scenario: RolloutScenario
    /// How sido-wide platforms count.
    public var method: CoverageMethod

    /// Creates a state.
    public init(year: Int, scenario: RolloutScenario = .recorded, method: CoverageMethod = .withSidoPlatforms) {
        self.year = year
        self.scenario = scenario
        self.method = method
    }

    /// The URL fragment without `#`: `year=2019&scenario=recorded&method=with-sido-platforms`.
    public var fragment: String { "year=\(year)&scenario=\(scenario.rawValue)&method=\(method.rawValue)" }
}

/// The figures the viewer embeds: the coverage of every year × scenario × method, computed by
/// ``PlatformRollout/coverage(of:years:method:)`` exactly as `geotwin rollout` computes them.
public struct CoverageViewerFigures: Sendable, Codable, Hashable {
    /// The first year of the slider (2015).
    public var firstYear: Int
    /// The last year of the slider: the last year any scenario selects in.
    public var lastYear: Int
    /// The totals the shares divide by.
    public var nation: NationTotals
    /// The coverage at the end of each year `firstYear...lastYear`, by scenario raw value, then by
    /// method raw value.
    public var coverage: [String: [String: [RolloutYear]]]

    /// The coverage of `state` (nil when its year is outside the slider).
    public func coverage(_ state: CoverageViewerState) -> RolloutYear? {
        guard (firstYear...lastYear).contains(state.year) else { return nil }
        return coverage[state.scenario.rawValue]?[state.method.rawValue]?[state.year - firstYear]
    }
}

/// The interactive coverage viewer: one self-contained HTML page (inline SVG, CSS and a small
/// script; no network access) with the national coverage map as ``CoverageMap/national(atlas:rollout:scenario:strategy:method:year:width:)``
/// draws it, a year slider, scenario and method switches, tooltips, the two pilot city twins as
/// overlays, and the state in the URL fragment (``CoverageViewerState/fragment``).
///
/// Every sigungu path carries its code, name, local government, census population and, per
/// scenario, the year, round and status of its local government's selection and of its sido's
/// sido-wide platform as `data-*` attributes; the script recolours paths from those and looks the
/// summary up in the embedded ``CoverageViewerFigures``.
///
/// ```swift
/// let atlas = try KoreaAtlas()
/// try CoverageViewer.write(to: "out/coverage.html", atlas: atlas)
/// ```
public enum CoverageViewer {
    /// The first year of the slider.
    public static let firstYear = 2015

    /// The figures of every year × scenario × method (``CoverageViewerFigures``).
    /// - Throws: ``PlatformRolloutError`` when a scenario cannot be built.
    public static func figures(rollout: PlatformRollout, strategy: any SelectionStrategy = DefaultSelectionStrategy())
        throws(PlatformRolloutError) -> CoverageViewerFigures {
        var selections: [RolloutScenario: [RolloutRecord]] = [:]
        for s in RolloutScenario.allCases { selections[s] = try rollout.selections(s, strategy: strategy) }
        let last = max(firstYear, selections.values.flatMap { $0.map(\.year) }.max() ?? firstYear)
        var coverage: [String: [String: [RolloutYear]]] = [:]
        for s in RolloutScenario.allCases {
            for m in CoverageMethod.allCases {
                coverage[s.rawValue, default: [:]][m.rawValue] = rollout.coverage(of: selections[s] ?? [], years: firstYear...last, method: m)
            }
        }
        return CoverageViewerFigures(firstYear: firstYear, lastYear: last, nation: rollout.nation, coverage: coverage)
    }

    /// The viewer page as HTML text.
    /// - Parameters:
    ///   - atlas: the atlas whose `korea.gpkg` the map is drawn from.
    ///   - rollout: the rollout over `atlas` (nil loads it from the atlas).
    ///   - strategy: who fills the selections reports do not name.
    ///   - initial: the view shown when the URL has no fragment (nil: the recorded scenario with
    ///     sido-wide platforms, in the last recorded year).
    ///   - width: the width of the map's SVG coordinate system, px (the page scales it to the window).
    /// - Throws: a ``KoreaAtlasError``, ``PlatformRolloutError``, ``PilotCityError``,
    ///   `GeoPackageError` or `RenderError`.
    public static func html(atlas: KoreaAtlas, rollout: PlatformRollout? = nil,
                            strategy: any SelectionStrategy = DefaultSelectionStrategy(),
                            initial: CoverageViewerState? = nil, width: Double = 1200) throws -> String {
        let rollout = try rollout ?? PlatformRollout.load(atlas: atlas)
        let figures = try figures(rollout: rollout, strategy: strategy)
        let recordedLast = try rollout.selections(.recorded, strategy: strategy).map(\.year).max() ?? figures.lastYear
        let state = initial ?? CoverageViewerState(year: recordedLast)
        let map = try viewerMap(atlas: atlas, rollout: rollout, strategy: strategy, width: width)
        let svg = try MapRenderer.renderSVG(map).svg
        var twins: [CoverageViewerPage.Twin] = []
        for id in PilotCityID.allCases {
            let twin = try PilotCityMap.map(id, geodata: atlas.file, width: 640)
            let plan = PilotCityPlan.of(id)
            twins.append(CoverageViewerPage.Twin(id: id.rawValue, title: "\(plan.nameKorean) · \(plan.nameEnglish)",
                                                 svg: try MapRenderer.renderSVG(twin).svg))
        }
        return try CoverageViewerPage(figures: figures, initial: state, mapSVG: svg, twins: twins).html()
    }

    /// Writes ``html(atlas:rollout:strategy:initial:width:)`` to `path` (its folder is created
    /// when missing) and returns the number of bytes written.
    @discardableResult
    public static func write(to path: String, atlas: KoreaAtlas, rollout: PlatformRollout? = nil,
                             strategy: any SelectionStrategy = DefaultSelectionStrategy(),
                             initial: CoverageViewerState? = nil, width: Double = 1200) throws -> Int {
        let text = try html(atlas: atlas, rollout: rollout, strategy: strategy, initial: initial, width: width)
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = Data(text.utf8)
        try data.write(to: url, options: .atomic)
        return data.count
    }

    /// The names of the per-path attributes of the coverage layer (without `data-`): `code`,
    /// `name_ko`, `unit` (the local government's code), `unit_name`, `unit_population` (its census
    /// 2020 household population), `population` (census 2020 of the sigungu polygon, missing where
    /// the census has no matching district), `year`, `round` and `status` of the recorded scenario's selection, then
    /// for each scenario `sel-<scenario>` and `sido-<scenario>` as `year round status` (empty: none).
    public static let pathFields: [String] = ["code", "name_ko", "unit", "unit_name", "unit_population", "population", "year", "round", "status"]
        + RolloutScenario.allCases.flatMap { ["sel-\($0.rawValue)", "sido-\($0.rawValue)"] }

    /// The national coverage map with its coverage layer made neutral (the script colours it),
    /// no legend or titles (the page has its own), and every path carrying ``pathFields``.
    static func viewerMap(atlas: KoreaAtlas, rollout: PlatformRollout, strategy: any SelectionStrategy, width: Double) throws -> Map {
        var map = try CoverageMap.national(atlas: atlas, rollout: rollout, scenario: .recorded, strategy: strategy,
                                           method: .withSidoPlatforms, width: width)
        guard let k = map.layers.firstIndex(where: { $0.id == CoverageMap.layerID }) else { return map }
        var unitOf: [String: LocalGovernment] = [:]
        for u in rollout.units { for m in u.memberCodes { unitOf[m] = u } }
        var byScenario: [(scenario: RolloutScenario, municipal: [String: RolloutRecord], sido: [String: RolloutRecord])] = []
        for s in RolloutScenario.allCases {
            var municipal: [String: RolloutRecord] = [:], sido: [String: RolloutRecord] = [:]
            for r in try rollout.selections(s, strategy: strategy) {
                if r.level == .sido { sido[r.code] = sido[r.code] ?? r } else { municipal[r.code] = municipal[r.code] ?? r }
            }
            byScenario.append((s, municipal, sido))
        }
        func text(_ r: RolloutRecord?) -> PropertyValue { .string(r.map { "\($0.year) \($0.round) \($0.status.rawValue)" } ?? "") }
        var layer = map.layers[k]
        for i in layer.features.features.indices {
            var p = layer.features.features[i].properties
            guard let code = p["code"]?.stringValue, let unit = unitOf[code] else { continue }
            p["unit"] = .string(unit.code)
            p["unit_name"] = .string(unit.displayName)
            p["unit_population"] = .int(Int64(unit.population))
            for (s, municipal, sido) in byScenario {
                p["sel-\(s.rawValue)"] = text(municipal[unit.code])
                p["sido-\(s.rawValue)"] = text(sido[String(code.prefix(2))])
                if s == .recorded, let r = municipal[unit.code] {
                    p["year"] = .int(Int64(r.year))
                    p["round"] = .string(r.round.rawValue)
                    p["status"] = .string(r.status.rawValue)
                }
            }
            layer.features.features[i].properties = p
        }
        layer.thematic = nil
        layer.style = Style(fill: CoverageViewerPage.notSelected, stroke: .white, strokeWidth: 0.25)
        layer.dataFields = pathFields
        map.layers[k] = layer
        map.title = ""
        map.subtitle = ""
        map.description = "Smart city integrated platform coverage by local government; the page's script colours each area for the chosen year, scenario and method."
        return map
    }
}
