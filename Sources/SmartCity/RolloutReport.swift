#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Who fills the selections public reports do not name, by name: what `geotwin rollout
/// --strategy` chooses between.
public enum SelectionStrategyChoice: Hashable, Sendable {
    /// ``DefaultSelectionStrategy``: the seed documents' criteria.
    case seedCriteria
    /// ``GreedyUncoveredPopulationStrategy``: the most uncovered population first.
    case greedy
    /// ``ListSelectionStrategy``: the given legal codes, in order.
    case list([String])

    /// The strategy.
    public var strategy: any SelectionStrategy {
        switch self {
        case .seedCriteria: DefaultSelectionStrategy()
        case .greedy: GreedyUncoveredPopulationStrategy()
        case .list(let codes): ListSelectionStrategy(codes: codes)
        }
    }
}

/// The rollout by year as `geotwin rollout` prints it: a table, CSV or JSON of the selections of
/// each year, the cumulative count, recorded vs modelled, and the census population and area
/// covered, for one scenario, coverage method and selection strategy.
///
/// ```swift
/// let rollout = try PlatformRollout.load(atlas: KoreaAtlas())
/// let report = try RolloutReport(rollout: rollout, scenario: .recorded, method: .withSidoPlatforms, until: 2022)
/// print(report.table)
/// print(report.years.last?.cumulative ?? 0)          // 108
/// ```
public struct RolloutReport: Sendable {
    /// The rollout the report is drawn from.
    public let rollout: PlatformRollout
    /// The scenario.
    public let scenario: RolloutScenario
    /// How coverage is counted.
    public let method: CoverageMethod
    /// The name of the strategy that filled unnamed selections.
    public let strategyName: String
    /// The last year reported.
    public let until: Int
    /// The scenario's selections (filled by the strategy).
    public let selections: [RolloutRecord]
    /// One row per year, 2015 through ``until``.
    public let years: [RolloutYear]
    /// Selections of later programmes (e.g. 스마트 도시안전망 확산사업, 2024-) up to ``until``,
    /// kept apart from the platform programme's rows: they count in no year above.
    public let laterSelections: [RolloutRecord]
    /// When set, adopters' codes are shown as today's (``CodeCrosswalk``), not the shipped data's.
    public let currentCodes: CodeCrosswalk?

    /// Builds the report.
    /// - Throws: ``PlatformRolloutError`` when the strategy cannot fill the selections.
    public init(rollout: PlatformRollout, scenario: RolloutScenario = .recorded, method: CoverageMethod = .municipalOnly,
                strategy: SelectionStrategyChoice = .seedCriteria, until: Int = 2022,
                currentCodes: CodeCrosswalk? = nil) throws(PlatformRolloutError) {
        self.rollout = rollout
        self.currentCodes = currentCodes
        laterSelections = rollout.laterProgrammes.filter { $0.year <= until }
        self.scenario = scenario
        self.method = method
        self.until = until
        let chosen = strategy.strategy
        strategyName = chosen.name
        selections = try rollout.selections(scenario, strategy: chosen)
        years = rollout.coverage(of: selections, years: 2015...until, method: method)
    }

    /// The coverage by year under `m`: ``years`` for the report's own method, computed otherwise.
    private func coverage(_ m: CoverageMethod) -> [RolloutYear] {
        m == method ? years : rollout.coverage(of: selections, years: 2015...until, method: m)
    }

    /// The CSV: header `year,selected,cumulative,recorded,modelled,population_covered,population_share,area_km2`.
    public var csv: String {
        var out = "year,selected,cumulative,recorded,modelled,population_covered,population_share,area_km2\n"
        for y in years {
            out += "\(y.year),\(y.selected),\(y.cumulative),\(y.recorded),\(y.modelled),\(y.populationCovered),"
                + "\(String(cFormat: "%.4f", y.populationShare)),\(String(cFormat: "%.1f", y.areaKm2))\n"
        }
        return out
    }

    /// The table: a heading with the scenario, method, strategy and nation, one line per year,
    /// then the year each method reaches two thirds of the nation.
    public var table: String {
        let nation = rollout.nation
        let pad = ReportText.pad, percent = ReportText.percent
        var lines = [
            "Integrated platform rollout, scenario \(scenario.rawValue): \(scenario.summary)",
            "Coverage method: \(method.rawValue); unnamed selections: \(strategyName). Nation: \(nation.municipalities) local governments, "
                + "\(ReportText.grouped(nation.population)) persons (census 2020 household population), \(String(cFormat: "%.0f", nation.areaKm2)) km².",
            "",
            "year  selected  cumulative  recorded  modelled  municipalities  population covered     share    area km²   share",
        ]
        for y in years {
            lines.append(pad("\(y.year)", 4, true) + pad("\(y.selected)", 10, false) + pad("\(y.cumulative)", 12, false)
                         + pad("\(y.recorded)", 10, false) + pad("\(y.modelled)", 10, false) + pad("\(y.municipalitiesCovered)", 16, false)
                         + pad(ReportText.grouped(y.populationCovered), 20, false) + pad(percent(y.populationShare), 10, false)
                         + pad(String(cFormat: "%.0f", y.areaKm2), 12, false) + pad(percent(y.areaShare), 8, false))
        }
        lines.append("")
        for m in CoverageMethod.allCases {
            let c = coverage(m)
            let reached = PlatformRollout.yearReachingTwoThirds(c)
            let best = c.last.map { percent($0.populationShare) } ?? "-"
            lines.append("Goal \"two thirds of the nation\" (population share ≥ 66.7 %), \(m.rawValue): "
                         + (reached.map { "reached in \($0)" } ?? "not reached by \(until)") + " (\(best) in \(until))")
        }
        if !laterSelections.isEmpty {
            lines.append("")
            lines.append("Later programmes (kept apart from the \(rollout.records.count) selections above):")
            for (programme, rows) in Dictionary(grouping: laterSelections, by: \.programme).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                for (year, inYear) in Dictionary(grouping: rows, by: \.year).sorted(by: { $0.key < $1.key }) {
                    let names = inYear.sorted { $0.sequence < $1.sequence }.map { r in
                        r.adopter + (r.status == .modelled ? " (modelled)" : "")
                    }
                    lines.append("  \(programme.rawValue) \(year): \(inYear.count) (\(names.joined(separator: ", ")))")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Every adopter with the start year of its linked services.
    public var adopterTable: String {
        let pad = ReportText.pad
        var lines = ["", "seq  year  round     code   level    status    adopter              services from (modelled: selection year + \(PlatformRollout.buildYears))"]
        for a in PlatformRollout.linkedServices(shownSelections) {
            let s = a.selection
            let start = a.services.map(\.year).min().map(String.init) ?? "-"
            lines.append(pad("\(s.sequence)", 3, true) + "  " + pad("\(s.year)", 4, true) + "  " + pad(s.round.rawValue, 8, true)
                         + "  " + pad(s.code, 5, true) + "  " + pad(s.level.rawValue, 7, true) + "  "
                         + pad(s.status.rawValue, 8, true) + "  " + pad(s.adopter, 20, true) + " " + start)
        }
        return lines.joined(separator: "\n")
    }

    private struct JSONReport: Encodable {
        var scenario: String
        var scenarioSummary: String
        var method: String
        var strategy: String
        var nation: NationTotals
        var years: [RolloutYear]
        var twoThirdsGoal: Double
        var twoThirdsReachedIn: [String: Int?]
        var adopters: [AdopterServices]?
        var laterProgrammes: [RolloutRecord]
        var codes: String
    }

    /// The selections with their codes as shown (today's with ``currentCodes``).
    private var shownSelections: [RolloutRecord] { currentCodes?.apply(to: selections) ?? selections }

    /// The report as one JSON object (sorted keys): scenario, method, strategy, nation, years,
    /// the two-thirds goal per method, and with `adopters` every adopter's linked services.
    public func json(adopters: Bool = false) throws -> String {
        var reached: [String: Int?] = [:]
        for m in CoverageMethod.allCases {
            reached[m.rawValue] = PlatformRollout.yearReachingTwoThirds(coverage(m))
        }
        return try ReportText.json(JSONReport(scenario: scenario.rawValue, scenarioSummary: scenario.summary, method: method.rawValue,
                                              strategy: strategyName, nation: rollout.nation, years: years,
                                              twoThirdsGoal: PlatformRollout.twoThirdsGoal, twoThirdsReachedIn: reached,
                                              adopters: adopters ? PlatformRollout.linkedServices(shownSelections) : nil,
                                              laterProgrammes: currentCodes?.apply(to: laterSelections) ?? laterSelections,
                                              codes: currentCodes == nil ? CodeCrosswalk.sourceCodeSystem : "current legal codes (\(CodeCrosswalk.fileName))"))
    }
}
