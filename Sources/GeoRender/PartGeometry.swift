import GeoCore

/// The role of one part (a ring, a line or a point) in the flat geometry buffers of the pipeline.
public enum PartKind: UInt8, Sendable {
    /// The exterior ring of a polygon (starts a new polygon of its feature).
    case exterior
    /// A hole of the polygon started by the last exterior.
    case hole
    /// An open line.
    case line
    /// A single point.
    case point
}

/// A layer's geometry as flat arrays: every part's vertices are stored back to back in one
/// interleaved coordinate buffer, so the pipeline stages run over contiguous memory.
///
/// `Scalar` is `Double` for projected and pixel coordinates and `Int64` for the output grid.
/// Rings are stored without their closing vertex.
public struct PartGeometry<Scalar: Sendable & Equatable>: Sendable {
    /// Interleaved coordinates `x0, y0, x1, y1, ...` of every part.
    public var coordinates: [Scalar] = []
    /// `partStart[p]` is the index (in vertices) of the first vertex of part `p`;
    /// one extra entry holds the total vertex count.
    public var partStart: [Int] = [0]
    /// The role of each part.
    public var partKind: [PartKind] = []
    /// The index of the feature (in the layer) each part belongs to.
    public var partFeature: [Int] = []

    /// Creates an empty buffer.
    public init() {}

    /// The number of parts.
    public var partCount: Int { partKind.count }

    /// The vertex range of part `p`.
    public func vertexRange(_ p: Int) -> Range<Int> { partStart[p]..<partStart[p + 1] }

    /// Appends a part made of the interleaved coordinates `xy`.
    public mutating func append(_ xy: ArraySlice<Scalar>, kind: PartKind, feature: Int) {
        coordinates.append(contentsOf: xy)
        partStart.append(coordinates.count / 2)
        partKind.append(kind)
        partFeature.append(feature)
    }

    /// Appends a part made of the interleaved coordinates `xy`.
    public mutating func append(_ xy: [Scalar], kind: PartKind, feature: Int) {
        append(xy[...], kind: kind, feature: feature)
    }
}
