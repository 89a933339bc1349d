import GeoCore

/// Writes one layer's features as SVG elements: a `<path>` per polygon or line feature, a
/// symbol per point, each with an `id`, a class and `data-*` attributes.
struct LayerWriter {
    let layer: Layer
    let layerID: String
    let cssClass: String
    let geometry: PartGeometry<Int64>
    let theme: ResolvedTheme
    let decimals: Int
    let styleMode: StyleMode

    /// Part ranges per feature, in feature order.
    func featureParts() -> [(feature: Int, parts: Range<Int>)] {
        var out: [(Int, Range<Int>)] = []
        var p = 0
        while p < geometry.partCount {
            let f = geometry.partFeature[p]
            var q = p + 1
            while q < geometry.partCount, geometry.partFeature[q] == f { q += 1 }
            out.append((f, p..<q))
            p = q
        }
        return out
    }

    /// Element ids of every feature (unique within the document for distinct layer ids).
    func featureIDs() -> [String] {
        var used = Set<String>()
        return layer.features.features.enumerated().map { index, feature in
            var key: String
            if let field = layer.idField, let v = feature.properties[field], let t = XMLNames.text(v) {
                key = t
            } else if let id = feature.id {
                switch id {
                case .string(let s): key = s
                case .int(let i): key = String(i)
                }
            } else {
                key = String(index)
            }
            var candidate = XMLNames.id(layerID + "-" + key)
            var n = 2
            while used.contains(candidate) {
                candidate = XMLNames.id(layerID + "-" + key + "-\(n)")
                n += 1
            }
            used.insert(candidate)
            return candidate
        }
    }

    /// Writes the `<g id=layer>` element with every feature.
    func write(to w: SVGWriter, ids: [String], clipID: String?) throws(RenderError) {
        w.raw("<g")
        w.attribute("id", layerID)
        w.attribute("class", cssClass)
        if let clipID { w.attribute("clip-path", "url(#\(clipID))") }
        if styleMode == .inline {
            for (k, v) in layer.style.properties(decimals: 2) where k != "vector-effect" { w.attribute(k, v) }
        }
        w.raw(">\n")
        let encoder = SVGPathEncoder(decimals: decimals)
        for (feature, parts) in featureParts() {
            let kinds = parts.map { geometry.partKind[$0] }
            let hasPath = kinds.contains { $0 != .point }
            if hasPath {
                w.raw("<path")
                attributes(feature, id: ids[feature], to: w, lineOnly: !kinds.contains { $0 == .exterior || $0 == .hole })
                w.raw(" d=\"")
                encoder.write(geometry, parts: parts, to: w)
                w.raw("\"/>\n")
            }
            let points = parts.filter { geometry.partKind[$0] == .point }
            if !points.isEmpty {
                let single = points.count == 1 && !hasPath
                if !single {
                    w.raw("<g")
                    if !hasPath { attributes(feature, id: ids[feature], to: w, lineOnly: false) }
                    w.raw(">")
                }
                for p in points {
                    let i = geometry.partStart[p]
                    symbol(x: geometry.coordinates[2 * i], y: geometry.coordinates[2 * i + 1], to: w) {
                        if single { attributes(feature, id: ids[feature], to: w, lineOnly: false) }
                    }
                }
                if !single { w.raw("</g>") }
                w.raw("\n")
            }
            try w.flushIfNeeded()
        }
        w.raw("</g>\n")
    }

    private func attributes(_ feature: Int, id: String, to w: SVGWriter, lineOnly: Bool) {
        w.attribute("id", id)
        let cls = theme.classOf[feature]
        if styleMode == .css {
            var classes: [String] = []
            if let cls { classes.append(cls) }
            if lineOnly { classes.append("line") }
            if !classes.isEmpty { w.attribute("class", classes.joined(separator: " ")) }
        } else {
            if lineOnly {
                w.attribute("fill", "none")
            } else if let cls, let fill = theme.classFill.first(where: { $0.0 == cls })?.1 {
                w.attribute("fill", fill.hex)
            }
            if layer.style.nonScalingStroke { w.attribute("vector-effect", "non-scaling-stroke") }
        }
        if let fill = theme.featureFill[feature] { w.attribute("fill", fill.hex) }
        let props = layer.features.features[feature].properties
        for field in layer.dataFields {
            guard let name = XMLNames.dataAttribute(field), let v = props[field], let t = XMLNames.text(v) else { continue }
            w.attribute(name, t)
        }
    }

    private func symbol(x: Int64, y: Int64, to w: SVGWriter, extra: () -> Void) {
        var f = 1.0
        for _ in 0..<decimals { f *= 10 }
        let px = Double(x) / f, py = Double(y) / f
        switch layer.style.pointSymbol {
        case .circle(let r):
            w.raw("<circle")
            extra()
            w.attribute("cx", px, decimals: decimals)
            w.attribute("cy", py, decimals: decimals)
            w.attribute("r", r, decimals: decimals)
            w.raw("/>")
        case .square(let side):
            w.raw("<rect")
            extra()
            w.attribute("x", px - side / 2, decimals: decimals)
            w.attribute("y", py - side / 2, decimals: decimals)
            w.attribute("width", side, decimals: decimals)
            w.attribute("height", side, decimals: decimals)
            w.raw("/>")
        case .icon(let id, let size):
            w.raw("<use")
            extra()
            w.attribute("xlink:href", "#" + XMLNames.id(id))
            w.attribute("x", px - size / 2, decimals: decimals)
            w.attribute("y", py - size / 2, decimals: decimals)
            w.attribute("width", size, decimals: decimals)
            w.attribute("height", size, decimals: decimals)
            w.raw("/>")
        }
    }
}
