import GeoCore

/// A coordinate type a packed tree can store.
public protocol StoredScalar: BinaryFloatingPoint, Sendable {
    /// The largest value `<= x` (so a stored minimum never exceeds the true one).
    static func roundedDown(_ x: Double) -> Self
    /// The smallest value `>= x` (so a stored maximum is never below the true one).
    static func roundedUp(_ x: Double) -> Self
    /// The value as a Double (exact for Float and Double).
    var doubleValue: Double { get }
}

extension Double: StoredScalar {
    /// `x` itself.
    @inlinable public static func roundedDown(_ x: Double) -> Double { x }
    /// `x` itself.
    @inlinable public static func roundedUp(_ x: Double) -> Double { x }
    /// `self`.
    @inlinable public var doubleValue: Double { self }
}

extension Float: StoredScalar {
    /// The nearest Float at or below `x`.
    @inlinable public static func roundedDown(_ x: Double) -> Float {
        let f = Float(x)
        // `f.nextDown` where `f > x`, on the bit pattern (no branch to mispredict): toward zero
        // for a positive `f` (and +infinity), away from it for a negative one (and -0, which
        // only a negative `x` rounds to). `+0` is never above `x` (only `x >= 0` rounds to it).
        let bits = f.bitPattern
        let step = (bits >> 31) << 1 &- 1  // -1 for a positive sign, +1 for a negative one
        let move = 0 &- UInt32(unsafeBitCast(Double(f) > x, to: UInt8.self))  // all ones or zero
        return Float(bitPattern: bits &+ (step & move))
    }
    /// The nearest Float at or above `x`.
    @inlinable public static func roundedUp(_ x: Double) -> Float {
        let f = Float(x)
        // `f.nextUp` where `f < x`, mirrored from ``roundedDown(_:)`` (`-0` is never below `x`).
        let bits = f.bitPattern
        let step = 1 &- (bits >> 31) << 1  // +1 for a positive sign, -1 for a negative one
        let move = 0 &- UInt32(unsafeBitCast(Double(f) < x, to: UInt8.self))
        return Float(bitPattern: bits &+ (step & move))
    }
    /// The exact Double of this Float.
    @inlinable public var doubleValue: Double { Double(self) }
}

/// The flat node boxes of a packed tree, `[minX, minY, maxX, maxY]` per node, in one of two widths.
@usableFromInline
enum BoxArray: Sendable {
    case float64(ContiguousArray<Double>)
    case float32(ContiguousArray<Float>)

    var kind: BoxStorage {
        switch self {
        case .float64: .float64
        case .float32: .float32
        }
    }

    var byteCount: Int {
        switch self {
        case .float64(let a): a.count * 8
        case .float32(let a): a.count * 4
        }
    }

    /// The box of node `node` as Doubles.
    func box(at node: Int) -> BoundingBox {
        switch self {
        case .float64(let a):
            BoundingBox(minX: a[4 * node], minY: a[4 * node + 1], maxX: a[4 * node + 2], maxY: a[4 * node + 3])
        case .float32(let a):
            BoundingBox(minX: Double(a[4 * node]), minY: Double(a[4 * node + 1]),
                        maxX: Double(a[4 * node + 2]), maxY: Double(a[4 * node + 3]))
        }
    }
}
