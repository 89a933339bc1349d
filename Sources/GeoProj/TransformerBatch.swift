public import GeoCore
internal import CPROJ

// Batch transforms: one `proj_trans_generic` call over contiguous buffers, with the area-of-use
// and failure checks as single passes around it. A batch either succeeds for every point or
// throws for the first bad one and leaves its input as it was.

extension Transformer {
    /// Transforms separate x and y arrays in place (the fastest layout: PROJ reads and writes
    /// them directly, stride 8 bytes).
    ///
    /// On error the arrays hold their input values again, and the error names the first bad point
    /// and its index. Cost: one copy of the input (restored on failure) and two checking passes
    /// besides PROJ's own work; the transformer keeps the copy buffers (16 bytes per point of the
    /// largest batch) for its next call.
    public func transform(x: inout [Double], y: inout [Double], direction: Direction = .forward) throws(ProjError) {
        guard x.count == y.count else { throw .mismatchedLengths(x: x.count, y: y.count) }
        let role = roles(direction)
        let count = x.count
        if let area = role.inputArea {
            for i in 0..<count where !area.contains(x[i], y[i]) {
                throw .outsideAreaOfUse(crs: role.input.description, point: Coordinate(x[i], y[i]), index: i)
            }
        }
        savedX.removeAll(keepingCapacity: true)
        savedY.removeAll(keepingCapacity: true)
        savedX.append(contentsOf: x)
        savedY.append(contentsOf: y)
        var noZ: [Double] = []
        run(&x, &y, &noZ, role.pj)
        let outputArea = role.outputArea
        for i in 0..<count {
            let ox = x[i], oy = y[i]
            let failed = !ox.isFinite || !oy.isFinite
            if failed || !(outputArea?.contains(ox, oy) ?? true) {
                let point = Coordinate(savedX[i], savedY[i])
                let message = context.errorMessage
                x = savedX
                y = savedY
                if failed {
                    throw .transformFailed(from: role.input.description, to: role.output.description,
                                           point: point, index: i, message: message)
                }
                throw .outsideAreaOfUse(crs: role.output.description, point: point, index: i)
            }
        }
    }

    /// Transforms 2D coordinates in place, in one PROJ call; on error the array is unchanged.
    public func transform(_ coordinates: inout [Coordinate], direction: Direction = .forward) throws(ProjError) {
        var xs = coordinates.map(\.x)
        var ys = coordinates.map(\.y)
        try transform(x: &xs, y: &ys, direction: direction)
        for i in coordinates.indices {
            coordinates[i].x = xs[i]
            coordinates[i].y = ys[i]
        }
    }

    /// Transforms positions in place: `z`, where present (not nil, not NaN), is transformed too;
    /// `m` is copied. One PROJ call; written back only when every point succeeded.
    public func transform(_ positions: inout [Position], direction: Direction = .forward) throws(ProjError) {
        var xs = positions.map(\.x)
        var ys = positions.map(\.y)
        guard positions.contains(where: { $0.z != nil }) else {
            try transform(x: &xs, y: &ys, direction: direction)
            for i in positions.indices {
                positions[i].x = xs[i]
                positions[i].y = ys[i]
            }
            return
        }
        let role = roles(direction)
        var zs = positions.map { p in p.z.map { $0.isNaN ? 0 : $0 } ?? 0 }
        try check(xs, ys, role)
        run(&xs, &ys, &zs, role.pj)
        try checkOutput(xs, ys, original: positions.map(\.coordinate), role)
        for i in positions.indices {
            positions[i].x = xs[i]
            positions[i].y = ys[i]
            if let z = positions[i].z, !z.isNaN { positions[i].z = zs[i] }
        }
    }

    /// The geometry with every vertex transformed in one batch (heights too); empty parts stay empty.
    public func transform(_ geometry: Geometry, direction: Direction = .forward) throws(ProjError) -> Geometry {
        if geometry.hasZ {
            var vertices: [Position] = []
            vertices.reserveCapacity(geometry.coordinateCount)
            geometry.forEachPosition { vertices.append($0) }
            try transform(&vertices, direction: direction)
            var next = 0
            return geometry.mapPositions { _ in
                defer { next += 1 }
                return vertices[next]
            }
        }
        var vertices: [Coordinate] = []
        vertices.reserveCapacity(geometry.coordinateCount)
        geometry.forEachCoordinate { vertices.append($0) }
        try transform(&vertices, direction: direction)
        var next = 0
        return geometry.mapCoordinates { _ in
            defer { next += 1 }
            return vertices[next]
        }
    }

    /// The collection with every feature's geometry transformed; properties and ids are kept.
    /// - Throws: ``ProjError/inFeature(index:_:)`` wrapping the first failure.
    public func transform(_ collection: FeatureCollection, direction: Direction = .forward) throws(ProjError) -> FeatureCollection {
        var result = collection
        result.crs = direction == .forward ? target.crs : source.crs
        for (index, feature) in collection.features.enumerated() {
            guard let geometry = feature.geometry else { continue }
            do {
                result.features[index].geometry = try transform(geometry, direction: direction)
            } catch {
                throw .inFeature(index: index, error)
            }
        }
        return result
    }

    /// One `proj_trans_generic` call over the buffers, in place; an empty `z` means 2D.
    private func run(_ x: inout [Double], _ y: inout [Double], _ z: inout [Double], _ pj: PJ_DIRECTION) {
        let count = x.count
        let zCount = z.isEmpty ? 0 : count
        let stride = MemoryLayout<Double>.stride
        proj_errno_reset(operation)
        x.withUnsafeMutableBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                z.withUnsafeMutableBufferPointer { zb in
                    _ = proj_trans_generic(operation, pj, xb.baseAddress, stride, count, yb.baseAddress, stride, count,
                                           zCount == 0 ? nil : zb.baseAddress, stride, zCount, nil, 0, 0)
                }
            }
        }
    }

    private func check(_ x: [Double], _ y: [Double], _ role: Role) throws(ProjError) {
        guard let area = role.inputArea else { return }
        for i in x.indices where !area.contains(x[i], y[i]) {
            throw .outsideAreaOfUse(crs: role.input.description, point: Coordinate(x[i], y[i]), index: i)
        }
    }

    private func checkOutput(_ x: [Double], _ y: [Double], original: [Coordinate], _ role: Role) throws(ProjError) {
        for i in x.indices {
            guard x[i].isFinite, y[i].isFinite else {
                throw .transformFailed(from: role.input.description, to: role.output.description,
                                       point: original[i], index: i, message: context.errorMessage)
            }
            if let area = role.outputArea, !area.contains(x[i], y[i]) {
                throw .outsideAreaOfUse(crs: role.output.description, point: original[i], index: i)
            }
        }
    }
}
