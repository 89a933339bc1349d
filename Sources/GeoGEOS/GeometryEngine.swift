public import GeoCore
internal import CGEOS

/// The owner of one GEOS context: converts GeoCore geometries to GEOS and runs GEOS operations.
///
/// An engine and everything made with it (``GEOSGeometryHandle``, ``PreparedGeometry``) must be
/// used by one thread at a time; the types are deliberately not `Sendable`. Create one engine per
/// task (creation costs a few microseconds), or share a ``PreparedGeometryPool`` for repeated
/// predicates from many tasks. GEOS errors raised through this engine's context become
/// ``GEOSError`` values carrying GEOS's message.
///
/// ```swift
/// let engine = try GeometryEngine()
/// let parcel = try engine.handle(parcelGeometry)          // converted once
/// let shared = try engine.intersection(parcel, zoneGeometry).geometry()
/// ```
public final class GeometryEngine {
    let context: GEOSContext
    /// Reused interleaved coordinate buffer for conversions (x, y[, z] per vertex).
    var scratch: [Double] = []

    /// Creates an engine with its own GEOS context.
    /// - Throws: ``GEOSError`` when GEOS cannot be loaded (the first engine of a process loads
    ///   the library) or gives no context.
    public init() throws(GEOSError) {
        context = try GEOSContext()
    }

    /// The most recent notice GEOS reported through this engine (GEOS explains some results
    /// this way), or `nil`.
    public var lastNotice: String? { context.lastNotice }

    /// Converts `geometry` to GEOS once, for repeated use in operations of this engine.
    /// O(n) in the number of vertices. Z values are kept; M values are dropped (GEOS 3.11
    /// coordinate sequences have no M).
    public func handle(_ geometry: Geometry) throws(GEOSError) -> GEOSGeometryHandle {
        GEOSGeometryHandle(engine: self, pointer: try makeGEOSGeometry(geometry))
    }

    /// Takes ownership of a GEOS geometry returned by a constructive operation.
    func adopt(_ operation: String, _ pointer: OpaquePointer?) throws(GEOSError) -> GEOSGeometryHandle {
        GEOSGeometryHandle(engine: self, pointer: try context.check(operation, pointer))
    }

    /// The GEOS geometry of an operand, converting a GeoCore value or checking that a handle
    /// belongs to this engine.
    func operand(_ value: some GEOSGeometryConvertible) throws(GEOSError) -> GEOSGeometryHandle {
        try value.geosHandle(in: self)
    }
}

/// A value GeoGEOS operations accept: a GeoCore `Geometry` (converted on each call) or a
/// ``GEOSGeometryHandle`` (converted once, reused).
public protocol GEOSGeometryConvertible {
    /// The GEOS form of this value inside `engine`.
    func geosHandle(in engine: GeometryEngine) throws(GEOSError) -> GEOSGeometryHandle
}

extension Geometry: GEOSGeometryConvertible {
    /// Converts the geometry for `engine` (O(n) in the number of vertices).
    public func geosHandle(in engine: GeometryEngine) throws(GEOSError) -> GEOSGeometryHandle {
        try engine.handle(self)
    }
}
