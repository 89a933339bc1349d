import GeoIO

/// An error of the Korean atlas: the Geodata folder cannot be found or read, or a query is invalid.
public enum KoreaAtlasError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No folder containing `korea.gpkg` was found; `searched` lists where GeoTwin looked.
    case geodataNotFound(searched: [String])
    /// `korea.gpkg` could not be read.
    case unreadableGeodata(String)
    /// `korea.gpkg` lacks a layer or column GeoTwin needs, or holds an unusable value.
    case invalidGeodata(String)
    /// A latitude outside [-90, 90] or a longitude outside [-180, 180], or a non-finite value.
    case invalidCoordinate(latitude: Double, longitude: Double)
    /// A CSV point file (or the CSV output) could not be read or written: a missing coordinate
    /// column, an unclosed quote, an I/O failure. The error names the file and line.
    case csv(GeoIOError)

    /// One line of text.
    public var description: String {
        switch self {
        case .geodataNotFound(let s): "Geodata/korea.gpkg not found (looked in \(s.joined(separator: ", ")); set GEOTWIN_GEODATA"
        case .unreadableGeodata(let m): "cannot read Geodata: \(m)"
        case .invalidGeodata(let m): "invalid Geodata: \(m)"
        case .invalidCoordinate(let lat, let lon): "invalid coordinate lat \(lat), lon \(lon)"
        case .csv(let e): e.description
        }
    }
}
