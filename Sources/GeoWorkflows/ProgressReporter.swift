#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import GeoCore

/// A one-line progress bar on standard error for long work (`locate --input` over a large file):
/// drawn only when standard error is a terminal, at most ten times a second, and erased at the
/// end, so pipes, logs and scripts see nothing.
///
/// ```swift
/// let progress = ProgressReporter(label: "locate", total: fileSize)
/// progress.update(bytesDone)       // as the work goes
/// progress.finish()
/// ```
public final class ProgressReporter: @unchecked Sendable {
    /// The text before the bar.
    public let label: String
    /// The amount that is 100 % (bytes, rows, features); 0 while unknown (see ``setTotal(_:)``).
    public var total: Int {
        lock.lock()
        defer { lock.unlock() }
        return currentTotal
    }
    /// False when nothing is drawn (standard error is not a terminal, or ``total`` is not positive).
    public var isEnabled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return enabled && currentTotal > 0
    }

    /// True when the reporter draws once it has a positive ``total`` (standard error is a
    /// terminal, or `enabled` was given): work can skip counting its total otherwise.
    public var canDraw: Bool { enabled }

    private let enabled: Bool
    private var currentTotal: Int
    private let output: @Sendable (String) -> Void
    private let clock: @Sendable () -> UInt64
    private let lock = Lock()
    private var lastDraw: UInt64 = 0
    private var drawn = false

    /// A reporter of `total` units, drawing when `enabled` (by default: when standard error is a
    /// terminal).
    /// - Parameters:
    ///   - label: the text before the bar.
    ///   - total: the amount that is 100 %; 0 when it is known only later (``setTotal(_:)``).
    ///   - enabled: draw at all (by default: when standard error is a terminal).
    ///   - output: where the text goes (by default: standard error).
    ///   - clock: the time in nanoseconds that spaces the redraws (by default: the system's
    ///     monotonic clock).
    public init(label: String, total: Int, enabled: Bool = ProgressReporter.standardErrorIsTerminal,
                output: @escaping @Sendable (String) -> Void = ProgressReporter.writeToStandardError,
                clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.label = label
        currentTotal = total
        self.enabled = enabled
        self.output = output
        self.clock = clock
    }

    /// True when standard error is a terminal.
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Sets the amount that is 100 %, once the work knows it (a converted layer's feature count).
    public func setTotal(_ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        currentTotal = total
    }

    /// Reports `done` units of ``total`` done; redraws when 100 ms have passed since the last draw.
    public func update(_ done: Int) {
        guard enabled else { return }
        let now = clock()
        lock.lock()
        defer { lock.unlock() }
        guard currentTotal > 0, !drawn || now &- lastDraw >= 100_000_000 else { return }
        lastDraw = now
        drawn = true
        output("\r" + Self.line(label: label, done: done, total: currentTotal))
    }

    /// Erases the bar (call once, when the work ends or fails).
    public func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { output("\r\u{1B}[2K") }
        drawn = false
    }

    /// `label [#####.....]  42%`: a 30-cell bar and the percentage, `done` clamped to `0...total`.
    public static func line(label: String, done: Int, total: Int, width: Int = 30) -> String {
        let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 0
        let cells = Int(fraction * Double(width))
        let percent = Int(fraction * 100)
        return "\(label) [" + String(repeating: "#", count: cells) + String(repeating: ".", count: width - cells) + "] "
            + String(repeating: " ", count: percent < 10 ? 2 : percent < 100 ? 1 : 0) + "\(percent)%"
    }

    /// Writes `text` to standard error as it is.
    public static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            _ = write(STDERR_FILENO, base, raw.count)
        }
    }
}

extension ProgressReporter {
    /// A callback for a job's `progress` parameter (``ZonalJob/progress``,
    /// ``RasterizeJob/progress``): the job's `total` becomes ``total``, `done` is drawn against
    /// it, and the bar is erased when `done` reaches `total`.
    public var callback: @Sendable (_ done: Int, _ total: Int) -> Void {
        { [self] done, total in
            guard total > 0 else { return }
            if done >= total {
                finish()
            } else {
                setTotal(total)
                update(done)
            }
        }
    }
}
