/// An error of the platform rollout model: unreadable or inconsistent records, or a bad request.
public enum PlatformRolloutError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The records file could not be read (path, reason).
    case unreadableRecords(path: String, reason: String)
    /// A line of the records file is malformed (1-based line number, reason).
    case malformedRecord(line: Int, reason: String)
    /// A record names a legal code that is not a local government or sido of the atlas.
    case unknownCode(String)
    /// A selection strategy could not fill the slots asked for (year, round, missing count).
    case strategyExhausted(year: Int, round: RolloutRound, missing: Int)
    /// A user list names a code that is not a local government (or was already selected).
    case invalidListEntry(String)
    /// The atlas could not be read.
    case atlas(KoreaAtlasError)

    /// One line of text.
    public var description: String {
        switch self {
        case .unreadableRecords(let p, let r): "cannot read rollout records \(p): \(r)"
        case .malformedRecord(let l, let r): "rollout records, line \(l): \(r)"
        case .unknownCode(let c): "rollout records: unknown legal code \(c)"
        case .strategyExhausted(let y, let r, let m): "selection strategy ran out of candidates in \(y) round \(r) (\(m) slots unfilled)"
        case .invalidListEntry(let c): "selection list: \(c) is not an unselected local government"
        case .atlas(let e): e.description
        }
    }
}
