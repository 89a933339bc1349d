import Foundation

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
    /// The amount that is 100 % (bytes, rows, features).
    public let total: Int
    /// False when nothing is drawn (standard error is not a terminal, or `total` is not positive).
    public let isEnabled: Bool

    private let lock = NSLock()
    private var lastDraw: UInt64 = 0
    private var drawn = false

    /// A reporter of `total` units, drawing when `enabled` (by default: when standard error is a
    /// terminal).
    public init(label: String, total: Int, enabled: Bool = ProgressReporter.standardErrorIsTerminal) {
        self.label = label
        self.total = total
        isEnabled = enabled && total > 0
    }

    /// True when standard error is a terminal.
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Reports `done` units of ``total`` done; redraws when 100 ms have passed since the last draw.
    public func update(_ done: Int) {
        guard isEnabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        guard !drawn || now &- lastDraw >= 100_000_000 else { return }
        lastDraw = now
        drawn = true
        emit("\r" + Self.line(label: label, done: done, total: total))
    }

    /// Erases the bar (call once, when the work ends or fails).
    public func finish() {
        guard isEnabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { emit("\r\u{1B}[2K") }
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

    private func emit(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            _ = write(STDERR_FILENO, base, raw.count)
        }
    }
}

extension ProgressReporter {
    /// A callback for a job's `progress` parameter (``ZonalJob/progress``,
    /// ``RasterizeJob/progress``): `done` of `total` is drawn as the same share of ``total``,
    /// and the bar is erased when `done` reaches `total`.
    public var callback: @Sendable (_ done: Int, _ total: Int) -> Void {
        { [self] done, total in
            guard total > 0 else { return }
            if done >= total {
                finish()
            } else {
                update(Int((Double(done) / Double(total) * Double(self.total)).rounded(.down)))
            }
        }
    }
}
