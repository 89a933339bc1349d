/// The two national pilot smart cities (국가 시범도시).
public enum PilotCityID: String, Hashable, Sendable, CaseIterable, Codable {
    /// Sejong 5-1 living zone (세종 5-1 생활권).
    case sejong51 = "sejong-5-1"
    /// Busan Eco Delta City pilot (부산 에코델타시티).
    case busanEDC = "busan-edc"
}

/// The plan figures of a pilot city (DOMAIN.md section 1: seeds, and Korean news reports of the
/// 2019 implementation plans).
public struct PilotCityPlan: Hashable, Sendable, Codable {
    /// Which pilot.
    public var id: PilotCityID
    /// Korean name.
    public var nameKorean: String
    /// English name.
    public var nameEnglish: String
    /// Planned site area, km².
    public var areaKm2: Double
    /// Planned households (modelled for Sejong 5-1: see ``householdsAndResidentsAreModelled``).
    public var households: Int
    /// Planned residents (modelled for Sejong 5-1: see ``householdsAndResidentsAreModelled``).
    public var residents: Int
    /// Centre of the site, WGS84 longitude (degrees).
    public var centreLongitude: Double
    /// Centre of the site, WGS84 latitude (degrees).
    public var centreLatitude: Double
    /// Building floors drawn by the generator (inclusive range).
    public var floors: ClosedRange<Int>
    /// Spacing of the generated mobility hubs, m (Sejong's car-free core is served densely).
    public var hubSpacing: Double

    /// The plan of `id`.
    public static func of(_ id: PilotCityID) -> PilotCityPlan {
        switch id {
        case .sejong51:
            PilotCityPlan(id: id, nameKorean: "세종 5-1 생활권", nameEnglish: "Sejong 5-1 living zone", areaKm2: 2.741,
                          households: 11_400, residents: 29_300,  // modelled: no report found gives them
                          centreLongitude: 127.334, centreLatitude: 36.524,
                          floors: 4...25, hubSpacing: 350)
        case .busanEDC:
            PilotCityPlan(id: id, nameKorean: "부산 에코델타시티", nameEnglish: "Busan Eco Delta City pilot", areaKm2: 2.773,
                          households: 3_380, residents: 8_500, centreLongitude: 128.913, centreLatitude: 35.153,
                          floors: 3...20, hubSpacing: 500)
        }
    }
}
