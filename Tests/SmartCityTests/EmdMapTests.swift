import Foundation
import GeoIO
import GeoRender
import Testing
@testable import SmartCity

/// The national emd choropleth draws every emd of `korea.gpkg`, however small at 1200 px.
@Suite struct EmdMapTests {
    @Test func everyEmdIsDrawnOnceInTheMainMap() throws {
        // The emd codes with a geometry, read straight from the GeoPackage (not through the map).
        let gpkg = try GeoPackageReader(path: repositoryGeodata.appendingPathComponent("korea.gpkg").path)
        var codes = Set<String>()
        var rows = 0
        let columns = try gpkg.columns(of: "emd")
        let codeIndex = try #require(columns.firstIndex { $0.name == "code" })
        try gpkg.forEachFeature("emd") { f in
            rows += 1
            if f.geometry != nil, case .text(let c) = f.values[codeIndex] { codes.insert(c) }
        }
        #expect(rows == 5026)
        #expect(codes.count == rows)

        let map = try KoreaMaps.population(geodata: Geodata(folder: repositoryGeodata), level: .emd)
        let (svg, summary) = try MapRenderer.renderSVG(map)
        #expect(svg.utf8.count <= 2_000_000)
        // One element per emd in the main map's layer: `id="emd-<code>"` (inset copies are
        // `inset-<city>-emd-<code>`).
        var drawn: [String] = []
        var rest = Substring(svg)
        while let r = rest.range(of: " id=\"emd-") {
            let tail = rest[r.upperBound...]
            let end = try #require(tail.firstIndex(of: "\""))
            drawn.append(String(tail[..<end]))
            rest = tail[end...]
        }
        #expect(drawn.count == codes.count, "\(codes.count - Set(drawn).count) emd missing")
        #expect(Set(drawn) == codes)
        #expect(summary.featuresDrawn >= codes.count)
    }
}
