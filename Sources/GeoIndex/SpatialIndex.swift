import GeoCore

/// A value located by a geometry, so that it can be put in a ``SpatialIndex``.
public protocol Locatable {
    /// The geometry locating the value; `nil` (or an empty geometry) leaves it out of the index.
    var locatingGeometry: Geometry? { get }
}

extension Feature: Locatable {
    /// The feature's geometry.
    public var locatingGeometry: Geometry? { geometry }
}

extension Geometry: Locatable {
    /// The geometry itself.
    public var locatingGeometry: Geometry? { self }
}

/// An exact intersection test applied to the candidates an index finds by box. A predicate is
/// prepared once per query geometry, then run on each candidate. GeoIndexGEOS's
/// `GEOSPreparedIntersects` (in the GeoTwin umbrella) uses GEOS prepared geometries.
public protocol IntersectionPredicate {
    /// The query geometry in whatever form makes repeated tests fast.
    associatedtype Prepared
    /// What preparing or testing can throw (`Never` for GeoTwin's planar test).
    associatedtype Failure: Error = Never
    /// Prepares `query` for many tests.
    func prepare(_ query: Geometry) throws(Failure) -> Prepared
    /// True when the prepared query and `candidate` share at least one point.
    func intersects(_ prepared: Prepared, _ candidate: Geometry) throws(Failure) -> Bool
}

/// GeoTwin's own exact planar intersection test: two geometries intersect when any boundary
/// segments cross or touch, or when one lies inside the other (boundaries count).
/// O(n x m) in the vertex counts of the two geometries.
public struct PlanarIntersects: IntersectionPredicate, Sendable {
    /// Creates the predicate.
    public init() {}

    /// The query itself (this test needs no preparation).
    public func prepare(_ query: Geometry) -> Geometry { query }

    /// True when `candidate` shares a point with `query`.
    public func intersects(_ query: Geometry, _ candidate: Geometry) -> Bool {
        let others = candidate.primitives
        return query.primitives.contains { a in others.contains { GeoIndex.intersects(a, $0) } }
    }
}

/// A static spatial index over located values (features, geometries) that answers with exact
/// geometry predicates: boxes from a ``PackedRTree`` give candidates, exact planar tests decide.
///
/// Answers are positions in ``elements``, ascending. Elements without a geometry, or with an
/// empty one, are never returned. Coordinates are planar (project lon/lat data first for
/// distances in metres).
///
/// ```swift
/// let districts = try SpatialIndex(collection.features)
/// let holding = districts.containing(Coordinate(127.2890, 36.4800))   // positions in features
/// let touched = districts.intersecting(.lineString(route))
/// let closest = districts.nearest(to: Coordinate(127.2890, 36.4800), k: 2)
/// ```
public struct SpatialIndex<Element: Locatable> {
    /// The indexed values, in the order given.
    public let elements: [Element]
    /// The box tree; its item `i` is element ``elementIndex(ofItem:)``.
    public let tree: PackedRTree
    private let itemElements: [Int]
    private let itemPrimitives: [[Primitive]]

    /// Builds the index.
    ///
    /// - Throws: ``GeoIndexError/nonFiniteBox(index:)`` naming the first element whose geometry
    ///   has a NaN or infinite coordinate.
    public init(_ elements: [Element], nodeSize: Int = 16) throws(GeoIndexError) {
        var boxes = [BoundingBox]()
        var items = [Int]()
        var primitives = [[Primitive]]()
        for (i, e) in elements.enumerated() {
            guard let g = e.locatingGeometry else { continue }
            var box = BoundingBox.empty
            var finite = true
            g.forEachCoordinate { c in
                finite = finite && c.x.isFinite && c.y.isFinite
                box.expand(toInclude: c)
            }
            guard finite else { throw .nonFiniteBox(index: i) }
            if box.isEmpty { continue }
            boxes.append(box)
            items.append(i)
            primitives.append(g.primitives)
        }
        self.elements = elements
        self.tree = try PackedRTree(boxes: boxes, nodeSize: nodeSize)
        self.itemElements = items
        self.itemPrimitives = primitives
    }

    /// The element position of tree item `item`.
    public func elementIndex(ofItem item: Int) -> Int { itemElements[item] }

    /// Elements whose bounding box intersects `box` (candidates, not refined), ascending.
    public func candidates(intersecting box: BoundingBox) -> [Int] {
        tree.search(box).map { itemElements[$0] }.sorted()
    }

    /// Elements with a polygon (of a Polygon, MultiPolygon or collection) containing `point`,
    /// boundary included, ascending: "which zones hold this point".
    public func containing(_ point: Coordinate) -> [Int] {
        var out = [Int]()
        tree.search(BoundingBox(point)) { item in
            let hit = itemPrimitives[item].contains { p in
                if case .polygon(let poly) = p { return poly.covers(point) }
                return false
            }
            if hit { out.append(itemElements[item]) }
            return true
        }
        return out.sorted()
    }

    /// Elements whose geometry intersects `geometry` (boundaries count), by GeoTwin's exact
    /// planar test, ascending.
    public func intersecting(_ geometry: Geometry) -> [Int] {
        intersecting(geometry, predicate: PlanarIntersects())
    }

    /// Elements whose geometry intersects `geometry` according to `predicate` (for example a
    /// GEOS prepared-geometry test), ascending. Candidates come from the boxes first; the first
    /// error the predicate throws stops the search and is rethrown.
    public func intersecting<P: IntersectionPredicate>(_ geometry: Geometry, predicate: P) throws(P.Failure) -> [Int] {
        let box = geometry.boundingBox
        guard !box.isEmpty else { return [] }
        let prepared = try predicate.prepare(geometry)
        var out = [Int]()
        var failure: P.Failure?
        tree.search(box) { item in
            let e = itemElements[item]
            guard let g = elements[e].locatingGeometry else { return true }
            do throws(P.Failure) {
                if try predicate.intersects(prepared, g) { out.append(e) }
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return out.sorted()
    }

    /// The `k` elements nearest to `point` by true planar geometry distance (0 inside a
    /// polygon), nearest first, ties by ascending element index. Box distances bound the search,
    /// so exact distances are computed for few elements.
    public func nearest(to point: Coordinate, k: Int = 1, maxDistance: Double = .infinity) -> [Neighbor] {
        tree.refinedNeighbors(of: point, k: k, maxDistance: maxDistance) { item in
            itemPrimitives[item].reduce(Double.infinity) { min($0, distance(point, to: $1)) }
        }.map { Neighbor(index: itemElements[$0.index], distance: $0.distance) }
    }
}

extension SpatialIndex: Sendable where Element: Sendable {}
