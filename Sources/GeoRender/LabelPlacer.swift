import GeoCore

/// Greedy label placement with collision avoidance: candidates are taken in order of priority
/// (highest first, ties by their order in the layer) and a label is dropped when its box,
/// grown by the padding, overlaps an already placed label or an obstacle (legend, scale bar).
/// After Mapnik's placement finder, without alternative positions.
public struct LabelPlacer: Sendable {
    /// A label to place.
    public struct Candidate: Hashable, Sendable {
        /// The text.
        public var text: String
        /// Anchor (centre of the text) in pixels.
        public var x: Double
        /// Anchor y in pixels.
        public var y: Double
        /// Larger is placed first.
        public var priority: Double
        /// The feature index in the layer.
        public var feature: Int

        /// Creates a candidate.
        public init(text: String, x: Double, y: Double, priority: Double, feature: Int) {
            self.text = text
            self.x = x
            self.y = y
            self.priority = priority
            self.feature = feature
        }
    }

    /// Font size in pixels.
    public var fontSize: Double
    /// Free space around each label, in pixels.
    public var padding: Double

    /// Creates a placer.
    public init(fontSize: Double, padding: Double) {
        self.fontSize = fontSize
        self.padding = padding
    }

    /// Estimated width in pixels of `text`: 0.55 em per Latin letter or digit, 1 em per
    /// Hangul/CJK character (fonts are not available to measure; the estimate errs wide).
    public func estimatedWidth(_ text: String) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1100...0x11FF, 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF: em += 1
            case 0x20: em += 0.3
            default: em += 0.6
            }
        }
        return em * fontSize
    }

    /// The box a label occupies (padding included).
    public func box(_ c: Candidate) -> BoundingBox {
        let w = estimatedWidth(c.text) / 2 + padding, h = fontSize * 0.6 + padding
        return BoundingBox(minX: c.x - w, minY: c.y - h, maxX: c.x + w, maxY: c.y + h)
    }

    /// The candidates that can be placed, in placement order, and the number dropped.
    /// Labels whose box leaves `bounds` are dropped too.
    public func place(_ candidates: [Candidate], obstacles: [BoundingBox], bounds: BoundingBox)
        -> (placed: [Candidate], dropped: Int) {
        let order = candidates.indices.sorted {
            let a = candidates[$0], b = candidates[$1]
            return a.priority != b.priority ? a.priority > b.priority : $0 < $1
        }
        var taken = obstacles
        var placed: [Candidate] = []
        for i in order {
            let b = box(candidates[i])
            guard bounds.contains(b), !taken.contains(where: { $0.intersects(b) }) else { continue }
            taken.append(b)
            placed.append(candidates[i])
        }
        return (placed, candidates.count - placed.count)
    }
}
