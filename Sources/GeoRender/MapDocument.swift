import GeoCore

/// The parts of the SVG document around the layers: header, metadata, definitions, style,
/// symbols, labels, insets and titles.
extension MapRenderer {
    /// The CSS class of a layer: "layer-" and its id reduced to `[A-Za-z0-9_-]`.
    static func cssClass(_ id: String) -> String {
        var out = "layer-"
        for s in id.unicodeScalars {
            let v = s.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x2D || v == 0x5F
            out.unicodeScalars.append(ok ? s : "_")
        }
        return out
    }

    static func writeHeader(_ map: Map, layout: MapLayout, extent: BoundingBox, transform: ScreenTransform?, to w: SVGWriter) {
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"")
        w.attribute("width", layout.width, decimals: 2)
        w.attribute("height", layout.height, decimals: 2)
        w.attribute("viewBox", "0 0 \(Style.format(layout.width, 2)) \(Style.format(layout.height, 2))")
        w.raw(" role=\"img\" aria-labelledby=\"map-title map-desc\"")
        w.attribute("font-family", Map.fontFamily)
        w.raw(">\n<title id=\"map-title\">")
        w.escaped(map.title.isEmpty ? "Map" : map.title)
        w.raw("</title>\n<desc id=\"map-desc\">")
        if map.description.isEmpty {
            let count = map.layers.reduce(0) { $0 + $1.features.features.count }
            w.escaped("Map of \(count) features in \(map.layers.count) layers: \(map.layers.map(\.id).joined(separator: ", ")).")
        } else {
            w.escaped(map.description)
        }
        w.raw("</desc>\n<metadata id=\"map-metadata\"><gt:map xmlns:gt=\"urn:geotwin:georender\"")
        w.attribute("crs", map.projection.crsIdentifier)
        if extent.isEmpty {
            w.attribute("bounds", "")
        } else {
            w.raw(" bounds=\"")
            for (i, v) in [extent.minX, extent.minY, extent.maxX, extent.maxY].enumerated() {
                if i > 0 { w.byte(0x20) }
                w.number(v, decimals: 6)
            }
            w.raw("\"")
        }
        if let transform {
            w.attribute("pixels-per-unit", transform.scale, decimals: 9)
        }
        w.raw(" frame=\"")
        for (i, v) in [layout.frame.minX, layout.frame.minY, layout.frame.width, layout.frame.height].enumerated() {
            if i > 0 { w.byte(0x20) }
            w.number(v, decimals: 2)
        }
        w.raw("\" generator=\"GeoTwin GeoRender\"/></metadata>\n")
    }

    static func writeDefinitions(_ map: Map, layout: MapLayout, to w: SVGWriter) {
        w.raw("<defs>\n")
        func clip(_ id: String, _ box: BoundingBox) {
            w.raw("<clipPath")
            w.attribute("id", id)
            w.raw("><rect")
            w.attribute("x", box.minX, decimals: 2)
            w.attribute("y", box.minY, decimals: 2)
            w.attribute("width", box.width, decimals: 2)
            w.attribute("height", box.height, decimals: 2)
            w.raw("/></clipPath>\n")
        }
        clip("frame-clip", layout.frame)
        for inset in map.insets { clip(XMLNames.id("inset-" + inset.id) + "-clip", inset.frame) }
        for (id, body) in map.symbolDefinitions.sorted(by: { $0.key < $1.key }) {
            w.raw("<symbol")
            w.attribute("id", XMLNames.id(id))
            w.raw(" viewBox=\"0 0 1 1\">")
            w.raw(body)
            w.raw("</symbol>\n")
        }
        w.raw("</defs>\n")
    }

    static func writeStyle(_ prepared: [PreparedLayer], to w: SVGWriter) {
        w.raw("<style type=\"text/css\"><![CDATA[\n")
        for p in prepared {
            let cls = cssClass(p.id)
            let props = p.layer.style.properties(decimals: 2).filter { $0.0 != "vector-effect" }
            if !props.isEmpty {
                w.raw(".\(cls){" + props.map { "\($0.0):\($0.1)" }.joined(separator: ";") + "}\n")
            }
            for (name, color) in p.theme.classFill {
                w.raw(".\(cls) .\(name){fill:\(color.hex)}\n")
            }
            w.raw(".\(cls) .line{fill:none}\n")
            if p.layer.style.nonScalingStroke {
                w.raw(".\(cls) path,.\(cls) circle,.\(cls) rect{vector-effect:non-scaling-stroke}\n")
            }
        }
        w.raw("]]></style>\n")
    }

    static func writeLayer(_ p: PreparedLayer, id: String, grid: PartGeometry<Int64>, map: Map, clipID: String,
                           to w: SVGWriter) throws(RenderError) {
        let writer = LayerWriter(layer: p.layer, layerID: id, cssClass: cssClass(p.id), geometry: grid, theme: p.theme,
                                 decimals: map.decimals, styleMode: map.styleMode)
        try writer.write(to: w, ids: writer.featureIDs(), clipID: clipID)
    }

    static func writeSymbols(_ p: PreparedLayer, id: String, anchors: [FeatureAnchors.Anchor?], map: Map, clipID: String,
                             to w: SVGWriter) {
        guard case .proportionalSymbols(let symbols) = p.layer.thematic else { return }
        let ids = LayerWriter(layer: p.layer, layerID: id, cssClass: "", geometry: PartGeometry<Int64>(), theme: p.theme,
                              decimals: map.decimals, styleMode: map.styleMode).featureIDs()
        let order = p.theme.radius.indices.filter { p.theme.radius[$0] != nil && anchors[$0] != nil }.sorted {
            let a = p.theme.radius[$0] ?? 0, b = p.theme.radius[$1] ?? 0
            return a != b ? a > b : $0 < $1
        }
        w.raw("<g")
        w.attribute("id", id + "-symbols")
        w.attribute("clip-path", "url(#\(clipID))")
        for (k, v) in symbols.style.properties() { w.attribute(k, v) }
        w.raw(">\n")
        let props = p.layer.features.features
        for i in order {
            guard let a = anchors[i], let r = p.theme.radius[i] else { continue }
            w.raw("<circle")
            w.attribute("id", ids[i] + "-symbol")
            for field in p.layer.dataFields {
                guard let name = XMLNames.dataAttribute(field), let v = props[i].properties[field], let t = XMLNames.text(v) else { continue }
                w.attribute(name, t)
            }
            w.attribute("cx", a.x, decimals: map.decimals)
            w.attribute("cy", a.y, decimals: map.decimals)
            w.attribute("r", r, decimals: map.decimals)
            w.raw("/>\n")
        }
        w.raw("</g>\n")
    }

    static func writeInsetOutlines(_ insets: [Inset], transform: ScreenTransform, to w: SVGWriter) {
        for inset in insets where !inset.extent.isEmpty {
            let a = transform.apply(x: inset.extent.minX, y: inset.extent.maxY)
            let b = transform.apply(x: inset.extent.maxX, y: inset.extent.minY)
            w.raw("<rect")
            w.attribute("id", XMLNames.id("inset-" + inset.id) + "-extent")
            w.attribute("x", a.x, decimals: 2)
            w.attribute("y", a.y, decimals: 2)
            w.attribute("width", Swift.max(1, b.x - a.x), decimals: 2)
            w.attribute("height", Swift.max(1, b.y - a.y), decimals: 2)
            w.raw(" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n")
        }
    }

    /// Places and writes the labels of every labelled layer; returns (placed, dropped).
    static func writeLabels(_ prepared: [PreparedLayer], anchors: [[FeatureAnchors.Anchor?]], obstacles: [BoundingBox],
                            frame: BoundingBox, to w: SVGWriter) -> (Int, Int) {
        var taken = obstacles
        var placedTotal = 0, droppedTotal = 0
        for (k, p) in prepared.enumerated() {
            guard let options = p.layer.labels, p.layer.showInMainMap else { continue }
            let placer = LabelPlacer(fontSize: options.fontSize, padding: options.padding)
            var candidates: [LabelPlacer.Candidate] = []
            for (i, feature) in p.layer.features.features.enumerated() {
                guard let a = anchors[k][i], let v = feature.properties[options.field], let text = XMLNames.text(v),
                      !text.isEmpty else { continue }
                var priority = a.area
                if let field = options.priorityField {
                    priority = feature.properties[field]?.doubleValue ?? -1
                    if !priority.isFinite { priority = -1 }
                }
                candidates.append(.init(text: text, x: a.x, y: a.y, priority: priority, feature: i))
            }
            let (placed, dropped) = placer.place(candidates, obstacles: taken, bounds: frame)
            taken += placed.map(placer.box)
            placedTotal += placed.count
            droppedTotal += dropped
            guard !placed.isEmpty else { continue }
            let id = p.id + "-labels"
            w.raw("<g")
            w.attribute("id", id)
            w.attribute("font-size", options.fontSize, decimals: 2)
            w.raw(" text-anchor=\"middle\">\n")
            if options.haloWidth > 0 {
                w.raw("<g class=\"halo\"")
                w.attribute("fill", options.haloColor.hex)
                w.attribute("stroke", options.haloColor.hex)
                w.attribute("stroke-width", options.haloWidth, decimals: 2)
                w.raw(" stroke-linejoin=\"round\" aria-hidden=\"true\">\n")
                for c in placed { label(c, w) }
                w.raw("</g>\n")
            }
            w.raw("<g class=\"text\"")
            w.attribute("fill", options.color.hex)
            w.raw(">\n")
            for c in placed { label(c, w) }
            w.raw("</g>\n</g>\n")
        }
        return (placedTotal, droppedTotal)
    }

    private static func label(_ c: LabelPlacer.Candidate, _ w: SVGWriter) {
        w.raw("<text")
        w.attribute("x", c.x, decimals: 1)
        w.attribute("y", c.y, decimals: 1)
        w.raw(" dy=\"0.35em\">")
        w.escaped(c.text)
        w.raw("</text>\n")
    }

    static func writeInsets(_ map: Map, prepared: [PreparedLayer], mainTransform: ScreenTransform,
                            to w: SVGWriter) throws(RenderError) {
        for inset in map.insets {
            let id = XMLNames.id("inset-" + inset.id)
            guard !inset.frame.isEmpty, inset.frame.minX.isFinite, inset.frame.maxY.isFinite else {
                throw .invalidOption("inset '\(inset.id)' has an empty frame")
            }
            let band = inset.title.isEmpty ? 0.0 : 18.0
            let inner = BoundingBox(minX: inset.frame.minX + 4, minY: inset.frame.minY + band + 4,
                                    maxX: inset.frame.maxX - 4, maxY: inset.frame.maxY - 4)
            w.raw("<g")
            w.attribute("id", id)
            w.raw(">\n<rect")
            w.attribute("x", inset.frame.minX, decimals: 2)
            w.attribute("y", inset.frame.minY, decimals: 2)
            w.attribute("width", inset.frame.width, decimals: 2)
            w.attribute("height", inset.frame.height, decimals: 2)
            w.attribute("fill", (map.background ?? .white).hex)
            w.raw(" stroke=\"#666666\" stroke-width=\"0.75\"/>\n")
            if let t = ScreenTransform.fitting(inset.extent, into: inner), !inner.isEmpty {
                for p in prepared where inset.layerIDs.isEmpty || inset.layerIDs.contains(p.layer.id) {
                    let g = grid(p, transform: t, clip: inset.frame.expanded(by: 2), decimals: map.decimals)
                    try writeLayer(p, id: id + "-" + p.id, grid: g, map: map, clipID: id + "-clip", to: w)
                }
            }
            if !inset.title.isEmpty {
                w.raw("<text")
                w.attribute("x", inset.frame.minX + 6, decimals: 2)
                w.attribute("y", inset.frame.minY + 14, decimals: 2)
                w.raw(" font-size=\"12\" font-weight=\"bold\">")
                w.escaped(inset.title)
                w.raw("</text>\n")
            }
            w.raw("</g>\n")
        }
    }

    static func writeTitles(_ map: Map, layout: MapLayout, to w: SVGWriter) {
        if !map.title.isEmpty {
            w.raw("<text id=\"title\"")
            w.attribute("x", map.margin, decimals: 2)
            w.attribute("y", layout.titleBaseline, decimals: 2)
            w.attribute("font-size", MapLayout.titleSize, decimals: 1)
            w.raw(" font-weight=\"bold\" fill=\"#222222\">")
            w.escaped(map.title)
            w.raw("</text>\n")
        }
        if !map.subtitle.isEmpty {
            w.raw("<text id=\"subtitle\"")
            w.attribute("x", map.margin, decimals: 2)
            w.attribute("y", layout.subtitleBaseline, decimals: 2)
            w.attribute("font-size", MapLayout.subtitleSize, decimals: 1)
            w.raw(" fill=\"#444444\">")
            w.escaped(map.subtitle)
            w.raw("</text>\n")
        }
        if !map.attribution.isEmpty {
            w.raw("<text id=\"attribution\"")
            w.attribute("x", map.margin, decimals: 2)
            w.attribute("y", layout.attributionBaseline, decimals: 2)
            w.attribute("font-size", MapLayout.attributionSize, decimals: 1)
            w.raw(" fill=\"#666666\">")
            w.escaped(map.attribution)
            w.raw("</text>\n")
        }
    }
}
