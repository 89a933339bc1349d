import GeoCore

/// Whatever a GeoJSON document holds at its top level.
public enum GeoJSONObject: Hashable, Sendable {
    /// A bare geometry object (`Point` ... `GeometryCollection`).
    case geometry(Geometry)
    /// A `Feature`.
    case feature(Feature)
    /// A `FeatureCollection`.
    case featureCollection(FeatureCollection)

    /// The features of the document: the collection's, the single feature, or one feature
    /// without properties around a bare geometry.
    public var features: [Feature] {
        switch self {
        case .geometry(let g): [Feature(geometry: g)]
        case .feature(let f): [f]
        case .featureCollection(let fc): fc.features
        }
    }
}

/// GeoJSON (RFC 7946) reading and writing.
///
/// Reading is a single pass over the UTF-8 bytes straight into GeoCore values. It accepts members
/// in any order, ignores `bbox` and foreign members, reads `id` as a string or integer (a
/// fractional number id is kept as its text), keeps integers that fit `Int64` as `.int`
/// properties and every other number as `.double`, and parses numbers to the correctly rounded
/// double. It rejects invalid JSON, invalid UTF-8, non-finite numbers (`1e999`), positions of fewer
/// than 2 numbers, line strings of 1 position, rings that are open or have fewer than 4 positions,
/// and wrong shapes, naming the JSON path (`$.features[12].geometry.coordinates[0][3]`) and the
/// byte offset. A leading UTF-8 byte-order mark is skipped. A missing `geometry` member reads as a null geometry; a missing `properties` as
/// no properties.
///
/// Writing: see `encode(_:)` of a `Geometry`.
public enum GeoJSON {
    /// Decodes a GeoJSON document of any kind from UTF-8 bytes.
    /// - Throws: ``GeoIOError`` with a `.json(path:offset:)` location.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(GeoIOError) -> GeoJSONObject {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw .unexpectedEnd(expected: "a GeoJSON object", at: .json(path: "$", offset: 0))
        }
        var parser = GeoJSONParser(base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        do throws(GeoIOError) {
            return try parser.document()
        } catch {
            throw error.prefixingJSONPath("$")
        }
    }

    /// Decodes a GeoJSON document of any kind from UTF-8 bytes.
    public static func decode(_ bytes: [UInt8]) throws(GeoIOError) -> GeoJSONObject {
        let result = bytes.withUnsafeBytes { raw in
            Result<GeoJSONObject, GeoIOError> { () throws(GeoIOError) in try decode(raw) }
        }
        return try result.get()
    }

    /// Decodes a GeoJSON document of any kind from text.
    public static func decode(_ text: String) throws(GeoIOError) -> GeoJSONObject {
        try decode(Array(text.utf8))
    }

    /// Decodes a document that must be a bare geometry object.
    public static func decodeGeometry(_ bytes: [UInt8]) throws(GeoIOError) -> Geometry {
        guard case .geometry(let g) = try decode(bytes) else {
            throw .wrongJSONType(expected: "a geometry object", at: .json(path: "$.type", offset: -1))
        }
        return g
    }

    /// Decodes a document that must be a `Feature`.
    public static func decodeFeature(_ bytes: [UInt8]) throws(GeoIOError) -> Feature {
        guard case .feature(let f) = try decode(bytes) else {
            throw .wrongJSONType(expected: "a Feature", at: .json(path: "$.type", offset: -1))
        }
        return f
    }

    /// Decodes a document that must be a `FeatureCollection`.
    public static func decodeFeatureCollection(_ bytes: UnsafeRawBufferPointer) throws(GeoIOError) -> FeatureCollection {
        guard case .featureCollection(let fc) = try decode(bytes) else {
            throw .wrongJSONType(expected: "a FeatureCollection", at: .json(path: "$.type", offset: -1))
        }
        return fc
    }

    /// Decodes a document that must be a `FeatureCollection`.
    public static func decodeFeatureCollection(_ bytes: [UInt8]) throws(GeoIOError) -> FeatureCollection {
        let result = bytes.withUnsafeBytes { raw in
            Result<FeatureCollection, GeoIOError> { () throws(GeoIOError) in try decodeFeatureCollection(raw) }
        }
        return try result.get()
    }
}
