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

/// Buffered CSV output (RFC 4180) to standard output, an open descriptor, or a file written
/// atomically: a temporary file in the destination's folder, renamed into place by ``commit()``
/// and removed if the writer is discarded or released before that.
///
/// ```swift
/// let out = try CSVWriter(path: "out.csv")
/// out.write("name,code\n")
/// out.writeField("서울특별시, 종로구")     // quoted: holds a comma
/// try out.commit()
/// ```
///
/// A writer owns its buffer and output: use it from one thread at a time (it is not `Sendable`).
public final class CSVWriter {
    /// The name used in messages (the path, or `<stdout>`).
    public let name: String
    private let descriptor: Int32
    /// For a file written atomically: the temporary path and the final one.
    private let temporaryPath: String?
    private let finalPath: String?
    private var finished = false
    private var buffer: [UInt8] = []
    private let flushThreshold: Int
    /// The first write error, reported by the next ``flush()`` or ``commit()``.
    private var failure: GeoIOError?

    /// A CSV field as written: unchanged, or in double quotes (inner quotes doubled) when it
    /// holds a comma, a quote or a line break.
    public static func field(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Appends `bytes` to `out` as one CSV field (quoted when needed, as ``field(_:)``).
    public static func appendField<C: Collection<UInt8>>(_ bytes: C, to out: inout [UInt8]) {
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(0x22)
        for b in bytes {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }

    /// A writer to standard output.
    public static func standardOutput(bufferSize: Int = 1 << 20) -> CSVWriter {
        CSVWriter(fileDescriptor: 1, name: "<stdout>", bufferSize: bufferSize)
    }

    /// A writer to an open descriptor, which stays open.
    public init(fileDescriptor: Int32, name: String, bufferSize: Int = 1 << 20) {
        self.name = name
        descriptor = fileDescriptor
        temporaryPath = nil
        finalPath = nil
        flushThreshold = max(1, bufferSize)
        buffer.reserveCapacity(flushThreshold)
    }

    /// A writer to the file at `path`, which appears (replacing any file there) only at
    /// ``commit()``; until then the bytes go to `.<name>.<pid>.tmp` in the same folder.
    /// - Throws: ``GeoIOError/fileAccess(reason:at:)`` when the temporary file cannot be created.
    public init(path: String, bufferSize: Int = 1 << 20) throws(GeoIOError) {
        let directory = PathText.deletingLastComponent(path)
        let file = PathText.lastComponent(path)
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(file).\(getpid()).tmp"
        InterruptCleanup.register(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            InterruptCleanup.unregister(temporary)
            throw .fileAccess(reason: "cannot create: \(String(cString: strerror(errno)))",
                              at: .csv(file: path, line: 0, column: nil))
        }
        name = path
        descriptor = fd
        temporaryPath = temporary
        finalPath = path
        flushThreshold = max(1, bufferSize)
        buffer.reserveCapacity(flushThreshold)
    }

    deinit {
        if temporaryPath != nil { discard() } else { flushQuietly() }
    }

    /// Appends raw bytes (already CSV).
    public func write(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
        if buffer.count >= flushThreshold { flushQuietly() }
    }

    /// Appends raw bytes (already CSV); a piece as large as the buffer is written straight out.
    public func write(_ bytes: [UInt8]) {
        if bytes.count >= flushThreshold {
            flushQuietly()
            bytes.withUnsafeBytes { writeOut($0) }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { flushQuietly() }
    }

    /// Appends raw text (already CSV).
    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { flushQuietly() }
    }

    /// Appends one field, quoted when needed (no separator).
    public func writeField(_ text: String) {
        CSVWriter.appendField(text.utf8, to: &buffer)
        if buffer.count >= flushThreshold { flushQuietly() }
    }

    /// Appends a record: the fields quoted when needed, separated by commas, then LF.
    public func writeRecord(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(0x2C) }
            CSVWriter.appendField(f.utf8, to: &buffer)
        }
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { flushQuietly() }
    }

    /// Writes out the buffered bytes.
    /// - Throws: ``GeoIOError/fileAccess(reason:at:)`` when this or an earlier write failed.
    public func flush() throws(GeoIOError) {
        flushQuietly()
        if let failure { throw failure }
    }

    /// Flushes, and for a file closes it and renames it into place. A writer to a descriptor
    /// is only flushed.
    public func commit() throws(GeoIOError) {
        try flush()
        guard let temporaryPath, let finalPath, !finished else { return }
        finished = true
        defer { InterruptCleanup.unregister(temporaryPath) }
        let closed = close(descriptor) == 0
        let reason = String(cString: strerror(errno))
        let moved = closed ? FileReplacement.moveIntoPlace(temporaryPath, at: finalPath) : 0
        guard closed, moved == 0 else {
            let why = closed ? "cannot move the written file into place: \(String(cString: strerror(moved)))"
                             : "cannot write: \(reason)"
            unlink(temporaryPath)
            throw .fileAccess(reason: why, at: .csv(file: finalPath, line: 0, column: nil))
        }
    }

    /// Drops the output: for a file, closes and removes the temporary file (the destination is
    /// left as it was). Idempotent.
    public func discard() {
        guard !finished else { return }
        finished = true
        buffer.removeAll()
        if let temporaryPath {
            close(descriptor)
            unlink(temporaryPath)
            InterruptCleanup.unregister(temporaryPath)
        }
    }

    private func flushQuietly() {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        buffer.withUnsafeBytes { writeOut($0) }
    }

    /// Writes `bytes` to the descriptor, recording the first failure.
    private func writeOut(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, !finished, bytes.baseAddress != nil else { return }
        do throws(SystemError) {
            try RawFile.writeAll(descriptor, bytes)
        } catch {
            failure = .fileAccess(reason: "cannot write: \(error)", at: .csv(file: name, line: 0, column: nil))
        }
    }
}
