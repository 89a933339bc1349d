/// An error reported by GEOS, or found by GeoGEOS before calling GEOS.
///
/// `message` is GEOS's own text when GEOS raised the error (for example
/// `"IllegalArgumentException: Invalid number of points in LinearRing found 3 - must be 0 or >= 4"`),
/// or GeoGEOS's explanation otherwise.
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
