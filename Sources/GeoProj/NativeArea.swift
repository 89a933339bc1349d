internal import CPROJ

/// The bounding box of a CRS's area of use, in that CRS's own coordinates (x = easting or
/// longitude), used to reject points a transform is not meant for. The box is found by
/// transforming the area's longitude/latitude box with densified edges, so it contains the whole
/// area (a projected area of use is curved; its box is slightly larger than the area itself).
struct NativeArea {
    var minX: Double
    var minY: Double
    var maxX: Double
    var maxY: Double

    /// True when `(x, y)` lies in the box; a box with `minX > maxX` wraps across the antimeridian.
    @inline(__always)
    func contains(_ x: Double, _ y: Double) -> Bool {
        guard y >= minY, y <= maxY else { return false }
        return minX <= maxX ? (x >= minX && x <= maxX) : (x >= minX || x <= maxX)
    }

    /// The area of use of `crs` (created in `context`) in its own coordinates, or `nil` when the
    /// CRS has no known area or PROJ cannot express it there.
    init?(of crs: ResolvedCRS, object: OpaquePointer, context: ProjContext) {
        guard let area = crs.areaOfUse, let lonLat = context.create("EPSG:4326") else { return nil }
        defer { proj_destroy(lonLat) }
        guard let operation = proj_create_crs_to_crs_from_pj(context.pointer, lonLat, object, nil, nil) else { return nil }
        defer { proj_destroy(operation) }
        guard let normalized = proj_normalize_for_visualization(context.pointer, operation) else { return nil }
        defer { proj_destroy(normalized) }
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        guard proj_trans_bounds(context.pointer, normalized, PJ_FWD, area.west, area.south, area.east, area.north,
                                &minX, &minY, &maxX, &maxY, 21) == 1,
              minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else { return nil }
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }
}
