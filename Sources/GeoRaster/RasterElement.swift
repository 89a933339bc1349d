/// How a cell value is stored in a file (the TIFF SampleFormat).
public enum SampleKind: Sendable, Hashable {
    /// Unsigned integer.
    case unsignedInteger
    /// Two's complement signed integer.
    case signedInteger
    /// IEEE floating point.
    case floatingPoint
}

/// A type that can be stored in a raster cell.
///
/// GeoRaster provides conformances for `Float` (Float32), `Double` (Float64), `Int32`,
/// `Int16`, `UInt8` and `UInt16`.
public protocol RasterElement: Sendable, Hashable, Comparable {
    /// The value as a `Double` (exact for every supported type).
    var doubleValue: Double { get }
    /// The value nearest to `value`, rounded and clamped to the type's range for integers;
    /// NaN becomes 0 for integer types.
    init(rasterConverting value: Double)
    /// The number of bits of one sample.
    static var bitsPerSample: Int { get }
    /// The kind of sample (TIFF SampleFormat).
    static var sampleKind: SampleKind { get }
    /// The zero value.
    static var zeroValue: Self { get }
}

extension RasterElement {
    /// True when the value is a NaN (floating-point types only).
    @inlinable
    public var isNaNValue: Bool { self != self }
}

@usableFromInline
func clampedRounded(_ v: Double, _ lo: Double, _ hi: Double) -> Double {
    if v.isNaN { return 0 }
    return Swift.min(Swift.max(v.rounded(), lo), hi)
}

extension Float: RasterElement {
    public var doubleValue: Double { Double(self) }
    public init(rasterConverting value: Double) { self = Float(value) }
    public static var bitsPerSample: Int { 32 }
    public static var sampleKind: SampleKind { .floatingPoint }
    public static var zeroValue: Float { 0 }
}

extension Double: RasterElement {
    public var doubleValue: Double { self }
    public init(rasterConverting value: Double) { self = value }
    public static var bitsPerSample: Int { 64 }
    public static var sampleKind: SampleKind { .floatingPoint }
    public static var zeroValue: Double { 0 }
}

extension Int32: RasterElement {
    public var doubleValue: Double { Double(self) }
    public init(rasterConverting value: Double) {
        self = Int32(clampedRounded(value, Double(Int32.min), Double(Int32.max)))
    }
    public static var bitsPerSample: Int { 32 }
    public static var sampleKind: SampleKind { .signedInteger }
    public static var zeroValue: Int32 { 0 }
}

extension Int16: RasterElement {
    public var doubleValue: Double { Double(self) }
    public init(rasterConverting value: Double) {
        self = Int16(clampedRounded(value, Double(Int16.min), Double(Int16.max)))
    }
    public static var bitsPerSample: Int { 16 }
    public static var sampleKind: SampleKind { .signedInteger }
    public static var zeroValue: Int16 { 0 }
}

extension UInt8: RasterElement {
    public var doubleValue: Double { Double(self) }
    public init(rasterConverting value: Double) { self = UInt8(clampedRounded(value, 0, 255)) }
    public static var bitsPerSample: Int { 8 }
    public static var sampleKind: SampleKind { .unsignedInteger }
    public static var zeroValue: UInt8 { 0 }
}

extension UInt16: RasterElement {
    public var doubleValue: Double { Double(self) }
    public init(rasterConverting value: Double) { self = UInt16(clampedRounded(value, 0, 65535)) }
    public static var bitsPerSample: Int { 16 }
    public static var sampleKind: SampleKind { .unsignedInteger }
    public static var zeroValue: UInt16 { 0 }
}
