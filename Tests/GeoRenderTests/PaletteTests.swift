import Foundation
import Testing
@testable import GeoRender

@Suite struct PaletteTests {
    struct Brewer: Decodable {
        var kind: String
        var classes: [String: [String]]
    }
    struct Tables: Decodable {
        var colorbrewer: [String: Brewer]
        var viridis: [String]
        var cividis: [String]
    }

    @Test func literalTablesMatchReference() throws {
        let ref = try JSONDecoder().decode(Tables.self, from: TestLayers.fixture("palettes.json"))
        #expect(Set(ref.colorbrewer.keys) == Set(Palette.colorBrewerNames))
        for (name, brewer) in ref.colorbrewer {
            #expect(Palette.colorBrewer(name).kind.rawValue == brewer.kind)
            for (k, colors) in brewer.classes {
                let got = try Palette.colorBrewer(name).colors(count: Int(k) ?? 0).map(\.hex)
                #expect(got == colors, "\(name) \(k)")
            }
        }
        #expect(PaletteTables.viridis == ref.viridis)
        #expect(PaletteTables.cividis == ref.cividis)
    }

    @Test func rampsSampleBothEnds() throws {
        let v = try Palette.viridis.colors(count: 5)
        #expect(v.first?.hex == "#440154")
        #expect(v.last?.hex == "#fee825" || v.last?.hex == PaletteTables.viridis.last)
        #expect(try Palette.cividis.colors(count: 1).count == 1)
    }

    @Test func fewAndManyClasses() throws {
        #expect(try Palette.colorBrewer("Blues").colors(count: 2).map(\.hex) == ["#deebf7", "#3182bd"])
        let many = try Palette.colorBrewer("Blues").colors(count: 12)
        #expect(many.count == 12)
        #expect(many.first?.hex == "#f7fbff")
        #expect(many.last?.hex == "#08306b")
        #expect(throws: RenderError.self) { try Palette.colorBrewer("Set2").colors(count: 9) }
        #expect(throws: RenderError.self) { try Palette.colorBrewer("Nope").colors(count: 3) }
        #expect(throws: RenderError.self) { try Palette.viridis.colors(count: 0) }
    }
}
