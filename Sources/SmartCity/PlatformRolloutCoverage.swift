/// How coverage counts a sido-wide platform.
public enum CoverageMethod: String, Hashable, Sendable, CaseIterable, Codable {
    /// Only municipal platforms cover anything; sido-wide platforms count as selections only.
    case municipalOnly = "municipal-only"
    /// A sido-wide platform (서울특별시, 광주광역시, 제주특별자치도, 강원도, 충청북도) covers every
    /// local government of its sido.
    case withSidoPlatforms = "with-sido-platforms"
}

/// The rollout up to the end of one year.
public struct RolloutYear: Hashable, Sendable, Codable {
    /// The year.
    public var year: Int
    /// Selections in the year.
    public var selected: Int
    /// Selections up to the end of the year.
    public var cumulative: Int
    /// Selections of the year that the public record names for that year.
    public var recorded: Int
    /// Selections of the year that a model chose.
    public var modelled: Int
    /// Local governments covered at the end of the year.
    public var municipalitiesCovered: Int
    /// Share of all local governments covered, 0...1.
    public var municipalityShare: Double
    /// Census 2020 household population of the covered local governments, persons.
    public var populationCovered: Int
    /// Share of the nation's census 2020 household population (49,941,605), 0...1.
    public var populationShare: Double
    /// Area of the covered local governments, km².
    public var areaKm2: Double
    /// Share of the area of all local governments, 0...1.
    public var areaShare: Double
}

/// Totals of the nation the shares divide by.
public struct NationTotals: Hashable, Sendable, Codable {
    /// Number of local governments.
    public var municipalities: Int
    /// Census 2020 household population, persons.
    public var population: Int
    /// Area of the sigungu polygons (parent-city polygons excluded), km².
    public var areaKm2: Double
}

extension PlatformRollout {
    /// The seeds' goal: "two thirds of the nation benefit" (001), as a population share.
    public static let twoThirdsGoal = 2.0 / 3.0

    /// The nation's totals over ``units``.
    public var nation: NationTotals {
        NationTotals(municipalities: units.count, population: units.reduce(0) { $0 + $1.population },
                     areaKm2: units.reduce(0) { $0 + $1.areaKm2 })
    }

    /// The codes of the local governments `selections` cover by `method`.
    public func coveredCodes(_ selections: [RolloutRecord], method: CoverageMethod) -> Set<String> {
        var out: Set<String> = []
        let sido = Set(selections.filter { $0.level == .sido }.map(\.code))
        for s in selections where s.level == .sigungu { out.insert(s.code) }
        if method == .withSidoPlatforms {
            for u in units where sido.contains(u.sidoCode) { out.insert(u.code) }
        }
        return out
    }

    /// Coverage at the end of each year of `years`, counted by `method`.
    public func coverage(of selections: [RolloutRecord], years: ClosedRange<Int>, method: CoverageMethod) -> [RolloutYear] {
        let total = nation
        return years.map { year in
            let upTo = selections.filter { $0.year <= year }
            let inYear = upTo.filter { $0.year == year }
            // In code order, so the sums (and the JSON report) are the same from run to run.
            let covered = coveredCodes(upTo, method: method).sorted().compactMap { unit(code: $0) }
            let population = covered.reduce(0) { $0 + $1.population }
            let area = covered.reduce(0) { $0 + $1.areaKm2 }
            return RolloutYear(
                year: year, selected: inYear.count, cumulative: upTo.count,
                recorded: inYear.filter { $0.status == .recorded }.count, modelled: inYear.filter { $0.status == .modelled }.count,
                municipalitiesCovered: covered.count,
                municipalityShare: total.municipalities > 0 ? Double(covered.count) / Double(total.municipalities) : 0,
                populationCovered: population,
                populationShare: total.population > 0 ? Double(population) / Double(total.population) : 0,
                areaKm2: area, areaShare: total.areaKm2 > 0 ? area / total.areaKm2 : 0)
        }
    }

    /// The first year of `coverage` whose population share reaches two thirds, or nil.
    public static func yearReachingTwoThirds(_ coverage: [RolloutYear]) -> Int? {
        coverage.first { $0.populationShare >= twoThirdsGoal }?.year
    }
}
