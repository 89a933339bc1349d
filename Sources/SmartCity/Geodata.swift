#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import GeoCore
public import GeoIO

/// The opened `korea.gpkg` of a Geodata folder: one read-only SQLite connection, opened on the
/// first read and shared by everything that reads the file (the atlas, the rollout, the pilot
/// sites, the maps), so a command reads the GeoPackage through one connection.
///
/// Reads are serialised by a lock (a GeoPackage connection serves one thread at a time); the
/// object is `Sendable` and meant to be shared.
///
/// ```swift
/// let geodata = try Geodata()                        // finds Geodata/ (see GeodataLocation)
/// let atlas = KoreaAtlas(file: geodata)
/// let site = try PilotSite.derive(.busanEDC, from: geodata)
/// let sido = try geodata.features("sido")
/// ```
public final class Geodata: @unchecked Sendable {
    /// The Geodata folder.
    public let folder: URL
    /// The path of `korea.gpkg` in ``folder``.
    public let path: String

    private let lock = Lock()
    private var reader: GeoPackageReader?
    private var opened = 0
    private var reads: [ReadKey: Int] = [:]

    private struct ReadKey: Hashable {
        var layer: String
        var geometry: Bool
    }

    /// The GeoPackage of the Geodata folder `folder` (nothing is opened until the first read).
    public init(folder: URL) {
        self.folder = folder
        path = folder.appendingPathComponent(GeodataLocation.fileName).path
    }

    /// The GeoPackage of the Geodata folder found by ``GeodataLocation/resolve(explicit:environment:)``
    /// (`explicit` may name the folder or the `korea.gpkg` file).
    public convenience init(geodataPath explicit: String? = nil) throws(KoreaAtlasError) {
        self.init(folder: try GeodataLocation.resolve(explicit: explicit))
    }

    /// Reads the rows of layer `name` whose attribute `column` equals `value` (every row when
    /// `filter` is nil), ordered by primary key. With `geometry: false` only the attribute columns
    /// are read and every feature's geometry is nil (no geometry is decoded).
    /// - Throws: `GeoPackageError` when the file cannot be opened or the layer read.
    public func readLayer(_ name: String, where filter: (column: String, value: GeoPackageValue)? = nil,
                          geometry: Bool = true) throws(GeoPackageError) -> GeoPackageLayer {
        lock.lock()
        defer { lock.unlock() }
        let reader: GeoPackageReader
        if let open = self.reader {
            reader = open
        } else {
            reader = try GeoPackageReader(path: path)
            self.reader = reader
            opened += 1
        }
        reads[ReadKey(layer: name, geometry: geometry), default: 0] += 1
        return try reader.readLayer(name, where: filter, geometry: geometry)
    }

    /// The features of layer `name` (see ``readLayer(_:where:geometry:)``).
    public func features(_ name: String, where filter: (column: String, value: GeoPackageValue)? = nil,
                         geometry: Bool = true) throws(GeoPackageError) -> FeatureCollection {
        try readLayer(name, where: filter, geometry: geometry).featureCollection
    }

    /// How many times the file has been opened: 0 before the first read, 1 after.
    public var connectionsOpened: Int {
        lock.lock()
        defer { lock.unlock() }
        return opened
    }

    /// How many reads of layer `name` went through this object, with geometry or (`geometry:
    /// false`) of the attributes alone.
    public func reads(of name: String, geometry: Bool = true) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return reads[ReadKey(layer: name, geometry: geometry), default: 0]
    }
}
