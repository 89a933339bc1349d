import GeoCore

/// What `geotwin info` prints of a source: its format and a summary of every layer, as text or
/// as one JSON object.
///
/// ```swift
/// let description = try GeoDataDescription(path: "Geodata/korea.gpkg")
/// print(description.text)
/// ```
public struct GeoDataDescription: Hashable, Sendable {
    /// The path as given (a URL with its password masked).
    public var path: String
    /// The format; nil for a location a ``GeoDataProvider`` opens.
    public var format: GeoDataFormat?
    /// The format's name (`GeoPackage`, `PostGIS`).
    public var formatName: String
    /// One summary per layer, in file order.
    public var layers: [GeoDataLayerSummary]

    /// Opens `path` and summarises every layer (features streamed, one pass per layer; a
    /// provider's location, e.g. PostGIS, is summarised where the data lives), counting only the
    /// features whose bounding box meets `bbox` (in the layer's CRS) when given. `encoding`: the
    /// text encoding of a Shapefile's attributes (overriding its `.cpg`).
    public init(path: String, bbox: BoundingBox? = nil, encoding: String? = nil) throws(GeoDataError) {
        let source = try GeoDataSource(path: path, encoding: encoding)
        self.path = source.path
        format = source.format
        formatName = source.formatName
        if let provided = source.provided {
            layers = try provided.layers.map { info throws(GeoDataError) in try provided.summary(of: info, bbox: bbox) }
            return
        }
        var summaries: [GeoDataLayerSummary] = []
        for info in source.layers {
            var summary = GeoDataLayerSummary(GeoDataLayer(name: info.name, collection: FeatureCollection()))
            let crs = try source.forEachFeature(layer: source.format?.isMultiLayer ?? false ? info.name : nil,
                                                bbox: info.isAttributesOnly ? nil : bbox) { f in summary.add(f) }
            summary.crs = crs ?? info.crs
            summaries.append(summary)
        }
        layers = summaries
    }

    /// Several lines: `file:`, `format:`, `layers:`, then per layer its features, geometry types,
    /// CRS and bounds.
    public var text: String {
        var lines = ["file: \(path)", "format: \(formatName)", "layers: \(layers.count)"]
        for layer in layers {
            let box = layer.extent
            lines.append("layer \(layer.name)")
            lines.append("  features: \(layer.featureCount)")
            let types = layer.sortedGeometryTypes.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
            lines.append("  geometry types: \(types.isEmpty ? "none" : types)" + (layer.nullGeometries > 0 ? ", null \(layer.nullGeometries)" : ""))
            lines.append("  CRS: \(layer.crs?.description ?? "unknown")")
            lines.append("  bounds: " + (box.isEmpty ? "empty" : "\(box.minX) \(box.minY) \(box.maxX) \(box.maxY) (minX minY maxX maxY)"))
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON object: `file`, `format`, `layers` (name, featureCount, geometryTypes,
    /// nullGeometries, crs, bbox).
    public func json() throws(GeoIOError) -> String {
        let layerValues: [PropertyValue] = layers.map { layer in
            let box = layer.extent
            return .object([
                "name": .string(layer.name),
                "featureCount": .int(Int64(layer.featureCount)),
                "geometryTypes": .object(Dictionary(uniqueKeysWithValues: layer.sortedGeometryTypes.map { ($0.0.rawValue, PropertyValue.int(Int64($0.1))) })),
                "nullGeometries": .int(Int64(layer.nullGeometries)),
                "crs": layer.crs.map { .string($0.description) } ?? .null,
                "bbox": box.isEmpty ? .null : .array([.double(box.minX), .double(box.minY), .double(box.maxX), .double(box.maxY)]),
            ])
        }
        return try GeoJSON.encode(PropertyValue.object([
            "file": .string(path), "format": .string(formatName), "layers": .array(layerValues),
        ]))
    }
}

extension GeoDataLayerSummary {
    /// Counts `feature` in.
    public mutating func add(_ feature: Feature) {
        featureCount += 1
        guard let g = feature.geometry else {
            nullGeometries += 1
            return
        }
        geometryTypes[g.kind, default: 0] += 1
        extent = extent.union(g.boundingBox)
    }

    /// The geometry types and their counts, by type name.
    public var sortedGeometryTypes: [(Geometry.Kind, Int)] {
        geometryTypes.sorted { $0.key.rawValue < $1.key.rawValue }
    }
}
