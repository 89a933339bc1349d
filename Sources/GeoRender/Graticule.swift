import GeoCore

/// Meridians and parallels every `step` degrees over the frame, for projections with a
/// geographic reference.
enum Graticule {
    /// The graticule lines in projected map coordinates (as line parts), or an empty geometry
    /// when the projection has no geographic reference or the step is not positive.
    static func lines(frame: BoundingBox, transform: ScreenTransform, projection: any MapProjection,
                      step: Double) -> PartGeometry<Double> {
        var out = PartGeometry<Double>()
        guard step.isFinite, step > 0 else { return out }
        var lonMin = Double.infinity, lonMax = -Double.infinity, latMin = Double.infinity, latMax = -Double.infinity
        for k in 0...20 {
            let t = Double(k) / 20
            for (px, py) in [(frame.minX + t * frame.width, frame.minY), (frame.minX + t * frame.width, frame.maxY),
                             (frame.minX, frame.minY + t * frame.height), (frame.maxX, frame.minY + t * frame.height)] {
                let m = transform.invert(x: px, y: py)
                guard let g = projection.geographic(x: m.x, y: m.y), g.longitude.isFinite, g.latitude.isFinite else { continue }
                lonMin = Swift.min(lonMin, g.longitude); lonMax = Swift.max(lonMax, g.longitude)
                latMin = Swift.min(latMin, g.latitude); latMax = Swift.max(latMax, g.latitude)
            }
        }
        guard lonMin <= lonMax, latMin <= latMax, (lonMax - lonMin) / step < 360, (latMax - latMin) / step < 180 else { return out }
        latMin = Swift.max(-90, latMin); latMax = Swift.min(90, latMax)
        func add(_ points: [(Double, Double)]) {
            var xy: [Double] = []
            for (lon, lat) in points {
                if let p = projection.projectGeographic(longitude: lon, latitude: lat), p.x.isFinite, p.y.isFinite {
                    xy.append(p.x); xy.append(p.y)
                }
            }
            if xy.count >= 4 { out.append(xy, kind: .line, feature: 0) }
        }
        let samples = 48
        var lon = (lonMin / step).rounded(.up) * step
        while lon <= lonMax {
            add((0...samples).map { (lon, latMin + (latMax - latMin) * Double($0) / Double(samples)) })
            lon += step
        }
        var lat = (latMin / step).rounded(.up) * step
        while lat <= latMax {
            add((0...samples).map { (lonMin + (lonMax - lonMin) * Double($0) / Double(samples), lat) })
            lat += step
        }
        return out
    }
}
