#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An error reported by GEOS, or found by GeoGEOS before calling GEOS.
///
/// When GEOS raised the error, `message` says what is wrong in plain words and ends with GEOS's
/// own text in parentheses, for example `"a polygon ring has 3 points; a ring needs 4 or more, the
/// first repeated last (GEOS: IllegalArgumentException: Invalid number of points in LinearRing
/// found 3 - must be 0 or >= 4)"`; otherwise it is GeoGEOS's explanation.
public struct GEOSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The GeoGEOS operation that failed, e.g. `"intersection"` or `"convert Polygon"`.
    public var operation: String
    /// What went wrong, in GEOS's words where GEOS reported it.
    public var message: String

    /// Creates an error for `operation` with `message`.
    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    /// `"<operation>: <message>"`.
    public var description: String { "\(operation): \(message)" }
}

extension GEOSError {
    /// GEOS's error text in a user's words, GEOS's own text kept at the end as `(GEOS: ...)`.
    /// GEOS names the kind of failure before a colon: ParseException (WKT or WKB that cannot be
    /// read), TopologyException (an overlay of invalid or too intricate geometries),
    /// IllegalArgumentException (an input GEOS refuses), UnsupportedOperationException.
    static func inWords(_ raw: String) -> String {
        let kind = raw.prefix { $0 != ":" }
        let detail = raw.contains(":") ? String(raw.drop { $0 != ":" }.dropFirst()).trimmingWhitespaces() : ""
        let words: String
        switch kind {
        case "ParseException":
            words = "the text cannot be read as a geometry" + (detail.isEmpty ? "" : " (\(Self.lowercasedFirst(detail)))")
        case "TopologyException":
            let near = Self.point(after: "at or near point ", in: detail) ?? Self.point(after: " at ", in: detail)
            let selfIntersection = detail.lowercased().contains("self-intersection")
            words = (selfIntersection ? "an input geometry intersects itself" : "an input geometry is invalid or too intricate for this operation")
                + (near.map { " near \($0)" } ?? "") + "; check it with validity(_:) or repair it with makeValid(_:)"
        case "IllegalArgumentException":
            if detail.contains("LinearRing"), detail.contains("closed") {
                words = "a polygon ring is not closed (its first and last points differ)"
            } else if detail.hasPrefix("Invalid number of points in LinearRing found "),
                      let n = detail.dropFirst("Invalid number of points in LinearRing found ".count).split(separator: " ").first {
                words = "a polygon ring has \(n) points; a ring needs 4 or more, the first repeated last"
            } else if detail.lowercased().contains("point array must contain 0 or >1 elements") {
                words = "a line string has a single point; it needs 2 or more"
            } else {
                words = "an input is not valid for this operation"
            }
        case "UnsupportedOperationException":
            words = "this operation does not accept these geometry types"
        default:
            words = "GEOS could not complete the operation"
        }
        return "\(words) (GEOS: \(raw))"
    }

    /// `x y` of the point after `marker` in GEOS's text (`... at or near point 1 2`), if any.
    private static func point(after marker: String, in text: String) -> String? {
        guard let range = text.firstRange(of: marker) else { return nil }
        let numbers = text[range.upperBound...].split(separator: " ").prefix(2).map { $0.trimmingScalars(in: Set("(),".unicodeScalars)) }
        guard numbers.count == 2, numbers.allSatisfy({ Double($0) != nil }) else { return nil }
        return numbers.joined(separator: " ")
    }

    private static func lowercasedFirst(_ s: String) -> String { s.prefix(1).lowercased() + s.dropFirst() }
}
