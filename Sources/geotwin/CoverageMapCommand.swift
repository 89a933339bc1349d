import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
            With --html FILE it writes the interactive viewer instead (one self-contained HTML
            page: a year slider, scenario and method switches, tooltips, the pilot twins as
            overlays, the view in the URL fragment); --year, --scenario and --method then set the
            view shown first. --out still writes the SVG map when given.
            """)

    @Option(help: "Last year shown (default: the scenario's last year).")
    var year: Int?

    @Option(help: "recorded, plan-2018 or plan-2019.")
    var scenario: RolloutScenario = .recorded

    @Option(help: "municipal-only or with-sido-platforms.")
    var method: CoverageMethod = .withSidoPlatforms

    @Option(help: "Output SVG file (default out/coverage.svg, not written with --html unless given).")
    var out: String?

    @Option(help: "Write the interactive HTML viewer to this file.")
    var html: String?

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
            progress.step("reading the rollout and the boundaries, deriving the pilot city footprints")
            let atlas = try KoreaAtlas(geodataPath: geodata)
            if let html {
                progress.step("writing the viewer \(html)")
                let started = Date()
                let rollout = try PlatformRollout.load(atlas: atlas)
                let shown = try year ?? rollout.selections(scenario).map(\.year).max() ?? CoverageViewer.firstYear
                let initial = CoverageViewerState(year: shown, scenario: scenario, method: method)
                let bytes = try CoverageViewer.write(to: html, atlas: atlas, rollout: rollout, initial: initial, width: width)
                print("\(html): \(bytes) bytes, view #\(initial.fragment), \(Int(Date().timeIntervalSince(started) * 1000)) ms")
            }
            guard html == nil || out != nil else { return }
            let path = out ?? "out/coverage.svg"
            let map = try CoverageMap.national(atlas: atlas, scenario: scenario, method: method, year: year, width: width)
            progress.step("drawing \(path)")
            try MapCommand.render(map, to: path)
        }
    }
}

/// Progress lines on stderr (`geotwin: <step> ...`), for commands that take over a second.
final class Progress {
    private let started = Date()

    /// Prints one progress line with the time elapsed so far.
    func step(_ what: String) {
        let s = Date().timeIntervalSince(started)
        StandardStreams.writeError(String(cFormat: "geotwin: [%.1f s] ", s) + what + " ...\n")
    }
}
