/// The SVG path sink: writes grid geometry as path data with a fixed number of decimals.
///
/// Each part starts with an absolute `M x y`; the following vertices are relative `l dx dy`
/// pairs (exact, since every vertex sits on the integer grid, so no rounding drift accumulates)
/// and rings end with `z`. Numbers are separated by a space, or by nothing before a minus sign,
/// as the SVG path grammar allows.
public struct SVGPathEncoder: Sendable {
    /// Decimals of the output grid (the grid step is 10^-decimals px).
    public let decimals: Int

    /// Creates an encoder.
    public init(decimals: Int) { self.decimals = decimals }

    /// Writes the path data of parts `parts` of `geometry` (rings and lines only) to `writer`.
    public func write(_ geometry: PartGeometry<Int64>, parts: Range<Int>, to writer: SVGWriter) {
        let c = geometry.coordinates
        for p in parts {
            let kind = geometry.partKind[p]
            guard kind != .point else { continue }
            let range = geometry.vertexRange(p)
            guard range.count >= 2 else { continue }
            var v = range.lowerBound
            writer.byte(UInt8(ascii: "M"))
            var x = c[2 * v], y = c[2 * v + 1]
            writer.gridNumber(x, decimals: decimals)
            separate(y, writer)
            writer.gridNumber(y, decimals: decimals)
            v += 1
            writer.byte(UInt8(ascii: "l"))
            var first = true
            while v < range.upperBound {
                let nx = c[2 * v], ny = c[2 * v + 1]
                let dx = nx - x, dy = ny - y
                if !first { separate(dx, writer) }
                writer.gridNumber(dx, decimals: decimals)
                separate(dy, writer)
                writer.gridNumber(dy, decimals: decimals)
                x = nx
                y = ny
                first = false
                v += 1
            }
            if kind == .exterior || kind == .hole { writer.byte(UInt8(ascii: "z")) }
        }
    }

    @inline(__always)
    private func separate(_ next: Int64, _ writer: SVGWriter) {
        if next >= 0 { writer.byte(0x20) }
    }
}
