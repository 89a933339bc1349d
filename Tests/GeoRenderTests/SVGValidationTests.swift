import Foundation
import GeoCore
import Testing
@testable import GeoRender

/// Runs `xmllint --noout` and `rsvg-convert` (Debian packages libxml2-utils and librsvg2-bin)
/// on rendered maps when they are installed; skipped otherwise.
@Suite struct SVGValidationTests {
    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ tool: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test(.enabled(if: tool("xmllint") != nil && tool("rsvg-convert") != nil))
    func xmllintAndRsvgAcceptTheMaps() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("georender-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let layer = Layer(id: "districts", features: TestLayers.districts(),
                          style: Style(stroke: .white, strokeWidth: 0.5),
                          thematic: .choropleth(Choropleth(values: .field("pop"), classes: .numeric(.quantiles(5)),
                                                           palette: .viridis, legendTitle: "Population", legend: .gradient)),
                          labels: LabelOptions(field: "name"), dataFields: ["code", "name"])
        let maps = [
            Map(width: 500, title: "Check <&> 지도", layers: [layer]),
            Map(width: 300, title: "Empty", layers: [Layer(id: "e", features: FeatureCollection())]),
        ]
        for (i, map) in maps.enumerated() {
            let svg = dir.appendingPathComponent("m\(i).svg").path
            _ = try MapRenderer.render(map, to: svg)
            #expect(try Self.run(Self.tool("xmllint")!, ["--noout", svg]) == 0)
            let png = dir.appendingPathComponent("m\(i).png").path
            #expect(try Self.run(Self.tool("rsvg-convert")!, ["-o", png, svg]) == 0)
            let size = (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
            #expect(size > 100)
        }
    }
}
