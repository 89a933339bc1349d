import GeoCore

/// The second pipeline stage: applies the ``ScreenTransform``, clips to the frame and snaps
/// every vertex to the output grid (integer multiples of 10^-decimals px), dropping repeated
/// vertices and parts that collapse.
///
/// Snapping before simplification is what keeps shared borders gap-free: two neighbours that
/// share a vertex in the data share the very same grid vertex, so the junction detection of
/// ``SharedBorderSimplifier`` sees identical arcs on both sides.
public struct GridStage: Sendable {
    /// Map units to pixels.
    public let transform: ScreenTransform
    /// The clip rectangle in pixels (the frame grown by a margin).
    public let clip: BoundingBox
    /// Number of decimals of the output; the grid step is 10^-decimals px.
    public let decimals: Int

    /// Creates the stage; `decimals` is clamped to 0...6.
    public init(transform: ScreenTransform, clip: BoundingBox, decimals: Int) {
        self.transform = transform
        self.clip = clip
        self.decimals = Swift.max(0, Swift.min(6, decimals))
    }

    /// Grid units per pixel (10^decimals).
    public var unitsPerPixel: Double {
        var f = 1.0
        for _ in 0..<decimals { f *= 10 }
        return f
    }

    /// Runs the stage over a projected layer.
    public func run(_ input: PartGeometry<Double>) -> PartGeometry<Int64> {
        var out = PartGeometry<Int64>()
        out.coordinates.reserveCapacity(input.coordinates.count)
        let clipper = RectangleClipper(rect: clip)
        let f = unitsPerPixel
        var pixel = [Double]()
        for p in 0..<input.partCount {
            let range = input.vertexRange(p)
            pixel.removeAll(keepingCapacity: true)
            for v in range {
                let s = transform.apply(x: input.coordinates[2 * v], y: input.coordinates[2 * v + 1])
                pixel.append(s.x)
                pixel.append(s.y)
            }
            let kind = input.partKind[p], feature = input.partFeature[p]
            switch kind {
            case .point:
                if clip.contains(Coordinate(pixel[0], pixel[1])) {
                    out.append(snap(pixel[...], f, closed: false), kind: .point, feature: feature)
                }
            case .line:
                for piece in clipper.clipLine(pixel[...]) {
                    let g = snap(piece[...], f, closed: false)
                    if g.count >= 4 { out.append(g, kind: .line, feature: feature) }
                }
            case .exterior, .hole:
                let g = snap(clipper.clipRing(pixel[...])[...], f, closed: true)
                if g.count >= 6 { out.append(g, kind: kind, feature: feature) }
            }
        }
        return out
    }

    /// Vertices that are not finite or absurdly far (beyond 10^15 grid units, which clipping
    /// rules out for finite input) are skipped rather than converted.
    private func snap(_ xy: ArraySlice<Double>, _ f: Double, closed: Bool) -> [Int64] {
        var out = [Int64]()
        out.reserveCapacity(xy.count)
        var i = xy.startIndex
        while i + 1 < xy.endIndex {
            let sx = (xy[i] * f).rounded(), sy = (xy[i + 1] * f).rounded()
            guard abs(sx) < 1e15, abs(sy) < 1e15 else {
                i += 2
                continue
            }
            let x = Int64(sx), y = Int64(sy)
            let n = out.count
            if n < 2 || out[n - 2] != x || out[n - 1] != y {
                out.append(x)
                out.append(y)
            }
            i += 2
        }
        if closed {
            while out.count >= 4, out[0] == out[out.count - 2], out[1] == out[out.count - 1] {
                out.removeLast(2)
            }
        }
        return out
    }
}
