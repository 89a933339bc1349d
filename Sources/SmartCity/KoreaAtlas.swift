#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore
import GeoIndex

/// South Korea's administrative geography and census 2020, from the committed Geodata folder:
/// the 17 sido, the 253 sigungu with population and area, and reverse geocoding.
///
/// Layers are read from `korea.gpkg` on first use, once, and shared by every thread (the atlas
/// is `Sendable`; a lock guards the loading, queries run outside it). Every read goes through
/// the atlas's ``file`` (one connection), which the rollout, the pilot sites and the maps share.
/// ``municipalities()`` and ``provinces()`` read the attributes alone; the polygons are read on
/// the first ``locate(latitude:longitude:level:)``, and the point-location indexes of a layer
/// are built on the first locate query that needs them.
///
/// ```swift
/// let atlas = try KoreaAtlas()                       // finds Geodata/ (see GeodataLocation)
/// let region = try atlas.locate(latitude: 36.504, longitude: 127.265, level: .sigungu)
/// print(region?.code, region?.name)                  // 36110 세종특별자치시 세종시
/// ```
public final class KoreaAtlas: Sendable {
    /// The Geodata folder in use.
    public let geodata: URL
    /// The opened `korea.gpkg` every layer is read from.
    public let file: Geodata
    private let loaded = LayerCache()

    /// The loaded layers behind a lock. `NSLock` rather than `Synchronization.Mutex` keeps the
    /// package's macOS 14 deployment target.
    private final class LayerCache: @unchecked Sendable {
        private let lock = Lock()
        private var layers = Layers()

        struct Layers {
            var provinceRecords: [Province]?
            var municipalityRecords: MunicipalityRecords?
            var provinces: ProvinceLayer?
            var municipalities: MunicipalityLayer?
            var emd: EmdLayer?
            var islets: EmdLayer?
            /// The polygons of loaded layers whose locator is not built yet (dropped once it is).
            var shapes: [RegionLocator.Stage: LayerShapes] = [:]
            /// The locators built so far: only locate queries build them.
            var locators: [RegionLocator.Stage: PolygonLocator] = [:]
        }

        /// Runs `body` on the layers with the lock held.
        func withLock<T>(_ body: (inout Layers) throws(KoreaAtlasError) -> T) throws(KoreaAtlasError) -> T {
            lock.lock()
            defer { lock.unlock() }
            return try body(&layers)
        }
    }

    /// An atlas over the Geodata folder `geodata` (nothing is read until the first query).
    public convenience init(geodata: URL) {
        self.init(file: Geodata(folder: geodata))
    }

    /// An atlas reading the opened `file` (nothing is read until the first query).
    public init(file: Geodata) {
        self.file = file
        geodata = file.folder
    }

    /// An atlas over the Geodata folder found by ``GeodataLocation/resolve(explicit:environment:)``.
    public convenience init(geodataPath: String? = nil) throws(KoreaAtlasError) {
        self.init(geodata: try GeodataLocation.resolve(explicit: geodataPath))
    }

    /// The 17 sido, by code (their attributes alone are read).
    public func provinces() throws(KoreaAtlasError) -> [Province] { try provinceRecords() }

    /// The 253 sigungu (including the two parent-city polygons), by code (their attributes alone
    /// are read).
    public func municipalities() throws(KoreaAtlasError) -> [Municipality] { try municipalityRecords().municipalities }

    /// The sigungu with legal code `code` (5 digits), or nil.
    public func municipality(code: String) throws(KoreaAtlasError) -> Municipality? {
        let records = try municipalityRecords()
        return records.byCode[code].map { records.municipalities[$0] }
    }

    /// The sido with legal code `code` (2 digits), or nil.
    public func province(code: String) throws(KoreaAtlasError) -> Province? {
        try provinceRecords().first { $0.code == code }
    }

    /// Reverse geocoding: the administrative unit at a WGS84 position, or nil outside Korea or at sea.
    ///
    /// - `.sido`: the sido polygon; where none covers the point, the sido of the sigungu or islet found.
    /// - `.sigungu`: the sigungu polygon, where a district wins over a parent city drawn over it
    ///   (천안시, 창원시); then the islets that only the emd level has; then the sido polygon alone
    ///   (the answer's `level` is then `.sido`).
    /// - `.emd`: the national emd polygons (the 14 MB layer is read on the first emd query); where
    ///   none covers the point, the sigungu answer, then the sido (the answer's `level` says so).
    ///
    /// Points on a shared boundary go to the unit with the smallest code. Planar test in
    /// longitude/latitude degrees, boundary included, even-odd rule as GeoCore's
    /// `Polygon.covers` (see GeoIndex's `PolygonLocator`). The polygon indexes of a level are
    /// built on its first locate query; listing provinces or municipalities builds none.
    /// - Throws: ``KoreaAtlasError/invalidCoordinate(latitude:longitude:)`` for a non-finite or
    ///   out-of-range position, or a Geodata error on first use.
    public func locate(latitude: Double, longitude: Double, level: AdministrativeLevel = .sigungu)
        throws(KoreaAtlasError) -> LocatedRegion? {
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180 else {
            throw .invalidCoordinate(latitude: latitude, longitude: longitude)
        }
        return try locator(level: level).locate(x: longitude, y: latitude)
    }

    /// Reverse-geocodes many positions at once (layers fetched once, each stage run over all
    /// the points still unplaced); one answer per position, nil outside Korea. Non-finite or
    /// out-of-range positions answer nil.
    public func locate(latitudes: [Double], longitudes: [Double], level: AdministrativeLevel = .sigungu)
        throws(KoreaAtlasError) -> [LocatedRegion?] {
        let l = try locator(level: level)
        return l.regions(try hits(l, latitudes, longitudes))
    }

    /// The legal codes of many positions (nil outside Korea): the fast path for bulk lookups,
    /// the same answers as ``locate(latitudes:longitudes:level:)`` without the names.
    public func locateCodes(latitudes: [Double], longitudes: [Double], level: AdministrativeLevel = .sigungu)
        throws(KoreaAtlasError) -> [String?] {
        let l = try locator(level: level)
        return l.codes(try hits(l, latitudes, longitudes))
    }

    private func hits(_ l: RegionLocator, _ latitudes: [Double], _ longitudes: [Double])
        throws(KoreaAtlasError) -> RegionLocator.Hits {
        let n = min(latitudes.count, longitudes.count)
        var xs = [Double](repeating: .nan, count: n), ys = [Double](repeating: .nan, count: n)
        for i in 0..<n where latitudes[i].isFinite && longitudes[i].isFinite
            && abs(latitudes[i]) <= 90 && abs(longitudes[i]) <= 180 {
            xs[i] = longitudes[i]
            ys[i] = latitudes[i]
        }
        return l.hits(xs: xs, ys: ys)
    }

    /// The layers and locators of `level`, read and built on first use, all under one lock.
    func locator(level: AdministrativeLevel) throws(KoreaAtlasError) -> RegionLocator {
        let file = self.file
        return try loaded.withLock { (l: inout LayerCache.Layers) throws(KoreaAtlasError) -> RegionLocator in
            let stages = RegionLocator.stages(level)
            for stage in stages { try Self.load(stage, file, &l) }
            var locators: [RegionLocator.Stage: PolygonLocator] = [:]
            for stage in stages {
                if l.locators[stage] == nil, let shapes = l.shapes[stage] {
                    l.locators[stage] = try shapes.locator()
                    l.shapes[stage] = nil
                }
                locators[stage] = l.locators[stage]
            }
            guard let provinces = l.provinces, let municipalities = l.municipalities, let islets = l.islets else {
                throw .invalidGeodata("layers missing after loading")
            }
            return RegionLocator(level: level, provinces: provinces, municipalities: municipalities,
                                 emd: level == .emd ? l.emd : nil, islets: islets, locators: locators)
        }
    }

    /// Reads the attributes and polygons of one layer unless already read (no index is built).
    private static func load(_ stage: RegionLocator.Stage, _ file: Geodata, _ l: inout LayerCache.Layers)
        throws(KoreaAtlasError) {
        switch stage {
        case .sido:
            guard l.provinces == nil else { return }
            let (layer, shapes) = try KoreaAtlasLoader.provinces(file)
            l.provinces = layer
            l.shapes[stage] = shapes
        case .sigungu:
            guard l.municipalities == nil else { return }
            let (layer, shapes) = try KoreaAtlasLoader.municipalities(file)
            l.municipalities = layer
            l.shapes[stage] = shapes
        case .emd:
            guard l.emd == nil else { return }
            let (layer, shapes) = try KoreaAtlasLoader.emd(file, layer: "emd")
            l.emd = layer
            l.shapes[stage] = shapes
        case .islets:
            guard l.islets == nil else { return }
            let (layer, shapes) = try KoreaAtlasLoader.emd(file, layer: "emd_islets")
            l.islets = layer
            l.shapes[stage] = shapes
        }
    }

    /// Whether the locator of a layer has been built (for tests: listing units must not build one).
    func hasLocator(_ stage: RegionLocator.Stage) -> Bool {
        (try? loaded.withLock { (l: inout LayerCache.Layers) throws(KoreaAtlasError) -> Bool in l.locators[stage] != nil })
            ?? false
    }

    func provinceRecords() throws(KoreaAtlasError) -> [Province] {
        let file = self.file
        return try loaded.withLock { (l: inout LayerCache.Layers) throws(KoreaAtlasError) -> [Province] in
            if let p = l.provinces?.provinces ?? l.provinceRecords { return p }
            let p = try KoreaAtlasLoader.provinceRecords(file)
            l.provinceRecords = p
            return p
        }
    }

    func municipalityRecords() throws(KoreaAtlasError) -> MunicipalityRecords {
        let file = self.file
        return try loaded.withLock { (l: inout LayerCache.Layers) throws(KoreaAtlasError) -> MunicipalityRecords in
            if let m = l.municipalities { return MunicipalityRecords(municipalities: m.municipalities, byCode: m.byCode) }
            if let m = l.municipalityRecords { return m }
            let m = try KoreaAtlasLoader.municipalityRecords(file)
            l.municipalityRecords = m
            return m
        }
    }

    func provinceLayer() throws(KoreaAtlasError) -> ProvinceLayer {
        let file = self.file
        return try loaded.withLock { (l: inout LayerCache.Layers) throws(KoreaAtlasError) -> ProvinceLayer in
            try Self.load(.sido, file, &l)
            guard let p = l.provinces else { throw .invalidGeodata("layer sido missing after loading") }
            return p
        }
    }

    func municipalityLayer() throws(KoreaAtlasError) -> MunicipalityLayer {
        let file = self.file
        return try loaded.withLock { (l: inout LayerCache.Layers) throws(KoreaAtlasError) -> MunicipalityLayer in
            try Self.load(.sigungu, file, &l)
            guard let m = l.municipalities else { throw .invalidGeodata("layer sigungu missing after loading") }
            return m
        }
    }
}
