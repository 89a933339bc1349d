import GeoCore
import GeoIndex
import GeoIO

/// The sido layer in memory.
struct ProvinceLayer: Sendable {
    let provinces: [Province]
}

/// The sigungu layer in memory, sorted by code.
struct MunicipalityLayer: Sendable {
    let municipalities: [Municipality]
    /// The codes alone, for the bulk path.
    let codes: [String]
    let byCode: [String: Int]
}

/// The sigungu attributes alone, sorted by code.
struct MunicipalityRecords: Sendable {
    let municipalities: [Municipality]
    let byCode: [String: Int]
}

/// An emd-level layer (the national emd, or the islets) in memory.
struct EmdLayer: Sendable {
    let codes: [String]
    let names: [String]
    let sigunguCodes: [String]
}

/// The polygons of a layer in the order of its in-memory rows, with the ranks that settle
/// overlaps; read with the layer, turned into a ``PolygonLocator`` only when a locate query
/// needs one (listing units never builds an index).
struct LayerShapes: Sendable {
    let layer: String
    let geometries: [Geometry?]
    let rank: [Int]?

    func locator() throws(KoreaAtlasError) -> PolygonLocator {
        do {
            return try PolygonLocator(geometries, rank: rank)
        } catch {
            throw .invalidGeodata("layer \(layer): \(error)")
        }
    }
}

/// Reading the layers of `korea.gpkg`.
enum KoreaAtlasLoader {
    static func read(_ file: Geodata, layer: String, geometry: Bool = true) throws(KoreaAtlasError) -> GeoPackageLayer {
        do {
            return try file.readLayer(layer, geometry: geometry)
        } catch {
            throw .unreadableGeodata(error.description)
        }
    }

    /// Typed access to the columns of one layer.
    struct Columns {
        let layer: GeoPackageLayer
        let index: [String: Int]

        init(_ layer: GeoPackageLayer, required: [String]) throws(KoreaAtlasError) {
            self.layer = layer
            var index: [String: Int] = [:]
            for (i, c) in layer.columns.enumerated() { index[c.name] = i }
            for name in required where index[name] == nil {
                throw .invalidGeodata("layer \(layer.name) has no column \(name)")
            }
            self.index = index
        }

        func text(_ row: Int, _ name: String) throws(KoreaAtlasError) -> String {
            guard let i = index[name], case .text(let s) = layer.features[row].values[i] else {
                throw .invalidGeodata("layer \(layer.name), fid \(layer.features[row].fid), column \(name): not text")
            }
            return s
        }

        func optionalText(_ row: Int, _ name: String) -> String? {
            guard let i = index[name], case .text(let s) = layer.features[row].values[i], !s.isEmpty else { return nil }
            return s
        }

        func optionalInt(_ row: Int, _ name: String) -> Int? {
            guard let i = index[name], case .integer(let v) = layer.features[row].values[i] else { return nil }
            return Int(v)
        }

        func double(_ row: Int, _ name: String) throws(KoreaAtlasError) -> Double {
            guard let i = index[name] else { throw .invalidGeodata("layer \(layer.name): no column \(name)") }
            switch layer.features[row].values[i] {
            case .real(let d): return d
            case .integer(let v): return Double(v)
            default: throw .invalidGeodata("layer \(layer.name), fid \(layer.features[row].fid), column \(name): not a number")
            }
        }
    }

    /// The sido attributes, by code.
    static func provinceRecords(_ file: Geodata) throws(KoreaAtlasError) -> [Province] {
        let layer = try read(file, layer: "sido", geometry: false)
        let (provinces, order) = try provinces(of: layer)
        return order.map { provinces[$0] }
    }

    static func provinces(_ file: Geodata) throws(KoreaAtlasError) -> (ProvinceLayer, LayerShapes) {
        let layer = try read(file, layer: "sido")
        let (out, order) = try provinces(of: layer)
        return (ProvinceLayer(provinces: order.map { out[$0] }),
                LayerShapes(layer: layer.name, geometries: order.map { layer.features[$0].geometry }, rank: nil))
    }

    /// The sido of `layer` in row order, and the row order by code.
    static func provinces(of layer: GeoPackageLayer) throws(KoreaAtlasError) -> ([Province], [Int]) {
        let c = try Columns(layer, required: ["code", "name_ko", "name_en", "population", "households", "area_km2"])
        var out: [Province] = []
        for row in layer.features.indices {
            out.append(Province(code: try c.text(row, "code"), nameKorean: try c.text(row, "name_ko"),
                                nameEnglish: try c.text(row, "name_en"), population: c.optionalInt(row, "population") ?? 0,
                                households: c.optionalInt(row, "households") ?? 0, areaKm2: try c.double(row, "area_km2")))
        }
        return (out, out.indices.sorted { out[$0].code < out[$1].code })
    }

    /// The sigungu attributes, by code.
    static func municipalityRecords(_ file: Geodata) throws(KoreaAtlasError) -> MunicipalityRecords {
        let layer = try read(file, layer: "sigungu", geometry: false)
        let (out, order) = try municipalities(of: layer)
        let sorted = order.map { out[$0] }
        var byCode: [String: Int] = [:]
        for (i, m) in sorted.enumerated() { byCode[m.code] = i }
        return MunicipalityRecords(municipalities: sorted, byCode: byCode)
    }

    static func municipalities(_ file: Geodata) throws(KoreaAtlasError) -> (MunicipalityLayer, LayerShapes) {
        let layer = try read(file, layer: "sigungu")
        let (out, order) = try municipalities(of: layer)
        let sorted = order.map { out[$0] }
        var byCode: [String: Int] = [:]
        for (i, m) in sorted.enumerated() { byCode[m.code] = i }
        // Districts win over the parent-city polygons drawn over them.
        let rank = sorted.map { $0.isParentCity ? 1 : 0 }
        return (MunicipalityLayer(municipalities: sorted, codes: sorted.map(\.code), byCode: byCode),
                LayerShapes(layer: layer.name, geometries: order.map { layer.features[$0].geometry }, rank: rank))
    }

    /// The sigungu of `layer` in row order, and the row order by code.
    static func municipalities(of layer: GeoPackageLayer) throws(KoreaAtlasError) -> ([Municipality], [Int]) {
        let c = try Columns(layer, required: ["code", "name_ko", "name_en", "sido_code", "sido_ko", "sido_en",
                                              "area_km2", "is_parent_city", "population", "households", "census_code"])
        var out: [Municipality] = []
        for row in layer.features.indices {
            out.append(Municipality(
                code: try c.text(row, "code"), nameKorean: try c.text(row, "name_ko"), nameEnglish: try c.text(row, "name_en"),
                cityKorean: c.optionalText(row, "city_ko"), sidoCode: try c.text(row, "sido_code"),
                sidoKorean: try c.text(row, "sido_ko"), sidoEnglish: try c.text(row, "sido_en"),
                censusCode: c.optionalInt(row, "census_code"), population: c.optionalInt(row, "population"),
                households: c.optionalInt(row, "households"), areaKm2: try c.double(row, "area_km2"),
                isParentCity: c.optionalInt(row, "is_parent_city") == 1))
        }
        return (out, out.indices.sorted { out[$0].code < out[$1].code })
    }

    static func emd(_ file: Geodata, layer name: String) throws(KoreaAtlasError) -> (EmdLayer, LayerShapes) {
        let layer = try read(file, layer: name)
        let c = try Columns(layer, required: ["code", "name_ko", "sigungu_code"])
        var rows: [(code: String, name: String, sigungu: String, geometry: Geometry?)] = []
        for row in layer.features.indices {
            rows.append((try c.text(row, "code"), try c.text(row, "name_ko"), try c.text(row, "sigungu_code"),
                         layer.features[row].geometry))
        }
        rows.sort { $0.code < $1.code }
        return (EmdLayer(codes: rows.map(\.code), names: rows.map(\.name), sigunguCodes: rows.map(\.sigungu)),
                LayerShapes(layer: layer.name, geometries: rows.map(\.geometry), rank: nil))
    }
}
