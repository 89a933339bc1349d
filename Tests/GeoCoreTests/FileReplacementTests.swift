import Foundation
import Testing
@testable import GeoCore

/// ``FileReplacement/moveIntoPlace(_:at:)`` behaves as `rename(2)` does, whichever way it moves
/// the name: the new bytes at the destination, nothing left under the temporary name, the old
/// file's other names untouched, and no directory ever replaced.
@Suite struct FileReplacementTests {
    /// Runs `body` in a new folder, removed afterwards.
    private func inFolder(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-replace-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(dir)
    }

    private func write(_ text: String, _ path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// Writes `text` to the temporary file `temporary` in `dir` and moves it to `name` there: the
    /// move succeeds and `name` then holds `text`.
    private func moveNew(_ text: String, from temporary: String, to name: String, in dir: String) throws {
        try write(text, "\(dir)/\(temporary)")
        #expect(FileReplacement.moveIntoPlace("\(dir)/\(temporary)", at: "\(dir)/\(name)") == 0)
        #expect(try read("\(dir)/\(name)") == text)
    }

    @Test func replacesAnExistingFileAndLeavesNothingElse() throws {
        try inFolder { dir in
            try write("old", "\(dir)/out.gpkg")
            try moveNew("new bytes", from: ".out.gpkg.tmp", to: "out.gpkg", in: dir)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.gpkg"])
        }
    }

    @Test func movesToANewName() throws {
        try inFolder { dir in
            try moveNew("new", from: ".a.tmp", to: "a.fgb", in: dir)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.fgb"])
        }
    }

    @Test func theOldFileKeepsItsOtherNames() throws {
        try inFolder { dir in
            try write("old", "\(dir)/out.shp")
            #expect(link("\(dir)/out.shp", "\(dir)/backup.shp") == 0)
            try moveNew("new", from: ".out.shp.tmp", to: "out.shp", in: dir)
            #expect(try read("\(dir)/backup.shp") == "old")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["backup.shp", "out.shp"])
        }
    }

    @Test func aSymbolicLinkIsReplacedNotFollowed() throws {
        try inFolder { dir in
            try write("kept", "\(dir)/real.csv")
            #expect(symlink("\(dir)/real.csv", "\(dir)/out.csv") == 0)
            try moveNew("new", from: ".out.csv.tmp", to: "out.csv", in: dir)
            #expect(try read("\(dir)/real.csv") == "kept")
            var st = stat()
            #expect(lstat("\(dir)/out.csv", &st) == 0 && st.st_mode & S_IFMT == S_IFREG)
        }
    }

    @Test func aDirectoryIsNeverReplaced() throws {
        try inFolder { dir in
            try FileManager.default.createDirectory(atPath: "\(dir)/out.svg", withIntermediateDirectories: false)
            try write("inside", "\(dir)/out.svg/keep.txt")
            try write("new", "\(dir)/.out.svg.tmp")
            let failure = FileReplacement.moveIntoPlace("\(dir)/.out.svg.tmp", at: "\(dir)/out.svg")
            #expect(failure == EISDIR)
            #expect(try read("\(dir)/out.svg/keep.txt") == "inside")
            #expect(try read("\(dir)/.out.svg.tmp") == "new")
        }
    }

    @Test func aMissingTemporaryFileIsAnError() throws {
        try inFolder { dir in
            try write("old", "\(dir)/out.tif")
            #expect(FileReplacement.moveIntoPlace("\(dir)/.missing.tmp", at: "\(dir)/out.tif") == ENOENT)
            #expect(try read("\(dir)/out.tif") == "old")
        }
    }
}
