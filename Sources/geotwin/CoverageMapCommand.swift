import ArgumentParser
import Foundation
import GeoTwin

/// `geotwin map coverage`: the national map of integrated platform coverage.
struct CoverageMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "National map of smart city integrated platform coverage by year of selection (EPSG:5179).",
        discussion: """
            Every sigungu is coloured by the year its local government's platform was selected,
            up to --year; modelled selections (unnamed in public reports) are drawn in a lighter
            tone with their own legend entries. With --method with-sido-platforms (the default
            here) areas covered only by a sido-wide platform get their own colour. The two pilot
            smart cities are shown in insets with their site footprints.
            """)

    @Option(help: "Last year shown (default: the scenario's last year).")
    var year: Int?

    @Option(help: "recorded, plan-2018 or plan-2019.")
    var scenario: RolloutScenario = .recorded

    @Option(help: "municipal-only or with-sido-platforms.")
    var method: CoverageMethod = .withSidoPlatforms

    @Option(help: "Output SVG file.")
    var out = "out/coverage.svg"

    @Option(help: "Page width in pixels.")
    var width = 1200.0

    @Option(help: "The Geodata folder (or its korea.gpkg).")
    var geodata: String?

    func validate() throws {
        if let year, !(2015...2030).contains(year) { throw ValidationError("--year must be 2015...2030, got \(year)") }
        guard width >= 300, width <= 10_000 else { throw ValidationError("--width must be 300...10000") }
    }

    func run() throws {
        try reportingErrors {
            let progress = Progress()
            let atlas = try KoreaAtlas(geodataPath: geodata)
            let gpkg = atlas.geodata.appendingPathComponent(GeodataLocation.fileName).path
            progress.step("reading the rollout and the boundaries")
            let rollout = try PlatformRollout.load(atlas: atlas)
            let selections = try rollout.selections(scenario)
            let last = year ?? selections.map(\.year).max() ?? 2020
            let reader = try GeoPackageReader(path: gpkg)
            var sigungu = try reader.readLayer("sigungu").featureCollection
            sigungu.features.removeAll { $0.properties["is_parent_city"]?.intValue == 1 }
            let sido = try reader.readLayer("sido").featureCollection
            progress.step("deriving the pilot city footprints")
            var sites = FeatureCollection([])
            for id in PilotCityID.allCases {
                let site = try PilotSite.derive(id, geodata: atlas.geodata)
                sites.features.append(Feature(id: .string(id.rawValue), geometry: try site.footprintWGS84(),
                                              properties: ["code": .string(id.rawValue), "name_ko": .string(PilotCityPlan.of(id).nameKorean)]))
            }
            let codes = sigungu.features.map { $0.properties["code"]?.stringValue }
            let joins = rollout.joins(sigunguCodes: codes, selections: selections, year: last, method: method)
            let covered = rollout.coverage(of: selections, years: last...last, method: method)[0]
            let projection = try CRSProjection(fromEPSG: 4326, toEPSG: 5179)
            let outline = Layer(id: "sido", features: sido,
                                style: Style(fillNone: true, stroke: Color(red: 0x55, green: 0x55, blue: 0x55), strokeWidth: 0.6),
                                idField: "code", dataFields: ["code", "name_ko"])
            let site = Layer(id: "pilot-site", features: sites,
                             style: Style(fill: Color(red: 0xe3, green: 0x1a, blue: 0x1c), stroke: Color(red: 0x99, green: 0, blue: 0),
                                          strokeWidth: 1.2, fillOpacity: 0.55),
                             idField: "code", dataFields: ["code", "name_ko"])
            let insets = try Self.insets(sigungu, projection: projection, width: width)
            let options = CoverageMapOptions(
                title: "스마트시티 통합플랫폼 보급 · Smart city integrated platform coverage, 2015–\(last)",
                subtitle: "\(scenario.rawValue), \(method.rawValue): \(covered.cumulative) selections, \(covered.municipalitiesCovered)/\(rollout.nation.municipalities) "
                    + String(format: "local governments, %.1f %% of people, %.1f %% of area. Light: modelled. Red: pilot sites",
                             covered.populationShare * 100, covered.areaShare * 100),
                attribution: MapCommand.attribution + " Selections: MOLIT and Korean news reports (Geodata/rollout.csv).",
                projection: projection, width: width, insets: insets, extraLayers: [outline, site])
            let map = try CoverageMap.map(areas: sigungu, joins: joins, options: options)
            progress.step("drawing \(out)")
            try Self.ensureDirectory(of: out)
            try MapCommand.render(map, to: out)
        }
    }

    /// Insets on Sejong (36110) and Busan Gangseo-gu (26440) at the right of the page.
    static func insets(_ sigungu: FeatureCollection, projection: CRSProjection, width: Double) throws -> [Inset] {
        func extent(_ code: String) throws -> BoundingBox {
            var box = BoundingBox.empty
            for f in sigungu.features where f.properties["code"]?.stringValue == code {
                guard let b = f.geometry?.boundingBox else { continue }
                for (x, y) in [(b.minX, b.minY), (b.maxX, b.maxY), (b.minX, b.maxY), (b.maxX, b.minY)] {
                    let p = projection.project(x: x, y: y)
                    if p.x.isFinite { box.expand(toInclude: Coordinate(p.x, p.y)) }
                }
            }
            guard !box.isEmpty else { throw CLIError("korea.gpkg: no sigungu \(code)") }
            return box.expanded(by: 1500)
        }
        let w = width * 0.2, h = width * 0.2, margin = 16.0
        let x = width - margin - 10 - w
        return [
            Inset(id: "sejong", title: "세종 5-1 생활권 (Sejong)", extent: try extent("36110"),
                  frame: BoundingBox(minX: x, minY: width * 0.3, maxX: x + w, maxY: width * 0.3 + h),
                  layerIDs: ["coverage", "pilot-site"]),
            Inset(id: "busan-edc", title: "부산 에코델타시티 (Gangseo-gu)", extent: try extent("26440"),
                  frame: BoundingBox(minX: x, minY: width * 0.3 + h + 12, maxX: x + w, maxY: width * 0.3 + 2 * h + 12),
                  layerIDs: ["coverage", "pilot-site"]),
        ]
    }

    /// Creates the folder of `path` if it is missing.
    static func ensureDirectory(of path: String) throws {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            throw CLIError("\(dir.path): cannot create folder: \(error.localizedDescription)")
        }
    }
}

/// Progress lines on stderr (`geotwin: <step> ...`), for commands that take over a second.
final class Progress {
    private let started = Date()

    /// Prints one progress line with the time elapsed so far.
    func step(_ what: String) {
        let s = Date().timeIntervalSince(started)
        FileHandle.standardError.write(Data(String(format: "geotwin: [%.1f s] %@ ...\n", s, what).utf8))
    }
}
