#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import GeoCore
import GeoProj

/// A national pilot smart city twin: the site footprint (derived from the shipped boundaries)
/// and its layers, each marked real, modelled or user-supplied. Work CRS: EPSG:5179 (metres).
///
/// ```swift
/// var twin = try PilotCity.build(.sejong51, geodata: atlas.geodata)
/// try twin.replace(.cctv, withWGS84: TwinLayerFile.read("my_cameras.geojson"))
/// let report = try twin.analyse()
/// ```
public struct PilotCity: Sendable {
    /// The plan figures.
    public let plan: PilotCityPlan
    /// The site footprint.
    public let site: PilotSite
    /// The layers by kind.
    public private(set) var layers: [TwinLayerKind: TwinLayer]

    /// Creates a twin from a site and layers (every ``TwinLayerKind`` must be present).
    public init(plan: PilotCityPlan, site: PilotSite, layers: [TwinLayerKind: TwinLayer]) throws(PilotCityError) {
        for kind in TwinLayerKind.allCases where layers[kind] == nil {
            throw .invalidLayer(layer: kind.rawValue, reason: "missing")
        }
        self.plan = plan
        self.site = site
        self.layers = layers
    }

    /// The twin of `id`: the footprint from `korea.gpkg` in `geodata`, every layer generated
    /// (``LayerOrigin/modelled``) by the deterministic generator.
    public static func build(_ id: PilotCityID, geodata: URL) throws(PilotCityError) -> PilotCity {
        try build(id, from: Geodata(folder: geodata))
    }

    /// The twin of `id`: the footprint read from the opened `geodata`, every layer generated
    /// (``LayerOrigin/modelled``) by the deterministic generator.
    public static func build(_ id: PilotCityID, from geodata: Geodata) throws(PilotCityError) -> PilotCity {
        let plan = PilotCityPlan.of(id)
        let site = try PilotSite.derive(id, from: geodata)
        return try PilotCity(plan: plan, site: site, layers: PilotCityGenerator.generate(site: site, plan: plan))
    }

    /// The twin of `id` built from `geodata` (``build(_:from:)``) with `replacements` applied in
    /// order (``replace(_:withWGS84:note:)``).
    public static func build(_ id: PilotCityID, from geodata: Geodata, replacing replacements: [TwinLayerReplacement])
        throws(PilotCityError) -> PilotCity {
        var twin = try build(id, from: geodata)
        for r in replacements { try twin.replace(r.kind, withWGS84: r.features, note: r.note) }
        return twin
    }

    /// The layer of `kind`.
    public func layer(_ kind: TwinLayerKind) -> TwinLayer {
        layers[kind] ?? TwinLayer(kind: kind, origin: .modelled, features: FeatureCollection([]), note: "empty")
    }

    /// Replaces the layer `kind` with user features in WGS84 (as GeoJSON gives them), marked
    /// ``LayerOrigin/user``. Buildings may carry `residents`, `households` and `floors`
    /// (missing values count as 0 residents).
    /// - Throws: ``PilotCityError/invalidLayer(layer:reason:)`` when a feature has no geometry
    ///   or a geometry of the wrong family, or the layer is empty.
    public mutating func replace(_ kind: TwinLayerKind, withWGS84 features: FeatureCollection, note: String = "user layer")
        throws(PilotCityError) {
        guard !features.features.isEmpty else { throw .invalidLayer(layer: kind.rawValue, reason: "no features") }
        for (i, f) in features.features.enumerated() {
            guard let g = f.geometry, g.family == kind.geometryFamily else {
                throw .invalidLayer(layer: kind.rawValue, reason: "feature \(i): expected \(kind.geometryFamily) geometry")
            }
        }
        let metric: FeatureCollection
        do { metric = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: PilotSite.epsg)).transform(features) } catch {
            throw .invalidLayer(layer: kind.rawValue, reason: "\(error)")
        }
        layers[kind] = TwinLayer(kind: kind, origin: .user, features: metric, note: note)
    }
}

/// User features that replace a twin layer (see ``PilotCity/replace(_:withWGS84:note:)``).
public struct TwinLayerReplacement: Sendable {
    /// The layer replaced.
    public var kind: TwinLayerKind
    /// The features, WGS84 longitude/latitude.
    public var features: FeatureCollection
    /// Where they come from (shown in reports).
    public var note: String

    /// Creates a replacement.
    public init(kind: TwinLayerKind, features: FeatureCollection, note: String = "user layer") {
        self.kind = kind
        self.features = features
        self.note = note
    }
}
