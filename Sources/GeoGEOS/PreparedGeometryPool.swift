public import GeoCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A `Sendable` way to run prepared predicates against one geometry from many tasks at once.
///
/// The pool keeps idle ``PreparedGeometry`` instances, each with its own ``GeometryEngine``
/// (so its own GEOS context). ``withPrepared(_:)`` lends one instance to the caller for the
/// duration of the closure, creating a new one when all are busy, so no instance is ever used by
/// two threads at once; at most as many instances exist as closures ran concurrently.
///
/// ```swift
/// let district = try PreparedGeometryPool(districtGeometry)
/// await withTaskGroup(of: Int.self) { group in
///     for chunk in chunks {
///         group.addTask { (try? district.withPrepared { p in try chunk.filter { try p.contains($0) }.count }) ?? 0 }
///     }
/// }
/// ```
///
/// Thread safety: the idle list is guarded by a lock, and an instance is reachable from exactly
/// one closure while lent; that invariant is why the class is `@unchecked Sendable`. Do not let
/// the lent ``PreparedGeometry`` (or handles made with its engine) escape the closure.
public final class PreparedGeometryPool: @unchecked Sendable {
    /// The geometry every pooled instance prepares.
    public let geometry: Geometry
    private let lock = Lock()
    private var idle: [PreparedGeometry] = []

    /// Creates a pool for `geometry`, preparing one instance at once so conversion errors
    /// surface here.
    public init(_ geometry: Geometry) throws(GEOSError) {
        self.geometry = geometry
        idle.append(try PreparedGeometry(geometry, engine: GeometryEngine()))
    }

    /// Runs `body` with a prepared instance that no other thread uses meanwhile, then returns
    /// the instance to the pool.
    public func withPrepared<R>(_ body: (PreparedGeometry) throws(GEOSError) -> R) throws(GEOSError) -> R {
        let lent = try borrow()
        defer { giveBack(lent) }
        return try body(lent)
    }

    /// The number of instances the pool holds while none is lent (grows with peak concurrency).
    public var idleCount: Int {
        lock.withLock { idle.count }
    }

    private func borrow() throws(GEOSError) -> PreparedGeometry {
        if let instance = lock.withLock({ idle.popLast() }) { return instance }
        return try PreparedGeometry(geometry, engine: GeometryEngine())
    }

    private func giveBack(_ instance: PreparedGeometry) {
        lock.withLock { idle.append(instance) }
    }
}
