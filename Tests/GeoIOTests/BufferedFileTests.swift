import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// A file written through ``BufferedFile`` holds exactly the bytes written, in order, whether its
/// space was allocated ahead in chunks, in one piece, or (on a file system that cannot) not at
/// all: what was allocated and not written is cut off when it is closed.
@Suite struct BufferedFileTests {
    static func scratch(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-buffered-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// `count` bytes of a pattern that shows a byte out of place.
    static func pattern(_ count: Int, seed: UInt8 = 0) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) &+ seed }
    }

    /// The bytes of the file, and the bytes of disk it takes (`st_blocks`).
    static func contents(_ path: String) throws -> (bytes: [UInt8], allocated: Int) {
        var info = stat()
        #expect(stat(path, &info) == 0)
        return ([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), Int(info.st_blocks) * 512)
    }

    /// The file at `path` holds `expected` and takes no more than 1 MiB of disk beyond it (not
    /// what was allocated ahead).
    static func expectFile(_ path: String, holds expected: [UInt8]) throws {
        let (bytes, allocated) = try contents(path)
        #expect(bytes.count == expected.count)
        #expect(bytes == expected)
        #expect(allocated < expected.count + (1 << 20))
    }

    @Test func streamedFileOutgrowingTheBufferIsCutBackToWhatWasWritten() throws {
        let path = Self.scratch("streamed.bin")
        defer { unlink(path) }
        // 5.5 MiB in pieces of 100 kB and one piece larger than the buffer: chunks of 4 MiB and
        // then 4 MiB more are allocated ahead, 8 MiB in all.
        let small = Self.pattern(100_000), large = Self.pattern(1_300_000, seed: 7)
        var expected: [UInt8] = []
        let file = try #require(BufferedFile(creating: path))
        for i in 0..<44 {
            if i == 20 {
                file.append(large)
                expected += large
            } else {
                file.append(small)
                expected += small
            }
        }
        #expect(file.close() == nil)
        // Not the 8 MiB allocated ahead: the rest was given back.
        try Self.expectFile(path, holds: expected)
    }

    @Test func reservedSpaceNotWrittenIsCutOff() throws {
        let path = Self.scratch("reserved.bin")
        defer { unlink(path) }
        let file = try #require(BufferedFile(creating: path))
        file.reserve(total: 6 << 20)
        let data = Self.pattern(3 << 20)
        file.append(data)
        #expect(file.close() == nil)
        try Self.expectFile(path, holds: data)
    }

    @Test func reservedExactlyThenWrittenWithAPatchedHeader() throws {
        let path = Self.scratch("exact.bin")
        defer { unlink(path) }
        var data = Self.pattern(2 << 20, seed: 3)
        let file = try #require(BufferedFile(creating: path))
        file.reserve(total: data.count)
        data.withUnsafeBytes { raw in
            // Pieces of every size up to the buffer's and beyond.
            var at = 0, piece = 1
            while at < raw.count {
                let n = min(piece, raw.count - at)
                file.append(UnsafeRawBufferPointer(rebasing: raw[at..<at + n]))
                at += n
                piece = piece * 3 + 1
            }
        }
        file.write([9, 9, 9, 9], at: 100)
        #expect(file.close() == nil)
        data.replaceSubrange(100..<104, with: [9, 9, 9, 9])
        #expect(try Self.contents(path).bytes == data)
    }

    @Test func smallFileIsWrittenWithoutAllocatingAhead() throws {
        let path = Self.scratch("small.bin")
        defer { unlink(path) }
        let file = try #require(BufferedFile(creating: path))
        file.reserve(total: 300)
        file.append(Self.pattern(300))
        #expect(file.close() == nil)
        #expect(try Self.contents(path).bytes == Self.pattern(300))
    }

    @Test func atomicFileWithAStatedSizeWritesThoseBytes() throws {
        let path = Self.scratch("atomic.bin")
        defer { unlink(path) }
        let data = Self.pattern(3_000_001, seed: 5)
        try AtomicFile.write(to: path, size: data.count) { emit in
            data.withUnsafeBufferPointer { all in
                _ = emit(UnsafeBufferPointer(rebasing: all[0..<1_000_000]))
                _ = emit(UnsafeBufferPointer(rebasing: all[1_000_000...]))
            }
        }
        #expect(try Self.contents(path).bytes == data)
    }

    /// Another writer extends the file (as SQLite does) while space is kept ahead of it; the
    /// file ends as written, with nothing allocated beyond its end.
    @Test func spaceKeptAheadOfAnotherWriterIsGivenBack() throws {
        let path = Self.scratch("ahead.bin")
        defer { unlink(path) }
        let writer = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        #expect(writer >= 0)
        let space = try #require(SpaceAhead(path: path))
        let piece = Self.pattern(256 << 10, seed: 9)
        var expected: [UInt8] = []
        for _ in 0..<30 {
            space.keepAhead()
            #expect(piece.withUnsafeBytes { Foundation.write(writer, $0.baseAddress, $0.count) } == piece.count)
            expected += piece
            // The size the writer sees is what it wrote, not what was allocated.
            var info = stat()
            #expect(fstat(writer, &info) == 0 && Int(info.st_size) == expected.count)
        }
        #expect(Foundation.close(writer) == 0)
        #expect(space.finish() == nil)
        try Self.expectFile(path, holds: expected)
    }

    /// A GeoPackage of a few hundred rows (space is allocated ahead after the first 64) takes the
    /// disk its pages need and no more, and reads back.
    @Test func geoPackageEndsAtItsLastPage() throws {
        let path = Self.scratch("rows.gpkg")
        defer { unlink(path) }
        let ring = (0...200).map { i in
            Coordinate(127 + cos(Double(i) * .pi / 100) * 0.1, 37 + sin(Double(i) * .pi / 100) * 0.1)
        }
        let features = (1...400).map { i in
            GeoPackageFeature(fid: Int64(i), geometry: .polygon(Polygon(exterior: ring)), values: [.text("row \(i)")])
        }
        let layer = GeoPackageLayer(name: "rows", geometryTypeName: "POLYGON",
                                    columns: [GeoPackageColumn(name: "label", declaredType: "TEXT")], features: features)
        try GeoPackageWriter.write([layer], to: path)
        let (bytes, allocated) = try Self.contents(path)
        #expect(allocated < bytes.count + (1 << 20))
        #expect(try GeoPackageReader(path: path).readLayer("rows").features.count == 400)
    }

    /// Pieces written without copying, more than one `writev` takes, empty ones among them,
    /// between buffered bytes: the file holds them all in order.
    @Test func gatheredPiecesKeepTheirOrder() throws {
        let path = Self.scratch("gathered.bin")
        defer { unlink(path) }
        let head = Self.pattern(1000, seed: 1), tail = Self.pattern(3000, seed: 2)
        let pieces: [[UInt8]] = (0..<3000).map { i in i % 7 == 3 ? [] : Self.pattern(i % 1500 + 1, seed: UInt8(i % 251)) }
        let file = try #require(BufferedFile(creating: path))
        file.append(head)
        func gather(_ i: Int, _ raws: [UnsafeRawBufferPointer]) {
            if i == pieces.count { return file.append(gathering: raws) }
            pieces[i].withUnsafeBytes { gather(i + 1, raws + [$0]) }
        }
        gather(0, [])
        file.append(tail)
        #expect(file.close() == nil)
        try Self.expectFile(path, holds: head + pieces.flatMap { $0 } + tail)
    }
}

