/// Why GeoRender could not draw or write a map. Every case says what went wrong and where.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The map has a width or height that is not a positive finite number of pixels.
    case invalidSize(width: Double, height: Double)
    /// A style or option is out of range (e.g. negative decimals, an empty palette).
    case invalidOption(String)
    /// The projection returned a non-finite coordinate for a vertex of `feature` in `layer`.
    case unprojectable(layer: String, feature: Int, x: Double, y: Double)
    /// The thematic attribute cannot be classified (e.g. fewer classes than asked for breaks).
    case classification(String)
    /// The map's coordinate reference systems cannot be set up (unknown CRS, no transformation).
    case projection(String)
    /// Writing the output failed (path and the system message).
    case io(path: String, message: String)

    /// A one-line human-readable message.
    public var description: String {
        switch self {
        case .invalidSize(let w, let h): "map size \(w) x \(h) px is not positive and finite"
        case .invalidOption(let m): "invalid option: \(m)"
        case .unprojectable(let l, let f, let x, let y):
            "layer '\(l)' feature \(f): vertex (\(x), \(y)) cannot be projected"
        case .classification(let m): "classification: \(m)"
        case .projection(let m): "projection: \(m)"
        case .io(let p, let m): "\(p): \(m)"
        }
    }
}
