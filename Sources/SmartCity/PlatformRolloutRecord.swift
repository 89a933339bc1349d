import Foundation

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

/// One selection of the integrated platform rollout: a row of `Geodata/rollout.csv`.
public struct RolloutRecord: Hashable, Sendable, Codable {
    /// Year of the selection.
    public var year: Int
    /// Round within the year (`1`, `2`, `new-deal`).
    public var round: String
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
    public init(year: Int, round: String, sequence: Int, adopter: String, code: String, level: RolloutLevel,
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
            throw .unreadableRecords(path: url.path, reason: error.localizedDescription)
        }
        return try parse(text)
    }

    /// Parses CSV text with the ``header`` columns (RFC 4180 quoting), in sequence order.
    public static func parse(_ text: String) throws(PlatformRolloutError) -> [RolloutRecord] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first else { throw .malformedRecord(line: 1, reason: "header must be \(header.joined(separator: ","))") }
        let columns = try fields(first, line: 1)
        guard columns == header || columns == citedHeader else {
            throw .malformedRecord(line: 1, reason: "header must be \(header.joined(separator: ","))")
        }
        var out: [RolloutRecord] = []
        for (i, line) in lines.dropFirst().enumerated() {
            let n = i + 2
            let f = try fields(line, line: n)
            guard f.count == columns.count else { throw .malformedRecord(line: n, reason: "\(f.count) fields, expected \(columns.count)") }
            guard let year = Int(f[0]), (2000...2100).contains(year) else { throw .malformedRecord(line: n, reason: "bad year \(f[0])") }
            guard let sequence = Int(f[2]), sequence > 0 else { throw .malformedRecord(line: n, reason: "bad sequence \(f[2])") }
            guard let level = RolloutLevel(rawValue: f[5]) else { throw .malformedRecord(line: n, reason: "bad level \(f[5])") }
            guard let status = RolloutStatus(rawValue: f[6]) else { throw .malformedRecord(line: n, reason: "bad status \(f[6])") }
            let digits = level == .sido ? 2 : 5
            guard f[4].count == digits, f[4].allSatisfy(\.isASCII), f[4].allSatisfy(\.isNumber) else {
                throw .malformedRecord(line: n, reason: "code \(f[4]) is not \(digits) digits")
            }
            var record = RolloutRecord(year: year, round: f[1], sequence: sequence, adopter: f[3], code: f[4],
                                       level: level, status: status, source: f[7])
            if columns.count == citedHeader.count { try cite(&record, f, line: n) }
            out.append(record)
        }
        return out.sorted { $0.sequence < $1.sequence }
    }

    /// Splits one CSV line into fields (double quotes quote, `""` escapes a quote).
    static func fields(_ line: Substring, line number: Int) throws(PlatformRolloutError) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else if next == "," {
                            quoted = false
                            out.append(current)
                            current = ""
                        } else { throw .malformedRecord(line: number, reason: "text after a closing quote") }
                    } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" && current.isEmpty {
                quoted = true
            } else if c == "," {
                out.append(current)
                current = ""
            } else if c != "\r" {
                current.append(c)
            }
        }
        if quoted { throw .malformedRecord(line: number, reason: "unterminated quote") }
        out.append(current)
        return out
    }
}
