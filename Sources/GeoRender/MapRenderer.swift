import GeoCore

/// What a render produced.
public struct RenderSummary: Hashable, Sendable {
    /// Bytes of SVG written.
    public var bytes: Int
    /// Page width and height in pixels.
    public var width: Double
    /// Page height in pixels.
    public var height: Double
    /// Features that drew at least one element in the main frame.
    public var featuresDrawn: Int
    /// Features skipped because they have no geometry.
    public var featuresWithoutGeometry: Int
    /// Vertices written in the main frame after simplification.
    public var vertices: Int
    /// Labels placed and dropped (collisions).
    public var labelsPlaced: Int
    /// Labels dropped because they would overlap.
    public var labelsDropped: Int
    /// True when nothing could be drawn (no layer has geometry and no extent was given): the
    /// file is still a valid map with its title, frame and a "No data to draw" note.
    public var isEmpty: Bool
}

/// Renders a ``Map`` to SVG 1.1: project -> clip to the frame -> snap to the output grid ->
/// simplify keeping shared borders -> path sink, plus thematic classes, labels and furniture.
///
/// The output is deterministic: the same map gives byte-identical SVG.
///
/// ```swift
/// let layer = Layer(id: "sigungu", features: sigungu, style: Style(stroke: .white, strokeWidth: 0.25),
///                   thematic: .choropleth(Choropleth(values: .field("population"),
///                                                    classes: .numeric(.fisherJenks(5)),
///                                                    legendTitle: "Population")),
///                   labels: LabelOptions(field: "name_ko", priorityField: "population"),
///                   idField: "code", dataFields: ["code", "name_ko"])
/// let map = Map(width: 1200, title: "인구", projection: try CRSProjection(fromEPSG: 4326, toEPSG: 5179),
///               layers: [layer])
/// let summary = try MapRenderer.render(map, to: "population.svg")
/// ```
public enum MapRenderer {
    /// Renders `map` to the file at `path` (written to a temporary file, then renamed over
    /// `path`; on failure `path` is untouched).
    public static func render(_ map: Map, to path: String) throws(RenderError) -> RenderSummary {
        let writer = try SVGWriter(path: path)
        do {
            let summary = try write(map, to: writer)
            try writer.finish()
            return summary
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// Renders `map` to an SVG string in memory (for tests and small maps).
    public static func renderSVG(_ map: Map) throws(RenderError) -> (svg: String, summary: RenderSummary) {
        let writer = SVGWriter()
        let summary = try write(map, to: writer)
        try writer.finish()
        return (writer.text, summary)
    }

    /// A layer after projection, thematic resolution and (per frame) gridding.
    struct PreparedLayer {
        var layer: Layer
        var id: String
        var projected: PartGeometry<Double>
        var source: [Double]
        var theme: ResolvedTheme
        var withoutGeometry: Int
    }

    /// Writes the whole document to `w`: prepare the layers, fit the frame, grid the main map,
    /// then write the document in painting order (page, layers, symbols, graticule, inset
    /// outlines, labels, insets, neatline, furniture, titles).
    static func write(_ map: Map, to w: SVGWriter) throws(RenderError) -> RenderSummary {
        guard (0...6).contains(map.decimals) else { throw .invalidOption("decimals must be 0...6, got \(map.decimals)") }
        var prepared = try prepareLayers(map)
        let extent = map.extent ?? mainMapBounds(prepared)
        let layout = try MapLayout.make(map, extent: extent)
        let frame = layout.frame
        let transform = ScreenTransform.fitting(extent, into: frame)
        if let transform { resample(&prepared, projection: map.projection, transform: transform) }
        let grids = prepared.map { p -> PartGeometry<Int64> in
            guard let transform, p.layer.showInMainMap else { return PartGeometry<Int64>() }
            return grid(p, transform: transform, clip: frame.expanded(by: 4), decimals: map.decimals)
        }
        let anchors = prepared.indices.map { anchorsIfNeeded(prepared[$0], grid: grids[$0], decimals: map.decimals) }
        var summary = RenderSummary(bytes: 0, width: layout.width, height: layout.height,
                                    featuresDrawn: grids.reduce(0) { total, g in total + Set(g.partFeature).count },
                                    featuresWithoutGeometry: prepared.reduce(0) { $0 + $1.withoutGeometry },
                                    vertices: grids.reduce(0) { $0 + $1.coordinates.count / 2 },
                                    labelsPlaced: 0, labelsDropped: 0, isEmpty: transform == nil)

        writeHeader(map, layout: layout, extent: extent, transform: transform, to: w)
        writeDefinitions(map, layout: layout, to: w)
        if map.styleMode == .css { writeStyle(prepared, to: w) }
        writeBackground(map, layout: layout, to: w)
        for (k, p) in prepared.enumerated() where p.layer.showInMainMap {
            try writeLayer(p, id: p.id, grid: grids[k], map: map, clipID: "frame-clip", to: w)
        }
        for (k, p) in prepared.enumerated() where p.layer.showInMainMap {
            writeSymbols(p, id: p.id, anchors: anchors[k], map: map, clipID: "frame-clip", to: w)
        }
        if let transform {
            writeGraticule(map, frame: frame, transform: transform, to: w)
            writeInsetOutlines(map.insets, transform: transform, to: w)
        }
        let shown = prepared.indices.filter { prepared[$0].layer.showInMainMap }
        let placement = LegendPlacement(layers: shown.map { (grids[$0], prepared[$0].layer.style) },
                                        unitsPerPixel: (0..<map.decimals).reduce(1.0) { f, _ in f * 10 },
                                        insetFrames: map.insets.map(\.frame))
        let furniture = Furniture.place(map, legends: shown.compactMap { legend(of: prepared[$0]) },
                                        placement: placement, frame: frame, transform: transform)
        (summary.labelsPlaced, summary.labelsDropped) = writeLabels(prepared, anchors: anchors, obstacles: furniture.obstacles,
                                                                    frame: frame, to: w)
        if let transform { try writeInsets(map, prepared: prepared, mainTransform: transform, to: w) }
        writeNeatline(frame, to: w)
        furniture.write(to: w)
        if transform == nil { writeEmptyNote(frame, to: w) }
        writeTitles(map, layout: layout, to: w)
        w.raw("</svg>\n")
        summary.bytes = w.byteCount
        return summary
    }

    /// Projects every layer, gives it a unique XML id and resolves its theme.
    static func prepareLayers(_ map: Map) throws(RenderError) -> [PreparedLayer] {
        var usedIDs = Set<String>()
        var prepared: [PreparedLayer] = []
        for layer in map.layers {
            var id = XMLNames.id(layer.id.isEmpty ? "layer" : layer.id)
            while usedIDs.contains(id) { id += "_" }
            usedIDs.insert(id)
            let projection: any MapProjection = layer.inMapCoordinates ? PlanarProjection() : map.projection
            let stage = try ProjectionStage(projection: projection).run(layer.features.features, layer: layer.id)
            let drawable = layer.features.features.map { $0.geometry.map { !$0.isEmpty } ?? false }
            let theme = try ResolvedTheme.resolve(layer, drawable: drawable)
            prepared.append(PreparedLayer(layer: layer, id: id, projected: stage.projected, source: stage.source, theme: theme,
                                          withoutGeometry: drawable.filter { !$0 }.count))
        }
        return prepared
    }

    /// The projected bounds of the layers shown in the main map (empty when none has geometry).
    static func mainMapBounds(_ prepared: [PreparedLayer]) -> BoundingBox {
        var bounds = BoundingBox.empty
        for p in prepared where p.layer.showInMainMap {
            var i = 0
            let c = p.projected.coordinates
            while i + 1 < c.count {
                bounds.expand(toInclude: Coordinate(c[i], c[i + 1]))
                i += 2
            }
        }
        return bounds
    }

    /// Under a non-affine projection, densifies every layer so that straight screen segments
    /// stay within half a pixel of the true curve, then drops the source coordinates.
    static func resample(_ prepared: inout [PreparedLayer], projection: any MapProjection, transform: ScreenTransform) {
        guard !projection.isAffine else { return }
        let stage = ProjectionStage(projection: projection)
        for k in prepared.indices where !prepared[k].layer.inMapCoordinates {
            prepared[k].projected = stage.resample(.init(projected: prepared[k].projected, source: prepared[k].source),
                                                   tolerance: 0.5 / transform.scale)
            prepared[k].source = []
        }
    }

    /// The label and symbol anchors of a layer that has labels or proportional symbols; `nil`
    /// for every feature otherwise.
    static func anchorsIfNeeded(_ p: PreparedLayer, grid: PartGeometry<Int64>, decimals: Int) -> [FeatureAnchors.Anchor?] {
        let featureCount = p.layer.features.features.count
        let hasSymbols = if case .proportionalSymbols = p.layer.thematic { true } else { false }
        guard p.layer.labels != nil || hasSymbols else { return Array(repeating: nil, count: featureCount) }
        return FeatureAnchors.compute(grid, featureCount: featureCount, decimals: decimals)
    }

    /// The legend of a prepared layer: its theme's, or for a plain layer with a
    /// ``Layer/legendLabel`` a swatch row in its style, for the kind of geometry it mostly has.
    static func legend(of p: PreparedLayer) -> LegendContent? {
        if let legend = p.theme.legend { return legend }
        guard p.layer.thematic == nil, let label = p.layer.legendLabel, !label.isEmpty else { return nil }
        var counts: [PartKind: Int] = [:]
        for kind in p.projected.partKind where kind != .hole { counts[kind, default: 0] += 1 }
        let kind = [PartKind.exterior, .line, .point].max { counts[$0, default: 0] < counts[$1, default: 0] } ?? .exterior
        return .layer(label: label, style: p.layer.style, kind: kind)
    }

    /// The page background, when the map has one.
    static func writeBackground(_ map: Map, layout: MapLayout, to w: SVGWriter) {
        guard let bg = map.background else { return }
        w.raw("<rect id=\"background\" x=\"0\" y=\"0\"")
        w.attribute("width", layout.width, decimals: 2)
        w.attribute("height", layout.height, decimals: 2)
        w.attribute("fill", bg.hex)
        w.raw("/>\n")
    }

    /// The dashed graticule clipped to the frame, when the map asks for one and a line crosses it.
    static func writeGraticule(_ map: Map, frame: BoundingBox, transform: ScreenTransform, to w: SVGWriter) {
        guard let step = map.graticuleStep else { return }
        let lines = Graticule.lines(frame: frame, transform: transform, projection: map.projection, step: step)
        let g = GridStage(transform: transform, clip: frame.expanded(by: 4), decimals: map.decimals).run(lines)
        guard g.partCount > 0 else { return }
        w.raw("<g id=\"graticule\" clip-path=\"url(#frame-clip)\" fill=\"none\" stroke=\"#999999\" stroke-width=\"0.5\" stroke-dasharray=\"2 2\"><path d=\"")
        SVGPathEncoder(decimals: map.decimals).write(g, parts: 0..<g.partCount, to: w)
        w.raw("\"/></g>\n")
    }

    /// The thin grey border of the map frame.
    static func writeNeatline(_ frame: BoundingBox, to w: SVGWriter) {
        w.raw("<rect id=\"neatline\"")
        w.attribute("x", frame.minX, decimals: 2)
        w.attribute("y", frame.minY, decimals: 2)
        w.attribute("width", frame.width, decimals: 2)
        w.attribute("height", frame.height, decimals: 2)
        w.raw(" fill=\"none\" stroke=\"#999999\" stroke-width=\"0.75\"/>\n")
    }

    /// The "No data to draw" note in the middle of an empty frame.
    static func writeEmptyNote(_ frame: BoundingBox, to w: SVGWriter) {
        w.raw("<text id=\"empty-note\"")
        w.attribute("x", frame.center.x, decimals: 2)
        w.attribute("y", frame.center.y, decimals: 2)
        w.raw(" text-anchor=\"middle\" font-size=\"16\" fill=\"#666666\">No data to draw</text>\n")
    }

    /// The legend, scale bar and north arrow: placed before the labels (their boxes, and the
    /// inset frames, are obstacles labels avoid) and written after them, over the map.
    struct Furniture {
        var legendWriter: LegendWriter
        var legendOrigin: (x: Double, y: Double)?
        var scaleBar: (bar: ScaleBar, x: Double, y: Double)?
        var northArrow: (arrow: NorthArrow, x: Double, y: Double)?
        /// The boxes labels must avoid: legend, scale bar, north arrow, then inset frames.
        var obstacles: [BoundingBox] = []

        /// Places the furniture in the frame's corners: the legend in the map's corner (or the one
        /// `placement` finds emptiest), the scale bar and north arrow away from it.
        static func place(_ map: Map, legends: [LegendContent], placement: LegendPlacement, frame: BoundingBox,
                          transform: ScreenTransform?) -> Furniture {
            var f = Furniture(legendWriter: LegendWriter(legends: legends))
            var corner = map.legendCorner ?? LegendPlacement.order[0]
            if !legends.isEmpty {
                let size = f.legendWriter.size()
                if map.legendCorner == nil, transform != nil { corner = placement.bestCorner(size: size, frame: frame) }
                let box = LegendPlacement.box(corner, size: size, frame: frame)
                f.legendOrigin = (box.minX, box.minY)
                f.obstacles.append(box)
            }
            if map.scaleBar, let transform,
               let bar = ScaleBar.measure(frame: frame, transform: transform, projection: map.projection,
                                          maximumPixels: Swift.min(200, frame.width / 4)) {
                let x = corner == .bottomLeft ? frame.maxX - 24 - bar.pixels : frame.minX + 14
                f.scaleBar = (bar, x, frame.maxY - 12)
                f.obstacles.append(BoundingBox(minX: x - 12, minY: frame.maxY - 36, maxX: x + bar.pixels + 30, maxY: frame.maxY))
            }
            if map.northArrow, let transform {
                let a = NorthArrow.measure(frame: frame, transform: transform, projection: map.projection)
                let x = corner == .topRight ? frame.minX + 26 : frame.maxX - 26
                f.northArrow = (a, x, frame.minY + 46)
                f.obstacles.append(BoundingBox(minX: x - 18, minY: frame.minY, maxX: x + 18, maxY: frame.minY + 64))
            }
            for inset in map.insets { f.obstacles.append(inset.frame) }
            return f
        }

        /// Writes the legend, scale bar and north arrow that were placed.
        func write(to w: SVGWriter) {
            if let origin = legendOrigin { legendWriter.write(to: w, x: origin.x, y: origin.y) }
            if let (bar, x, y) = scaleBar { _ = bar.write(to: w, x: x, y: y) }
            if let (arrow, x, y) = northArrow { _ = arrow.write(to: w, x: x, y: y) }
        }
    }

    /// Grid stage plus shared-border simplification of one prepared layer.
    static func grid(_ p: PreparedLayer, transform: ScreenTransform, clip: BoundingBox, decimals: Int) -> PartGeometry<Int64> {
        let stage = GridStage(transform: transform, clip: clip, decimals: decimals)
        let upp = stage.unitsPerPixel
        let tol = p.layer.simplification.isFinite ? Swift.max(0, p.layer.simplification) : 0
        let area = p.layer.minimumRingArea.isFinite ? Swift.max(0, p.layer.minimumRingArea) : 0
        let simplified = SharedBorderSimplifier(tolerance: tol * upp, minimumRingArea: area * upp * upp).run(stage.run(p.projected))
        return p.layer.keepsEveryFeature ? keepingEveryFeature(simplified, projected: p.projected, stage: stage) : simplified
    }

    /// `grid` with a 1 px square (in grid units, at the centre of the feature's bounds) for every
    /// polygon feature of `projected` that meets the clip rectangle but kept no exterior ring;
    /// parts stay in feature order.
    static func keepingEveryFeature(_ grid: PartGeometry<Int64>, projected: PartGeometry<Double>,
                                    stage: GridStage) -> PartGeometry<Int64> {
        var drawn = Set<Int>()
        for p in 0..<grid.partCount where grid.partKind[p] == .exterior { drawn.insert(grid.partFeature[p]) }
        // Pixel bounds of each missing polygon feature.
        var bounds: [Int: BoundingBox] = [:]
        for p in 0..<projected.partCount where projected.partKind[p] == .exterior && !drawn.contains(projected.partFeature[p]) {
            var box = bounds[projected.partFeature[p]] ?? .empty
            for v in projected.vertexRange(p) {
                let s = stage.transform.apply(x: projected.coordinates[2 * v], y: projected.coordinates[2 * v + 1])
                if s.x.isFinite, s.y.isFinite { box = box.union(BoundingBox(minX: s.x, minY: s.y, maxX: s.x, maxY: s.y)) }
            }
            bounds[projected.partFeature[p]] = box
        }
        let upp = stage.unitsPerPixel
        var squares: [Int: [Int64]] = [:]
        for (feature, box) in bounds where !box.isEmpty && box.intersects(stage.clip) {
            let cx = ((box.minX + box.maxX) / 2 * upp).rounded(), cy = ((box.minY + box.maxY) / 2 * upp).rounded()
            let h = (upp / 2).rounded(.up), x = Int64(cx), y = Int64(cy), d = Int64(h)
            squares[feature] = [x - d, y - d, x + d, y - d, x + d, y + d, x - d, y + d]
        }
        guard !squares.isEmpty else { return grid }
        var out = PartGeometry<Int64>()
        out.coordinates.reserveCapacity(grid.coordinates.count + 8 * squares.count)
        let pending = squares.keys.sorted()
        var k = 0
        for p in 0..<grid.partCount {
            let f = grid.partFeature[p]
            while k < pending.count, pending[k] < f {
                out.append(squares[pending[k]]!, kind: .exterior, feature: pending[k])
                k += 1
            }
            out.append(grid.coordinates[(2 * grid.partStart[p])..<(2 * grid.partStart[p + 1])], kind: grid.partKind[p], feature: f)
        }
        while k < pending.count {
            out.append(squares[pending[k]]!, kind: .exterior, feature: pending[k])
            k += 1
        }
        return out
    }
}
