/// The smart city integrated platform rollout (스마트시티 통합플랫폼 보급): the record of the
/// selections, the local governments they resolve to, and the scenarios built from them.
///
/// ```swift
/// let rollout = try PlatformRollout.load(atlas: KoreaAtlas())
/// let selections = try rollout.selections(.recorded)
/// for year in rollout.coverage(of: selections, years: 2015...2022, method: .withSidoPlatforms) {
///     print(year.year, year.cumulative, year.populationShare)
/// }
/// ```
public struct PlatformRollout: Sendable {
    /// Every local government of the atlas, by code.
    public let units: [LocalGovernment]
    /// The 17 sido.
    public let provinces: [Province]
    /// The rows of `Geodata/rollout.csv` of the platform programme (the 108), in sequence order.
    public let records: [RolloutRecord]
    /// The rows of later programmes (스마트 도시안전망 확산사업, 2024-), kept apart from ``records``:
    /// see ``withLaterProgrammes(_:until:)``.
    public let laterProgrammes: [RolloutRecord]
    private let byCode: [String: Int]

    /// A rollout over `units`, `provinces` and `records` (rows of later programmes go to ``laterProgrammes``).
    /// - Throws: ``PlatformRolloutError/unknownCode(_:)`` for a record whose code is no unit or sido.
    public init(units: [LocalGovernment], provinces: [Province], records: [RolloutRecord]) throws(PlatformRolloutError) {
        self.units = units
        self.provinces = provinces
        let sorted = records.sorted { $0.sequence < $1.sequence }
        self.records = sorted.filter { $0.programme == .platform }
        self.laterProgrammes = sorted.filter { $0.programme != .platform }
        var byCode: [String: Int] = [:]
        for (i, u) in units.enumerated() { byCode[u.code] = i }
        self.byCode = byCode
        let sido = Set(provinces.map(\.code))
        for r in records {
            let known = r.level == .sido ? sido.contains(r.code) : byCode[r.code] != nil
            if !known { throw .unknownCode(r.code) }
        }
    }

    /// Loads the units from `atlas` and the records from its Geodata folder.
    @available(macOS 15.0, *)
    public static func load(atlas: KoreaAtlas) throws(PlatformRolloutError) -> PlatformRollout {
        let municipalities: [Municipality]
        let provinces: [Province]
        do {
            municipalities = try atlas.municipalities()
            provinces = try atlas.provinces()
        } catch { throw .atlas(error) }
        return try PlatformRollout(units: LocalGovernments.build(municipalities: municipalities, provinces: provinces),
                                   provinces: provinces, records: RolloutRecords.load(geodata: atlas.geodata))
    }

    /// The unit with legal code `code`, or nil.
    public func unit(code: String) -> LocalGovernment? { byCode[code].map { units[$0] } }

    /// The selections of `scenario`, in order. The recorded rows are kept; every modelled slot
    /// (the record's unnamed selections, and in the plans every selection beyond the record's
    /// order) is filled by `strategy`. In a plan, a selection is `recorded` only when the record
    /// has that adopter in that same year; otherwise it is `modelled`.
    public func selections(_ scenario: RolloutScenario, strategy: any SelectionStrategy = DefaultSelectionStrategy())
        throws(PlatformRolloutError) -> [RolloutRecord] {
        let record = try refilled(strategy: strategy)
        guard let schedule = scenario.schedule else { return record }
        var out: [RolloutRecord] = []
        var next = 0
        var selected: Set<String> = []
        for (year, count) in schedule {
            var taken = 0
            while taken < count && next < record.count {
                var r = record[next]
                next += 1
                if r.year != year { r.status = .modelled }
                r.round = .plan
                r.year = year
                r.sequence = out.count + 1
                selected.insert(r.code)
                out.append(r)
                taken += 1
            }
            guard taken < count else { continue }
            let candidates = units.filter { !selected.contains($0.code) && $0.canAdopt }
            let want = count == Int.max ? candidates.count : count - taken
            let context = SelectionContext(year: year, round: .plan, selected: selected)
            let picks = try strategy.select(want, from: candidates, context: context)
            guard picks.count == want else { throw .strategyExhausted(year: year, round: .plan, missing: want - picks.count) }
            for pick in picks {
                selected.insert(pick.unit.code)
                out.append(RolloutRecord(year: year, round: .plan, sequence: out.count + 1, adopter: pick.unit.displayName,
                                         code: pick.unit.code, level: .sigungu, status: .modelled, source: pick.reason,
                                         rule: strategy.name))
            }
        }
        return out
    }

    /// The record with its modelled rows chosen again by `strategy` (the default strategy gives
    /// the file's rows back). Rows a report names (``RolloutRecord/isNamedByAReport``) are kept;
    /// every code a report names anywhere (later programmes included) and every unit that cannot
    /// adopt (``LocalGovernment/canAdopt``) is excluded from the picks.
    func refilled(strategy: any SelectionStrategy) throws(PlatformRolloutError) -> [RolloutRecord] {
        let named = Set((records + laterProgrammes).filter(\.isNamedByAReport).map(\.code))
        var selected: Set<String> = []
        var out: [RolloutRecord] = []
        var i = 0
        while i < records.count {
            let r = records[i]
            if r.isNamedByAReport {
                selected.insert(r.code)
                out.append(r)
                i += 1
                continue
            }
            var slots: [RolloutRecord] = []
            while i < records.count, !records[i].isNamedByAReport, records[i].year == r.year, records[i].round == r.round {
                slots.append(records[i])
                i += 1
            }
            let candidates = units.filter { !selected.contains($0.code) && !named.contains($0.code) && $0.canAdopt }
            let picks = try strategy.select(slots.count, from: candidates,
                                            context: SelectionContext(year: r.year, round: r.round, selected: selected))
            guard picks.count == slots.count else {
                throw .strategyExhausted(year: r.year, round: r.round, missing: slots.count - picks.count)
            }
            for (slot, pick) in zip(slots, picks) {
                selected.insert(pick.unit.code)
                out.append(RolloutRecord(year: slot.year, round: slot.round, sequence: slot.sequence, adopter: pick.unit.displayName,
                                         code: pick.unit.code, level: .sigungu, status: .modelled, source: pick.reason,
                                         programme: slot.programme, rule: strategy.name))
            }
        }
        return out
    }
}
