/// The programme a rollout selection belongs to.
public enum RolloutProgramme: String, Hashable, Sendable, CaseIterable, Codable {
    /// 스마트시티 통합플랫폼 기반구축사업, 2015-2020: the 108 local governments of the 3rd smart city
    /// comprehensive plan (seed 000), reached by the end of 2020.
    case platform
    /// 스마트 도시안전망 확산사업 (2024-): the successor programme linking the CCTV centres of the
    /// local governments the platform programme had not reached with police, fire and disaster
    /// services. Kept apart from the 108 of the plan.
    case safetyNet = "safety-net"
}

/// The dated public report a recorded selection cites (columns `source_publisher`, `source_title`,
/// `source_date`, `source_url`, `source_note` of `Geodata/rollout.csv`).
public struct RolloutCitation: Hashable, Sendable, Codable {
    /// Publisher (e.g. `아주경제`, `한국경제 (연합뉴스)`).
    public var publisher: String
    /// Title of the report; a paraphrase is marked `(headline paraphrased)`.
    public var title: String
    /// Date, YYYY-MM-DD (the note says when it is the reported announcement date rather than the
    /// publication date); empty when the report shows none.
    public var date: String
    /// URL of the stored copy, when known.
    public var url: String
    /// Caveats: what the report names, and how the row's year and round follow from it.
    public var note: String

    /// Creates a citation (all empty by default: a row chosen by a model).
    public init(publisher: String = "", title: String = "", date: String = "", url: String = "", note: String = "") {
        self.publisher = publisher
        self.title = title
        self.date = date
        self.url = url
        self.note = note
    }

    /// Whether the citation names a publisher, a title and a well-formed date (YYYY-MM-DD).
    public var isDated: Bool {
        !publisher.isEmpty && !title.isEmpty && Self.isDate(date)
    }

    /// Whether `text` is a date written YYYY-MM-DD with a month 01-12 and a day 01-31.
    public static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

extension RolloutRecord {
    /// The `rule` of a modelled row that a report names but whose stored copy shows no date: kept
    /// as named (a strategy does not re-choose it), yet not counted as recorded.
    public static let namedUndatedRule = "named-undated"

    /// Whether the row is fixed by a report (recorded, or named by an undated one), so that a
    /// selection strategy keeps it instead of choosing again.
    public var isNamedByAReport: Bool { status == .recorded || rule == Self.namedUndatedRule }
}

extension RolloutRecords {
    /// Reads the `programme`, `rule` and citation columns (fields 9-15) of line `line` into `record`.
    /// - Throws: ``PlatformRolloutError/malformedRecord(line:reason:)`` for an unknown programme, a
    ///   recorded row without a dated citation, or a modelled row without a rule.
    static func cite(_ record: inout RolloutRecord, _ f: [String], line: Int) throws(PlatformRolloutError) {
        guard let programme = RolloutProgramme(rawValue: f[8]) else {
            throw .malformedRecord(line: line, reason: "bad programme \(f[8])")
        }
        record.programme = programme
        record.rule = f[9]
        record.citation = RolloutCitation(publisher: f[10], title: f[11], date: f[12], url: f[13], note: f[14])
        if record.status == .recorded && !record.citation.isDated {
            throw .malformedRecord(line: line, reason: "recorded row without publisher, title and date (YYYY-MM-DD)")
        }
        if record.status == .modelled && record.rule.isEmpty {
            throw .malformedRecord(line: line, reason: "modelled row without a rule")
        }
    }
}
