import Foundation
import Testing
@testable import GeoCore

/// ``FileReplacement/moveIntoPlace(_:at:)`` behaves as `rename(2)` does, whichever way it moves
/// the name: the new bytes at the destination, nothing left under the temporary name, the old
/// file's other names untouched, and no directory ever replaced.
@Suite struct FileReplacementTests {
    private func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-replace-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        return dir
    }

    private func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test func replacesAnExistingFileAndLeavesNothingElse() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("old", "\(dir)/out.gpkg")
        try write("new bytes", "\(dir)/.out.gpkg.tmp")
        #expect(FileReplacement.moveIntoPlace("\(dir)/.out.gpkg.tmp", at: "\(dir)/out.gpkg") == 0)
        #expect(try read("\(dir)/out.gpkg") == "new bytes")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.gpkg"])
    }

    @Test func movesToANewName() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("new", "\(dir)/.a.tmp")
        #expect(FileReplacement.moveIntoPlace("\(dir)/.a.tmp", at: "\(dir)/a.fgb") == 0)
        #expect(try read("\(dir)/a.fgb") == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.fgb"])
    }

    @Test func theOldFileKeepsItsOtherNames() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("old", "\(dir)/out.shp")
        #expect(link("\(dir)/out.shp", "\(dir)/backup.shp") == 0)
        try write("new", "\(dir)/.out.shp.tmp")
        #expect(FileReplacement.moveIntoPlace("\(dir)/.out.shp.tmp", at: "\(dir)/out.shp") == 0)
        #expect(try read("\(dir)/out.shp") == "new")
        #expect(try read("\(dir)/backup.shp") == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["backup.shp", "out.shp"])
    }

    @Test func aSymbolicLinkIsReplacedNotFollowed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("kept", "\(dir)/real.csv")
        #expect(symlink("\(dir)/real.csv", "\(dir)/out.csv") == 0)
        try write("new", "\(dir)/.out.csv.tmp")
        #expect(FileReplacement.moveIntoPlace("\(dir)/.out.csv.tmp", at: "\(dir)/out.csv") == 0)
        #expect(try read("\(dir)/out.csv") == "new")
        #expect(try read("\(dir)/real.csv") == "kept")
        var st = stat()
        #expect(lstat("\(dir)/out.csv", &st) == 0 && st.st_mode & S_IFMT == S_IFREG)
    }

    @Test func aDirectoryIsNeverReplaced() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: "\(dir)/out.svg", withIntermediateDirectories: false)
        try write("inside", "\(dir)/out.svg/keep.txt")
        try write("new", "\(dir)/.out.svg.tmp")
        let failure = FileReplacement.moveIntoPlace("\(dir)/.out.svg.tmp", at: "\(dir)/out.svg")
        #expect(failure == EISDIR)
        #expect(try read("\(dir)/out.svg/keep.txt") == "inside")
        #expect(try read("\(dir)/.out.svg.tmp") == "new")
    }

    @Test func aMissingTemporaryFileIsAnError() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("old", "\(dir)/out.tif")
        #expect(FileReplacement.moveIntoPlace("\(dir)/.missing.tmp", at: "\(dir)/out.tif") == ENOENT)
        #expect(try read("\(dir)/out.tif") == "old")
    }
}
