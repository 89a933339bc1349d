#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The most memory a job may plan to use, checked against an estimate before any work is done
/// and before any output is created, so an oversized request fails at once with the figures
/// instead of being killed (or swapping) half way.
///
/// ```swift
/// try RasterizeJob(input: "parcels.gpkg", output: "parcels.tif", resolution: 0.5,
///                  memoryBudget: MemoryBudget(bytes: 2 << 30)).run()
/// ```
public struct MemoryBudget: Sendable, Hashable, CustomStringConvertible {
    /// The limit, bytes.
    public var bytes: Int

    /// A budget of `bytes`.
    public init(bytes: Int) {
        self.bytes = bytes
    }

    /// Half of the machine's physical memory (the default of every job).
    public static var halfOfPhysicalMemory: MemoryBudget {
        MemoryBudget(bytes: Int(clamping: ProcessInfo.processInfo.physicalMemory / 2))
    }

    /// Parses a size such as `512M`, `8G`, `1.5GB`, `300000000` (bytes; K, M, G, T are powers of 1024).
    public init?(parsing text: String) {
        var s = text.trimmingWhitespaces().uppercased()
        if s.hasSuffix("B") { s.removeLast() }
        var scale = 1.0
        if let unit = s.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(unit)] {
            scale = Double(1 << (10 * power))
            s.removeLast()
        }
        guard let value = Double(s), value.isFinite, value > 0, value * scale < 9.2e18 else { return nil }
        bytes = Int(value * scale)
    }

    /// The budget in a readable unit, e.g. `11.6 GiB`.
    public var description: String { Self.format(bytes) }

    /// `bytes` in a readable unit (B, KiB, MiB, GiB, TiB).
    public static func format(_ bytes: Int) -> String {
        format(Double(bytes))
    }

    /// `bytes` in a readable unit (B, KiB, MiB, GiB, TiB, PiB).
    static func format(_ bytes: Double) -> String {
        var v = bytes
        for unit in ["B", "KiB", "MiB", "GiB", "TiB"] {
            if v < 1024 { return unit == "B" ? "\(Int(v)) B" : String(cFormat: "%.1f ", v) + unit }
            v /= 1024
        }
        return String(cFormat: "%.1f PiB", v)
    }

    /// Throws when `needed` bytes (a `Double` so that huge estimates cannot overflow) exceed the
    /// budget; `what` says what needs them.
    func check(_ needed: Double, for what: String) throws(WorkflowError) {
        guard needed <= Double(bytes) else {
            throw WorkflowError("\(what) needs about \(Self.format(needed)) of memory, more than the memory budget of \(self)")
        }
    }
}
