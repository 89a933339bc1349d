#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoIO

/// Whether an adopter is a municipality (시군구) or a whole sido (metropolitan or provincial platform).
public enum RolloutLevel: String, Hashable, Sendable, Codable {
    /// A local government: the platform serves that municipality.
    case sigungu
    /// A metropolitan city or province: the platform is a sido-wide centre.
    case sido
}

/// Where a selection comes from.
public enum RolloutStatus: String, Hashable, Sendable, Codable {
    /// Named in a public report (the source column cites it).
    case recorded
    /// Filled by a selection model or a plan scenario: not a fact.
    case modelled
}

/// The round of a selection within its year.
public enum RolloutRound: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// A numbered call for proposals (`1`, `2`, ...).
    case numbered(Int)
    /// The one yearly call of a programme run once a year (`annual`).
    case annual
    /// The 2020 Korean New Deal expansion (`new-deal`).
    case newDeal
    /// A row of a plan scenario, not of a real call (`plan`).
    case plan

    /// The round of its text in `rollout.csv`, or nil.
    public init?(rawValue: String) {
        switch rawValue {
        case "annual": self = .annual
        case "new-deal": self = .newDeal
        case "plan": self = .plan
        default:
            guard let n = Int(rawValue), n > 0, rawValue.allSatisfy(\.isNumber) else { return nil }
            self = .numbered(n)
        }
    }

    /// Its text in `rollout.csv` (`1`, `annual`, `new-deal`, `plan`).
    public var rawValue: String {
        switch self {
        case .numbered(let n): String(n)
        case .annual: "annual"
        case .newDeal: "new-deal"
        case .plan: "plan"
        }
    }

    public var description: String { rawValue }

    /// A round from a literal such as `"1"` or `"new-deal"` (an unknown text traps: literals are code).
    public init(stringLiteral value: String) {
        guard let round = RolloutRound(rawValue: value) else { preconditionFailure("unknown rollout round \(value)") }
        self = round
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let round = RolloutRound(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown rollout round \(text)"))
        }
        self = round
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// One selection of the integrated platform rollout: a row of `Geodata/rollout.csv`.
public struct RolloutRecord: Hashable, Sendable, Codable {
    /// Year of the selection.
    public var year: Int
    /// Round within the year.
    public var round: RolloutRound
    /// Order of the selection over the whole record (1-based).
    public var sequence: Int
    /// The adopter's name as published (for modelled rows: the model's name of the unit).
    public var adopter: String
    /// Legal code: 5 digits for a local government (a city with districts by its city code,
    /// e.g. `41110` 수원시), 2 digits for a sido.
    public var code: String
    /// Municipal or sido-wide platform.
    public var level: RolloutLevel
    /// Recorded or modelled.
    public var status: RolloutStatus
    /// The public report cited, or the model rule that chose the row.
    public var source: String
    /// The programme of the selection (the platform rollout, or its successor).
    public var programme: RolloutProgramme = .platform
    /// For a modelled row, what chose it (`seed-criteria`, a strategy's name, or `named-undated`);
    /// empty for a recorded row.
    public var rule: String = ""
    /// The cited report (publisher, title, date, URL, caveats); empty for rows chosen by a model.
    public var citation: RolloutCitation = RolloutCitation()

    /// Creates a record.
    public init(year: Int, round: RolloutRound, sequence: Int, adopter: String, code: String, level: RolloutLevel,
                status: RolloutStatus, source: String, programme: RolloutProgramme = .platform, rule: String = "",
                citation: RolloutCitation = RolloutCitation()) {
        self.year = year
        self.round = round
        self.sequence = sequence
        self.adopter = adopter
        self.code = code
        self.level = level
        self.status = status
        self.source = source
        self.programme = programme
        self.rule = rule
        self.citation = citation
    }
}

/// Reading `Geodata/rollout.csv`.
public enum RolloutRecords {
    /// The file name inside the Geodata folder.
    public static let fileName = "rollout.csv"
    /// The header of the first eight columns (a file with only these is still read: every row is
    /// then of the platform programme and has no rule or citation columns).
    public static let header = ["year", "round", "sequence", "adopter", "code", "level", "status", "source"]
    /// The header of the shipped file: ``header``, then `programme`, `rule` and the citation
    /// (`source_publisher`, `source_title`, `source_date` YYYY-MM-DD, `source_url`, `source_note`).
    public static let citedHeader = header + ["programme", "rule", "source_publisher", "source_title", "source_date",
                                              "source_url", "source_note"]

    /// Reads the records of the Geodata folder `geodata`, in sequence order.
    /// - Throws: ``PlatformRolloutError/unreadableRecords(path:reason:)`` or
    ///   ``PlatformRolloutError/malformedRecord(line:reason:)``.
    public static func load(geodata: URL) throws(PlatformRolloutError) -> [RolloutRecord] {
        let url = geodata.appendingPathComponent(fileName)
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadableRecords(path: url.path, reason: fileErrorText(error))
        }
        return try parse(text)
    }

    /// Parses CSV text with the ``header`` columns (RFC 4180, read by GeoIO's `CSVReader`), in
    /// sequence order. Errors name the physical line of the record.
    public static func parse(_ text: String) throws(PlatformRolloutError) -> [RolloutRecord] {
        let rows: [(line: Int, fields: [String])]
        do throws(GeoIOError) { rows = try Self.rows(text, name: fileName) } catch {
            let (line, reason) = Self.placed(error)
            throw .malformedRecord(line: line, reason: reason)
        }
        guard let columns = rows.first?.fields, columns == header || columns == citedHeader else {
            throw .malformedRecord(line: 1, reason: "header must be \(header.joined(separator: ","))")
        }
        var out: [RolloutRecord] = []
        for (n, f) in rows.dropFirst() {
            guard f.count == columns.count else { throw .malformedRecord(line: n, reason: "\(f.count) fields, expected \(columns.count)") }
            guard let year = Int(f[0]), (2000...2100).contains(year) else { throw .malformedRecord(line: n, reason: "bad year \(f[0])") }
            guard let sequence = Int(f[2]), sequence > 0 else { throw .malformedRecord(line: n, reason: "bad sequence \(f[2])") }
            guard let level = RolloutLevel(rawValue: f[5]) else { throw .malformedRecord(line: n, reason: "bad level \(f[5])") }
            guard let status = RolloutStatus(rawValue: f[6]) else { throw .malformedRecord(line: n, reason: "bad status \(f[6])") }
            let digits = level == .sido ? 2 : 5
            guard f[4].count == digits, f[4].allSatisfy(\.isASCII), f[4].allSatisfy(\.isNumber) else {
                throw .malformedRecord(line: n, reason: "code \(f[4]) is not \(digits) digits")
            }
            guard let round = RolloutRound(rawValue: f[1]) else { throw .malformedRecord(line: n, reason: "bad round \(f[1])") }
            var record = RolloutRecord(year: year, round: round, sequence: sequence, adopter: f[3], code: f[4],
                                       level: level, status: status, source: f[7])
            if columns.count == citedHeader.count { try cite(&record, f, line: n) }
            out.append(record)
        }
        return out.sorted { $0.sequence < $1.sequence }
    }

    /// The non-blank records of CSV `text` with the physical line each starts on, read by GeoIO's
    /// RFC 4180 `CSVReader` (quotes, doubled quotes, CRLF, a UTF-8 BOM).
    static func rows(_ text: String, name: String) throws(GeoIOError) -> [(line: Int, fields: [String])] {
        let reader = CSVReader(source: CSVMemorySource(Array(text.utf8)), name: name)
        var rows: [(line: Int, fields: [String])] = []
        while try reader.next() {
            if reader.isBlankLine { continue }
            rows.append((reader.line, reader.fields))
        }
        return rows
    }

    /// The line of a CSV error and its message without the `file:line:` prefix the caller's own
    /// error adds back.
    static func placed(_ error: GeoIOError) -> (line: Int, reason: String) {
        guard case .csv(let file, let line, _) = error.location else { return (0, error.description) }
        let text = error.description, prefix = "\(file):\(line): "
        return (line, text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
    }
}
