/// Number formatting shared by the text formats: shortest round-trip decimal, integers without
/// a fractional part, `nan` / `inf` spelled as GDAL reads them.
enum RasterText {
    static func number(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
