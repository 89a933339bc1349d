import Foundation
import GeoCore

/// South Korea's administrative geography and census 2020, from the committed Geodata folder:
/// the 17 sido, the 253 sigungu with population and area, and reverse geocoding.
///
/// Layers are read from `korea.gpkg` on first use, once, and shared by every thread (the atlas
/// is `Sendable`; one lock per layer guards its loading, the layers a query needs first load side
/// by side, and queries run outside the locks).
///
/// ```swift
/// let atlas = try KoreaAtlas()                       // finds Geodata/ (see GeodataLocation)
/// let region = try atlas.locate(latitude: 36.504, longitude: 127.265, level: .sigungu)
/// print(region?.code, region?.name)                  // 36110 세종특별자치시 세종시
/// ```
public final class KoreaAtlas: Sendable {
    /// The Geodata folder in use.
    public let geodata: URL
    private let path: String
    private let provinceSlot = LayerSlot<ProvinceLayer>()
    private let municipalitySlot = LayerSlot<MunicipalityLayer>()
    private let emdSlot = LayerSlot<EmdLayer>()
    private let isletSlot = LayerSlot<EmdLayer>()

    /// One layer, loaded on first use behind its own lock (so different layers can load at the
    /// same time). `NSLock` rather than `Synchronization.Mutex` keeps the package's macOS 14
    /// deployment target.
    private final class LayerSlot<Layer: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var layer: Layer?

        /// The layer, loaded by `load` with the lock held if it is not loaded yet.
        func get(_ load: () throws(KoreaAtlasError) -> Layer) throws(KoreaAtlasError) -> Layer {
            lock.lock()
            defer { lock.unlock() }
            if let layer { return layer }
            let loaded = try load()
            layer = loaded
            return loaded
        }

        var isLoaded: Bool {
            lock.lock()
            defer { lock.unlock() }
            return layer != nil
        }
    }

    /// An atlas over the Geodata folder `geodata` (nothing is read until the first query).
    public init(geodata: URL) {
        self.geodata = geodata
        path = geodata.appendingPathComponent(GeodataLocation.fileName).path
    }

    /// An atlas over the Geodata folder found by ``GeodataLocation/resolve(explicit:environment:)``.
    public convenience init(geodataPath: String? = nil) throws(KoreaAtlasError) {
        self.init(geodata: try GeodataLocation.resolve(explicit: geodataPath))
    }

    /// The 17 sido, by code.
    public func provinces() throws(KoreaAtlasError) -> [Province] { try provinceLayer().provinces }

    /// The 253 sigungu (including the two parent-city polygons), by code.
    public func municipalities() throws(KoreaAtlasError) -> [Municipality] { try municipalityLayer().municipalities }

    /// The sigungu with legal code `code` (5 digits), or nil.
    public func municipality(code: String) throws(KoreaAtlasError) -> Municipality? {
        let layer = try municipalityLayer()
        return layer.byCode[code].map { layer.municipalities[$0] }
    }

    /// The sido with legal code `code` (2 digits), or nil.
    public func province(code: String) throws(KoreaAtlasError) -> Province? {
        try provinceLayer().provinces.first { $0.code == code }
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
    /// longitude/latitude degrees, boundary included (see `BandedPolygonSet`).
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

    func locator(level: AdministrativeLevel) throws(KoreaAtlasError) -> RegionLocator {
        // The first time, load the layers side by side; an error is thrown by the calls below.
        var pending: [@Sendable () -> Void] = []
        if !provinceSlot.isLoaded { pending.append { _ = try? self.provinceLayer() } }
        if !municipalitySlot.isLoaded { pending.append { _ = try? self.municipalityLayer() } }
        if level == .emd && !emdSlot.isLoaded { pending.append { _ = try? self.emdLayer() } }
        if !isletSlot.isLoaded { pending.append { _ = try? self.isletLayer() } }
        if pending.count > 1 && ProcessInfo.processInfo.activeProcessorCount > 1 {
            let work = pending
            DispatchQueue.concurrentPerform(iterations: work.count) { work[$0]() }
        }
        return RegionLocator(level: level, provinces: try provinceLayer(), municipalities: try municipalityLayer(),
                             emd: level == .emd ? try emdLayer() : nil, islets: try isletLayer())
    }

    func provinceLayer() throws(KoreaAtlasError) -> ProvinceLayer {
        let path = self.path
        return try provinceSlot.get { () throws(KoreaAtlasError) in try KoreaAtlasLoader.provinces(path) }
    }

    func municipalityLayer() throws(KoreaAtlasError) -> MunicipalityLayer {
        let path = self.path
        return try municipalitySlot.get { () throws(KoreaAtlasError) in try KoreaAtlasLoader.municipalities(path) }
    }

    private func emdLayer() throws(KoreaAtlasError) -> EmdLayer {
        let path = self.path
        return try emdSlot.get { () throws(KoreaAtlasError) in try KoreaAtlasLoader.emd(path, layer: "emd") }
    }

    private func isletLayer() throws(KoreaAtlasError) -> EmdLayer {
        let path = self.path
        return try isletSlot.get { () throws(KoreaAtlasError) in try KoreaAtlasLoader.emd(path, layer: "emd_islets") }
    }
}
