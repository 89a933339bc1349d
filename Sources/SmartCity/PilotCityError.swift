/// An error of the pilot city twins: missing boundary data, a failed geometry operation, or a
/// user layer that cannot be used.
public enum PilotCityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An unknown pilot city name.
    case unknownCity(String)
    /// A polygon the footprint needs is missing from `korea.gpkg` (layer, name).
    case missingBoundary(layer: String, name: String)
    /// A geometry or projection operation failed (what, message).
    case geometry(String)
    /// The Geodata could not be read.
    case geodata(String)
    /// A user layer is unusable (layer, reason).
    case invalidLayer(layer: String, reason: String)
    /// A raster operation failed.
    case raster(String)

    /// One line of text.
    public var description: String {
        switch self {
        case .unknownCity(let n): "unknown pilot city '\(n)' (known: \(PilotCityID.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .missingBoundary(let l, let n): "korea.gpkg layer \(l) has no polygon \(n)"
        case .geometry(let m): "geometry: \(m)"
        case .geodata(let m): "geodata: \(m)"
        case .invalidLayer(let l, let r): "layer \(l): \(r)"
        case .raster(let m): "raster: \(m)"
        }
    }
}
