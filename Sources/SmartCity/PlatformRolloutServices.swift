/// The five services the integrated platform links (DOMAIN.md section 2).
public enum LinkedService: String, Hashable, Sendable, CaseIterable, Codable {
    /// Emergency video to the 112 (police) centre.
    case video112 = "112-video"
    /// 112 emergency dispatch support.
    case dispatch112 = "112-dispatch"
    /// 119 (fire and ambulance) emergency dispatch support.
    case dispatch119 = "119-dispatch"
    /// Disaster situation support.
    case disaster
    /// Support for vulnerable people (children, people with dementia).
    case vulnerablePeople = "vulnerable-people"

    /// Korean name.
    public var nameKorean: String {
        switch self {
        case .video112: "112 긴급영상 지원"
        case .dispatch112: "112 긴급출동 지원"
        case .dispatch119: "119 긴급출동 지원"
        case .disaster: "재난상황 긴급대응 지원"
        case .vulnerablePeople: "사회적 약자 지원"
        }
    }
}

/// When one linked service started for one adopter.
public struct ServiceStart: Hashable, Sendable, Codable {
    /// The service.
    public var service: LinkedService
    /// First year of operation.
    public var year: Int
    /// Always `modelled`: no public source gives per-adopter start years.
    public var status: RolloutStatus
}

/// The linked services of one adopter.
public struct AdopterServices: Hashable, Sendable, Codable {
    /// The selection.
    public var selection: RolloutRecord
    /// The five services with their start year.
    public var services: [ServiceStart]
}

extension PlatformRollout {
    /// Years between selection and operation of the linked services: the platform is built in the
    /// year of the national subsidy and opens the next year.
    public static let buildYears = 1

    /// The five linked services of every selection, each starting ``buildYears`` after the
    /// selection year (the rule is a model: every start year is `modelled`).
    public static func linkedServices(_ selections: [RolloutRecord]) -> [AdopterServices] {
        selections.map { s in
            AdopterServices(selection: s, services: LinkedService.allCases.map {
                ServiceStart(service: $0, year: s.year + buildYears, status: .modelled)
            })
        }
    }
}
