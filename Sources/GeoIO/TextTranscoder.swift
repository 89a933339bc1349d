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

/// Text in a legacy encoding (CP949, CP1252, ...) converted to and from UTF-8 by the platform's
/// iconv, one converter per direction, opened once and reused.
///
/// Names are iconv's (`CP949`, `ISO-8859-1`, `UTF-8`); ``canonicalName(_:)`` turns what a
/// Shapefile's `.cpg` says into one.
final class TextTranscoder {
    /// The iconv name of the legacy side.
    let encoding: String
    private let decoder: iconv_t
    private let encoder: iconv_t
    private var buffer: [UInt8] = []

    /// Opens converters between `encoding` and UTF-8; nil when iconv does not know `encoding`.
    init?(encoding: String) {
        let failed = iconv_t(bitPattern: -1)
        guard let d = iconv_open("UTF-8", encoding), d != failed else { return nil }
        guard let e = iconv_open(encoding, "UTF-8"), e != failed else {
            iconv_close(d)
            return nil
        }
        self.encoding = encoding
        decoder = d
        encoder = e
    }

    deinit {
        iconv_close(decoder)
        iconv_close(encoder)
    }

    /// True when `encoding` is UTF-8 under one of its names.
    static func isUTF8(_ encoding: String) -> Bool {
        let e = encoding.uppercased().filter { $0 != "-" && $0 != "_" }
        return e == "UTF8" || e == "65001"
    }

    /// The iconv name of what a `.cpg` file or an `encoding` option says: `949` and `EUC-KR`
    /// become `CP949` (its superset), other code page numbers `CP<n>`, `8859-n` and `28591`-style
    /// numbers `ISO-8859-n`, `UTF8`/`65001` `UTF-8`; anything else is handed to iconv as written.
    static func canonicalName(_ text: String) -> String {
        let t = text.trimmingScalars(in: Set(" \t\r\n\0".unicodeScalars)).uppercased()
        if isUTF8(t) { return "UTF-8" }
        if ["949", "CP949", "EUC-KR", "EUCKR", "KS_C_5601-1987", "UHC", "MS949"].contains(t) { return "CP949" }
        if t.hasPrefix("8859"), let n = Int(String(t.dropFirst(4).filter { $0.isNumber })) { return "ISO-8859-\(n)" }
        if t.hasPrefix("2859"), t.count == 5, let n = Int(String(t.dropFirst(4))) { return "ISO-8859-\(n)" }
        if t.hasPrefix("ANSI "), let n = Int(String(t.dropFirst(5))) { return "CP\(n)" }
        if let n = Int(t) { return "CP\(n)" }
        return t
    }

    /// The text of `bytes`; nil when they are not valid in the encoding.
    func decode(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard !bytes.isEmpty else { return "" }
        let capacity = bytes.count * 4 + 8
        if buffer.count < capacity { buffer = [UInt8](repeating: 0, count: capacity) }
        iconv(decoder, nil, nil, nil, nil)
        var inLeft = bytes.count
        var outLeft = capacity
        let ok: Bool = buffer.withUnsafeMutableBytes { out in
            var inPointer = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
            var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress!.assumingMemoryBound(to: CChar.self)
            var inOptional: UnsafeMutablePointer<CChar>? = inPointer
            let r = iconv(decoder, &inOptional, &inLeft, &outPointer, &outLeft)
            inPointer = inOptional ?? inPointer
            return r != -1 && inLeft == 0
        }
        guard ok else { return nil }
        return buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[0..<(capacity - outLeft)]), as: UTF8.self) }
    }

    /// The bytes of `text` in the encoding; nil when a character has no representation in it.
    func encode(_ text: String) -> [UInt8]? {
        var input = Array(text.utf8)
        guard !input.isEmpty else { return [] }
        let capacity = input.count * 4 + 8
        var output = [UInt8](repeating: 0, count: capacity)
        iconv(encoder, nil, nil, nil, nil)
        var inLeft = input.count
        var outLeft = capacity
        let ok: Bool = input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPointer: UnsafeMutablePointer<CChar>? = inRaw.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = outRaw.baseAddress!.assumingMemoryBound(to: CChar.self)
                return iconv(encoder, &inPointer, &inLeft, &outPointer, &outLeft) != -1 && inLeft == 0
            }
        }
        guard ok else { return nil }
        return Array(output[0..<(capacity - outLeft)])
    }
}

/// The code page a dBASE language driver id (byte 29 of a `.dbf` header) names, as GDAL maps it;
/// nil for 0 (none declared) and ids it does not know.
func dbfLanguageDriverEncoding(_ id: UInt8) -> String? {
    switch id {
    case 0x01: "CP437"
    case 0x02: "CP850"
    case 0x03: "CP1252"
    case 0x04: "MACINTOSH"
    case 0x13, 0x7B: "CP932"
    case 0x6B: "CP857"
    case 0x26, 0x65: "CP866"
    case 0x64: "CP852"
    case 0x66: "CP865"
    case 0x67: "CP861"
    case 0x6A: "CP737"
    case 0x4D, 0x7A: "CP936"
    case 0x4E, 0x79: "CP949"
    case 0x4F, 0x78: "CP950"
    case 0x50, 0x7C: "CP874"
    case 0x57: "ISO-8859-1"
    case 0x58, 0x59: "CP1252"
    case 0x7D: "CP1255"
    case 0x7E: "CP1256"
    case 0xC8: "CP1250"
    case 0xC9: "CP1251"
    case 0xCA: "CP1254"
    case 0xCB: "CP1253"
    default: nil
    }
}

/// The language driver id GeoTwin writes for `encoding` (0x79 for CP949, 0x57 for ISO-8859-1,
/// 0 for UTF-8 and others, which the `.cpg` declares).
func dbfLanguageDriverID(for encoding: String) -> UInt8 {
    switch encoding {
    case "CP949": 0x79
    case "ISO-8859-1": 0x57
    case "CP1252": 0x03
    default: 0
    }
}
