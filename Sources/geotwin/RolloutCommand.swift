import ArgumentParser
import Foundation
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

    func validate() throws {
        guard (2015...2030).contains(until) else { throw ValidationError("--until must be 2015...2030, got \(until)") }
        if strategy == .list && (list ?? "").isEmpty { throw ValidationError("--strategy list needs --list CODE,CODE,...") }
    }

    func run() throws {
        try reportingErrors {
            let rollout = try PlatformRollout.load(atlas: KoreaAtlas(geodataPath: geodata))
            let chosen = try Self.strategy(strategy, list: list)
            let selections = try rollout.selections(scenario, strategy: chosen)
            let years = rollout.coverage(of: selections, years: 2015...until, method: method)
            switch format {
            case .csv:
                FileHandle.standardError.write(Data("geotwin: coverage method: \(method.rawValue); scenario: \(scenario.rawValue)\n".utf8))
                print("year,selected,cumulative,recorded,modelled,population_covered,population_share,area_km2")
                for y in years {
                    print("\(y.year),\(y.selected),\(y.cumulative),\(y.recorded),\(y.modelled),\(y.populationCovered),"
                          + "\(String(format: "%.4f", y.populationShare)),\(String(format: "%.1f", y.areaKm2))")
                }
            case .json:
                print(try Self.json(rollout: rollout, selections: selections, scenario: scenario, method: method,
                                    strategy: chosen.name, until: until, adopters: adopters))
            case .table:
                print(Self.table(rollout: rollout, selections: selections, years: years, scenario: scenario, method: method,
                                 strategy: chosen.name, until: until))
                if adopters { print(Self.adopterTable(selections)) }
            }
        }
    }

    static func strategy(_ choice: StrategyChoice, list: String?) throws -> any SelectionStrategy {
        switch choice {
        case .seedCriteria: DefaultSelectionStrategy()
        case .greedy: GreedyUncoveredPopulationStrategy()
        case .list: ListSelectionStrategy(codes: (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }

    static func table(rollout: PlatformRollout, selections: [RolloutRecord], years: [RolloutYear], scenario: RolloutScenario,
                      method: CoverageMethod, strategy: String, until: Int) -> String {
        let nation = rollout.nation
        var lines = [
            "Integrated platform rollout, scenario \(scenario.rawValue): \(scenario.summary)",
            "Coverage method: \(method.rawValue); unnamed selections: \(strategy). Nation: \(nation.municipalities) local governments, "
                + "\(grouped(nation.population)) persons (census 2020 household population), \(String(format: "%.0f", nation.areaKm2)) km².",
            "",
            "year  selected  cumulative  recorded  modelled  municipalities  population covered     share    area km²   share",
        ]
        for y in years {
            lines.append(pad("\(y.year)", 4, left: true) + pad("\(y.selected)", 10) + pad("\(y.cumulative)", 12) + pad("\(y.recorded)", 10)
                         + pad("\(y.modelled)", 10) + pad("\(y.municipalitiesCovered)", 16) + pad(grouped(y.populationCovered), 20)
                         + pad(percent(y.populationShare), 10) + pad(String(format: "%.0f", y.areaKm2), 12) + pad(percent(y.areaShare), 8))
        }
        lines.append("")
        for m in CoverageMethod.allCases {
            let c = rollout.coverage(of: selections, years: 2015...until, method: m)
            let reached = PlatformRollout.yearReachingTwoThirds(c)
            let best = c.last.map { percent($0.populationShare) } ?? "-"
            lines.append("Goal \"two thirds of the nation\" (population share ≥ 66.7 %), \(m.rawValue): "
                         + (reached.map { "reached in \($0)" } ?? "not reached by \(until)") + " (\(best) in \(until))")
        }
        return lines.joined(separator: "\n")
    }

    static func adopterTable(_ selections: [RolloutRecord]) -> String {
        var lines = ["", "seq  year  round     code   level    status    adopter              services from (modelled: selection year + \(PlatformRollout.buildYears))"]
        for a in PlatformRollout.linkedServices(selections) {
            let s = a.selection
            let start = a.services.map(\.year).min().map(String.init) ?? "-"
            lines.append(pad("\(s.sequence)", 3, left: true) + "  " + pad("\(s.year)", 4, left: true) + "  " + pad(s.round, 8, left: true)
                         + "  " + pad(s.code, 5, left: true) + "  " + pad(s.level.rawValue, 7, left: true) + "  "
                         + pad(s.status.rawValue, 8, left: true) + "  " + pad(s.adopter, 20, left: true) + " " + start)
        }
        return lines.joined(separator: "\n")
    }

    struct JSONReport: Encodable {
        var scenario: String
        var scenarioSummary: String
        var method: String
        var strategy: String
        var nation: NationTotals
        var years: [RolloutYear]
        var twoThirdsGoal: Double
        var twoThirdsReachedIn: [String: Int?]
        var adopters: [AdopterServices]?
    }

    static func json(rollout: PlatformRollout, selections: [RolloutRecord], scenario: RolloutScenario, method: CoverageMethod,
                     strategy: String, until: Int, adopters: Bool) throws -> String {
        var reached: [String: Int?] = [:]
        for m in CoverageMethod.allCases {
            reached[m.rawValue] = PlatformRollout.yearReachingTwoThirds(rollout.coverage(of: selections, years: 2015...until, method: m))
        }
        let report = JSONReport(scenario: scenario.rawValue, scenarioSummary: scenario.summary, method: method.rawValue, strategy: strategy,
                                nation: rollout.nation, years: rollout.coverage(of: selections, years: 2015...until, method: method),
                                twoThirdsGoal: PlatformRollout.twoThirdsGoal, twoThirdsReachedIn: reached,
                                adopters: adopters ? PlatformRollout.linkedServices(selections) : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}

/// `s` padded with spaces to `width` display columns (Hangul counts two), right-aligned unless `left`.
func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let w = s.unicodeScalars.reduce(0) { $0 + (($1.value >= 0xAC00 && $1.value <= 0xD7A3) || ($1.value >= 0x1100 && $1.value <= 0x11FF) ? 2 : 1) }
    let fill = String(repeating: " ", count: max(0, width - w))
    return left ? s + fill : fill + s
}

/// `1234567` -> `1,234,567`.
func grouped(_ n: Int) -> String {
    let digits = Array(String(abs(n)))
    var out = n < 0 ? "-" : ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return out
}
