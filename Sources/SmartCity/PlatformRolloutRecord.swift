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

    /// Creates a record.
    public init(year: Int, round: String, sequence: Int, adopter: String, code: String, level: RolloutLevel,
                status: RolloutStatus, source: String) {
        self.year = year
        self.round = round
        self.sequence = sequence
        self.adopter = adopter
        self.code = code
        self.level = level
        self.status = status
        self.source = source
    }
}

/// Reading `Geodata/rollout.csv`.
public enum RolloutRecords {
    /// The file name inside the Geodata folder.
    public static let fileName = "rollout.csv"
    /// The header line the file must start with.
    public static let header = ["year", "round", "sequence", "adopter", "code", "level", "status", "source"]

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
        guard let first = lines.first, try fields(first, line: 1) == header else {
            throw .malformedRecord(line: 1, reason: "header must be \(header.joined(separator: ","))")
        }
        var out: [RolloutRecord] = []
        for (i, line) in lines.dropFirst().enumerated() {
            let n = i + 2
            let f = try fields(line, line: n)
            guard f.count == header.count else { throw .malformedRecord(line: n, reason: "\(f.count) fields, expected \(header.count)") }
            guard let year = Int(f[0]), (2000...2100).contains(year) else { throw .malformedRecord(line: n, reason: "bad year \(f[0])") }
            guard let sequence = Int(f[2]), sequence > 0 else { throw .malformedRecord(line: n, reason: "bad sequence \(f[2])") }
            guard let level = RolloutLevel(rawValue: f[5]) else { throw .malformedRecord(line: n, reason: "bad level \(f[5])") }
            guard let status = RolloutStatus(rawValue: f[6]) else { throw .malformedRecord(line: n, reason: "bad status \(f[6])") }
            let digits = level == .sido ? 2 : 5
            guard f[4].count == digits, f[4].allSatisfy(\.isASCII), f[4].allSatisfy(\.isNumber) else {
                throw .malformedRecord(line: n, reason: "code \(f[4]) is not \(digits) digits")
            }
            out.append(RolloutRecord(year: year, round: f[1], sequence: sequence, adopter: f[3], code: f[4],
                                     level: level, status: status, source: f[7]))
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
