/// Finding municipalities and provinces by name.
extension KoreaAtlas {
    /// The municipalities a name designates, by code. Korean or English, case, spaces and
    /// hyphens ignored (`수원시 장안구`, `수원시장안구`, `Suwon-si Jangan-gu`, `suwonsi jangangu`).
    ///
    /// - A city with districts (`수원시`, `Suwon-si`, `천안시`) gives its districts, not the city:
    ///   the census counts people by district, and the parent-city polygons of 천안시 and 창원시
    ///   overlap their districts. Use ``municipality(code:)`` for those two polygons.
    /// - A full name (`수원시 장안구`, optionally with the sido first: `경기도 수원시 장안구`) gives
    ///   that district.
    /// - A bare district name (`장안구`, `중구`, `Jung-gu`) gives every district of that name.
    /// Empty when nothing matches.
    public func municipalities(named query: String) throws(KoreaAtlasError) -> [Municipality] {
        let all = try municipalities()
        let q = Self.normalized(query)
        guard !q.isEmpty else { return [] }
        let districts = all.filter { m in
            !m.isParentCity && (Self.normalized(m.cityKorean ?? "") == q || Self.englishCity(m).map(Self.normalized) == q)
        }
        if !districts.isEmpty { return districts }
        let full = all.filter { m in
            [m.nameKorean, m.nameEnglish, m.fullNameKorean, "\(m.sidoEnglish) \(m.nameEnglish)"].contains { Self.normalized($0) == q }
        }
        if !full.isEmpty { return full }
        return all.filter { m in
            Self.normalized(String(m.nameKorean.split(separator: " ").last ?? "")) == q
                || Self.normalized(String(m.nameEnglish.split(separator: " ").last ?? "")) == q
        }
    }

    /// The province a name designates (Korean or English, e.g. `경기도`, `Gyeonggi-do`, `Seoul`), or nil.
    public func province(named query: String) throws(KoreaAtlasError) -> Province? {
        let q = Self.normalized(query)
        return try provinces().first { Self.normalized($0.nameKorean) == q || Self.normalized($0.nameEnglish) == q }
    }

    /// Lower case without spaces, hyphens, commas and dots.
    static func normalized(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { !" -,.\t".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// `Suwon-si` for `Suwon-si Jangan-gu`; nil for a municipality that is not a city district.
    static func englishCity(_ m: Municipality) -> String? {
        guard m.cityKorean != nil else { return nil }
        let parts = m.nameEnglish.split(separator: " ")
        return parts.count == 2 ? String(parts[0]) : nil
    }
}
