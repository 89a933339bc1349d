#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
public import GeoRender

extension CoverageMap {
    /// The source line of the selections (Geodata/README.md).
    public static let selectionsAttribution = "Selections: MOLIT and Korean news reports (Geodata/rollout.csv)."

    /// The national map of integrated platform coverage (EPSG:5179): every sigungu coloured by
    /// its ``CoverageCategory`` up to `year`, the sido outlines, both pilot site footprints (red,
    /// computed in EPSG:5179) and the two pilot city insets (``PilotCityID/insets(of:codeField:projection:pageWidth:margin:layerIDs:)``),
    /// the legend, the title, a subtitle with the coverage of `year` and the attribution.
    ///
    /// Everything is read through `atlas.file`, one connection to `korea.gpkg`.
    ///
    /// ```swift
    /// let atlas = try KoreaAtlas()
    /// let map = try CoverageMap.national(atlas: atlas, scenario: .recorded, method: .withSidoPlatforms, year: 2020)
    /// try KoreaMaps.render(map, to: "out/coverage.svg")
    /// ```
    /// - Parameters:
    ///   - atlas: the atlas every layer is read through.
    ///   - rollout: the rollout over `atlas` (nil loads it from the atlas).
    ///   - scenario: the selections shown (recorded, or one of the plans).
    ///   - strategy: how the modelled selections are picked.
    ///   - method: whether a sido-wide platform covers its whole sido.
    ///   - year: the last year shown (nil: the scenario's last year).
    ///   - width: the page width in pixels.
    /// - Throws: a ``KoreaAtlasError``, ``PlatformRolloutError``, ``PilotCityError``,
    ///   `GeoPackageError` or `RenderError`.
    public static func national(atlas: KoreaAtlas, rollout: PlatformRollout? = nil, scenario: RolloutScenario = .recorded,
                                strategy: any SelectionStrategy = DefaultSelectionStrategy(),
                                method: CoverageMethod = .withSidoPlatforms, year: Int? = nil, width: Double = 1200) throws -> Map {
        let rollout = try rollout ?? PlatformRollout.load(atlas: atlas)
        let selections = try rollout.selections(scenario, strategy: strategy)
        let last = year ?? selections.map(\.year).max() ?? 2020
        let geodata = atlas.file
        var sigungu = try geodata.features("sigungu")
        // Parent cities (천안시, 창원시) overlap their districts: only leaf units are drawn.
        sigungu.features.removeAll { $0.properties["is_parent_city"]?.intValue == 1 }
        let sido = try geodata.features("sido")
        var sites: [Feature] = []
        for id in PilotCityID.allCases {
            let site = try PilotSite.derive(id, from: geodata)
            sites.append(Feature(id: .string(id.rawValue), geometry: site.footprint,
                                 properties: ["code": .string(id.rawValue), "name_ko": .string(PilotCityPlan.of(id).nameKorean)]))
        }
        let codes = sigungu.features.map { $0.properties["code"]?.stringValue }
        let joins = rollout.joins(sigunguCodes: codes, selections: selections, year: last, method: method)
        let covered = rollout.coverage(of: selections, years: last...last, method: method)[0]
        let projection = try CRSProjection(fromEPSG: 4326, toEPSG: PilotSite.epsg)
        let outline = Layer(id: "sido", features: sido,
                            style: Style(fillNone: true, stroke: Color(red: 0x55, green: 0x55, blue: 0x55), strokeWidth: 0.6),
                            idField: "code", dataFields: ["code", "name_ko"])
        let site = Layer(id: "pilot-site", features: FeatureCollection(sites),
                         style: Style(fill: Color(red: 0xe3, green: 0x1a, blue: 0x1c), stroke: Color(red: 0x99, green: 0, blue: 0),
                                      strokeWidth: 1.2, fillOpacity: 0.55),
                         idField: "code", dataFields: ["code", "name_ko"], inMapCoordinates: true)
        let insets = try PilotCityID.insets(of: sigungu, codeField: "code", projection: projection, pageWidth: width,
                                            layerIDs: ["coverage", "pilot-site"])
        let nation = rollout.nation
        let options = CoverageMapOptions(
            title: "스마트시티 통합플랫폼 보급 · Smart city integrated platform coverage, 2015–\(last)",
            subtitle: "\(scenario.rawValue), \(method.rawValue): \(covered.cumulative) selections, \(covered.municipalitiesCovered)/\(nation.municipalities) "
                + String(cFormat: "local governments, %.1f %% of people, %.1f %% of area. Light: modelled. Red: pilot sites",
                         covered.populationShare * 100, covered.areaShare * 100),
            attribution: KoreaMaps.attribution + " " + selectionsAttribution,
            projection: projection, width: width, insets: insets, extraLayers: [outline, site])
        return try map(areas: sigungu, joins: joins, options: options)
    }

    /// Draws ``national(atlas:rollout:scenario:strategy:method:year:width:)`` to the SVG file
    /// `path` (its folder is created when missing) and returns the render summary.
    @discardableResult
    public static func renderNational(to path: String, atlas: KoreaAtlas, rollout: PlatformRollout? = nil,
                                      scenario: RolloutScenario = .recorded, strategy: any SelectionStrategy = DefaultSelectionStrategy(),
                                      method: CoverageMethod = .withSidoPlatforms, year: Int? = nil,
                                      width: Double = 1200) throws -> RenderSummary {
        let map = try national(atlas: atlas, rollout: rollout, scenario: scenario, strategy: strategy, method: method,
                               year: year, width: width)
        return try KoreaMaps.render(map, to: path)
    }
}
