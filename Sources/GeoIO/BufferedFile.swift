import Foundation

/// A new file written through a 1 MiB buffer with plain `write(2)` calls (and `pwrite(2)` for a
/// header patched at the end), for the writers that stream their output to a temporary file.
/// The first failure is kept and returned by ``close()``; later writes are skipped.
final class BufferedFile {
    private let fd: Int32
    private var closed = false
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20
    private var failure: Int32 = 0

    /// Creates (or truncates) the file at `path`; nil when it cannot be opened.
    init?(creating path: String) {
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return nil }
        buffer.reserveCapacity(capacity)
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends `bytes`; a piece of the buffer's size or more is written straight through.
    func append(_ bytes: UnsafeRawBufferPointer) {
        if buffer.count + bytes.count > capacity { flush() }
        if bytes.count >= capacity {
            writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// False once a write failed.
    var isHealthy: Bool { failure == 0 }

    func append(_ bytes: Repeated<UInt8>) {
        if buffer.count + bytes.count > capacity { flush() }
        buffer.append(contentsOf: bytes)
    }

    func appendBigEndian(_ v: Int32) {
        if buffer.count + 4 > capacity { flush() }
        appendBE(&buffer, v)
    }

    /// Writes `bytes` at `offset` (after what is buffered is written).
    func write(_ bytes: [UInt8], at offset: Int) {
        flush()
        guard failure == 0 else { return }
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count, let base = raw.baseAddress {
                let n = pwrite(fd, base + done, raw.count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += n
            }
        }
    }

    /// Writes what is buffered and closes the file; the `errno` of the first failure, or nil.
    /// Closing again does nothing more (the descriptor may already belong to another file).
    @discardableResult
    func close() -> Int32? {
        if !closed {
            closed = true
            flush()
            if Foundation.close(fd) != 0, failure == 0 { failure = errno }
        }
        return failure == 0 ? nil : failure
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) {
        guard failure == 0, let base = raw.baseAddress else { return }
        var done = 0
        while done < raw.count {
            let n = Foundation.write(fd, base + done, raw.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            done += n
        }
    }
}
