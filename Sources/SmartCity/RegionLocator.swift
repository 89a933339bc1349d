import GeoIndex

/// The lookup order of ``KoreaAtlas/locate(latitude:longitude:level:)`` over loaded layers:
/// a list of stages, each a layer tried on the points the earlier stages did not place.
struct RegionLocator: Sendable {
    let level: AdministrativeLevel
    let provinces: ProvinceLayer
    let municipalities: MunicipalityLayer
    let emd: EmdLayer?
    let islets: EmdLayer
    /// The point locator of each stage's layer (no `.emd` entry below the emd level).
    let locators: [Stage: PolygonLocator]

    /// Which layer a stage searches.
    enum Stage: Hashable, Sendable { case sido, sigungu, emd, islets }

    /// A point's answer before names are attached: the stage that placed it and the feature index.
    struct Hit {
        var stage: Stage
        var feature: Int
    }

    /// The stages of each level, finest unit first where the level allows it.
    var stages: [Stage] { Self.stages(level) }

    /// The stages of `level`.
    static func stages(_ level: AdministrativeLevel) -> [Stage] {
        switch level {
        case .sido: [.sido, .sigungu, .islets]
        case .sigungu: [.sigungu, .islets, .sido]
        case .emd: [.emd, .sigungu, .islets, .sido]
        }
    }

    /// The region at longitude `x`, latitude `y`, or nil.
    func locate(x: Double, y: Double) -> LocatedRegion? {
        for stage in stages {
            if let f = locators[stage]?.feature(x: x, y: y), let region = region(Hit(stage: stage, feature: f)) {
                return region
            }
        }
        return nil
    }

    /// The answers of many points before names are attached: for each point the position in
    /// ``stages`` of the stage that placed it (-1 for none) and the feature index.
    struct Hits {
        var stage: [Int8]
        var feature: [Int32]

        /// The hit of point `i`, nil when no stage placed it.
        func hit(_ i: Int, in stages: [Stage]) -> Hit? {
            stage[i] < 0 ? nil : Hit(stage: stages[Int(stage[i])], feature: Int(feature[i]))
        }
    }

    /// The hits of many points. Non-finite positions are never placed.
    func hits(xs: [Double], ys: [Double]) -> Hits {
        let n = min(xs.count, ys.count)
        var result = Hits(stage: [Int8](repeating: -1, count: n), feature: [Int32](repeating: -1, count: n))
        var pending = (0..<Int32(n)).map { $0 }
        var found = [Int32](repeating: -1, count: n)
        let stages = self.stages
        xs.withUnsafeBufferPointer { allXs in
            ys.withUnsafeBufferPointer { allYs in
                found.withUnsafeMutableBufferPointer { found in
                    let xs = UnsafeBufferPointer(rebasing: allXs[0..<n]), ys = UnsafeBufferPointer(rebasing: allYs[0..<n])
                    for (s, stage) in stages.enumerated() where !pending.isEmpty {
                        guard let locator = locators[stage] else { continue }
                        pending.withUnsafeBufferPointer { locator.locate(xs: xs, ys: ys, indices: $0, into: found) }
                        var rest: [Int32] = []
                        rest.reserveCapacity(pending.count)
                        for k in pending {
                            let i = Int(k)
                            let f = found[i]
                            if f >= 0, isUsable(Hit(stage: stage, feature: Int(f))) {
                                result.stage[i] = Int8(s)
                                result.feature[i] = f
                            } else {
                                rest.append(k)
                            }
                        }
                        pending = rest
                    }
                }
            }
        }
        return result
    }

    /// The codes of many points (one pass, no copy of the locator per point).
    func codes(_ hits: Hits) -> [String?] {
        let stages = self.stages
        var out = [String?]()
        out.reserveCapacity(hits.stage.count)
        for i in hits.stage.indices { out.append(hits.hit(i, in: stages).map { code($0) }) }
        return out
    }

    /// The regions of many points.
    func regions(_ hits: Hits) -> [LocatedRegion?] {
        let stages = self.stages
        var out = [LocatedRegion?]()
        out.reserveCapacity(hits.stage.count)
        for i in hits.stage.indices { out.append(hits.hit(i, in: stages).flatMap { region($0) }) }
        return out
    }

    /// The legal code of a hit, at the level asked for.
    func code(_ hit: Hit) -> String {
        switch (hit.stage, level) {
        case (.sido, _): provinces.provinces[hit.feature].code
        case (.sigungu, .sido): municipalities.municipalities[hit.feature].sidoCode
        case (.sigungu, _): municipalities.codes[hit.feature]
        case (.emd, _): emd.map { $0.codes[hit.feature] } ?? ""
        case (.islets, .emd): islets.codes[hit.feature]
        case (.islets, .sigungu): islets.sigunguCodes[hit.feature]
        case (.islets, .sido): String(islets.codes[hit.feature].prefix(2))
        }
    }

    /// False for an emd-level feature whose sigungu is not in the sigungu layer.
    private func isUsable(_ hit: Hit) -> Bool {
        switch hit.stage {
        case .sido, .sigungu: true
        case .emd: emd.map { municipalities.byCode[$0.sigunguCodes[hit.feature]] != nil } ?? false
        case .islets: municipalities.byCode[islets.sigunguCodes[hit.feature]] != nil
        }
    }

    /// The region of a hit, cut down to the level asked for.
    func region(_ hit: Hit) -> LocatedRegion? {
        switch hit.stage {
        case .sido:
            let s = provinces.provinces[hit.feature]
            return LocatedRegion(level: .sido, code: s.code, sidoCode: s.code, sidoName: s.nameKorean)
        case .sigungu:
            return trimmed(sigunguRegion(hit.feature))
        case .emd:
            return emd.flatMap { emdRegion($0, hit.feature) }.map(trimmed)
        case .islets:
            return emdRegion(islets, hit.feature).map(trimmed)
        }
    }

    private func sigunguRegion(_ m: Int) -> LocatedRegion {
        let s = municipalities.municipalities[m]
        return LocatedRegion(level: .sigungu, code: s.code, sidoCode: s.sidoCode, sidoName: s.sidoKorean,
                             sigunguCode: s.code, sigunguName: s.nameKorean)
    }

    private func emdRegion(_ layer: EmdLayer, _ e: Int) -> LocatedRegion? {
        guard let m = municipalities.byCode[layer.sigunguCodes[e]] else { return nil }
        var region = sigunguRegion(m)
        region.level = .emd
        region.code = layer.codes[e]
        region.emdCode = layer.codes[e]
        region.emdName = layer.names[e]
        return region
    }

    private func trimmed(_ region: LocatedRegion) -> LocatedRegion {
        var r = region
        if level == .sido {
            r = LocatedRegion(level: .sido, code: r.sidoCode, sidoCode: r.sidoCode, sidoName: r.sidoName)
        } else if level == .sigungu && r.level == .emd {
            r.level = .sigungu
            r.code = r.sigunguCode ?? r.code
            r.emdCode = nil
            r.emdName = nil
        }
        return r
    }
}
