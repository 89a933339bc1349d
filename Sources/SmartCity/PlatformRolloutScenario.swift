/// A rollout scenario: what happened, or one of the seeds' plans.
public enum RolloutScenario: String, Hashable, Sendable, CaseIterable, Codable {
    /// The record of `Geodata/rollout.csv` (recorded rows, and the unnamed slots filled by the strategy).
    case recorded
    /// Seed 001 (Dec 2018): 80 municipalities by 2022; per year up to 2016: 4, 2017: 6, 2018: 12,
    /// 2019: 15, 2020: 15, 2021: 15, 2022: 13.
    case plan2018 = "plan-2018"
    /// Seed 000 (Jul 2019): 108 municipalities by 2022, then nationwide. Read as: the record up to
    /// 2019 (49, the year of the plan), the remaining 59 spread evenly over 2020-2022 (20, 20, 19),
    /// then every remaining local government in 2023, the last year of the 3rd plan (2019-2023).
    case plan2019 = "plan-2019"

    /// Selections per year (nil for `recorded`, which follows the record). `Int.max` means
    /// every remaining local government.
    public var schedule: [(year: Int, count: Int)]? {
        switch self {
        case .recorded: nil
        case .plan2018: [(2015, 2), (2016, 2), (2017, 6), (2018, 12), (2019, 15), (2020, 15), (2021, 15), (2022, 13)]
        case .plan2019: [(2015, 2), (2016, 2), (2017, 6), (2018, 12), (2019, 27), (2020, 20), (2021, 20), (2022, 19),
                         (2023, Int.max)]
        }
    }

    /// One line on where the scenario comes from.
    public var summary: String {
        switch self {
        case .recorded: "what happened: public reports of the yearly selections, unnamed selections modelled"
        case .plan2018: "seed 001 (Dec 2018): 80 municipalities by 2022 (4, 6, 12, 15, 15, 15, 13)"
        case .plan2019: "seed 000 (Jul 2019): 108 by 2022 (record to 2019, then 20, 20, 19), then nationwide in 2023"
        }
    }
}
