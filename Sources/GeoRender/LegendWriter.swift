import GeoCore

/// Lays out and draws the legends of a map in one box at a corner of the frame.
struct LegendWriter {
    static let fontSize = 12.0
    static let rowHeight = 18.0
    static let padding = 10.0

    let legends: [LegendContent]

    private var measurer: LabelPlacer { LabelPlacer(fontSize: Self.fontSize, padding: 0) }

    /// The size (width, height) of the legend box in pixels.
    func size() -> (width: Double, height: Double) {
        var width = 120.0, height = Self.padding
        for (index, legend) in legends.enumerated() {
            switch legend {
            case .classes(let title, let entries, let note):
                if !title.isEmpty {
                    width = Swift.max(width, measurer.estimatedWidth(title) + 2 * Self.padding)
                    height += Self.rowHeight + 2
                }
                for e in entries {
                    width = Swift.max(width, 26 + measurer.estimatedWidth(e.label) + 12
                                      + measurer.estimatedWidth("(\(e.count))") + 2 * Self.padding)
                    height += Self.rowHeight
                }
                if !note.isEmpty {
                    width = Swift.max(width, measurer.estimatedWidth(note) * 0.85 + 2 * Self.padding)
                    height += Self.rowHeight - 2
                }
            case .gradient(let title, _, _, let lo, let hi, let noData):
                if !title.isEmpty {
                    width = Swift.max(width, measurer.estimatedWidth(title) + 2 * Self.padding)
                    height += Self.rowHeight + 2
                }
                width = Swift.max(width, 200 + measurer.estimatedWidth(lo + hi) / 2)
                height += 14 + Self.rowHeight
                if noData != nil { height += Self.rowHeight }
            case .circles(let title, let values, let radii, _):
                if !title.isEmpty {
                    width = Swift.max(width, measurer.estimatedWidth(title) + 2 * Self.padding)
                    height += Self.rowHeight + 2
                }
                let r = radii.first ?? 0
                width = Swift.max(width, 2 * r + 16 + measurer.estimatedWidth(values.first ?? "") + 2 * Self.padding)
                height += 2 * r + 6
            case .layer(let label, _, _):
                width = Swift.max(width, 26 + measurer.estimatedWidth(label) + 2 * Self.padding)
                height += Self.rowHeight
            }
            height += gap(after: index)
        }
        return (width.rounded(.up), (height + Self.padding - 6).rounded(.up))
    }

    /// Draws the legend with its top-left corner at (x, y).
    func write(to w: SVGWriter, x: Double, y: Double) {
        let (width, height) = size()
        w.raw("<g id=\"legend\"")
        w.attribute("transform", "translate(\(Style.format(x, 1)),\(Style.format(y, 1)))")
        w.attribute("font-size", Self.fontSize, decimals: 1)
        w.raw(">\n<rect x=\"0\" y=\"0\"")
        w.attribute("width", width, decimals: 1)
        w.attribute("height", height, decimals: 1)
        w.raw(" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#999999\" stroke-width=\"0.5\"/>\n")
        var cy = Self.padding
        let left = Self.padding
        for (index, legend) in legends.enumerated() {
            switch legend {
            case .classes(let title, let entries, let note):
                cy = heading(title, w, left, cy)
                for e in entries {
                    swatch(e, label: e.label, w, left, cy)
                    w.raw("<text")
                    w.attribute("x", width - Self.padding, decimals: 1)
                    w.attribute("y", cy + 13.5, decimals: 1)
                    w.raw(" text-anchor=\"end\" fill=\"#666666\">")
                    w.escaped("(\(e.count))")
                    w.raw("</text></g>\n")
                    cy += Self.rowHeight
                }
                if !note.isEmpty {
                    w.raw("<text")
                    w.attribute("x", left, decimals: 1)
                    w.attribute("y", cy + 11, decimals: 1)
                    w.raw(" font-size=\"10\" fill=\"#666666\">")
                    w.escaped(note)
                    w.raw("</text>\n")
                    cy += Self.rowHeight - 2
                }
            case .gradient(let title, let palette, let reversed, let lo, let hi, let noData):
                cy = heading(title, w, left, cy)
                let barWidth = width - 2 * Self.padding
                w.raw("<rect")
                w.attribute("x", left, decimals: 1)
                w.attribute("y", cy + 2, decimals: 1)
                w.attribute("width", barWidth, decimals: 1)
                w.raw(" height=\"12\" fill=\"url(#legend-gradient-\(index))\" stroke=\"#666666\" stroke-width=\"0.5\"/>\n")
                w.raw("<defs><linearGradient id=\"legend-gradient-\(index)\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">")
                for k in 0...10 {
                    let t = Double(k) / 10
                    w.raw("<stop")
                    w.attribute("offset", t, decimals: 2)
                    w.attribute("stop-color", palette.color(at: reversed ? 1 - t : t).hex)
                    w.raw("/>")
                }
                w.raw("</linearGradient></defs>\n<text")
                w.attribute("x", left, decimals: 1)
                w.attribute("y", cy + 28, decimals: 1)
                w.raw(">")
                w.escaped(lo)
                w.raw("</text><text")
                w.attribute("x", left + barWidth, decimals: 1)
                w.attribute("y", cy + 28, decimals: 1)
                w.raw(" text-anchor=\"end\">")
                w.escaped(hi)
                w.raw("</text>\n")
                cy += 14 + Self.rowHeight
                if let e = noData {
                    swatch(e, label: "\(e.label) (\(e.count))", w, left, cy)
                    w.raw("</g>\n")
                    cy += Self.rowHeight
                }
            case .circles(let title, let values, let radii, let style):
                cy = heading(title, w, left, cy)
                let r0 = radii.first ?? 0
                let cx = left + r0, base = cy + 2 * r0 + 2
                for (v, r) in zip(values, radii) {
                    w.raw("<circle")
                    w.attribute("cx", cx, decimals: 1)
                    w.attribute("cy", base - r, decimals: 1)
                    w.attribute("r", r, decimals: 1)
                    for (k, val) in style.properties() where k != "vector-effect" { w.attribute(k, val) }
                    w.raw("/><text")
                    w.attribute("x", cx + r0 + 8, decimals: 1)
                    w.attribute("y", base - 2 * r + 4, decimals: 1)
                    w.raw(">")
                    w.escaped(v)
                    w.raw("</text>\n")
                }
                cy += 2 * r0 + 6
            case .layer(let label, let style, let kind):
                layerSwatch(style, kind: kind, w, left, cy)
                w.raw("<text")
                w.attribute("x", left + 24, decimals: 1)
                w.attribute("y", cy + 13.5, decimals: 1)
                w.raw(">")
                w.escaped(label)
                w.raw("</text></g>\n")
                cy += Self.rowHeight
            }
            cy += gap(after: index)
        }
        w.raw("</g>\n")
    }

    /// Opens a legend entry's `<g>` and writes its colour swatch and label at row `cy`; the
    /// caller closes the group.
    private func swatch(_ e: LegendEntry, label: String, _ w: SVGWriter, _ left: Double, _ cy: Double) {
        w.raw("<g class=\"legend-entry\"")
        w.attribute("data-count", String(e.count))
        w.raw("><rect")
        w.attribute("x", left, decimals: 1)
        w.attribute("y", cy + 3, decimals: 1)
        w.raw(" width=\"16\" height=\"12\"")
        w.attribute("fill", e.color.hex)
        w.raw(" stroke=\"#666666\" stroke-width=\"0.5\"/><text")
        w.attribute("x", left + 24, decimals: 1)
        w.attribute("y", cy + 13.5, decimals: 1)
        w.raw(">")
        w.escaped(label)
        w.raw("</text>")
    }

    /// Space below legend `index`: rows of consecutive plain layers stay together.
    private func gap(after index: Int) -> Double {
        if case .layer = legends[index], index + 1 < legends.count, case .layer = legends[index + 1] { return 0 }
        return 6
    }

    /// Opens a plain layer's legend `<g>` and draws its swatch in the layer's style at row `cy`:
    /// a box for polygons, a line for lines, the point symbol (at most 12 px) for points; the
    /// caller closes the group.
    private func layerSwatch(_ style: Style, kind: PartKind, _ w: SVGWriter, _ left: Double, _ cy: Double) {
        w.raw("<g class=\"legend-entry legend-layer\">")
        let properties = style.properties().filter { $0.0 != "vector-effect" }
        let cx = left + 8, my = cy + 9
        switch (kind, style.pointSymbol) {
        case (.line, _):
            w.raw("<line")
            w.attribute("x1", left, decimals: 1)
            w.attribute("y1", my, decimals: 1)
            w.attribute("x2", left + 16, decimals: 1)
            w.attribute("y2", my, decimals: 1)
            w.raw(" fill=\"none\"")
            for (k, v) in properties where k != "fill" { w.attribute(k, v) }
        case (.point, .circle(let r)):
            w.raw("<circle")
            w.attribute("cx", cx, decimals: 1)
            w.attribute("cy", my, decimals: 1)
            w.attribute("r", Swift.min(r, 6), decimals: 1)
            for (k, v) in properties { w.attribute(k, v) }
        case (.point, .square(let side)):
            let s = Swift.min(side, 12)
            w.raw("<rect")
            w.attribute("x", cx - s / 2, decimals: 1)
            w.attribute("y", my - s / 2, decimals: 1)
            w.attribute("width", s, decimals: 1)
            w.attribute("height", s, decimals: 1)
            for (k, v) in properties { w.attribute(k, v) }
        case (.point, .icon(let id, let size)):
            let s = Swift.min(size, 12)
            w.raw("<use")
            w.attribute("xlink:href", "#" + XMLNames.id(id))
            w.attribute("x", cx - s / 2, decimals: 1)
            w.attribute("y", my - s / 2, decimals: 1)
            w.attribute("width", s, decimals: 1)
            w.attribute("height", s, decimals: 1)
            for (k, v) in properties { w.attribute(k, v) }
        case (.exterior, _), (.hole, _):
            w.raw("<rect")
            w.attribute("x", left, decimals: 1)
            w.attribute("y", cy + 3, decimals: 1)
            w.raw(" width=\"16\" height=\"12\"")
            for (k, v) in properties { w.attribute(k, v) }
        }
        w.raw("/>")
    }

    private func heading(_ title: String, _ w: SVGWriter, _ left: Double, _ cy: Double) -> Double {
        guard !title.isEmpty else { return cy }
        w.raw("<text")
        w.attribute("x", left, decimals: 1)
        w.attribute("y", cy + 13, decimals: 1)
        w.raw(" font-weight=\"bold\">")
        w.escaped(title)
        w.raw("</text>\n")
        return cy + Self.rowHeight + 2
    }
}
