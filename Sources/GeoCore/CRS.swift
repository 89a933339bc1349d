/// A coordinate reference system, named as a value: an EPSG code, or a definition text (WKT 1 or
/// 2, PROJJSON or a PROJ string) with the EPSG code it declares, when it declares one.
///
/// `CRS` is GeoTwin's one CRS type: every module's API (GeoIO layers, GeoRaster rasters, GeoProj
/// transformers, GeoRender projections) takes and returns it. It is a plain `Sendable` value and
/// needs no PROJ to create or compare; GeoProj resolves it (name, area of use, WKT) when asked.
///
/// Equality knows that a definition naming an EPSG code is that code: a WKT whose top-level
/// `AUTHORITY["EPSG","4326"]` (WKT 1) or `ID["EPSG",4326]` (WKT 2) says so, and
/// `"EPSG:4326"` / `"epsg:4326"` / `"urn:ogc:def:crs:EPSG::4326"`, all equal `CRS.wgs84`.
/// Two definitions without an EPSG code are equal when their texts are equal after collapsing
/// white space. (A WKT without an authority is identified by PROJ through GeoProj's
/// `CRS.identified()`.)
///
/// ```swift
/// let unified = CRS(epsg: 5179)                       // Korea 2000 / Unified CS
/// let same = CRS("EPSG:5179")
/// assert(unified == same)
/// let wkt = CRS(#"GEOGCS["WGS 84", ..., AUTHORITY["EPSG","4326"]]"#)
/// assert(wkt == .wgs84)
/// ```
public struct CRS: Hashable, Sendable, CustomStringConvertible {
    /// The EPSG code, when the CRS is one or its definition declares one.
    public let epsgCode: Int?
    /// The definition text, when the CRS was given as one (nil for a bare EPSG code).
    public let definition: String?

    /// WGS 84 longitude/latitude (EPSG:4326), the CRS of GeoJSON (RFC 7946).
    public static let wgs84 = CRS(epsg: 4326)
    /// Korea 2000 / Unified CS (EPSG:5179), the national projected CRS GeoTwin's maps use.
    public static let korea2000Unified = CRS(epsg: 5179)

    /// The CRS `EPSG:<code>`.
    public init(epsg code: Int) {
        epsgCode = code
        definition = nil
    }

    /// A CRS from a text: `"EPSG:5179"` (any case, also `urn:ogc:def:crs:EPSG::5179` and
    /// `http://www.opengis.net/def/crs/EPSG/0/5179`) becomes a bare EPSG code; anything else is
    /// kept as a definition, with the EPSG code its WKT or PROJJSON declares at top level.
    public init(_ text: String) {
        let trimmed = text.trimmingSpaces()
        if let code = Self.authorityReference(trimmed) {
            epsgCode = code
            definition = nil
        } else {
            epsgCode = Self.declaredEPSG(trimmed)
            definition = trimmed
        }
    }

    /// A definition with the EPSG code it is known to be (e.g. from PROJ's identification).
    public init(definition: String, epsgCode: Int?) {
        self.definition = definition
        self.epsgCode = epsgCode
    }

    /// The CRS `EPSG:<code>` (shorthand for ``init(epsg:)``).
    public static func epsg(_ code: Int) -> CRS { CRS(epsg: code) }

    /// True for EPSG:4326.
    public var isWGS84: Bool { epsgCode == 4326 }

    /// The text to hand PROJ: `EPSG:<code>` when the code is known, else the definition.
    public var projDefinition: String {
        if let epsgCode { return "EPSG:\(epsgCode)" }
        return definition ?? ""
    }

    /// `EPSG:<code>`, else the definition's first 60 characters.
    public var description: String {
        if let epsgCode { return "EPSG:\(epsgCode)" }
        guard let definition else { return "unknown CRS" }
        return definition.count > 60 ? String(definition.prefix(57)) + "..." : definition
    }

    public static func == (a: CRS, b: CRS) -> Bool {
        if let x = a.epsgCode, let y = b.epsgCode { return x == y }
        if a.epsgCode != nil || b.epsgCode != nil { return false }
        return a.definition.map(Self.normalised) == b.definition.map(Self.normalised)
    }

    public func hash(into hasher: inout Hasher) {
        if let epsgCode {
            hasher.combine(0)
            hasher.combine(epsgCode)
        } else {
            hasher.combine(1)
            hasher.combine(definition.map(Self.normalised))
        }
    }

    /// The definition with runs of white space collapsed to one space.
    private static func normalised(_ s: String) -> String {
        var out = ""
        var space = false
        for c in s.unicodeScalars {
            if c == " " || c == "\n" || c == "\t" || c == "\r" {
                space = true
            } else {
                if space && !out.isEmpty { out.unicodeScalars.append(" ") }
                space = false
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The code of `EPSG:n`, `urn:ogc:def:crs:EPSG::n` or `http(s)://www.opengis.net/def/crs/EPSG/0/n`.
    static func authorityReference(_ s: String) -> Int? {
        let lower = s.lowercased()
        for prefix in ["epsg:", "urn:ogc:def:crs:epsg::", "urn:ogc:def:crs:epsg:", "http://www.opengis.net/def/crs/epsg/0/",
                       "https://www.opengis.net/def/crs/epsg/0/"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard !rest.isEmpty, rest.count <= 9, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let code = Int(rest), code > 0 else {
                return nil
            }
            return code
        }
        return nil
    }

    /// The EPSG code a WKT or PROJJSON text declares for the whole CRS: the last authority at
    /// bracket depth 1 (WKT 1 `AUTHORITY["EPSG","n"]`, WKT 2 `ID["EPSG",n]`), or PROJJSON's
    /// top-level `"id": {"authority": "EPSG", "code": n}`.
    static func declaredEPSG(_ s: String) -> Int? {
        let bytes = Array(s.utf8)
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "{") { return projJSONCode(bytes) }
        var depth = 0
        var inString = false
        var found: Int?
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "(") {
                depth += 1
            } else if b == UInt8(ascii: "]") || b == UInt8(ascii: ")") {
                depth -= 1
            } else if depth == 1, let code = authority(bytes, at: i) {
                found = code
            }
            i += 1
        }
        return found
    }

    /// `AUTHORITY["EPSG","n"]` or `ID["EPSG",n]` starting at `i` (case-insensitive keyword).
    private static func authority(_ b: [UInt8], at i: Int) -> Int? {
        func keyword(_ k: String) -> Int? {
            let k = Array(k.utf8)
            guard i + k.count < b.count, i == 0 || !isWordByte(b[i - 1]) else { return nil }
            for (j, c) in k.enumerated() where b[i + j] | 0x20 != c { return nil }
            return i + k.count
        }
        guard let open = keyword("authority") ?? keyword("id"), open < b.count,
              b[open] == UInt8(ascii: "[") || b[open] == UInt8(ascii: "(") else { return nil }
        var j = open + 1
        var fields: [String] = []
        var current: [UInt8] = []
        var quoted = false
        while j < b.count {
            let c = b[j]
            if quoted {
                if c == UInt8(ascii: "\"") { quoted = false } else { current.append(c) }
            } else if c == UInt8(ascii: "\"") {
                quoted = true
            } else if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: ")") || c == UInt8(ascii: "[") {
                fields.append(String(decoding: current, as: UTF8.self).trimmingSpaces())
                current = []
                if c != UInt8(ascii: ",") || fields.count == 2 { break }
            } else {
                current.append(c)
            }
            j += 1
        }
        guard fields.count >= 2, fields[0].uppercased() == "EPSG" else { return nil }
        return authorityReference("EPSG:" + fields[1])
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c == UInt8(ascii: "_")
    }

    /// PROJJSON's top-level `"id": {"authority": "EPSG", "code": n}` (the last top-level "id").
    private static func projJSONCode(_ b: [UInt8]) -> Int? {
        var depth = 0
        var inString = false
        var stringStart = 0
        var lastKey: String?
        var found: Int?
        var i = 0
        while i < b.count {
            let c = b[i]
            if inString {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 1 { lastKey = String(decoding: b[stringStart..<i], as: UTF8.self) }
                }
            } else if c == UInt8(ascii: "\"") {
                inString = true
                stringStart = i + 1
            } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                if depth == 1, c == UInt8(ascii: "{"), lastKey == "id" {
                    var end = i
                    var d = 0
                    while end < b.count {
                        if b[end] == UInt8(ascii: "{") { d += 1 }
                        if b[end] == UInt8(ascii: "}") { d -= 1; if d == 0 { break } }
                        end += 1
                    }
                    let object = String(decoding: b[i..<min(end + 1, b.count)], as: UTF8.self).lowercased()
                        .filter { !$0.isWhitespace }
                    let chars = Array(object)
                    func find(_ needle: String) -> Int? {
                        let n = Array(needle)
                        guard chars.count >= n.count else { return nil }
                        for k in 0...(chars.count - n.count) where Array(chars[k..<(k + n.count)]) == n { return k + n.count }
                        return nil
                    }
                    if find("\"authority\":\"epsg\"") != nil, let at = find("\"code\":") {
                        let digits = chars[at...].drop { $0 == "\"" }.prefix { $0.isNumber }
                        found = Int(String(digits))
                    }
                    i = end + 1
                    continue
                }
                depth += 1
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
            } else if c == UInt8(ascii: ",") && depth == 1 {
                lastKey = nil
            }
            i += 1
        }
        return found
    }
}

extension CRS: Codable {
    /// Decodes `"EPSG:5179"` or a definition text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        self.init(text)
    }

    /// Encodes as `"EPSG:<code>"` for a bare code, else the definition.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(definition ?? projDefinition)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line ends.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
