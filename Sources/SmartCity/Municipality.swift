/// A municipality (시군구, sigungu): a legal district of the NGII boundaries with its census 2020
/// figures (see Geodata/README.md for sources and the crosswalk).
public struct Municipality: Hashable, Sendable {
    /// The 5-digit legal code (e.g. `41111`).
    public var code: String
    /// The Korean name, city and district separated by a space (e.g. `수원시 장안구`).
    public var nameKorean: String
    /// The English name, city first (e.g. `Suwon-si Jangan-gu`).
    public var nameEnglish: String
    /// The city of a city district (e.g. `수원시`), nil otherwise.
    public var cityKorean: String?
    /// The 2-digit legal code of the sido.
    public var sidoCode: String
    /// The Korean name of the sido (e.g. `경기도`).
    public var sidoKorean: String
    /// The English name of the sido as the census spells it (e.g. `Gyeonggi-do`).
    public var sidoEnglish: String
    /// The KOSTAT census district code joined to this district, nil when there is no one-to-one match.
    public var censusCode: Int?
    /// Census 2020 household population (persons), nil when there is no one-to-one match.
    public var population: Int?
    /// Census 2020 general households, nil when there is no one-to-one match.
    public var households: Int?
    /// Geodesic area of the legal polygon on WGS84, in km².
    public var areaKm2: Double
    /// True for the two parent-city polygons drawn over their own districts (천안시, 창원시).
    public var isParentCity: Bool

    /// `sido sigungu` in Korean (e.g. `경기도 수원시 장안구`).
    public var fullNameKorean: String { "\(sidoKorean) \(nameKorean)" }
}

/// A sido (시도): a province or metropolitan city.
public struct Province: Hashable, Sendable {
    /// The 2-digit legal code (e.g. `41`).
    public var code: String
    /// The Korean name (e.g. `경기도`).
    public var nameKorean: String
    /// The English name as the census spells it (e.g. `Gyeonggi-do`).
    public var nameEnglish: String
    /// Census 2020 household population (persons) of its census districts.
    public var population: Int
    /// Census 2020 general households of its census districts.
    public var households: Int
    /// Geodesic area of the legal polygon on WGS84, in km².
    public var areaKm2: Double
}

/// An administrative level of the Korean legal geography.
public enum AdministrativeLevel: String, Hashable, Sendable, CaseIterable {
    /// Province or metropolitan city (17).
    case sido
    /// City, county or district (253 in the shipped data).
    case sigungu
    /// Town, township or neighbourhood (읍면동), national (5,026 legal emd).
    case emd
}

/// The answer of a reverse-geocoding query: the finest unit found, with its parents.
public struct LocatedRegion: Hashable, Sendable {
    /// The level of the finest unit found (may be coarser than the level asked for, see
    /// ``KoreaAtlas/locate(latitude:longitude:level:)``).
    public var level: AdministrativeLevel
    /// The legal code of the finest unit (2, 5 or 8 digits).
    public var code: String
    /// The sido's 2-digit code.
    public var sidoCode: String
    /// The sido's Korean name.
    public var sidoName: String
    /// The sigungu's 5-digit code, nil when only the sido was found.
    public var sigunguCode: String?
    /// The sigungu's Korean name (e.g. `수원시 장안구`), nil when only the sido was found.
    public var sigunguName: String?
    /// The emd's 8-digit code, nil above emd level.
    public var emdCode: String?
    /// The emd's Korean name, nil above emd level.
    public var emdName: String?

    /// The Korean names from sido down, separated by spaces (e.g. `경기도 수원시 장안구`).
    public var name: String {
        [sidoName, sigunguName, emdName].compactMap { $0 }.joined(separator: " ")
    }
}
