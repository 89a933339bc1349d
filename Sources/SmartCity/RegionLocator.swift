/// The lookup order of ``KoreaAtlas/locate(latitude:longitude:level:)`` over loaded layers.
struct RegionLocator: Sendable {
    let level: AdministrativeLevel
    let provinces: ProvinceLayer
    let municipalities: MunicipalityLayer
    let emd: EmdLayer?
    let islets: EmdLayer

    /// The region at longitude `x`, latitude `y`, or nil.
    func locate(x: Double, y: Double) -> LocatedRegion? {
        if level == .sido, let p = provinces.index.feature(x: x, y: y) {
            let s = provinces.provinces[p]
            return LocatedRegion(level: .sido, code: s.code, sidoCode: s.code, sidoName: s.nameKorean)
        }
        if level == .emd, let emd, let e = emd.index.feature(x: x, y: y),
           let region = emdRegion(emd, e) {
            return region
        }
        if level != .emd, let m = municipalities.index.feature(x: x, y: y) {
            return trimmed(sigunguRegion(m))
        }
        if let e = islets.index.feature(x: x, y: y), let region = emdRegion(islets, e) {
            return trimmed(region)
        }
        if level == .emd, let m = municipalities.index.feature(x: x, y: y) {
            return sigunguRegion(m)
        }
        if let p = provinces.index.feature(x: x, y: y) {
            let s = provinces.provinces[p]
            return LocatedRegion(level: .sido, code: s.code, sidoCode: s.code, sidoName: s.nameKorean)
        }
        return nil
    }

    /// Only the code of ``locate(x:y:)``.
    func code(x: Double, y: Double) -> String? {
        if level == .sigungu, let m = municipalities.index.feature(x: x, y: y) {
            return municipalities.municipalities[m].code
        }
        return locate(x: x, y: y)?.code
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

    /// `region` cut down to the level asked for.
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
