import Foundation
import Testing
@testable import GeoRender

@Suite struct SVGWriterTests {
    @Test func numbersAreFixedAndTrimmed() {
        let w = SVGWriter()
        for v in [0.0, 1.25, -0.05, 1234.5678, .nan, -0.0001] {
            w.number(v, decimals: 2)
            w.raw("|")
        }
        #expect(w.text == "0|1.25|-0.05|1234.57|0|0|")
    }

    @Test func escaping() {
        let w = SVGWriter()
        w.attribute("a", "<\"종로\" & 'x'>\u{1}")
        #expect(w.text == " a=\"&lt;&quot;종로&quot; &amp; &apos;x&apos;&gt;\"")
    }

    @Test func fileIsWrittenAtomically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("georender-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("map.svg").path
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        let w = try SVGWriter(path: path)
        for _ in 0..<20_000 { w.raw("0123456789") }
        try w.flushIfNeeded()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try w.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 200_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["map.svg"])
    }

    @Test func abandonLeavesTheDestination() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("georender-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("map.svg").path
        let w = try SVGWriter(path: path)
        w.raw("partial")
        w.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func unwritableDirectoryThrows() {
        #expect(throws: RenderError.self) { try SVGWriter(path: "/nonexistent-dir-georender/x.svg") }
    }
}
