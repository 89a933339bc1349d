public import GeoCore
internal import CPROJ

/// Transforms coordinates from one CRS to another with PROJ, always in x/y = longitude/latitude
/// (easting/northing) order (`proj_normalize_for_visualization`).
///
/// Each transformer owns its own PROJ context, so different transformers can run on different
/// threads at once. One transformer is used by one thread at a time (it is not `Sendable`):
/// create one per task from the `Sendable` `CRS` values. Network grids stay off.
///
/// By default every point is checked against the area of use of the input CRS before the
/// transform and of the output CRS after it (their bounding boxes in native coordinates), and a
/// point PROJ cannot transform (an infinite result) is an error naming both CRSs and the point.
///
/// ```swift
/// let t = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 5179))
/// let p = try t.transform(Coordinate(127.334, 36.524))          // metres, Unified CS
/// ```
public final class Transformer {
    /// Which way to run a transformer.
    public enum Direction: Hashable, Sendable {
        /// From ``Transformer/source`` to ``Transformer/target``.
        case forward
        /// From ``Transformer/target`` back to ``Transformer/source``.
        case inverse
    }

    /// The CRS of forward inputs.
    public let source: ResolvedCRS
    /// The CRS of forward outputs.
    public let target: ResolvedCRS
    /// Whether points are checked against the areas of use.
    public let checksAreaOfUse: Bool

    let context: ProjContext
    let operation: OpaquePointer
    let sourceArea: NativeArea?
    let targetArea: NativeArea?
    /// Saved inputs of a batch, restored when the batch fails (reused between calls).
    var savedX: [Double] = []
    var savedY: [Double] = []

    /// Creates a transformer from `source` to `target` with its own PROJ context.
    ///
    /// - Parameters:
    ///   - source: the CRS of the input coordinates.
    ///   - target: the CRS of the output coordinates.
    ///   - checksAreaOfUse: reject points outside the CRSs' areas of use (default true).
    /// - Throws: ``ProjError/noTransformation(from:to:message:)`` when PROJ has no operation.
    public convenience init(from source: CRS, to target: CRS, checksAreaOfUse: Bool = true) throws(ProjError) {
        try self.init(from: ResolvedCRS(source), to: ResolvedCRS(target), checksAreaOfUse: checksAreaOfUse)
    }

    /// Creates a transformer between two resolved CRSs (no second lookup in PROJ's database).
    public init(from source: ResolvedCRS, to target: ResolvedCRS, checksAreaOfUse: Bool = true) throws(ProjError) {
        let context = try ProjContext()
        guard let src = context.create(source.definition) else {
            throw .unknownCRS(definition: source.definition, message: context.errorMessage)
        }
        defer { proj_destroy(src) }
        guard let dst = context.create(target.definition) else {
            throw .unknownCRS(definition: target.definition, message: context.errorMessage)
        }
        defer { proj_destroy(dst) }
        for (crs, object) in [(source, src), (target, dst)] {
            if let reason = ProjErrorText.unsupportedKind(object, context: context.pointer) {
                throw .unsupportedCRSKind(definition: crs.description, reason: reason)
            }
        }
        guard let raw = proj_create_crs_to_crs_from_pj(context.pointer, src, dst, nil, nil) else {
            throw .noTransformation(from: source.description, to: target.description, message: context.errorMessage)
        }
        defer { proj_destroy(raw) }
        guard let normalized = proj_normalize_for_visualization(context.pointer, raw) else {
            throw .noTransformation(from: source.description, to: target.description, message: context.errorMessage)
        }
        self.context = context
        self.operation = normalized
        self.source = source
        self.target = target
        self.checksAreaOfUse = checksAreaOfUse
        self.sourceArea = NativeArea(of: source, object: src, context: context)
        self.targetArea = NativeArea(of: target, object: dst, context: context)
    }

    /// Creates a transformer between two CRS definitions (see ``ResolvedCRS/init(_:)-(String)``).
    public convenience init(from source: String, to target: String, checksAreaOfUse: Bool = true) throws(ProjError) {
        try self.init(from: ResolvedCRS(source), to: ResolvedCRS(target), checksAreaOfUse: checksAreaOfUse)
    }

    deinit {
        proj_destroy(operation)
    }

    /// The input and output CRS of a run, their areas, and PROJ's direction.
    typealias Role = (input: ResolvedCRS, output: ResolvedCRS, inputArea: NativeArea?, outputArea: NativeArea?, pj: PJ_DIRECTION)

    /// The roles of a run in `direction`; the areas are nil when points are not checked.
    func roles(_ direction: Direction) -> Role {
        let input = checksAreaOfUse ? sourceArea : nil, output = checksAreaOfUse ? targetArea : nil
        switch direction {
        case .forward: return (source, target, input, output, PJ_FWD)
        case .inverse: return (target, source, output, input, PJ_INV)
        }
    }

    /// Whether `input` (in the input CRS of `direction`) and its transform `output` both lie in
    /// the areas of use of their CRSs (true where a CRS has no known area). This answers whether
    /// a transform was outside the areas also when ``checksAreaOfUse`` is false.
    public func isWithinAreasOfUse(input: Coordinate, output: Coordinate, direction: Direction = .forward) -> Bool {
        let (inArea, outArea) = direction == .forward ? (sourceArea, targetArea) : (targetArea, sourceArea)
        return (inArea?.contains(input.x, input.y) ?? true) && (outArea?.contains(output.x, output.y) ?? true)
    }

    /// Transforms one 2D coordinate.
    /// - Throws: ``ProjError/outsideAreaOfUse(crs:point:index:)`` or
    ///   ``ProjError/transformFailed(from:to:point:index:message:)``, naming the point.
    public func transform(_ coordinate: Coordinate, direction: Direction = .forward) throws(ProjError) -> Coordinate {
        try transform(Position(coordinate), direction: direction).coordinate
    }

    /// Transforms one position. `z`, when present, is transformed too; `m` is copied.
    /// - Throws: ``ProjError/outsideAreaOfUse(crs:point:index:)`` or
    ///   ``ProjError/transformFailed(from:to:point:index:message:)``, naming the point.
    public func transform(_ position: Position, direction: Direction = .forward) throws(ProjError) -> Position {
        let coordinate = position.coordinate
        let role = roles(direction)
        guard coordinate.x.isFinite, coordinate.y.isFinite else {
            throw .invalidCoordinate(point: coordinate, reason: "x and y must be finite numbers")
        }
        if let area = role.inputArea, !area.contains(coordinate.x, coordinate.y) {
            throw .outsideAreaOfUse(crs: role.input.description, point: coordinate, index: nil)
        }
        proj_errno_reset(operation)
        let out = proj_trans(operation, role.pj, proj_coord(coordinate.x, coordinate.y, position.z ?? 0, 0))
        let x = out.xyzt.x, y = out.xyzt.y, z = out.xyzt.z
        guard x.isFinite, y.isFinite else {  // PROJ marks a failed point with HUGE_VAL (+infinity)
            throw .transformFailed(from: role.input.description, to: role.output.description, point: coordinate,
                                   index: nil, message: context.errorMessage)
        }
        if let area = role.outputArea, !area.contains(x, y) {
            throw .outsideAreaOfUse(crs: role.output.description, point: coordinate, index: nil)
        }
        return Position(x: x, y: y, z: position.z == nil ? nil : z, m: position.m)
    }

    /// Transforms a box by transforming its edges densified with `densifyPoints` extra points
    /// each (PROJ's `proj_trans_bounds`, like pyproj's `transform_bounds`; default 21), so the
    /// result contains the whole transformed box, not just its corners. For a geographic output
    /// crossing the antimeridian, `minX > maxX` in the result. PROJ needs at least 2 points per
    /// edge when the output is geographic. Bounds are not checked against the areas of use.
    public func transformBounds(_ bounds: BoundingBox, densifyPoints: Int = 21, direction: Direction = .forward) throws(ProjError) -> BoundingBox {
        let role = roles(direction)
        guard let densify = Int32(exactly: densifyPoints), densify >= 0 else {
            throw .invalidArgument("densifyPoints \(densifyPoints) must be in 0...\(Int32.max)")
        }
        guard bounds.minX.isFinite, bounds.minY.isFinite, bounds.maxX.isFinite, bounds.maxY.isFinite,
              bounds.minY <= bounds.maxY, bounds.minX <= bounds.maxX || role.input.isGeographic else {
            throw .boundsTransformFailed(from: role.input.description, to: role.output.description, bounds: bounds,
                                         message: "the box is empty or not finite")
        }
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        proj_errno_reset(operation)
        guard proj_trans_bounds(context.pointer, operation, role.pj, bounds.minX, bounds.minY, bounds.maxX, bounds.maxY,
                                &minX, &minY, &maxX, &maxY, densify) == 1 else {
            throw .boundsTransformFailed(from: role.input.description, to: role.output.description, bounds: bounds,
                                         message: context.errorMessage)
        }
        return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }
}
