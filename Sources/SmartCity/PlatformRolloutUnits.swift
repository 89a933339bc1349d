/// A local government (지방자치단체) as the rollout counts them: a city with districts is one unit
/// (its districts are not autonomous), every other sigungu is its own unit.
public struct LocalGovernment: Hashable, Sendable, Codable {
    /// Legal code: the sigungu code, or the city's code for a city with districts (e.g. `41110` 수원시).
    public var code: String
    /// Korean name (e.g. `수원시`, `마포구`).
    public var name: String
    /// 2-digit legal code of the sido.
    public var sidoCode: String
    /// Korean name of the sido.
    public var sidoName: String
    /// Census 2020 household population, persons (see ``LocalGovernments/build(municipalities:provinces:)``).
    public var population: Int
    /// Area of the legal polygons, km².
    public var areaKm2: Double
    /// The sigungu codes of the shipped polygons that make up the unit.
    public var memberCodes: [String]

    /// Creates a unit.
    public init(code: String, name: String, sidoCode: String, sidoName: String, population: Int, areaKm2: Double,
                memberCodes: [String]) {
        self.code = code
        self.name = name
        self.sidoCode = sidoCode
        self.sidoName = sidoName
        self.population = population
        self.areaKm2 = areaKm2
        self.memberCodes = memberCodes
    }

    /// `서울 마포구` for a district of a metropolitan city, the bare name otherwise.
    public var displayName: String {
        if let prefix = LocalGovernments.metropolitanPrefix[sidoCode] { return "\(prefix) \(name)" }
        return name
    }
}

/// Building the local governments from the atlas's sigungu layer.
public enum LocalGovernments {
    /// Short names of the metropolitan cities used in published lists (`서울 마포구`).
    public static let metropolitanPrefix = ["11": "서울", "26": "부산", "27": "대구", "28": "인천", "29": "광주",
                                            "30": "대전", "31": "울산"]
    /// Sigungu of the source that have since merged into a city: 청원군 (43710) joined 청주시 in 2014.
    public static let mergedInto = ["43710": "43110"]

    /// The units, sorted by code (`municipalities` in code order, as the atlas gives them). Rules:
    /// - the parent-city polygons (천안시 44130, 창원시 48120) are skipped: their districts make the unit;
    /// - a district of a city (`cityKorean` set) joins the unit coded by the city's code (first four
    ///   digits and `0`), named by the city; ``mergedInto`` folds 청원군 into 청주시;
    /// - population is the sum of the districts' census values; the population of a sido that no
    ///   matched district carries (부천시 in 경기도, 청주시 in 충청북도, see Geodata/README.md) goes to
    ///   the unit of that sido with unmatched districts, so the units sum to the census total
    ///   (49,941,605 persons);
    /// - area is the sum of the district polygons' areas.
    public static func build(municipalities: [Municipality], provinces: [Province]) -> [LocalGovernment] {
        var units: [String: LocalGovernment] = [:]
        var unmatched: Set<String> = []
        var matchedBySido: [String: Int] = [:]
        for m in municipalities where !m.isParentCity {
            let key = mergedInto[m.code] ?? (m.cityKorean != nil ? String(m.code.prefix(4)) + "0" : m.code)
            var u = units[key] ?? LocalGovernment(code: key, name: currentNames[key] ?? m.cityKorean ?? m.nameKorean, sidoCode: m.sidoCode,
                                                 sidoName: m.sidoKorean, population: 0, areaKm2: 0, memberCodes: [])
            u.memberCodes.append(m.code)
            u.areaKm2 += m.areaKm2
            if let p = m.population {
                u.population += p
                matchedBySido[m.sidoCode, default: 0] += p
            } else {
                unmatched.insert(key)
            }
            units[key] = u
        }
        for p in provinces {
            let holders = unmatched.filter { units[$0]?.sidoCode == p.code }.sorted()
            guard let first = holders.first else { continue }
            units[first]?.population += max(0, p.population - matchedBySido[p.code, default: 0])
        }
        return units.values.sorted { $0.code < $1.code }
    }
}
