/// The kind of a colour scheme (ColorBrewer's three families).
public enum PaletteKind: String, Hashable, Sendable {
    /// Ordered light to dark, for data from low to high.
    case sequential
    /// Two hues diverging from a light middle, for data around a meaningful midpoint.
    case diverging
    /// Distinct hues without order, for categories.
    case qualitative
}

/// A colour scheme for thematic maps.
public enum Palette: Hashable, Sendable {
    /// A ColorBrewer scheme by name (see ``colorBrewerNames``).
    case colorBrewer(String)
    /// The perceptually uniform viridis ramp.
    case viridis
    /// cividis: viridis optimised for colour-vision deficiency.
    case cividis
    /// Explicit colours, used as given (cycled for more classes only when qualitative is false).
    case custom([Color])

    /// The ColorBrewer scheme names GeoRender ships, sorted.
    public static var colorBrewerNames: [String] { PaletteTables.colorBrewer.keys.sorted() }

    /// The kind of the palette (viridis and cividis are sequential; custom is qualitative).
    public var kind: PaletteKind {
        switch self {
        case .colorBrewer(let name): PaletteTables.colorBrewer[name]?.0 ?? .sequential
        case .viridis, .cividis: .sequential
        case .custom: .qualitative
        }
    }

    /// `count` colours of the palette, ordered from the first to the last class.
    ///
    /// ColorBrewer schemes use Brewer's own table for 3 up to the scheme's maximum (9 sequential,
    /// 11 diverging, 8 or 12 qualitative); 1 or 2 classes take the ends (and middle) of the
    /// 3-class table; a sequential or diverging scheme asked for more classes than it has is
    /// interpolated in sRGB from its largest table. viridis and cividis sample their 256-entry
    /// ramps evenly, both ends included.
    /// - Throws: ``RenderError/invalidOption(_:)`` for an unknown scheme, a count outside 1...256, or more
    ///   categories than a qualitative scheme (or custom list) has colours.
    public func colors(count: Int) throws(RenderError) -> [Color] {
        guard count >= 1, count <= 256 else { throw .invalidOption("palette needs 1...256 classes, got \(count)") }
        switch self {
        case .colorBrewer(let name):
            guard let (kind, tables) = PaletteTables.colorBrewer[name] else {
                throw .invalidOption("unknown ColorBrewer scheme '\(name)' (known: \(Self.colorBrewerNames.joined(separator: ", ")))")
            }
            let maxClasses = tables.keys.max() ?? 3
            if let table = tables[count] { return table.compactMap(Color.init(hex:)) }
            let three = (tables[3] ?? []).compactMap(Color.init(hex:))
            if count < 3 {
                if kind == .qualitative { return Array(three.prefix(count)) }
                return count == 1 ? [three[1]] : [three[0], three[2]]
            }
            if kind == .qualitative {
                throw .invalidOption("'\(name)' has \(maxClasses) colours, \(count) categories asked")
            }
            return Self.interpolate((tables[maxClasses] ?? []).compactMap(Color.init(hex:)), count)
        case .viridis: return Self.sample(PaletteTables.viridis, count)
        case .cividis: return Self.sample(PaletteTables.cividis, count)
        case .custom(let list):
            guard list.count >= count else {
                throw .invalidOption("custom palette has \(list.count) colours, \(count) classes asked")
            }
            return Array(list.prefix(count))
        }
    }

    /// The colour at position `t` (0...1) along the palette's full ramp, for gradient legends
    /// and continuous colouring.
    public func color(at t: Double) -> Color {
        let ramp: [Color]
        switch self {
        case .colorBrewer(let name):
            let tables = PaletteTables.colorBrewer[name]?.1 ?? [:]
            ramp = (tables[tables.keys.max() ?? 3] ?? []).compactMap(Color.init(hex:))
        case .viridis: ramp = PaletteTables.viridis.compactMap(Color.init(hex:))
        case .cividis: ramp = PaletteTables.cividis.compactMap(Color.init(hex:))
        case .custom(let list): ramp = list
        }
        guard let first = ramp.first else { return .black }
        guard ramp.count > 1 else { return first }
        let u = (t.isFinite ? Swift.max(0, Swift.min(1, t)) : 0) * Double(ramp.count - 1)
        let i = Swift.min(ramp.count - 2, Int(u))
        return ramp[i].mixed(with: ramp[i + 1], u - Double(i))
    }

    private static func sample(_ table: [String], _ count: Int) -> [Color] {
        let colors = table.compactMap(Color.init(hex:))
        if count == 1 { return [colors[colors.count / 2]] }
        return (0..<count).map { colors[Int((Double($0) * Double(colors.count - 1) / Double(count - 1)).rounded())] }
    }

    private static func interpolate(_ ramp: [Color], _ count: Int) -> [Color] {
        guard ramp.count > 1 else { return Array(repeating: ramp.first ?? .black, count: count) }
        return (0..<count).map { k in
            let u = Double(k) * Double(ramp.count - 1) / Double(count - 1)
            let i = Swift.min(ramp.count - 2, Int(u))
            return ramp[i].mixed(with: ramp[i + 1], u - Double(i))
        }
    }
}
