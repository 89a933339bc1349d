import ArgumentParser
import GeoTwin

/// `geotwin info FILE [--json]`: layers, feature counts, geometry types, CRS and bounds of a file.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a geodata file: layers, feature count, geometry types, CRS and bounding box.",
        discussion: "Formats by extension: .geojson/.json (GeoJSON, EPSG:4326), .wkb (length-prefixed WKB stream)."
    )

    @Argument(help: "The file to describe.")
    var file: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        try reportingErrors {
            let (format, layers) = try GeoFile.read(file)
            print(json ? try Self.json(file: file, format: format, layers: layers)
                       : Self.text(file: file, format: format, layers: layers))
        }
    }

    /// Counts per geometry type (sorted by name) and the number of null geometries.
    static func geometryTypes(_ features: [Feature]) -> (counts: [(String, Int)], nulls: Int) {
        var counts: [String: Int] = [:]
        var nulls = 0
        for f in features {
            if let g = f.geometry { counts[g.kind.rawValue, default: 0] += 1 } else { nulls += 1 }
        }
        return (counts.sorted { $0.key < $1.key }, nulls)
    }

    static func text(file: String, format: GeoFileFormat, layers: [GeoLayer]) -> String {
        var lines = ["file: \(file)", "format: \(format.rawValue)", "layers: \(layers.count)"]
        for layer in layers {
            let (counts, nulls) = geometryTypes(layer.features)
            let box = FeatureCollection(layer.features).boundingBox
            lines.append("layer \(layer.name)")
            lines.append("  features: \(layer.features.count)")
            let types = counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            lines.append("  geometry types: \(types.isEmpty ? "none" : types)" + (nulls > 0 ? ", null \(nulls)" : ""))
            lines.append("  CRS: \(layer.crs ?? "unknown")")
            lines.append("  bounds: " + (box.isEmpty ? "empty" : "\(box.minX) \(box.minY) \(box.maxX) \(box.maxY) (minX minY maxX maxY)"))
        }
        return lines.joined(separator: "\n")
    }

    static func json(file: String, format: GeoFileFormat, layers: [GeoLayer]) throws -> String {
        let layerValues: [PropertyValue] = layers.map { layer in
            let (counts, nulls) = geometryTypes(layer.features)
            let box = FeatureCollection(layer.features).boundingBox
            return .object([
                "name": .string(layer.name),
                "featureCount": .int(Int64(layer.features.count)),
                "geometryTypes": .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.0, PropertyValue.int(Int64($0.1))) })),
                "nullGeometries": .int(Int64(nulls)),
                "crs": layer.crs.map(PropertyValue.string) ?? .null,
                "bbox": box.isEmpty ? .null : .array([.double(box.minX), .double(box.minY), .double(box.maxX), .double(box.maxY)]),
            ])
        }
        return try GeoJSON.encode(PropertyValue.object([
            "file": .string(file), "format": .string(format.rawValue), "layers": .array(layerValues),
        ]))
    }
}
