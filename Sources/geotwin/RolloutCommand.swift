import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoTwin

extension RolloutScenario: ExpressibleByArgument {}
extension CoverageMethod: ExpressibleByArgument {}

/// Output formats of the rollout and twin commands.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// The selection strategies the CLI offers.
enum StrategyChoice: String, ExpressibleByArgument, CaseIterable {
    case seedCriteria = "seed-criteria"
    case greedy
    case list
}

/// `geotwin rollout`: the integrated platform rollout by year, for a scenario.
struct RolloutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollout",
        abstract: "Smart city integrated platform rollout by year: selections and coverage of the nation.",
        discussion: """
            One row per year with the selections of the year, the cumulative count, how many are
            recorded (named in public reports for that year) or modelled, and the local governments'
            census 2020 population and area covered. Shares divide by the census 2020 household
            population of South Korea (49,941,605) and by the area of all sigungu polygons.
            --method municipal-only counts only municipal platforms; with-sido-platforms lets a
            sido-wide platform (서울특별시, 광주광역시, 제주특별자치도, 강원도, 충청북도) cover its whole sido.
            The CSV header is exactly year,selected,cumulative,recorded,modelled,population_covered,
            population_share,area_km2 (the method is written to stderr).
            """)

    @Option(help: "recorded, plan-2018 or plan-2019.")
    var scenario: RolloutScenario = .recorded

    @Option(help: "table, csv or json.")
    var format: ReportFormat = .table

    @Option(help: "municipal-only or with-sido-platforms.")
    var method: CoverageMethod = .municipalOnly

    @Option(help: "Who fills the unnamed selections: seed-criteria, greedy (by uncovered population) or list (see --list).")
    var strategy: StrategyChoice = .seedCriteria

    @Option(help: "Comma-separated legal codes for --strategy list, in selection order.")
    var list: String?

    @Option(help: "Last year shown (2015 to 2030; plan-2019 goes nationwide in 2023).")
    var until = 2022

    @Flag(help: "Also list every adopter with its five linked services' start years (table and json).")
    var adopters = false

    @Option(help: "The Geodata folder (or its korea.gpkg).")
    var geodata: String?

    @Flag(name: .customLong("current-codes"), help: "Show adopters with today's legal codes (Geodata/code_crosswalk.csv) instead of the boundaries' (base date 2023-09-15).")
    var currentCodes = false

    func validate() throws {
        guard (2015...2030).contains(until) else { throw ValidationError("--until must be 2015...2030, got \(until)") }
        if strategy == .list && (list ?? "").isEmpty { throw ValidationError("--strategy list needs --list CODE,CODE,...") }
    }

    func run() throws {
        try reportingErrors {
            let choice: SelectionStrategyChoice = switch strategy {
            case .seedCriteria: .seedCriteria
            case .greedy: .greedy
            case .list: .list((list ?? "").split(separator: ",").map { $0.trimmingWhitespaces() })
            }
            let atlas = try KoreaAtlas(geodataPath: geodata)
            let report = try RolloutReport(rollout: PlatformRollout.load(atlas: atlas), scenario: scenario, method: method,
                                           strategy: choice, until: until,
                                           currentCodes: currentCodes ? CodeCrosswalk.load(geodata: atlas.geodata) : nil)
            switch format {
            case .csv:
                StandardStreams.writeError("geotwin: coverage method: \(method.rawValue); scenario: \(scenario.rawValue)\n")
                print(report.csv, terminator: "")
            case .json:
                print(try report.json(adopters: adopters))
            case .table:
                print(report.table)
                if adopters { print(report.adopterTable) }
            }
        }
    }
}
