import GeoCore

/// Appends WKT for geometries with fixed dimensions and number format.
struct WKTWriter {
    var text = ""
    let hasZ: Bool
    let hasM: Bool
    /// Maximum decimals, or `nil` for the shortest round-trip form.
    let precision: Int?

    private var tag: String {
        switch (hasZ, hasM) {
        case (true, true): " ZM"
        case (true, false): " Z"
        case (false, true): " M"
        case (false, false): ""
        }
    }

    mutating func number(_ d: Double) {
        guard d.isFinite else {
            text += d.isNaN ? "NaN" : (d < 0 ? "-Inf" : "Inf")
            return
        }
        if let precision, let fixed = Self.fixed(d, decimals: precision) {
            text += fixed
            return
        }
        var s = d.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        text += s
    }

    /// `d` rounded to `decimals` places with trailing zeros removed, or `nil` when the scaled
    /// value does not fit the exact integer range of a double (then the shortest form is used).
    static func fixed(_ d: Double, decimals: Int) -> String? {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (d * scale).rounded()
        guard abs(scaled) < 9.007_199_254_740_992e15, let integer = Int64(exactly: scaled) else { return nil }
        var digits = String(integer.magnitude)
        var decimalsLeft = decimals
        while decimalsLeft > 0, digits.count > 1, digits.hasSuffix("0") {
            digits.removeLast()
            decimalsLeft -= 1
        }
        if digits == "0" { return "0" }
        if decimalsLeft > 0 {
            if digits.count <= decimalsLeft {
                digits = "0." + String(repeating: "0", count: decimalsLeft - digits.count) + digits
            } else {
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimalsLeft))
            }
        }
        return integer < 0 ? "-" + digits : digits
    }

    private mutating func position(_ c: Position) {
        number(c.x)
        text += " "
        number(c.y)
        if hasZ {
            text += " "
            number(c.z ?? .nan)
        }
        if hasM {
            text += " "
            number(c.m ?? .nan)
        }
    }

    private mutating func positions(_ cs: [Position]) {
        guard !cs.isEmpty else {
            text += "EMPTY"
            return
        }
        text += "("
        for (k, c) in cs.enumerated() {
            if k > 0 { text += ", " }
            position(c)
        }
        text += ")"
    }

    private mutating func polygonBody(_ p: Polygon) {
        let rings = p.rings
        guard !rings.isEmpty else {
            text += "EMPTY"
            return
        }
        text += "("
        for (k, r) in p.positionRings.enumerated() {
            if k > 0 { text += ", " }
            positions(r)
        }
        text += ")"
    }

    private mutating func list<T>(_ items: [T], _ body: (inout WKTWriter, T) -> Void) {
        guard !items.isEmpty else {
            text += "EMPTY"
            return
        }
        text += "("
        for (k, item) in items.enumerated() {
            if k > 0 { text += ", " }
            body(&self, item)
        }
        text += ")"
    }

    mutating func geometry(_ g: Geometry) {
        text += g.kind.rawValue.uppercased() + tag + " "
        switch g {
        case .point(let p):
            if let c = p.position {
                text += "("
                position(c)
                text += ")"
            } else {
                text += "EMPTY"
            }
        case .lineString(let l):
            positions(l.positions)
        case .polygon(let p):
            polygonBody(p)
        case .multiPoint(let mp):
            list(mp.points) { w, p in
                if let c = p.position { w.positions([c]) } else { w.text += "EMPTY" }
            }
        case .multiLineString(let ml):
            list(ml.lineStrings) { w, l in w.positions(l.positions) }
        case .multiPolygon(let mp):
            list(mp.polygons) { w, p in w.polygonBody(p) }
        case .geometryCollection(let gc):
            list(gc.geometries) { w, member in w.geometry(member) }
        }
    }
}
