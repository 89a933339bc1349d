/// A property value of a feature, as in a GeoJSON `properties` object or a GeoPackage row.
public enum PropertyValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([PropertyValue])
    case object([String: PropertyValue])

    /// The value as a `Double` when it is numeric.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// The value as an `Int64` when it is an integer (or a double with an exact integer value).
    public var intValue: Int64? {
        switch self {
        case .int(let i): i
        case .double(let d): Int64(exactly: d)
        default: nil
        }
    }

    /// The value as a `String` when it is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value as a `Bool` when it is a boolean.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

extension PropertyValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: PropertyValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, PropertyValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// The identifier of a feature: a string or an integer (GeoJSON allows both).
public enum FeatureID: Hashable, Sendable {
    case string(String)
    case int(Int64)
}

/// A geometry (or none) with named properties.
public struct Feature: Hashable, Sendable {
    /// Optional identifier.
    public var id: FeatureID?
    /// The geometry; `nil` for an unlocated feature (GeoJSON `"geometry": null`).
    public var geometry: Geometry?
    /// Named attributes. Writers emit keys in sorted order so output is deterministic.
    public var properties: [String: PropertyValue]

    /// Creates a feature.
    public init(id: FeatureID? = nil, geometry: Geometry?, properties: [String: PropertyValue] = [:]) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    /// The property named `key`, or `nil`.
    public subscript(key: String) -> PropertyValue? { properties[key] }
}

/// An ordered list of features (a layer).
public struct FeatureCollection: Hashable, Sendable {
    /// The features in order.
    public var features: [Feature]
    /// The CRS of the coordinates, when known (GeoJSON's is always ``CRS/wgs84``).
    public var crs: CRS?

    /// Creates a collection of `features` in `crs`.
    public init(_ features: [Feature] = [], crs: CRS? = nil) {
        self.features = features
        self.crs = crs
    }

    /// The bounding box of every geometry, or ``BoundingBox/empty``.
    public var boundingBox: BoundingBox {
        features.reduce(BoundingBox.empty) { box, f in
            guard let g = f.geometry else { return box }
            return box.union(g.boundingBox)
        }
    }
}
