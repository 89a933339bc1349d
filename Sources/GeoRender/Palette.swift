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
    public static var colorBrewerNames: [String] { ParsedPalettes.colorBrewerNames }

    /// The kind of the palette (viridis and cividis are sequential; custom is qualitative).
    public var kind: PaletteKind {
        switch self {
        case .colorBrewer(let name): ParsedPalettes.colorBrewer[name]?.kind ?? .sequential
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
            guard let (kind, tables) = ParsedPalettes.colorBrewer[name] else {
                throw .invalidOption("unknown ColorBrewer scheme '\(name)' (known: \(Self.colorBrewerNames.joined(separator: ", ")))")
            }
            let maxClasses = tables.keys.max() ?? 3
            if let table = tables[count] { return table }
            let three = tables[3] ?? []
            if count < 3 {
                if kind == .qualitative { return Array(three.prefix(count)) }
                return count == 1 ? [three[1]] : [three[0], three[2]]
            }
            if kind == .qualitative {
                throw .invalidOption("'\(name)' has \(maxClasses) colours, \(count) categories asked")
            }
            return Self.interpolate(tables[maxClasses] ?? [], count)
        case .viridis: return Self.sample(ParsedPalettes.viridis, count)
        case .cividis: return Self.sample(ParsedPalettes.cividis, count)
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
            let tables = ParsedPalettes.colorBrewer[name]?.tables ?? [:]
            ramp = tables[tables.keys.max() ?? 3] ?? []
        case .viridis: ramp = ParsedPalettes.viridis
        case .cividis: ramp = ParsedPalettes.cividis
        case .custom(let list): ramp = list
        }
        guard let first = ramp.first else { return .black }
        guard ramp.count > 1 else { return first }
        let u = (t.isFinite ? Swift.max(0, Swift.min(1, t)) : 0) * Double(ramp.count - 1)
        let i = Swift.min(ramp.count - 2, Int(u))
        return ramp[i].mixed(with: ramp[i + 1], u - Double(i))
    }

    private static func sample(_ colors: [Color], _ count: Int) -> [Color] {
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

/// ``PaletteTables`` parsed into colours once, on first use, and shared by every palette call.
enum ParsedPalettes {
    /// Scheme name -> kind and class count -> colours.
    static let colorBrewer: [String: (kind: PaletteKind, tables: [Int: [Color]])] =
        PaletteTables.colorBrewer.mapValues { kind, tables in (kind, tables.mapValues(parse)) }
    /// The ColorBrewer scheme names, sorted.
    static let colorBrewerNames: [String] = colorBrewer.keys.sorted()
    /// The 256 viridis colours.
    static let viridis = parse(PaletteTables.viridis)
    /// The 256 cividis colours.
    static let cividis = parse(PaletteTables.cividis)

    private static func parse(_ table: [String]) -> [Color] { table.compactMap(Color.init(hex:)) }
}
