public import GeoCore
public import GeoRender

/// When and how one area joined a platform rollout, for ``CoverageMap``.
public struct CoverageJoin: Hashable, Sendable {
    /// Year of the selection.
    public var year: Int
    /// True when a model chose the selection (drawn in a lighter tone, labelled `modelled`).
    public var modelled: Bool
    /// True when only a sido-wide platform covers the area.
    public var sidoWide: Bool

    /// Creates a join.
    public init(year: Int, modelled: Bool, sidoWide: Bool = false) {
        self.year = year
        self.modelled = modelled
        self.sidoWide = sidoWide
    }
}

/// The legend category of an area on a coverage map.
public enum CoverageCategory: Hashable, Sendable {
    /// Selected in the year, as the public record names it.
    case year(Int)
    /// Selected in the year by a model (drawn in a lighter tone of the year's colour).
    case modelled(Int)
    /// Covered only by a sido-wide platform.
    case sidoWide
    /// No platform.
    case notSelected

    /// The category of a join (nil: ``notSelected``).
    public init(_ join: CoverageJoin?) {
        guard let join else {
            self = .notSelected
            return
        }
        if join.sidoWide {
            self = .sidoWide
        } else {
            self = join.modelled ? .modelled(join.year) : .year(join.year)
        }
    }

    /// The legend label: `2017`, `2019 · modelled`, `sido-wide platform only`, `not selected`.
    public var label: String {
        switch self {
        case .year(let y): "\(y)"
        case .modelled(let y): "\(y) · modelled"
        case .sidoWide: "sido-wide platform only"
        case .notSelected: "not selected"
        }
    }

    /// The selection year (nil for ``sidoWide`` and ``notSelected``).
    public var year: Int? {
        switch self {
        case .year(let y), .modelled(let y): y
        case .sidoWide, .notSelected: nil
        }
    }
}

/// Options of a coverage map.
public struct CoverageMapOptions: Sendable {
    /// Page title.
    public var title: String
    /// Subtitle under the title.
    public var subtitle: String
    /// Source line (required attributions).
    public var attribution: String
    /// From the features' CRS to map coordinates (e.g. `CRSProjection(fromEPSG: 4326, toEPSG: 5179)`).
    public var projection: any MapProjection
    /// Page width, px.
    public var width: Double
    /// Insets (e.g. the pilot cities); their layers come from ``extraLayers``.
    public var insets: [Inset]
    /// Layers drawn over the coverage (outlines, pilot sites), in order.
    public var extraLayers: [Layer]
    /// The legend heading.
    public var legendTitle: String

    /// Creates options.
    public init(title: String = "", subtitle: String = "", attribution: String = "", projection: any MapProjection = PlanarProjection(),
                width: Double = 1200, insets: [Inset] = [], extraLayers: [Layer] = [],
                legendTitle: String = "Year the platform was selected") {
        self.title = title
        self.subtitle = subtitle
        self.attribution = attribution
        self.projection = projection
        self.width = width
        self.insets = insets
        self.extraLayers = extraLayers
        self.legendTitle = legendTitle
    }
}

/// Maps of platform coverage: every area coloured by the year it joined, modelled selections in
/// a lighter tone of their year's colour with their own legend entry, sido-wide-only coverage and
/// areas not selected in neutral tones. Built on `ThematicMap/categorical(_:categories:order:options:)`.
public enum CoverageMap {
    /// The id of the coverage layer; its features' SVG ids are `coverage-<code>`.
    public static let layerID = "coverage"

    /// The legend category of a join.
    public static func category(_ join: CoverageJoin?) -> CoverageCategory { CoverageCategory(join) }

    /// The legend categories present in `joins`, in legend order (years ascending, each year's
    /// recorded before its modelled entry, then sido-wide, then not selected), with their colours:
    /// the `YlGnBu` ramp over the years (modelled: mixed 65 % with white), fixed neutral tones
    /// for the last two.
    /// - Throws: `RenderError` when the palette cannot be built.
    public static func legend(_ joins: [CoverageJoin?]) throws(RenderError) -> [(category: CoverageCategory, color: Color)] {
        let years = Set(joins.compactMap { $0 }.filter { !$0.sidoWide }.map(\.year)).sorted()
        let ramp = years.isEmpty ? [] : try Palette.colorBrewer("YlGnBu").colors(count: max(3, years.count + 1))
        let present = Set(joins.map(category))
        var out: [(category: CoverageCategory, color: Color)] = []
        for (i, y) in years.enumerated() {
            let base = ramp[min(ramp.count - 1, i + ramp.count - years.count)]
            for (c, color) in [(CoverageCategory.year(y), base), (.modelled(y), base.mixed(with: .white, 0.65))] where present.contains(c) {
                out.append((c, color))
            }
        }
        for (c, color) in [(CoverageCategory.sidoWide, Color(red: 0xfd, green: 0xd4, blue: 0x9e)),
                           (.notSelected, Color(red: 0xee, green: 0xee, blue: 0xee))] where present.contains(c) {
            out.append((c, color))
        }
        return out
    }

    /// The coverage map of `areas` with one join (or nil) per feature, in feature order.
    /// - Throws: `RenderError` when the palette cannot be built.
    public static func map(areas: FeatureCollection, joins: [CoverageJoin?], options: CoverageMapOptions) throws(RenderError) -> Map {
        let legend = try legend(joins)
        var map = ThematicMap.categorical(
            areas, categories: joins.map { category($0).label }, order: legend.map(\.category.label),
            options: ThematicMapOptions(title: options.title, subtitle: options.subtitle,
                                        description: "Integrated platform coverage by year of selection; modelled selections in a lighter tone.",
                                        attribution: options.attribution, projection: options.projection, width: options.width,
                                        layerID: layerID, idField: "code", dataFields: ["code", "name_ko"],
                                        legendTitle: options.legendTitle, palette: .custom(legend.map(\.color)),
                                        stroke: .white, strokeWidth: 0.25, insets: options.insets))
        map.layers += options.extraLayers
        return map
    }
}

extension PlatformRollout {
    /// The join of each sigungu polygon (by 5-digit legal code, nil for none) for the selections up
    /// to `year`: its local government's selection, else (with ``CoverageMethod/withSidoPlatforms``)
    /// the sido-wide platform of its sido, else nil.
    public func joins(sigunguCodes: [String?], selections: [RolloutRecord], year: Int, method: CoverageMethod) -> [CoverageJoin?] {
        var unitOf: [String: String] = [:]
        for u in units { for m in u.memberCodes { unitOf[m] = u.code } }
        var municipal: [String: RolloutRecord] = [:]
        var sido: [String: RolloutRecord] = [:]
        for s in selections where s.year <= year {
            if s.level == .sido { sido[s.code] = sido[s.code] ?? s } else { municipal[s.code] = municipal[s.code] ?? s }
        }
        return sigunguCodes.map { code in
            guard let code, let unit = unitOf[code] else { return nil }
            if let s = municipal[unit] { return CoverageJoin(year: s.year, modelled: s.status == .modelled) }
            if method == .withSidoPlatforms, let s = sido[String(code.prefix(2))] {
                return CoverageJoin(year: s.year, modelled: s.status == .modelled, sidoWide: true)
            }
            return nil
        }
    }
}
