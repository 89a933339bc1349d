/// What a selection strategy knows when it fills a round.
public struct SelectionContext: Sendable {
    /// Year of the round.
    public var year: Int
    /// Round within the year.
    public var round: RolloutRound
    /// Codes selected before this round (local governments and sido).
    public var selected: Set<String>

    /// Creates a context.
    public init(year: Int, round: RolloutRound, selected: Set<String>) {
        self.year = year
        self.round = round
        self.selected = selected
    }
}

/// One pick of a strategy: the unit and the rule that chose it (written to the `source` column).
public struct SelectionPick: Hashable, Sendable {
    /// The local government chosen.
    public var unit: LocalGovernment
    /// Why (e.g. `selection model, tier 2: over 300,000 residents`).
    public var reason: String

    /// Creates a pick.
    public init(unit: LocalGovernment, reason: String) {
        self.unit = unit
        self.reason = reason
    }
}

/// Chooses the local governments of the selections no public report names, and the adopters of
/// plan scenarios beyond the record. Replaceable: pass your own to ``PlatformRollout``.
public protocol SelectionStrategy: Sendable {
    /// A short name for output (e.g. `seed-criteria`).
    var name: String { get }
    /// Picks `count` units from `candidates` (never selected, never named anywhere in the record),
    /// in the order they are selected.
    /// - Throws: ``PlatformRolloutError/strategyExhausted(year:round:missing:)`` when too few fit.
    func select(_ count: Int, from candidates: [LocalGovernment], context: SelectionContext)
        throws(PlatformRolloutError) -> [SelectionPick]
}

/// The seeds' criteria (001, Dec 2018): enterprise and innovation cities first, then
/// municipalities of more than 300,000 residents, then by population; within a tier by census 2020
/// population descending, ties by legal code. Reproduces the `modelled` rows of `Geodata/rollout.csv`.
public struct DefaultSelectionStrategy: SelectionStrategy {
    /// `seed-criteria`.
    public let name = "seed-criteria"
    /// Residents above which a municipality is in the second tier.
    public static let largeCity = 300_000
    /// Source of the first tier.
    public static let hostSource = "MOLIT 혁신도시 (10 innovation cities) and 기업도시 (enterprise cities 원주, 충주, 태안, 영암·해남)"
    /// Local governments hosting one of the 10 innovation cities (혁신도시) or an enterprise city
    /// (기업도시), by legal code, with the site.
    public static let innovationAndEnterpriseHosts: [String: String] = [
        "26200": "innovation city 부산 (동삼, 영도구)", "26290": "innovation city 부산 (문현·대연, 남구)",
        "26350": "innovation city 부산 (센텀, 해운대구)", "27140": "innovation city 대구 (동구)",
        "31110": "innovation city 울산 (중구)", "46170": "innovation city 광주·전남 (나주시)",
        "42130": "innovation city 강원 and enterprise city (원주시)", "43750": "innovation city 충북 (진천군)",
        "43770": "innovation city 충북 (음성군)", "45110": "innovation city 전북 (전주시)",
        "45710": "innovation city 전북 (완주군)", "47150": "innovation city 경북 (김천시)",
        "48170": "innovation city 경남 (진주시)", "50130": "innovation city 제주 (서귀포시)",
        "43130": "enterprise city (충주시)", "44825": "enterprise city (태안군)",
        "46830": "enterprise city 영암·해남 (영암군)", "46820": "enterprise city 영암·해남 (해남군)",
    ]

    /// Creates the strategy.
    public init() {}

    /// Picks by tier, then population descending, then code.
    public func select(_ count: Int, from candidates: [LocalGovernment], context: SelectionContext)
        throws(PlatformRolloutError) -> [SelectionPick] {
        func tier(_ u: LocalGovernment) -> Int {
            Self.innovationAndEnterpriseHosts[u.code] != nil ? 0 : u.population > Self.largeCity ? 1 : 2
        }
        let ordered = candidates.sorted { a, b in
            (tier(a), -a.population, a.code) < (tier(b), -b.population, b.code)
        }
        guard ordered.count >= count else {
            throw .strategyExhausted(year: context.year, round: context.round, missing: count - ordered.count)
        }
        return ordered.prefix(count).map { u in
            let reason: String
            if let host = Self.innovationAndEnterpriseHosts[u.code] {
                reason = "selection model, tier 1: \(host) (\(Self.hostSource))"
            } else if u.population > Self.largeCity {
                reason = "selection model, tier 2: over 300,000 residents (\(Self.grouped(u.population)), census 2020)"
            } else {
                reason = "selection model, tier 3: by population (\(Self.grouped(u.population)), census 2020)"
            }
            return SelectionPick(unit: u, reason: reason)
        }
    }

    /// `1234567` -> `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}

/// Greedy by uncovered population: each pick is the unit with the most residents not yet served
/// by any platform (a unit inside a sido with a sido-wide platform counts as served), ties by code.
public struct GreedyUncoveredPopulationStrategy: SelectionStrategy {
    /// `greedy-uncovered-population`.
    public let name = "greedy-uncovered-population"

    /// Creates the strategy.
    public init() {}

    /// Picks by uncovered population descending.
    public func select(_ count: Int, from candidates: [LocalGovernment], context: SelectionContext)
        throws(PlatformRolloutError) -> [SelectionPick] {
        func uncovered(_ u: LocalGovernment) -> Int { context.selected.contains(u.sidoCode) ? 0 : u.population }
        let ordered = candidates.sorted { (-uncovered($0), $0.code) < (-uncovered($1), $1.code) }
        guard ordered.count >= count else {
            throw .strategyExhausted(year: context.year, round: context.round, missing: count - ordered.count)
        }
        return ordered.prefix(count).map {
            SelectionPick(unit: $0, reason: "selection model, greedy: \(DefaultSelectionStrategy.grouped(uncovered($0))) uncovered residents")
        }
    }
}

/// A user's own list of local governments (legal codes), taken in order; codes already selected
/// are skipped.
public struct ListSelectionStrategy: SelectionStrategy {
    /// `user-list`.
    public let name = "user-list"
    /// The codes, in the order they should be selected.
    public var codes: [String]

    /// Creates the strategy.
    public init(codes: [String]) { self.codes = codes }

    /// The next unselected codes of the list.
    /// - Throws: ``PlatformRolloutError/invalidListEntry(_:)`` for a code that is no local
    ///   government; ``PlatformRolloutError/strategyExhausted(year:round:missing:)`` when the list runs out.
    public func select(_ count: Int, from candidates: [LocalGovernment], context: SelectionContext)
        throws(PlatformRolloutError) -> [SelectionPick] {
        var byCode: [String: LocalGovernment] = [:]
        for u in candidates { byCode[u.code] = u }
        var out: [SelectionPick] = []
        for code in codes where out.count < count {
            guard code.count == 5, code.allSatisfy(\.isNumber) else { throw .invalidListEntry(code) }
            if let u = byCode[code], !out.contains(where: { $0.unit.code == code }) {
                out.append(SelectionPick(unit: u, reason: "user list"))
            }
        }
        guard out.count == count else {
            throw .strategyExhausted(year: context.year, round: context.round, missing: count - out.count)
        }
        return out
    }
}
