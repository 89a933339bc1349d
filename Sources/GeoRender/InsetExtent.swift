public import GeoCore

extension Inset {
    /// The extent of an inset showing the features `include` accepts: the corners of each one's
    /// bounding box projected with `projection` (corners that do not project are skipped), grown
    /// by `padding` map units on every side; nil when no accepted feature has a projectable corner.
    public static func extent(of features: FeatureCollection, projection: any MapProjection, padding: Double = 0,
                              where include: (Feature) -> Bool) -> BoundingBox? {
        var box = BoundingBox.empty
        for f in features.features where include(f) {
            guard let b = f.geometry?.boundingBox else { continue }
            for (x, y) in [(b.minX, b.minY), (b.maxX, b.maxY), (b.minX, b.maxY), (b.maxX, b.minY)] {
                let p = projection.project(x: x, y: y)
                if p.x.isFinite { box.expand(toInclude: Coordinate(p.x, p.y)) }
            }
        }
        return box.isEmpty ? nil : box.expanded(by: padding)
    }
}
