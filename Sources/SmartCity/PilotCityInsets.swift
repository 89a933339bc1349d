public import GeoCore
public import GeoRender

extension PilotCityID {
    /// The sigungu holding the site: 36110 (세종시) for Sejong 5-1, 26440 (부산 강서구) for Busan EDC.
    public var sigunguCode: String {
        switch self {
        case .sejong51: "36110"
        case .busanEDC: "26440"
        }
    }

    /// The caption of the city's inset on the national maps.
    public var insetTitle: String {
        switch self {
        case .sejong51: "세종 5-1 생활권 (Sejong)"
        case .busanEDC: "부산 에코델타시티 (Gangseo-gu)"
        }
    }

    /// The id of the city's inset on the national maps (`sejong`, `busan-edc`).
    public var insetID: String {
        switch self {
        case .sejong51: "sejong"
        case .busanEDC: "busan-edc"
        }
    }

    /// The insets of the national maps: one per pilot city, stacked at the right of a page
    /// `pageWidth` wide (each 20 % of the page width square, the first 30 % of the width down),
    /// each showing the features of `features` whose `codeField` is the city's ``sigunguCode``
    /// (the sigungu itself, or its emd with `codeField: "sigungu_code"`) with 1.5 km around.
    /// - Throws: ``PilotCityError/missingBoundary(layer:name:)`` when no feature matches a city.
    public static func insets(of features: FeatureCollection, codeField: String, projection: any MapProjection,
                              pageWidth: Double, margin: Double = 16, layerIDs: [String]) throws(PilotCityError) -> [Inset] {
        let w = pageWidth * 0.2, h = pageWidth * 0.2
        let x = pageWidth - margin - 10 - w
        var out: [Inset] = []
        for (i, city) in allCases.enumerated() {
            guard let extent = Inset.extent(of: features, projection: projection, padding: 1500,
                                            where: { $0.properties[codeField]?.stringValue == city.sigunguCode }) else {
                throw .missingBoundary(layer: "with \(codeField)", name: city.sigunguCode)
            }
            let minY = i == 0 ? pageWidth * 0.3 : pageWidth * 0.3 + Double(i) * (h + 12)
            let maxY = i == 0 ? pageWidth * 0.3 + h : pageWidth * 0.3 + Double(i + 1) * h + Double(i) * 12
            out.append(Inset(id: city.insetID, title: city.insetTitle, extent: extent,
                             frame: BoundingBox(minX: x, minY: minY, maxX: x + w, maxY: maxY), layerIDs: layerIDs))
        }
        return out
    }
}
