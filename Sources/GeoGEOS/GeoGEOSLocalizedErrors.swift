#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// GeoGEOS's errors as `LocalizedError`: `localizedDescription` is the same one line as
// `description`, the text the geotwin tool prints.

extension GEOSError: LocalizedError {
    /// The same text as `description`.
    public var errorDescription: String? { description }
    /// The same text as `description` (also without Foundation, which defines it for every error).
    public var localizedDescription: String { description }
}
