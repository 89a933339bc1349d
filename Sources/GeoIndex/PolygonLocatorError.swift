/// Why a ``PolygonLocator`` could not be built. Each case names the feature or value at fault.
public enum PolygonLocatorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `rank` was given with a length other than the number of geometries.
    case rankCountMismatch(ranks: Int, features: Int)
    /// A polygon of feature `feature` has a NaN or infinite coordinate.
    case nonFiniteCoordinate(feature: Int)
    /// `gridSide` is outside `0...16384`.
    case invalidGridSide(Int)
    /// More features, polygon parts or vertices than the locator can address (each at most
    /// `Int32.max - 1`).
    case tooLarge(String)

    /// One line of text.
    public var description: String {
        switch self {
        case .rankCountMismatch(let r, let f): "\(r) ranks for \(f) features"
        case .nonFiniteCoordinate(let f): "feature \(f) has a non-finite coordinate"
        case .invalidGridSide(let s): "answer grid side \(s) is outside 0...16384"
        case .tooLarge(let what): "too many \(what) for a polygon locator"
        }
    }
}
