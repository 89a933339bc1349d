/// One layer in a twin report.
public struct TwinLayerSummary: Hashable, Sendable, Codable {
    /// Layer name.
    public var layer: String
    /// Real, modelled or user.
    public var origin: LayerOrigin
    /// Features.
    public var features: Int
    /// Where the features come from.
    public var note: String
}

/// Every analysis of a pilot twin, as printed by `geotwin twin`.
public struct TwinReport: Sendable, Codable {
    /// Which pilot.
    public var city: PilotCityID
    /// Korean name.
    public var nameKorean: String
    /// Plan figures: area (km²), households, residents.
    public var plan: PilotCityPlan
    /// Footprint area, km² (EPSG:5179 planar).
    public var footprintKm2: Double
    /// How the footprint was derived.
    public var footprintDerivation: String
    /// The layers.
    public var layers: [TwinLayerSummary]
    /// Households in the buildings layer.
    public var households: Int
    /// Residents in the buildings layer.
    public var residents: Int
    /// 119 response coverage, one per dispatch time.
    public var response: [ResponseCoverage]
    /// CCTV coverage of streets and blocks.
    public var cctv: CCTVCoverage
    /// Walking access to mobility hubs (per-building distances are not encoded).
    public var hubs: HubAccess
    /// Density surface cell size, m.
    public var densityCellMetres: Double
    /// Highest density, residents/ha.
    public var densityMaxPerHectare: Double
    /// Mean density over the footprint, residents/ha.
    public var densityMeanPerHectare: Double
    /// The assumptions of the analyses.
    public var assumptions: [String: Double]
}

extension PilotCity {
    /// Runs every analysis (``PilotCityAnalysis``).
    public func analyse() throws(PilotCityError) -> TwinReport {
        let buildings = layer(.buildings).features.features
        let hubs = PilotCityAnalysis.hubAccess(self)
        let density = try PilotCityAnalysis.densitySurface(self)
        return TwinReport(
            city: plan.id, nameKorean: plan.nameKorean, plan: plan, footprintKm2: site.areaKm2, footprintDerivation: site.derivation,
            layers: TwinLayerKind.allCases.map { k in
                let l = layer(k)
                return TwinLayerSummary(layer: k.rawValue, origin: l.origin, features: l.features.features.count, note: l.note)
            },
            households: buildings.reduce(0) { $0 + Int($1.properties["households"]?.intValue ?? 0) },
            residents: buildings.reduce(0) { $0 + PilotCityAnalysis.residents($1) },
            response: PilotCityAnalysis.responseCoverage(self), cctv: try PilotCityAnalysis.cctvCoverage(self), hubs: hubs,
            densityCellMetres: density.cellMetres, densityMaxPerHectare: density.maxPerHectare,
            densityMeanPerHectare: density.meanPerHectare,
            assumptions: ["response_target_s": PilotCityAnalysis.responseTarget, "fire_speed_m_per_s": PilotCityAnalysis.fireSpeed,
                          "detour_factor": PilotCityAnalysis.detourFactor, "walking_detour": PilotCityAnalysis.walkingDetour,
                          "hub_threshold_m": PilotCityAnalysis.hubThreshold, "camera_radius_m": PilotCityAnalysis.cameraRadius,
                          "street_width_m": PilotCityAnalysis.streetWidth])
    }
}
