#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CTIFF
internal import CLibraryLoader

// libtiff's TIFFGetField/TIFFSetField are C variadic functions, which Swift cannot call; their
// va_list forms TIFFVGetField/TIFFVSetField can, through `withVaList`. The arguments follow
// libtiff's conventions: 16-bit values and counts travel as `int`, 32-bit values as `uint32_t`.

/// Calls `TIFFVGetField` with `arguments`; true when libtiff found the tag.
private func getField(_ tiff: OpaquePointer, _ tag: UInt32, _ arguments: CVarArg...) -> Bool {
    withVaList(arguments) { TIFFVGetField(tiff, tag, $0) } == 1
}

/// Calls `TIFFVSetField` with `arguments`; true when libtiff accepted the value.
private func setField(_ tiff: OpaquePointer, _ tag: UInt32, _ arguments: CVarArg...) -> Bool {
    withVaList(arguments) { TIFFVSetField(tiff, tag, $0) } == 1
}

/// Typed access to the TIFF tags GeoTIFF reading and writing use.
enum TIFFTags {
    static func u16(_ tiff: OpaquePointer, _ tag: UInt32) -> UInt16? {
        var value: UInt16 = 0
        let found = withUnsafeMutablePointer(to: &value) { getField(tiff, tag, $0) }
        return found ? value : nil
    }

    static func u32(_ tiff: OpaquePointer, _ tag: UInt32) -> UInt32? {
        var value: UInt32 = 0
        let found = withUnsafeMutablePointer(to: &value) { getField(tiff, tag, $0) }
        return found ? value : nil
    }

    /// A counted array tag (count passed as `uint16_t`), copied out of libtiff's storage.
    static func array<T>(_ tiff: OpaquePointer, _ tag: UInt32, of _: T.Type) -> [T]? {
        var count: UInt16 = 0
        var values: UnsafeMutablePointer<T>?
        let found = withUnsafeMutablePointer(to: &count) { countPointer in
            withUnsafeMutablePointer(to: &values) { getField(tiff, tag, countPointer, $0) }
        }
        guard found, let values else { return nil }
        return Array(UnsafeBufferPointer(start: values, count: Int(count)))
    }

    static func ascii(_ tiff: OpaquePointer, _ tag: UInt32) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        let found = withUnsafeMutablePointer(to: &text) { getField(tiff, tag, $0) }
        guard found, let text else { return nil }
        return String(cString: text)
    }

    static func set(_ tiff: OpaquePointer, _ tag: UInt32, u16 value: UInt16) -> Bool {
        setField(tiff, tag, Int32(value))
    }

    static func set(_ tiff: OpaquePointer, _ tag: UInt32, u32 value: UInt32) -> Bool {
        setField(tiff, tag, value)
    }

    static func set(_ tiff: OpaquePointer, _ tag: UInt32, doubles values: [Double]) -> Bool {
        values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return setField(tiff, tag, Int32(buffer.count), base)
        }
    }

    static func set(_ tiff: OpaquePointer, _ tag: UInt32, shorts values: [UInt16]) -> Bool {
        values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return setField(tiff, tag, Int32(buffer.count), base)
        }
    }

    static func set(_ tiff: OpaquePointer, _ tag: UInt32, ascii text: String) -> Bool {
        text.withCString { setField(tiff, tag, $0) }
    }
}

// MARK: - GeoTIFF tag registration

/// The GeoTIFF and GDAL tags libtiff does not know, merged into every TIFF it opens. libtiff keeps
/// pointers into this table and its names, so both live for the whole process.
nonisolated(unsafe) private let geoTIFFFieldInfo: UnsafeMutableBufferPointer<TIFFFieldInfo> = {
    func field(_ tag: UInt32, _ type: TIFFDataType, passCount: Bool, _ name: String) -> TIFFFieldInfo {
        TIFFFieldInfo(field_tag: tag, field_readcount: -1, field_writecount: -1, field_type: type,
                      field_bit: UInt16(FIELD_CUSTOM), field_oktochange: 1, field_passcount: passCount ? 1 : 0,
                      field_name: strdup(name))
    }
    let fields = [
        field(33550, TIFF_DOUBLE, passCount: true, "ModelPixelScaleTag"),
        field(33922, TIFF_DOUBLE, passCount: true, "ModelTiepointTag"),
        field(34264, TIFF_DOUBLE, passCount: true, "ModelTransformationTag"),
        field(34735, TIFF_SHORT, passCount: true, "GeoKeyDirectoryTag"),
        field(34736, TIFF_DOUBLE, passCount: true, "GeoDoubleParamsTag"),
        field(34737, TIFF_ASCII, passCount: false, "GeoASCIIParamsTag"),
        field(42113, TIFF_ASCII, passCount: false, "GDAL_NODATA"),
    ]
    let table = UnsafeMutableBufferPointer<TIFFFieldInfo>.allocate(capacity: fields.count)
    _ = table.initialize(from: fields)
    return table
}()

/// The tag extender that was installed before ours, called after merging our tags. Written once,
/// while `geoTIFFTagsRegistered` initialises (Swift runs that exactly once), then only read.
nonisolated(unsafe) private var parentTagExtender: TIFFExtendProc?

/// Registers the GeoTIFF tags with libtiff; evaluated once, before the first TIFF is opened.
let geoTIFFTagsRegistered: Bool = {
    _ = geoTIFFFieldInfo
    parentTagExtender = TIFFSetTagExtender { tiff in
        TIFFMergeFieldInfo(tiff, UnsafePointer(geoTIFFFieldInfo.baseAddress), UInt32(geoTIFFFieldInfo.count))
        parentTagExtender?(tiff)
    }
    return true
}()

// MARK: - Opening with error capture

/// Loads libtiff (on first use; see CLibraryLoader), or throws naming `path` and the reason.
func requireLibTIFF(path: String) throws(RasterError) {
    var message: UnsafePointer<CChar>?
    guard geotwin_load_libtiff(&message) == 0 else { return }
    throw .io(path: path, reason: message.map { String(cString: $0) } ?? "libtiff is not available")
}

/// Where libtiff's first error message on a handle is kept (a NUL-terminated C string).
struct TIFFErrorBuffer {
    static let capacity = 512
    let bytes: UnsafeMutablePointer<CChar>

    /// A new empty buffer; release it with ``deallocate()``.
    static func allocate() -> TIFFErrorBuffer {
        let bytes = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        bytes.initialize(repeating: 0, count: capacity)
        return TIFFErrorBuffer(bytes: bytes)
    }

    func deallocate() { bytes.deallocate() }

    /// The first error message, empty when there was none.
    var message: String { String(cString: bytes) }
}

/// libtiff's message in a user's words, with libtiff's own text kept at the end as
/// `(libtiff: ...)`; `fallback` says what failed when libtiff said nothing.
func tiffProblem(_ raw: String, fallback: String) -> String {
    let m = raw.lowercased()
    func has(_ words: String...) -> Bool { words.contains { m.contains($0) } }
    let words: String
    if raw.isEmpty {
        return fallback
    } else if has("not a tiff", "bad magic number", "cannot read tiff header", "bad version number") {
        words = "not a TIFF file (it does not start with a TIFF header)"
    } else if has("compression scheme", "not configured", "not implemented", "codec") {
        words = "its compression is not supported by this libtiff"
    } else if has("sample format", "sampleformat", "bits/sample", "bitspersample") {
        words = "its sample format is not supported"
    } else if has("read error", "unexpected end", "seek error", "cannot read", "can not read", "past end", "truncated",
                  "sanity check", "requested memory size", "impossible", "incorrect count", "beyond", "too large") {
        words = "the file is truncated or damaged: " + fallback
    } else if has("decod", "zlib", "lzw", "deflate", "corrupt", "invalid") {
        words = "the compressed data is damaged: " + fallback
    } else if has("no space", "disk full", "write error", "permission denied", "read-only") {
        words = "cannot write the file: " + fallback
    } else {
        words = fallback
    }
    return "\(words) (libtiff: \(raw))"
}

/// `va_list` parameters import as optional on some platforms and not on others; this accepts both.
private func someVaList(_ arguments: CVaListPointer?) -> CVaListPointer? { arguments }

/// Open options that record libtiff's first error in `errors` (later errors and all warnings are
/// dropped); free them with `TIFFOpenOptionsFree`.
private func capturingOptions(_ errors: TIFFErrorBuffer) -> OpaquePointer? {
    guard let options = TIFFOpenOptionsAlloc() else { return nil }
    TIFFOpenOptionsSetErrorHandlerExtR(options, { _, user, _, format, arguments in
        guard let user, let arguments = someVaList(arguments) else { return 1 }
        let bytes = user.assumingMemoryBound(to: CChar.self)
        if bytes.pointee == 0 { vsnprintf(bytes, TIFFErrorBuffer.capacity, format, arguments) }
        return 1
    }, errors.bytes)
    TIFFOpenOptionsSetWarningHandlerExtR(options, { _, _, _, _, _ in 1 }, errors.bytes)
    return options
}

/// Opens `path` with `mode` through `TIFFOpenExt`, recording libtiff's first error in `errors`.
func tiffOpen(_ path: String, _ mode: String, errors: TIFFErrorBuffer) -> OpaquePointer? {
    guard let options = capturingOptions(errors) else { return nil }
    defer { TIFFOpenOptionsFree(options) }
    return TIFFOpenExt(path, mode, options)
}

/// A read-only TIFF file held in memory, read by libtiff through client procedures; it must
/// outlive the handle opened on it.
final class TIFFMemoryFile {
    let bytes: UnsafeMutableRawBufferPointer
    var offset = 0

    /// A copy of `source`.
    init(_ source: UnsafeRawBufferPointer) {
        bytes = .allocate(byteCount: max(source.count, 1), alignment: 16)
        if let base = source.baseAddress { bytes.baseAddress!.copyMemory(from: base, byteCount: source.count) }
        count = source.count
    }

    let count: Int

    deinit { bytes.deallocate() }
}

/// Opens `file` for reading through `TIFFClientOpenExt` (named `name` in libtiff's messages),
/// recording libtiff's first error in `errors`. The bytes are also offered as a "mapped file", so
/// strips and tiles are read in place.
func tiffOpenMemory(_ file: TIFFMemoryFile, name: String, errors: TIFFErrorBuffer) -> OpaquePointer? {
    guard let options = capturingOptions(errors) else { return nil }
    defer { TIFFOpenOptionsFree(options) }
    return TIFFClientOpenExt(name, "r", Unmanaged.passUnretained(file).toOpaque(), { h, buffer, size in
        let f = Unmanaged<TIFFMemoryFile>.fromOpaque(h!).takeUnretainedValue()
        guard size >= 0, let buffer else { return -1 }
        let n = min(Int(size), max(0, f.count - f.offset))
        if n > 0 { buffer.copyMemory(from: f.bytes.baseAddress! + f.offset, byteCount: n) }
        f.offset += n
        return tmsize_t(n)
    }, { _, _, _ in
        -1
    }, { h, offset, whence in
        let f = Unmanaged<TIFFMemoryFile>.fromOpaque(h!).takeUnretainedValue()
        let delta = Int64(bitPattern: offset)
        let base: Int64
        switch whence {
        case SEEK_SET: base = 0
        case SEEK_CUR: base = Int64(f.offset)
        case SEEK_END: base = Int64(f.count)
        default: return toff_t.max
        }
        let (target, overflow) = base.addingReportingOverflow(delta)
        guard !overflow, target >= 0, target <= Int64(Int32.max) * 4 else { return toff_t.max }
        f.offset = Int(target)
        return toff_t(target)
    }, { _ in
        0
    }, { h in
        toff_t(Unmanaged<TIFFMemoryFile>.fromOpaque(h!).takeUnretainedValue().count)
    }, { h, base, size in
        let f = Unmanaged<TIFFMemoryFile>.fromOpaque(h!).takeUnretainedValue()
        base?.pointee = f.bytes.baseAddress
        size?.pointee = toff_t(f.count)
        return 1
    }, { _, _, _ in
    }, options)
}
