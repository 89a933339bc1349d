/// The shortest text that reads back to the same `Double` (exactly `Double.description`),
/// appended to a byte buffer without making a `String` per number: `Double.write(to:)` hands its
/// digits from a stack buffer to the stream's `_writeASCII`.
enum ShortestDouble {
    /// Appends the text of `d` to `out`; `trimZero` drops a trailing `.0` (`127.0` -> `127`).
    @inline(__always)
    static func append(_ d: Double, trimZero: Bool, to out: inout [UInt8]) {
        var stream = ByteStream()
        swap(&stream.bytes, &out)
        let start = stream.bytes.count
        d.write(to: &stream)
        swap(&stream.bytes, &out)
        let n = out.count
        if trimZero, n - start >= 2, out[n - 2] == UInt8(ascii: "."), out[n - 1] == UInt8(ascii: "0") {
            out.removeLast(2)
        }
    }

    /// A text stream over a byte array.
    private struct ByteStream: TextOutputStream {
        var bytes: [UInt8] = []

        mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
    }
}
