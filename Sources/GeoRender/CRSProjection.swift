#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoProj

/// The GeoProj adapter: projects layers from a source CRS to a map CRS with PROJ (e.g. from
/// EPSG:4326 to EPSG:5179, Korea 2000 / Unified CS, for national maps of Korea).
///
/// The PROJ transformers are owned by this object and used under a lock, one thread at a time,
/// as GeoProj requires. Forward transforms of the data check the CRSs' areas of use, so data
/// the map CRS cannot represent is reported as ``RenderError/unprojectable(layer:feature:x:y:)``;
/// the helpers for the scale bar, north arrow and graticule (map CRS <-> WGS84) do not.
public final class CRSProjection: MapProjection, @unchecked Sendable {
    /// The CRS of the layers' coordinates, as PROJ resolved it.
    public let source: ResolvedCRS
    /// The CRS of the map, as PROJ resolved it.
    public let target: ResolvedCRS
    private let forward: Transformer
    private let toGeographic: Transformer
    private let fromGeographic: Transformer
    private let lock = Lock()

    /// Creates the adapter from `source` (the data) to `target` (the map).
    /// - Throws: ``RenderError/projection(_:)`` when PROJ has no transformation between them.
    public init(from source: CRS, to target: CRS) throws(RenderError) {
        do {
            self.source = try source.resolved()
            self.target = try target.resolved()
            let wgs84 = try CRS.wgs84.resolved()
            let source = self.source, target = self.target
            forward = try Transformer(from: source, to: target)
            toGeographic = try Transformer(from: target, to: wgs84, checksAreaOfUse: false)
            fromGeographic = try Transformer(from: wgs84, to: target, checksAreaOfUse: false)
        } catch {
            throw .projection(error.description)
        }
    }

    /// Creates the adapter from EPSG codes, e.g. `CRSProjection(fromEPSG: 4326, toEPSG: 5179)`.
    public convenience init(fromEPSG source: Int, toEPSG target: Int) throws(RenderError) {
        try self.init(from: CRS(epsg: source), to: CRS(epsg: target))
    }

    /// "EPSG:<code>" of the map CRS, or its PROJ name.
    public var crsIdentifier: String { target.epsgCode.map { "EPSG:\($0)" } ?? target.name }

    /// True only when source and target are the same CRS (nothing to transform).
    public var isAffine: Bool { source == target }

    /// 1 for a projected map CRS (GeoTwin's projected CRSs are metre-based), `nil` for a
    /// geographic one.
    public var metresPerUnit: Double? { target.isGeographic ? nil : 1 }

    /// Transforms the interleaved source coordinates in one PROJ batch; when a point fails, the
    /// points are transformed one by one and the failures become NaN.
    public func project(_ xy: inout [Double]) {
        guard source != target else { return }
        let n = xy.count / 2
        var x = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            x[i] = xy[2 * i]
            y[i] = xy[2 * i + 1]
        }
        lock.lock()
        defer { lock.unlock() }
        do {
            try forward.transform(x: &x, y: &y)
        } catch {
            // Some point failed: transform one by one, marking the failures as NaN.
            for i in 0..<n {
                if let c = try? forward.transform(Coordinate(xy[2 * i], xy[2 * i + 1])) {
                    x[i] = c.x
                    y[i] = c.y
                } else {
                    x[i] = .nan
                    y[i] = .nan
                }
            }
        }
        for i in 0..<n {
            xy[2 * i] = x[i]
            xy[2 * i + 1] = y[i]
        }
    }

    /// Longitude and latitude (WGS84, degrees) of a map position, `nil` when PROJ cannot invert it.
    public func geographic(x: Double, y: Double) -> (longitude: Double, latitude: Double)? {
        lock.lock()
        defer { lock.unlock() }
        guard let c = try? toGeographic.transform(Coordinate(x, y)), c.x.isFinite, c.y.isFinite else { return nil }
        return (c.x, c.y)
    }

    /// The map position of a WGS84 longitude and latitude (degrees), `nil` when PROJ fails.
    public func projectGeographic(longitude: Double, latitude: Double) -> (x: Double, y: Double)? {
        lock.lock()
        defer { lock.unlock() }
        guard let c = try? fromGeographic.transform(Coordinate(longitude, latitude)), c.x.isFinite, c.y.isFinite else { return nil }
        return (c.x, c.y)
    }
}
