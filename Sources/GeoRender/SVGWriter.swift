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
import GeoCore

/// A buffered, streaming writer of SVG text: bytes accumulate in a 64 KiB buffer that is flushed
/// to the destination file as it fills, so a map is never held as one giant string.
///
/// Writing to a file goes to a temporary file in the destination directory that is renamed over
/// the destination by ``finish()``; on any failure the temporary file is removed and the
/// destination is left as it was. Without a file the writer keeps everything in memory
/// (``text``), which is what the tests and ``MapRenderer/renderSVG(_:)`` use.
///
/// A writer owns its buffer and output: use it from one thread at a time (it is not `Sendable`).
public final class SVGWriter {
    private var buffer: [UInt8] = []
    private var memory: [UInt8] = []
    /// The temporary file's descriptor, or nil for an in-memory writer.
    private var handle: Int32?
    private let temporaryPath: String?
    private let destinationPath: String?
    private static let flushThreshold = 1 << 16
    /// Total bytes written so far.
    public private(set) var byteCount = 0

    /// A writer that keeps the document in memory.
    public init() {
        handle = nil
        temporaryPath = nil
        destinationPath = nil
        buffer.reserveCapacity(Self.flushThreshold)
    }

    /// A writer streaming to a temporary file next to `path`; ``finish()`` moves it into place.
    /// - Throws: ``RenderError/io(path:message:)`` when the directory is not writable.
    public init(path: String) throws(RenderError) {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        InterruptCleanup.register(temp)
        guard case .success(let h) = RawFile.create(temp) else {
            InterruptCleanup.unregister(temp)
            throw .io(path: path, message: "cannot create a file in \(url.deletingLastPathComponent().path)")
        }
        handle = h
        temporaryPath = temp
        destinationPath = path
        buffer.reserveCapacity(Self.flushThreshold + 1024)
    }

    deinit {
        if let handle { try? RawFile.close(handle) }
    }

    /// The document written so far, for an in-memory writer (empty for a file writer).
    public var text: String { String(decoding: memory + buffer, as: UTF8.self) }

    /// Appends raw markup (no escaping).
    public func raw(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        byteCount += s.utf8.count
    }

    /// Appends one ASCII byte.
    @inline(__always)
    public func byte(_ b: UInt8) {
        buffer.append(b)
        byteCount += 1
    }

    /// Appends character data with `&`, `<`, `>`, `"` and `'` escaped; control characters that XML 1.0
    /// forbids are dropped.
    public func escaped(_ s: String) {
        for u in s.utf8 {
            switch u {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\""): raw("&quot;")
            case UInt8(ascii: "'"): raw("&apos;")
            case 0x09, 0x0A, 0x0D: byte(u)
            case 0..<0x20: continue
            default: byte(u)
            }
        }
    }

    /// Appends ` name="value"` with the value escaped.
    public func attribute(_ name: String, _ value: String) {
        byte(0x20)
        raw(name)
        raw("=\"")
        escaped(value)
        byte(UInt8(ascii: "\""))
    }

    /// Appends ` name="number"` with the number written by ``number(_:decimals:)``.
    public func attribute(_ name: String, _ value: Double, decimals: Int = 2) {
        byte(0x20)
        raw(name)
        raw("=\"")
        number(value, decimals: decimals)
        byte(UInt8(ascii: "\""))
    }

    /// Appends a number rounded to `decimals` places with trailing zeros removed (non-finite
    /// values are written as 0). Locale-independent and deterministic.
    public func number(_ value: Double, decimals: Int = 2) {
        let d = Swift.max(0, Swift.min(6, decimals))
        var f = 1.0
        for _ in 0..<d { f *= 10 }
        let scaled = (value * f).rounded()
        guard scaled.isFinite, abs(scaled) < 9e15 else {
            byte(UInt8(ascii: "0"))
            return
        }
        gridNumber(Int64(scaled), decimals: d)
    }

    /// Appends `value / 10^decimals` exactly, e.g. 12345 with 2 decimals is "123.45", -50 is "-0.5".
    public func gridNumber(_ value: Int64, decimals: Int) {
        var v = value
        if v < 0 {
            byte(UInt8(ascii: "-"))
            v = 0 &- v
        }
        var p: Int64 = 1
        for _ in 0..<decimals { p *= 10 }
        let whole = v / p
        var frac = v % p
        digits(whole)
        guard frac != 0 else { return }
        byte(UInt8(ascii: "."))
        var width = decimals
        while frac % 10 == 0 {
            frac /= 10
            width -= 1
        }
        var tmp: [UInt8] = []
        for _ in 0..<width {
            tmp.append(UInt8(ascii: "0") + UInt8(frac % 10))
            frac /= 10
        }
        for b in tmp.reversed() { byte(b) }
    }

    private func digits(_ value: Int64) {
        if value < 10 {
            byte(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var v = value
        var tmp: [UInt8] = []
        while v > 0 {
            tmp.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        }
        for b in tmp.reversed() { byte(b) }
    }

    /// Flushes the buffer to the file when it is over the threshold.
    public func flushIfNeeded() throws(RenderError) {
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    private func flush() throws(RenderError) {
        guard let handle else {
            memory.append(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
            return
        }
        let failure = buffer.withUnsafeBytes { bytes -> SystemError? in
            do throws(SystemError) { try RawFile.writeAll(handle, bytes) } catch { return error }
            return nil
        }
        if let failure {
            abandon()
            throw .io(path: destinationPath ?? "", message: "write failed: \(failure)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and, for a file writer, closes the temporary file and renames it
    /// over the destination (atomic on one file system).
    public func finish() throws(RenderError) {
        try flush()
        guard let handle, let temporaryPath, let destinationPath else { return }
        do {
            self.handle = nil
            try RawFile.close(handle)
        } catch {
            abandon()
            throw .io(path: destinationPath, message: "close failed: \(error)")
        }
        let code = FileReplacement.moveIntoPlace(temporaryPath, at: destinationPath)
        if code != 0 {
            abandon()
            throw .io(path: destinationPath, message: "rename failed: \(String(cString: strerror(code)))")
        }
        InterruptCleanup.unregister(temporaryPath)
    }

    /// Closes and deletes the temporary file (the destination is untouched).
    public func abandon() {
        if let handle { try? RawFile.close(handle) }
        handle = nil
        if let temporaryPath {
            unlink(temporaryPath)
            InterruptCleanup.unregister(temporaryPath)
        }
    }
}
