import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// A GeoPackage layer streamed to a GeoPackage as its rows (``GeoPackageRows``, the values taken
/// as the file holds them) gives the very bytes and warnings of the features read from it
/// written whole: for files GDAL wrote (JSON, BOOLEAN, big integers, NUL in text), for files
/// GeoTwin wrote, and for values SQLite's loose typing lets a column hold (text in an INTEGER
/// column, a real in it, a blob anywhere), whether they come among the rows the table is planned
/// from or after, when they make the write start over.
@Suite struct GeoPackageRowStreamTests {
    static func dir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-gpkgrows-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// How often each path of a stream was read.
    final class Passes {
        var rows = 0
        var features = 0
    }

    /// The layers of `source` as streams carrying their rows, counting the passes of each path.
    static func streams(_ source: GeoDataSource, readingAhead: Bool, passes: Passes) throws -> [GeoDataLayerStream] {
        try source.layers.map { info in
            var stream = GeoDataLayerStream(name: info.name, crs: info.crs, statedCount: source.featureCountHint(info)) { body throws(GeoDataError) in
                passes.features += 1
                try source.forEachFeature(layer: info.name, body)
            }
            let rows = try #require(try source.geoPackageRows(layer: info.name))
            stream.geoPackageRows = GeoPackageRows(columns: rows.columns) { body throws(GeoDataError) in
                passes.rows += 1
                try rows.forEachRow(body)
            }
            return readingAhead ? stream.readingAhead(batchSize: 16, batches: 2) : stream
        }
    }

    /// `input` streamed as rows and its features written whole: the same bytes and warnings.
    /// Returns the passes of the row stream.
    @discardableResult
    static func expectSameFile(_ input: String, in dir: String, readingAhead: Bool,
                               sourceLocation: SourceLocation = #_sourceLocation) throws -> Passes {
        let source = try GeoDataSource(path: input)
        let whole = dir + "/whole.gpkg", streamed = dir + "/streamed.gpkg"
        try? FileManager.default.removeItem(atPath: whole)
        try? FileManager.default.removeItem(atPath: streamed)
        let layers = try source.readAll()
        let wholeWarnings = try GeoDataSink.write(layers, to: whole)
        let passes = Passes()
        var streamedWarnings: [GeoDataWarning] = []
        let count = try GeoDataSink.write(streams: try streams(source, readingAhead: readingAhead, passes: passes), to: streamed,
                                          warn: { streamedWarnings.append($0) })
        #expect(count == layers.reduce(0) { $0 + $1.features.count }, sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: URL(fileURLWithPath: streamed)) == Data(contentsOf: URL(fileURLWithPath: whole)),
                "\(input)", sourceLocation: sourceLocation)
        #expect(streamedWarnings.map(\.description) == wholeWarnings.map { $0.description.replacingOccurrences(of: whole, with: streamed) },
                sourceLocation: sourceLocation)
        #expect(passes.rows == layers.count, "each layer's rows read once", sourceLocation: sourceLocation)
        return passes
    }

    /// Files GDAL and GeoTwin wrote, with few rows: every row waits for the table.
    @Test(arguments: ["gpkg/fidelity_by_gdal.gpkg", "gpkg/fidelity_by_geotwin.gpkg", "gpkg/census_extract.gpkg",
                      "gpkg/written_by_geotwin.gpkg"], [false, true])
    func rowsOfAFileGiveTheWholeLayerFile(fixture: String, readingAhead: Bool) throws {
        let dir = try Self.dir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let passes = try Self.expectSameFile(Fixture.url(fixture).path, in: dir, readingAhead: readingAhead)
        #expect(passes.features == 0, "no start over: \(fixture)")
    }

    /// One row of a 4,396-row layer changed in place by SQL, among the first rows (`early`,
    /// planned from) or after the table is settled (`late`): the values SQLite keeps as they
    /// were given whatever the column declares.
    static let changes: [(name: String, sql: String, restarts: Bool)] = [
        ("none", "", false),
        ("textInInteger", "UPDATE second SET v = 'seven' WHERE fid = ?", true),
        ("realInInteger", "UPDATE second SET v = 0.5 WHERE fid = ?", true),
        ("integerInReal", "UPDATE second SET ratio = 3 WHERE fid = ?", false),
        ("blobInText", "UPDATE second SET name = X'00FF41' WHERE fid = ?", true),
        ("textAfterNulls", "UPDATE second SET note = 'later' WHERE fid = ?", false),
        ("bigInteger", "UPDATE second SET v = 9007199254740993 WHERE fid = ?", false),
        ("bigIntegerInReal", "UPDATE second SET ratio = 9007199254740993 WHERE fid = ?", false),
        ("nullGeometry", "UPDATE second SET geom = NULL WHERE fid = ?", false),
        ("nulls", "UPDATE second SET v = NULL, name = NULL, ratio = NULL WHERE fid = ?", false),
    ]

    @Test(arguments: changes.indices, ["early", "late"])
    func changedRowsGiveTheWholeLayerFile(change: Int, place: String) throws {
        let (name, sql, restarts) = Self.changes[change]
        let dir = try Self.dir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/input.gpkg"
        let features = GeoPackageStreamTests.features("none")
        _ = try GeoDataSink.write([GeoDataLayer(name: "first", collection: FeatureCollection(GeoPackageStreamTests.features("none", seed: 1), crs: .wgs84)),
                                   GeoDataLayer(name: "second", collection: FeatureCollection(features, crs: .wgs84))], to: input,
                                  options: GeoDataWriteOptions(spatialIndex: false))  // no R-tree triggers to run on UPDATE
        if !sql.isEmpty {
            // The ids are odd from 1: the 11th row, or one after 4,096.
            let row = place == "early" ? 10 : GeoDataSink.streamLookahead + 100
            let db = try GeoPackageConnection(path: input, create: true)  // opened for writing
            try db.execute(sql.replacingOccurrences(of: "?", with: "\(row * 2 + 1)"))
        }
        for readingAhead in [false, true] {
            let passes = try Self.expectSameFile(input, in: dir, readingAhead: readingAhead)
            // A change among the rows the plan is made from changes the plan, not the rows after;
            // but a blob makes a JSON column, which a second layer cannot add to a file begun
            // without JSON columns, wherever it comes.
            let again = restarts && (place == "late" || name == "blobInText")
            #expect(passes.features == (again ? 2 : 0), "\(name) \(place)")
        }
    }

    /// A layer whose stream has rows but that is not the first: the rows of each layer are used.
    @Test func rowsOfEveryLayerAreUsed() throws {
        let dir = try Self.dir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/two.gpkg"
        _ = try GeoDataSink.write([GeoDataLayer(name: "a", collection: FeatureCollection(GeoPackageStreamTests.features("none", seed: 1), crs: .wgs84)),
                                   GeoDataLayer(name: "b", collection: FeatureCollection(GeoPackageStreamTests.features("textIDs"), crs: .korea2000Unified))],
                                  to: input)
        let passes = try Self.expectSameFile(input, in: dir, readingAhead: true)
        #expect(passes.rows == 2 && passes.features == 0)
    }

    /// The rows a source hands over are its features before their values are made properties.
    @Test func rowsAreTheFeatures() throws {
        let source = try GeoDataSource(path: Fixture.url("gpkg/fidelity_by_gdal.gpkg").path)
        let rows = try #require(try source.geoPackageRows())
        var fromRows: [Feature] = []
        try rows.forEachRow { (r, e) throws(GeoDataError) in
            let props = Dictionary(uniqueKeysWithValues: zip(rows.columns, r.values).map { ($0.name, $0.propertyValue($1)) })
            fromRows.append(Feature(id: .int(r.fid), geometry: e?.geometry ?? r.geometry, properties: props))
        }
        #expect(fromRows == (try source.readLayer().features))
        #expect(try GeoDataSource(path: Fixture.url("geojson/mixed_properties.geojson").path).geoPackageRows() == nil)
    }
}
